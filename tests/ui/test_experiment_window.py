"""A long experiment record draws only its newest steps, yet every step stays reachable."""

from __future__ import annotations

import io

from rich.console import Console

from kata_tui.domain.clock import Clock
from kata_tui.domain.dates import short_date
from kata_tui.domain.demo import SCENARIOS, demo_board
from kata_tui.domain.model import Experiment, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.sections import ExperimentsSection
from kata_tui.ui.widgets.sections.body import SectionBody
from tests.conftest import TODAY
from tests.ui.conftest import AppFactory


def _record_text(record: ExperimentsSection) -> str:
    """The record's body as plain text, at the width it has on screen."""
    body = record.query_one(".section-body", SectionBody)
    out = io.StringIO()
    Console(file=out, width=max(20, body.content_size.width), color_system=None).print(body.content)
    return out.getvalue()


def _head(step: Experiment) -> str:
    """How a step's first line starts in the narrow (one block per step) layout."""
    return f"{step.number:>2}  {short_date(step.day, TODAY)}"


async def test_old_step_reachable_and_editable(
    data: DataDir, clock: Clock, make_app: AppFactory
) -> None:
    data.create(
        demo_board(SCENARIOS[0], TODAY, experiments=30), Editor("demo", Role.COACH), clock.now()
    )
    slug = data.slugs()[0]
    steps = data.load(slug).experiments_for()
    assert len(steps) > ExperimentsSection.SHOWN + 2
    first, third, newest = steps[0], steps[2], steps[-1]
    app = make_app(data, board=slug)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        record = screen.sections[-1]
        assert isinstance(record, ExperimentsSection)
        shown = _record_text(record)
        hidden = len(steps) - ExperimentsSection.SHOWN
        assert f"{hidden} earlier steps not shown" in shown
        assert _head(newest) in shown
        assert _head(first) not in shown

        await pilot.press(*["tab"] * 4)  # the record; its cursor starts on step 1
        await pilot.pause()
        assert app.focused is record
        assert _head(first) in _record_text(record)

        await pilot.press("down", "down")
        await pilot.pause()
        assert record.selected() == third
        shown = _record_text(record)
        assert _head(third) in shown and _head(first) not in shown

        await pilot.press("up", "up", "e", "tab", "tab", *" (checked)", "ctrl+s")
        await pilot.pause()
    stored = DataDir.open(data.path).load(slug)
    edited = stored.find(Experiment, first.id)
    assert edited is not None and edited.happened == first.happened + " (checked)"
    assert stored.find(Experiment, third.id) == third
