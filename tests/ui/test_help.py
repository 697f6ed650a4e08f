"""The help screen lists the live keys of the screen below it, and the card."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.screens.help import HelpScreen
from tests.domain.test_card import ASKED_IN_ORDER


def shown(app, selector: str) -> str:
    """What a Static holds, as plain text at the width it has on screen."""
    widget = app.screen.query_one(selector, Static)
    console = Console(width=widget.size.width or 76, file=io.StringIO(), record=True)
    console.print(widget.content)
    return " ".join(console.export_text().split())


class ToolScreen(Screen[None]):
    BINDINGS = [
        Binding("z", "zap", "Zap the widget"),
        Binding("ctrl+b", "bounce", "Bounce", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("tools")
        yield Footer()

    def action_zap(self) -> None:
        pass

    def action_bounce(self) -> None:
        pass


async def test_lists_the_keys_of_the_screen_below(data, make_app):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ToolScreen())
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = shown(app, "#help-keys")
        assert "z Zap the widget" in keys
        assert "^b Bounce" in keys  # hidden from the footer, still listed
        assert "^q Quit" in keys and "? Help" in keys  # the app's own
        assert "New board" not in keys  # the picker's keys are not active here
        assert keys.index("This screen") < keys.index("Everywhere")


PICKER_KEYS = [
    "n New board",
    "/ Filter",
    "s Sort by",
    "l What we learned, all boards listed",
    "C Coach filter",
    "L Learner filter",
    "? Help",
    "f Follow (read-only)",
    "S Reverse",
    "f5 Reload",
    "Enter Open board",
]
"""What the board list's help must list, written out (not read from its BINDINGS)."""


async def test_lists_picker_keys_and_the_card(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        keys = shown(app, "#help-keys")
        for entry in PICKER_KEYS:
            assert entry in keys
        assert "Clear filters" not in keys  # nothing filtered: not possible now
        assert "Restore broken board" not in keys  # no broken board
        card = shown(app, "#help-card")
        assert card == " ".join(
            [
                "Coaching Kata: the five questions",
                *(f"{label} {text}" for label, text in ASKED_IN_ORDER[:2]),
                "Reflect on the last step taken:",
                *(f"{label} {text}" for label, text in ASKED_IN_ORDER[2:]),
                "after Mike Rother, Toyota Kata",
            ]
        )


async def test_escape_and_question_mark_close(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("escape", "question_mark"):
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, BoardListScreen)


def test_snapshot_help(snap_compare, demo_data, make_app):
    assert snap_compare(make_app(demo_data), terminal_size=(80, 24), press=["question_mark"])


async def test_screen_keys_are_in_the_command_palette(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("New board", "Sort by", "Coach filter", "Help"):
            assert titles.count(wanted) == 1
        await pilot.press("ctrl+p", *"new board")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "New storyboard"
