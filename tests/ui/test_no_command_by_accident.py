"""No command by accident: a letter typed with no field focused never starts a
cycle or changes state without a visible confirmation, or can be undone at once;
an accidental cycle leaves no record.

``c`` (start a cycle) and ``w``, ``p``, ``x`` (an obstacle's status) each offer
``ctrl+z`` (in the key line, and said where the eye is), and ``ctrl+z`` puts the
board back as it was. Every other letter bound on the board and on the board
list opens a dialog or a view and writes nothing: the audit below presses them
all.
"""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input

from kata_tui.domain.codec import encode
from kata_tui.domain.model import CoachingCycle, Obstacle, ObstacleStatus, Role
from kata_tui.domain.storyboard import TABLES
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.sections import StorySection

SIZE = (80, 24)
OBSTACLES = 3
"""Tabs from the challenge to the parking lot."""


def stored(data: DataDir, slug: str = "maria"):
    return DataDir.open(data.path).load(slug)


def content(data: DataDir) -> dict[str, list[str]]:
    """Every record of every board, without what a save changes by itself (rev,
    stamp): equal before a key and after its undo."""
    out = {}
    fresh = DataDir.open(data.path)
    for slug in sorted(p.stem for p in data.path.glob("*.json")):
        story = fresh.load(slug)
        for kind, table in TABLES.items():
            rows = []
            for record in story.records(kind):
                row = encode(record)
                row.pop("rev", None)
                row.pop("stamp", None)
                rows.append(json.dumps(row, sort_keys=True))
            out[f"{slug}.{table}"] = sorted(rows)
    return out


def undo_offered(app) -> bool:
    """ctrl+z is in the key line, enabled."""
    found = app.screen.active_bindings.get("ctrl+z")
    return found is not None and found.enabled and found.binding.show


# -- c ---------------------------------------------------------------------------------


async def test_c_typed_by_accident_is_undone_at_once_and_leaves_no_record(
    demo_data, make_app, notices
):
    before = content(demo_data)
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")  # "check the bolts", typed with no field focused
        await pilot.pause()
        assert stored(demo_data).running_cycle() is not None
        assert undo_offered(app)
        assert "ctrl+z: undo" in str(app.screen.query_one("#card-status").render())
        await pilot.press(*"heck the bolts")  # lands on the card's line, unsaved
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.card.position == ""
        assert app.screen.query_one("#answer", Input).value == ""
        assert not undo_offered(app)
        assert any("no cycle recorded" in m for m in notices)
    story = stored(demo_data)
    assert story.running_cycle() is None
    assert content(demo_data) == before  # no cycle, nothing else changed either


async def test_once_the_cycle_has_an_answer_ctrl_z_no_longer_ends_it(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "enter")  # question 1: as on the board
        await pilot.pause()
        assert not undo_offered(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.card.position == "q2"
    cycle = stored(demo_data).running_cycle()
    assert cycle is not None and [a.key for a in cycle.answers] == ["q1"]


async def test_moving_the_card_keeps_the_cycle(demo_data, make_app):
    """ctrl+z takes back only what was just done: after a move the cycle is meant."""
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "pagedown")
        await pilot.pause()
        assert not undo_offered(app)
        assert "ctrl+z" not in str(app.screen.query_one("#card-status").render())
    assert isinstance(stored(demo_data).running_cycle(), CoachingCycle)


# -- w, p, x on an obstacle ----------------------------------------------------------


