"""``kata check`` reads the plant's card sets too: a broken one is one line with
its file and line, and the boards are still checked; a board whose card set is
not on this server is one line too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY
from tests.domain.test_card_sets import FIVE_WHYS
from tests.test_cli import kata


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def test_check_names_a_broken_card_file_and_its_line(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "cards").mkdir(parents=True)
    good = kata(home, "check", "--data", data)
    assert (good.returncode, good.stdout) == (0, "")
    bad = FIVE_WHYS.replace('[[questions]]\nkey = "why"', '[[questions]\nkey = "why"')
    (data / "cards" / "five-whys.toml").write_text(bad)
    line = FIVE_WHYS.splitlines().index('key = "why"')  # the [[questions]] above it
    result = kata(home, "check", "--data", data)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (said,) = result.stdout.splitlines()
    assert said.startswith(f"{data / 'cards' / 'five-whys.toml'}: line {line}: not valid TOML")


def test_check_names_each_board_whose_card_set_is_not_here(home: Path, tmp_path: Path) -> None:
    from kata_tui.domain.clock import Clock
    from kata_tui.domain.model import Board, Editor, Role, TargetCondition
    from kata_tui.domain.storyboard import Storyboard
    from kata_tui.store.datadir import DataDir

    data = DataDir.open(tmp_path / "data")
    for slug, card in [("ana", "coaching-kata"), ("ben", "five-whys"), ("cy", "five-whys")]:
        story = Storyboard(
            board=Board("lea", "tom", "c", card=card), targets=(TargetCondition(seq=1),)
        )
        data.create(story, Editor("tom", Role.COACH), Clock.fixed(TODAY).now(), slug=slug)
    result = kata(home, "check", "--data", data.path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{data.path / name}: the board's card set 'five-whys' (en) is not on this server"
        for name in ("ben.json", "cy.json")
    ]
    (data.path / "cards").mkdir()
    (data.path / "cards" / "five-whys.toml").write_text(FIVE_WHYS)
    again = kata(home, "check", "--data", data.path)
    assert (again.returncode, again.stdout) == (0, ""), again.stderr
