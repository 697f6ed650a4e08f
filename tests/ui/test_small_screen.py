"""60x20: one pane at a time on the board, switched with one key; the list fits."""

from __future__ import annotations

from kata_tui.store.datadir import DataDir
from kata_tui.ui.widgets.card import KataCard
from tests.ui.conftest import AppFactory


def _shown(app) -> str:
    screen = app.screen
    card = screen.query_one(KataCard)
    story = screen.query_one("#storyboard")
    if card.display and not story.display:
        assert card.region.width >= 56
        return "card"
    if story.display and not card.display:
        assert story.region.width >= 56
        return "storyboard"
    return "both"


async def test_at_60_columns_v_switches_storyboard_and_card(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert _shown(app) == "storyboard"
        await pilot.press("v")
        await pilot.pause()
        assert _shown(app) == "card"
        await pilot.press("v")
        await pilot.pause()
        assert _shown(app) == "storyboard"
        await pilot.press("c")  # a cycle: the card, where the answers are typed
        await pilot.pause()
        assert _shown(app) == "card"
        await pilot.press("escape")  # to the storyboard, as at any size
        await pilot.pause()
        assert _shown(app) == "storyboard"


async def test_at_80_columns_both_panes_show(demo_data: DataDir, make_app: AppFactory) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _shown(app) == "both"
        await pilot.press("v")
        await pilot.pause()
        assert _shown(app) == "both"


def test_snapshot_board_60x20(snap_compare, demo_data, make_app) -> None:
    assert snap_compare(make_app(demo_data, board="maria"), terminal_size=(60, 20))


def test_snapshot_board_card_60x20(snap_compare, demo_data, make_app) -> None:
    app = make_app(demo_data, board="maria")
    assert snap_compare(app, terminal_size=(60, 20), press=["c", "pagedown"])


def test_snapshot_board_list_60x20(snap_compare, demo_data, make_app) -> None:
    assert snap_compare(make_app(demo_data), terminal_size=(60, 20))


async def test_the_board_list_fits_60_columns_without_sideways_scrolling(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    from kata_tui.ui.widgets.board_table import BoardTable

    app = make_app(demo_data)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#boards", BoardTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert "Learner" in str(table.columns[0].title)
