"""Typed text is shown literally by every widget that shows it, each checked on its own.

Each text field of the board holds its own payload (Rich markup and an escape
sequence around a distinct tag). Each check looks inside one widget's region
of the screen for the payloads that widget shows, so markup switched on in a
single line (the obstacle row, one experiment cell, the card's context) fails
by name; counting payloads over the whole screen would miss it.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from rich.console import Console

from kata_tui.domain.model import (
    Answer,
    Board,
    CoachingCycle,
    Experiment,
    Metric,
    Obstacle,
    ObstacleStatus,
    Reading,
    Role,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.history import EntryView, HistoryScreen
from kata_tui.ui.widgets.sections import (
    ChallengeSection,
    CurrentSection,
    ExperimentsSection,
    ObstaclesSection,
    TargetSection,
)
from tests.conftest import TODAY
from tests.ui.screen_host import ScreenHost
from tests.ui.screen_text import widget_text

SIZE = (220, 60)


def payload(tag: str) -> str:
    return f"[b]{tag}[/]\x1b[7m"


def shown(tag: str) -> str:
    return f"[b]{tag}[/]^[[7m"


def _board(data: DataDir) -> None:
    p = payload
    target = TargetCondition(
        seq=1,
        achieve_by=date(2026, 12, 20),
        metrics=(Metric(p("Kmetric"), p("Kunit"), 25.0),),
        pattern=p("Kpattern"),
        actual_pattern=p("Kactual"),
    )
    obstacle = Obstacle(target.id, p("Kobstacle"), TODAY, status=ObstacleStatus.WORKING)
    step = Experiment(
        target.id,
        1,
        TODAY,
        p("Kstep"),
        expected=p("Kexpected"),
        obstacle_id=obstacle.id,
        happened=p("Khappened"),
        learned=p("Klearned"),
    )
    story = Storyboard(
        board=Board(
            p("Klearner"),
            p("Kcoach"),
            p("Kchallenge"),
            set_by=p("Ksetby"),
            focus_process=p("Kfocus"),
        ),
        targets=(target,),
        readings=(Reading(target.id, TODAY, p("Kreading"), 30.0),),
        obstacles=(obstacle,),
        experiments=(step,),
    )
    data.create(story, Editor("setup", Role.COACH), datetime(2026, 11, 22, 9, 0), slug="lea")


SECTIONS = [
    (ChallengeSection, ["Kchallenge", "Kfocus", "Ksetby", "Klearner", "Kcoach"]),
    (TargetSection, ["Kpattern", "Kmetric", "Kunit"]),
    (CurrentSection, ["Kactual", "Kreading"]),
    (ObstaclesSection, ["Kobstacle"]),
    (ExperimentsSection, ["Kstep", "Kexpected", "Khappened", "Klearned"]),
]


@pytest.mark.parametrize(
    ("section", "tag"),
    [(section, tag) for section, tags in SECTIONS for tag in tags],
    ids=[f"{section.__name__}-{tag}" for section, tags in SECTIONS for tag in tags],
)
async def test_each_storyboard_section_shows_its_fields_literally(data, make_app, section, tag):
    _board(data)
    app = make_app(data, board="lea")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = widget_text(app, app.screen.query_one(section))
        assert shown(tag) in text, text
        assert "\x1b" not in text


# The card, question by question: (question, widget id, tags it shows). The answer
# line is not prefilled with text holding a control character, so it is not here.
CARD = [
    ("q2", "#second-label", ["Kmetric"]),  # a long unit wraps out of its one line
    ("r1", "#card-context", ["Kstep"]),
    ("r2", "#card-context", ["Kexpected"]),
    ("r3", "#card-context", ["Kstep"]),
    ("r4", "#card-context", ["Khappened"]),
    ("q3", "#card-context", ["Kobstacle"]),
    ("q4", "#card-context", ["Kobstacle"]),
]


async def test_the_card_shows_each_field_literally(data, make_app):
    _board(data)
    app = make_app(data, board="lea")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        for question, widget, tags in CARD:
            for _ in range(10):
                if app.screen.card.position == question:
                    break
                await pilot.press("pagedown")
            await pilot.pause()
            assert app.screen.card.position == question
            text = widget_text(app, app.screen.query_one(widget))
            for tag in tags:
                assert shown(tag) in text, (question, widget, text)
            assert "\x1b" not in text


def _entry_text(view) -> str:
    console = Console(width=300, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(view.content)
    return captured.get()


async def test_each_history_entry_shows_its_fields_literally() -> None:
    p = payload
    target = TargetCondition(
        seq=1,
        metrics=(Metric(p("Hmetric"), p("Hunit"), 25.0),),
        pattern=p("Hpattern"),
        actual_pattern=p("Hactual"),
        status=TargetStatus.ACHIEVED,
        closed_on=TODAY,
    )
    cycle = CoachingCycle(
        target.id,
        TODAY,
        p("Hcoach"),
        p("Hlearner"),
        datetime(2026, 11, 23, 9, 0),
        ended=datetime(2026, 11, 23, 9, 20),
        second_coach=p("Hsecond"),
        answers=(Answer("q1", p("Hanswer"), p("Hby")),),
        reflection=p("Hreflection"),
        second_coach_feedback=p("Hfeedback"),
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,), cycles=(cycle,))
    app = ScreenHost(lambda: HistoryScreen(story, TODAY))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        cycle_view, target_view = list(app.screen.query(EntryView))
        shown_cycle = _entry_text(cycle_view)
        for tag in ("Hcoach", "Hlearner", "Hsecond", "Hanswer", "Hby", "Hreflection", "Hfeedback"):
            assert shown(tag) in shown_cycle, tag
        shown_target = _entry_text(target_view)
        for tag in ("Hpattern", "Hmetric", "Hunit", "Hactual"):
            assert shown(tag) in shown_target, tag
        assert "\x1b" not in shown_cycle + shown_target
