"""The experiment record's table never splits a word across two lines.

A column narrower than a word folded it ("Operator" / "s"), which reads as
two words. Each column now gets at least its longest word (up to WORD
characters) where the other columns can give the room.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from kata_tui.domain.model import Board, Experiment, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.widgets.sections import ExperimentsSection
from tests.conftest import TODAY
from tests.ui.screen_text import widget_text

TEXTS = {
    "step": "Mark the next die on the board at start of shift",
    "expected": "Operators see the next die",
    "happened": "Board filled on first shift only; changeovers",
    "learned": "Clamping is the biggest obstacle, not transport",
}


def _board(data: DataDir) -> None:
    target = TargetCondition(seq=1, pattern="Changeover in 20 min")
    steps = tuple(Experiment(target.id, n, TODAY, **TEXTS) for n in (1, 2))
    story = Storyboard(board=Board("lea", "tom", "c"), targets=(target,), experiments=steps)
    data.create(story, Editor("setup", Role.COACH), datetime(2026, 11, 22, 9, 0), slug="lea")


@pytest.mark.parametrize("width", [100, 120, 140])
async def test_every_word_is_whole_on_one_line(data, make_app, width):
    _board(data)
    app = make_app(data, board="lea")
    async with app.run_test(size=(width, 50)) as pilot:
        await pilot.pause()
        section = app.screen.query_one(ExperimentsSection)
        section.focus()  # the whole record (50 rows show every section trimmed)
        await pilot.pause()
        assert section.content_size.width >= section.TABLE  # drawn as a table
        shown = widget_text(app, section)
        cells = [cell.strip() for line in shown.splitlines() for cell in line.split("|")]
        words_shown = {word for cell in cells for word in cell.split()}
        for text in TEXTS.values():
            for word in text.split():
                assert word in words_shown, (word, shown)
