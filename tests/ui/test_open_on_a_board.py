"""``kata BOARD`` opens the board at once; the board list is built when it is left."""

from __future__ import annotations

from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.board_table import BoardTable
from tests.ui.conftest import AppFactory


def _rows(screen: BoardListScreen) -> list[str]:
    return sorted(screen.query_one("#boards", BoardTable).slugs)


async def test_leaving_the_first_board_shows_every_board(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert not any(isinstance(s, BoardListScreen) for s in app.screen_stack)
        await pilot.press("b")
        await pilot.pause()
        listed = app.screen
        assert isinstance(listed, BoardListScreen)
        assert _rows(listed) == demo_data.slugs()
        await pilot.press("enter")  # another board, then back to the same list
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("b")
        await pilot.pause()
        assert app.screen is listed
        assert _rows(listed) == demo_data.slugs()


async def test_nothing_lies_under_the_first_screen(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    """A screen under the first one repaints itself and then the whole terminal over
    it as start-up settles (a blank one did, twice: 49 KB for a 25 KB board)."""
    for board, first in (("maria", BoardScreen), (None, BoardListScreen)):
        app = make_app(demo_data, board=board)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, first)
            assert app.screen_stack == [app.screen]
            if board is None:
                await pilot.press("enter")
                await pilot.pause()
                assert isinstance(app.screen, BoardScreen)
                await pilot.press("b")
                await pilot.pause()
                assert isinstance(app.screen, BoardListScreen)
                assert app.screen_stack == [app.screen]
            else:
                await pilot.press("b")
                await pilot.pause()
                assert isinstance(app.screen, BoardListScreen)
                assert app.screen_stack == [app.screen]
                await pilot.press("b")  # nothing to go back to from the list
                await pilot.pause()
                assert app.screen_stack == [app.screen]
