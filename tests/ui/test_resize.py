"""Terminal sizes: the board's wide layout from the first paint and on resize, and no
layout pass for a size report that changes nothing."""

from __future__ import annotations

import gc

from textual import events
from textual.screen import Screen

from kata_tui.store.datadir import DataDir
from kata_tui.ui.app import GC_AFTER_START
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.board_table import BoardTable
from tests.ui.conftest import AppFactory


def card_width(app) -> int:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen.card.outer_size.width


def count_layouts(screen: Screen[object]) -> list[int]:
    layouts = [0]

    def laid_out(_screen: Screen[object]) -> None:
        layouts[0] += 1

    screen.screen_layout_refresh_signal.subscribe(screen, laid_out)
    return layouts


async def test_a_wide_terminal_opens_the_board_with_the_wide_card(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-wide")
        assert card_width(app) == 46


async def test_board_widens_and_narrows_with_the_terminal(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert card_width(app) == 38
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        assert app.screen.has_class("-wide")
        assert card_width(app) == 46
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("-wide")
        assert card_width(app) == 38


async def test_a_size_report_that_changes_nothing_lays_nothing_out(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        layouts = count_layouts(app.screen)
        app.post_message(events.Resize(app.size, app.size))
        await pilot.pause()
        await pilot.pause()
        assert layouts[0] == 0
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert layouts[0] >= 1
        assert app.screen.outer_size.width == 90


async def test_the_board_list_relays_its_columns_on_resize(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#boards", BoardTable)
        assert "target" not in table.column_keys
        assert table.row_height == 2  # challenge over target
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert "target" in table.column_keys
        assert table.row_height == 1


async def test_garbage_collection_comes_back_on_once_started(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    """``kata`` starts the app with cyclic collection off (cli._run_app)."""
    gc.disable()
    try:
        app = make_app(demo_data, board="maria")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not gc.isenabled()
            await pilot.pause(GC_AFTER_START + 0.3)
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
