"""``kata check`` reads the plant's card sets too: a broken one is one line with
its file and line, and the boards are still checked."""

from __future__ import annotations

from pathlib import Path

import pytest

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
