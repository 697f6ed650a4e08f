"""Notices never cover what a person is typing into, nor a dialog's hints."""

from __future__ import annotations

import pytest

from kata_tui.store.datadir import DataDir
from tests.ui.conftest import AppFactory

TOAST = "Toast"
"""Textual's notice widget, found by its type name: the class lives in a private module."""


def _covered(app, *selectors: str) -> list[str]:
    """The selectors (and the focused widget) a visible toast overlaps."""
    screen = app.screen
    targets = [("focused", app.focused.region)] if app.focused is not None else []
    targets += [(s, screen.query_one(s).region) for s in selectors]
    toasts = [t.region for t in screen.query(TOAST)]
    assert toasts, "no toast shown"
    return [name for name, region in targets for toast in toasts if toast.overlaps(region)]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_toasts_leave_a_form_field_and_its_hints_clear(
    demo_data: DataDir, make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        for n in range(3):
            app.notify(f"Saved step {n}, a notice long enough to wrap onto a second line")
        await pilot.press("e")  # the focused section's form, over the notices
        await pilot.pause()
        for n in range(3):
            app.notify(f"Another notice {n} while the form is open, long enough to wrap")
        await pilot.pause()
        assert _covered(app, "#form-hint") == []
        assert len(app.screen.query(TOAST)) == 1  # one notice at a time over a dialog


async def test_toasts_leave_the_answer_line_clear(demo_data: DataDir, make_app: AppFactory) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("c")
        await pilot.pause()
        for n in range(3):
            app.notify(f"Notice {n}, long enough to take a second line in the toast box")
        await pilot.pause()
        assert _covered(app) == []
