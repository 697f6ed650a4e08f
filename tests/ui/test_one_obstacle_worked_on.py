"""At most one obstacle is "working on", after every way the screen changes a status.

The domain rule (``set_obstacle_status``) has its own tests; these drive each
UI path by keys (the w, p and x keys, the obstacle form when editing and
adding, and question 3 on the card) and check after each one both what the
parking lot shows (the working mark on at most one row) and what was saved.
"""

from __future__ import annotations

import re
from datetime import datetime

from kata_tui.domain.model import (
    Board,
    Experiment,
    Obstacle,
    ObstacleStatus,
    Role,
    TargetCondition,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.sections import ObstaclesSection
from tests.conftest import TODAY
from tests.ui.screen_text import widget_text

SIZE = (120, 50)  # the whole parking lot on screen
TEXTS = ("Dies arrive late", "Shims missing", "Torque tool shared")


def _board(data: DataDir) -> None:
    target = TargetCondition(seq=1, pattern="Changeover in 20 min")
    obstacles = tuple(
        Obstacle(
            target.id,
            text,
            TODAY,
            status=ObstacleStatus.WORKING if n == 0 else ObstacleStatus.PARKED,
        )
        for n, text in enumerate(TEXTS)
    )
    step = Experiment(target.id, 1, TODAY, "Stage the die", "Saves 5 min", obstacles[0].id)
    story = Storyboard(
        board=Board("lea", "tom", "Changeover under 10 min"),
        targets=(target,),
        obstacles=obstacles,
        experiments=(step,),
    )
    data.create(story, Editor("setup", Role.COACH), datetime(2026, 11, 22, 9, 0), slug="lea")


def _shown_working(app) -> list[str]:
    """The parking-lot rows drawn with the working mark, as the screen shows them."""
    rows = widget_text(app, app.screen.query_one(ObstaclesSection)).splitlines()
    return [m.group(1) for row in rows if (m := re.search(r"\*\s*\d+\.\s+(.*?)\s+\(", row))]


def _check(app, data: DataDir, working: str | None) -> None:
    """At most one obstacle worked on, on screen and on disk, and it is ``working``."""
    story = DataDir.open(data.path).load("lea")
    saved = [o.text for o in story.obstacles_for() if o.status is ObstacleStatus.WORKING]
    assert saved == ([working] if working else [])
    assert _shown_working(app) == saved


def _number(data: DataDir, text: str) -> int:
    """The obstacle's number in the parking lot (the order the board shows)."""
    story = DataDir.open(data.path).load("lea")
    return 1 + [o.text for o in story.obstacles_for()].index(text)


async def _select(pilot, data: DataDir, text: str) -> None:
    """Put the parking lot's cursor on the obstacle ``text``."""
    await pilot.press(*["up"] * 6, *["down"] * (_number(data, text) - 1))


async def _parking_lot(pilot) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, BoardScreen)
    await pilot.press("tab", "tab", "tab")
    assert isinstance(pilot.app.focused, ObstaclesSection)


async def test_the_w_p_and_x_keys(data, make_app):
    _board(data)
    app = make_app(data, board="lea")
    async with app.run_test(size=SIZE) as pilot:
        await _parking_lot(pilot)
        _check(app, data, TEXTS[0])
        for text in (TEXTS[2], TEXTS[1], TEXTS[0]):
            await _select(pilot, data, text)
            await pilot.press("w")
            await pilot.pause()
            _check(app, data, text)
        await pilot.press("w")  # again on the one worked on
        await pilot.pause()
        _check(app, data, TEXTS[0])
        await pilot.press("p")
        await pilot.pause()
        _check(app, data, None)
        await _select(pilot, data, TEXTS[1])
        await pilot.press("w")
        await _select(pilot, data, TEXTS[2])
        await pilot.press("x")
        await pilot.pause()
        _check(app, data, TEXTS[1])


async def test_the_obstacle_form_when_editing(data, make_app):
    _board(data)
    app = make_app(data, board="lea")
    async with app.run_test(size=SIZE) as pilot:
        await _parking_lot(pilot)
        for text in (TEXTS[1], TEXTS[2]):
            await _select(pilot, data, text)
            await pilot.press("e", "tab", "tab", "ctrl+u", *"working on", "ctrl+s")
            await pilot.pause()
            _check(app, data, text)


async def test_the_obstacle_form_when_adding(data, make_app):
    _board(data)
    app = make_app(data, board="lea")
    async with app.run_test(size=SIZE) as pilot:
        await _parking_lot(pilot)
        await pilot.press("a", *"Crane busy", "enter", "enter", "ctrl+u", *"working on", "enter")
        await pilot.pause()
        _check(app, data, "Crane busy")


async def _to_question_3(pilot) -> None:
    for _ in range(10):
        if pilot.app.screen.card.position == "q3":
            return
        await pilot.press("pagedown")
    raise AssertionError("question 3 not reached")


async def test_question_3_on_the_card(data, make_app):
    _board(data)
    app = make_app(data, board="lea")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await _to_question_3(pilot)
        await pilot.press(*str(_number(data, TEXTS[1])), "enter")  # work on it by number
        await pilot.pause()
        _check(app, data, TEXTS[1])
        await _to_question_3_again(pilot)
        await pilot.press(*"work Crane busy", "enter")  # add one and work on it
        await pilot.pause()
        _check(app, data, "Crane busy")
        await _to_question_3_again(pilot)
        await pilot.press(*"Forklift late", "enter")  # added parked: one is worked on
        await pilot.pause()
        _check(app, data, "Crane busy")
        await _to_question_3_again(pilot)
        await pilot.press(*f"park {_number(data, 'Crane busy')}", "enter")
        await pilot.pause()
        _check(app, data, None)
        await _to_question_3_again(pilot)
        await pilot.press(*"Nobody trained", "enter")  # none worked on: this one is
        await pilot.pause()
        _check(app, data, "Nobody trained")


async def _to_question_3_again(pilot) -> None:
    await pilot.press("pageup")
    assert pilot.app.screen.card.position == "q3"
