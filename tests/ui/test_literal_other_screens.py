"""Typed text is shown literally on the screens beyond the board: each widget on its own.

tests/ui/test_literal_per_widget.py checks the storyboard's sections, the
card and history; these check the board list (its table and the lines under
it), the learnings list and the process analysis screen, each widget by its
own region of the screen, with a payload of Rich markup and an escape
sequence around a tag naming the field.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kata_tui.domain.history import learnings
from kata_tui.domain.model import (
    BEFORE_FIRST_TARGET,
    Board,
    Experiment,
    Reading,
    Role,
    TargetCondition,
)
from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.learnings import LearningsScreen
from kata_tui.ui.screens.process_analysis import ProcessAnalysisScreen
from tests.conftest import TODAY
from tests.ui.screen_host import ScreenHost
from tests.ui.screen_text import widget_text
from tests.ui.test_literal_per_widget import payload, shown

SIZE = (220, 60)
SETUP = Editor("setup", Role.COACH)
AT = datetime(2026, 11, 22, 9, 0)


def _listed(data: DataDir) -> Storyboard:
    p = payload
    target = TargetCondition(seq=1, pattern=p("Lpattern"), achieve_by=date(2026, 12, 20))
    step = Experiment(target.id, 1, TODAY, p("Lstep"), "e", happened="h", learned=p("Llearned"))
    story = Storyboard(
        board=Board(p("Llearner"), p("Lcoach"), p("Lchallenge")),
        targets=(target,),
        experiments=(step,),
    )
    data.create(story, SETUP, AT, slug="lea")
    return data.load("lea")


@pytest.mark.parametrize(
    ("widget", "tags"),
    [
        # the learner and coach columns are narrow: their cells are cut, still literal
        ("#boards", ["[b]Llearn", "[b]Lcoa", shown("Lchallenge"), shown("Lpattern")]),
        ("#details", [shown("Lpattern")]),
    ],
)
async def test_the_board_list_shows_each_field_literally(data, make_app, widget, tags):
    _listed(data)
    app = make_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = widget_text(app, app.screen.query_one(widget))
        for tag in tags:
            assert tag in text, (tag, text)
        assert "\x1b" not in text


async def test_the_learnings_list_shows_each_field_literally(data) -> None:
    story = _listed(data)
    app = ScreenHost(lambda: LearningsScreen(learnings(story), title="What we learned"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = widget_text(app, app.screen.query_one("#learnings-list"))
        for tag in ("Llearned", "Lstep"):
            assert shown(tag) in text, (tag, text)
        assert "\x1b" not in text


def _grasping(data: DataDir) -> None:
    p = payload
    step = ProcessStep(TODAY, 1, p("Astep"), p("Awaits"), 30.0)
    at = datetime(2026, 11, 23, 9, 0)
    seen = Observation(
        TODAY,
        p("Awhat"),
        at,
        step_id=step.id,
        marks=(Mark(31.5, at.replace(minute=1), p("Anote")),),
    )
    story = Storyboard(
        board=Board("lea", "tom", "c"),
        demand=(Demand(TODAY, 480.0, 450.0, 30.0, p("Aperiod")),),
        steps=(step,),
        observations=(seen,),
        readings=(Reading(BEFORE_FIRST_TARGET, TODAY, p("Ametric"), 41.0, seq=1),),
    )
    data.create(story, SETUP, AT, slug="lea")


@pytest.mark.parametrize(
    ("widget", "tags"),
    [
        ("#analysis-demand", ["Aperiod"]),
        ("#analysis-steps", ["Astep", "Awaits"]),
        ("#analysis-diagram", ["Astep", "Awaits"]),
        ("#analysis-observed", ["Awhat"]),  # the notes are counted there, not shown
        ("#analysis-baseline", ["Ametric"]),
    ],
)
async def test_the_process_analysis_shows_each_field_literally(data, make_app, widget, tags):
    _grasping(data)
    app = make_app(data, board="lea")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ProcessAnalysisScreen)
        text = widget_text(app, app.screen.query_one(widget))
        for tag in tags:
            assert shown(tag) in text, (tag, text)
        assert "\x1b" not in text


async def test_the_conflict_dialog_shows_both_versions_and_who_literally(demo_data, clock):
    """Both versions of a field, and the other editor's name, as typed."""
    from dataclasses import replace as changed

    from kata_tui.store.errors import ConflictError
    from kata_tui.store.session import BoardSession
    from kata_tui.ui.screens.conflict import ConflictScreen

    theirs = BoardSession(demo_data, "maria", Editor(payload("Cwho"), Role.COACH), clock)
    mine = BoardSession(demo_data, "maria", Editor("maria", Role.LEARNER), clock)
    step = mine.story.threshold()
    theirs.save(changed(step, happened=payload("Ctheirs")))
    with pytest.raises(ConflictError) as caught:
        mine.save(changed(step, happened=payload("Cmine")))
    app = ScreenHost(lambda: ConflictScreen(caught.value))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = widget_text(app, app.screen.query_one("#conflict-title"))
        table = widget_text(app, app.screen.query_one("#conflict-table"))
        assert shown("Cwho") in title, title
        for tag in ("Cmine", "Ctheirs"):
            assert shown(tag) in table, (tag, table)
        assert "\x1b" not in title + table
