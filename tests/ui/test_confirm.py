"""ConfirmScreen: y, n and Escape, and the question shown as typed."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from kata_tui.ui.screens.confirm import ConfirmScreen
from tests.ui.screen_host import ScreenHost


@pytest.mark.parametrize(("key", "answer"), [("y", True), ("n", False), ("escape", False)])
async def test_keys_answer(key, answer):
    app = ScreenHost(lambda: ConfirmScreen("Delete nothing?"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")  # other keys do nothing
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.results == [answer]


async def test_question_is_literal():
    app = ScreenHost(lambda: ConfirmScreen("Quit [bold]now[/]?\x07"))
    async with app.run_test(size=(80, 24)):
        shown = str(app.screen.query_one("#confirm-question", Static).content)
        assert shown == "Quit [bold]now[/]?^G"


def test_snapshot_confirm(snap_compare):
    app = ScreenHost(
        lambda: ConfirmScreen("An editor has text that is not saved. Quit and lose it?")
    )
    assert snap_compare(app, terminal_size=(80, 24))
