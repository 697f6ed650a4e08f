"""``kata check`` names each board whose card set this server does not have (or
cannot use), one line a board, and refuses a board whose card set or language is
not a name at all: a board moved here from another plant runs its next cycle on
a set that must be here first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kata_tui.domain.model import Board, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.datadir import DataDir
from tests.domain.test_card_sets import FIVE_WHYS


def make(data: DataDir, editor, clock, slug: str, card: str, language: str = "en") -> Path:
    board = Board("lea", "tom", "Ship on time", card=card, card_language=language)
    data.create(
        Storyboard(board=board, targets=(TargetCondition(seq=1),)), editor, clock.now(), slug=slug
    )
    return data.path / f"{slug}.json"


def said(data: DataDir) -> list[tuple[str, str]]:
    return [(p.path.name, p.message) for p in DataDir(data.path).check(workers=1)]


def test_a_board_on_a_set_this_server_lacks_is_named_once(data, editor, clock) -> None:
    make(data, editor, clock, "ana", "coaching-kata", "de")  # shipped
    make(data, editor, clock, "ben", "five-whys")
    make(data, editor, clock, "cy", "five-whys")
    make(data, editor, clock, "dan", "coaching-kata", "it")  # no Italian card here
    make(data, editor, clock, "eve", "twi-job-relations")
    assert said(data) == [
        ("ben.json", "the board's card set 'five-whys' (en) is not on this server"),
        ("cy.json", "the board's card set 'five-whys' (en) is not on this server"),
        ("dan.json", "the board's card set 'coaching-kata' (it) is not on this server"),
    ]
    (data.path / "cards").mkdir()
    (data.path / "cards" / "five-whys.toml").write_text(FIVE_WHYS)
    assert said(data) == [
        ("dan.json", "the board's card set 'coaching-kata' (it) is not on this server"),
    ]


def test_the_check_in_worker_processes_says_the_same(data, editor, clock) -> None:
    make(data, editor, clock, "ben", "five-whys")
    make(data, editor, clock, "eve", "coaching-kata")
    problems = DataDir(data.path).check(workers=2)
    assert [(p.path.name, p.message) for p in problems] == [
        ("ben.json", "the board's card set 'five-whys' (en) is not on this server"),
    ]


def test_a_board_on_a_broken_set_names_the_file_and_line(data, editor, clock) -> None:
    make(data, editor, clock, "ben", "five-whys")
    (data.path / "cards").mkdir()
    path = data.path / "cards" / "five-whys.toml"
    path.write_text(FIVE_WHYS.replace('lands = "obstacle"', 'lands = "obstacles"'))
    problems = said(data)
    assert problems[0][0] == "ben.json"
    assert problems[0][1].startswith(
        f"the board's card set 'five-whys' (en) cannot be used: {path}:"
    )
    line = FIVE_WHYS.splitlines().index('lands = "obstacle"') + 1
    assert f"{path}:{line}: question 2 ('why'): lands 'obstacles'" in problems[0][1]
    assert problems[1] == ("five-whys.toml", problems[1][1])  # and the file itself
    assert problems[1][1].startswith(f"line {line}: question 2")


@pytest.mark.parametrize(
    ("field", "card", "language", "message"),
    [
        ("card", "Five Whys!", "en", "board[0].card: 'Five Whys!' is not a card set name"),
        ("card", "", "en", "board[0].card: '' is not a card set name"),
        (
            "card_language",
            "five-whys",
            "English",
            "board[0].card_language: 'English' is not a language code",
        ),
        ("card_language", "five-whys", "", "board[0].card_language: '' is not a language code"),
    ],
)
def test_a_card_or_language_that_is_not_a_name_is_refused(
    data, editor, clock, field, card, language, message
) -> None:
    path = make(data, editor, clock, "ben", "coaching-kata")
    key = r'"card":\s*"coaching-kata"' if field == "card" else r'"card_language":\s*"en"'
    new = f'"card": "{card}"' if field == "card" else f'"card_language": "{language}"'
    text, count = re.subn(key, new, path.read_text())
    assert count == 1
    path.write_text(text)
    ((name, problem),) = said(data)
    assert name == "ben.json"
    assert message in problem
