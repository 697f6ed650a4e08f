"""A board moved to a server that lacks a cycle's card set still exports whole."""

from __future__ import annotations

from kata_tui.export.formats import render
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.export.test_card_sets_carried import two_cycles


def test_answers_on_a_card_set_this_server_lacks_show_under_their_keys(data: DataDir) -> None:
    assert not (data.path / "cards").exists()  # five-whys is not here
    markdown = render(two_cycles(), "md", today=TODAY, cards=data.cards.find)
    assert "- Card: five-whys (five-whys v3 (en))" in markdown  # its name, for want of a title
    assert "| problem | Orders leave late |" in markdown  # the answer, under its key
    assert "- Card: Coaching-Kata: die fünf Fragen (coaching-kata v1 (de))" in markdown