@pytest.mark.parametrize(
    ("moves", "key", "status"),
    [
        (2, "w", ObstacleStatus.WORKING),  # obstacle 3: working on, and 2 parked
        (1, "p", ObstacleStatus.PARKED),  # obstacle 2, worked on, parked
        (1, "x", ObstacleStatus.CLEARED),
    ],
)
async def test_an_obstacle_status_key_says_what_it_did_and_is_undone_at_once(
    demo_data, make_app, moves, key, status, notices
):
    before = content(demo_data)
    obstacle = demo_data.load("maria").obstacles_for()[moves]
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * OBSTACLES, *["down"] * moves, key)
        await pilot.pause()
        assert stored(demo_data).find(Obstacle, obstacle.id).status is status
        said = notices[-1]
        assert said.startswith(f"Obstacle {obstacle.number}: {status}")
        assert said.endswith("ctrl+z undoes it.")
        assert undo_offered(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not undo_offered(app)
    assert content(demo_data) == before


async def test_a_form_saved_by_ctrl_s_is_meant_and_offers_no_undo(demo_data, make_app, notices):
    obstacle = demo_data.load("maria").obstacles_for()[1]
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * OBSTACLES, "down", "enter")
        await pilot.pause()
        await pilot.press("end", *", all sizes", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert stored(demo_data).find(Obstacle, obstacle.id).text.endswith(", all sizes")
        assert not undo_offered(app)
        assert not any("ctrl+z" in m for m in notices)


async def test_undo_never_overwrites_what_another_session_changed_since(demo_data, make_app, clock):
    obstacle = demo_data.load("maria").obstacles_for()[2]
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*["tab"] * OBSTACLES, "down", "down", "w")
        await pilot.pause()
        mine = stored(demo_data).find(Obstacle, obstacle.id)
        theirs = mine.__class__(**{**encode_fields(mine), "text": "Bolts, all sizes"})
        demo_data.board("maria").commit([theirs], Editor("anna", Role.LEARNER), clock.now())
        app.screen.poll()  # the change is seen, as the half-second poll would
        await pilot.pause()
        assert not undo_offered(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
    now = stored(demo_data).find(Obstacle, obstacle.id)
    assert (now.text, now.status) == ("Bolts, all sizes", ObstacleStatus.WORKING)


def encode_fields(record) -> dict:
    return {name: getattr(record, name) for name in record.__slots__}


# -- the audit: every letter bound on the board and the board list ------------------


def _letters(*bindings_lists) -> list[str]:
    keys = []
    for bindings in bindings_lists:
        for binding in bindings:
            for key in binding.key.split(","):
                if len(key) == 1 and key.isalpha() and key not in keys:
                    keys.append(key)
    return keys


async def _back_to(app, pilot, kind) -> None:
    """Close whatever the letter opened (a dialog, a view) with Escape."""
    for _ in range(4):
        if isinstance(app.screen, kind):
            return
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(app.screen, kind), app.screen


async def test_no_letter_on_the_board_changes_the_record_without_an_undo(demo_data, make_app):
    """Each letter bound on the board screen or a section, pressed in each section
    with no field focused: it writes nothing, or it offers ctrl+z, which puts
    every record back."""
    before = content(demo_data)
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        for section in board.sections:
            letters = _letters(BoardScreen.BINDINGS, type(section).BINDINGS)
            for letter in letters:
                if letter == "b":
                    continue  # leaves the board: below, on the board list
                section.focus()
                await pilot.pause()
                await pilot.press(letter)
                await pilot.pause()
                if content(demo_data) != before:
                    assert isinstance(app.screen, BoardScreen), (section, letter)
                    assert undo_offered(app), (type(section).__name__, letter)
                    await pilot.press("ctrl+z")
                    await pilot.pause()
                    assert content(demo_data) == before, (type(section).__name__, letter)
                if board.follow:  # asked first; never taken by a stray letter here
                    raise AssertionError(f"{letter} entered follow mode")
                await _back_to(app, pilot, BoardScreen)
                if isinstance(app.focused, Input):
                    await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        assert all(isinstance(s, StorySection) for s in board.sections)
    assert content(demo_data) == before


async def test_no_letter_on_the_board_list_changes_a_board(demo_data, make_app):
    before = content(demo_data)
    app = make_app(demo_data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        for letter in _letters(BoardListScreen.BINDINGS):
            await pilot.press(letter)
            await pilot.pause()
            if isinstance(app.screen, BoardScreen):  # a board opened by the letter
                if content(demo_data) != before:
                    assert undo_offered(app), letter
                    await pilot.press("ctrl+z")
                    await pilot.pause()
                await pilot.press("b")
                await pilot.pause()
            await _back_to(app, pilot, BoardListScreen)
            if isinstance(app.focused, Input):
                await pilot.press("escape")
            assert content(demo_data) == before, letter
