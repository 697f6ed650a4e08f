"""The dashboard's board list with many boards: keys, scrolling and the mouse."""

from __future__ import annotations

from kata_tui.domain.model import Board, Role
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.board_table import BoardTable
from tests.ui.conftest import AppFactory


def many_boards(data: DataDir, clock, n: int = 40) -> list[str]:
    editor = Editor("setup", Role.COACH)
    for i in range(n):
        data.create(
            Storyboard(board=Board(f"learner{i:02}", "tom", f"Challenge {i}")),
            editor,
            clock.now(),
            slug=f"learner{i:02}",
        )
    return sorted(f"learner{i:02}" for i in range(n))


def shown_lines(table: BoardTable) -> list[str]:
    return [
        "".join(segment.text for segment in table.render_line(y)) for y in range(table.size.height)
    ]


async def test_keys_move_the_cursor_and_keep_it_in_view(
    data: DataDir, clock, make_app: AppFactory
) -> None:
    slugs = many_boards(data, clock)
    app = make_app(data)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("s")  # sort by learner: a known order
        await pilot.pause()
        table = app.screen.query_one(BoardTable)
        assert table.slugs == slugs
        assert table.cursor_slug == slugs[0]
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_slug == slugs[-1]
        marked = [line for line in shown_lines(table) if line.startswith(" > ")]
        assert len(marked) == 1 and slugs[-1] in marked[0]
        assert "Learner" in shown_lines(table)[0]  # the header stays on top
        await pilot.press("home", "pagedown")
        await pilot.pause()
        page = table.size.height - 1
        assert table.cursor_slug == slugs[page]
        assert any(slugs[page] in line for line in shown_lines(table))
        await pilot.press("up")
        await pilot.pause()
        assert table.cursor_slug == slugs[page - 1]
        assert f"Challenge {page - 1}\n" in str(app.screen.query_one("#details").render())


async def test_a_click_picks_a_board_and_a_click_on_it_opens_it(
    data: DataDir, clock, make_app: AppFactory
) -> None:
    slugs = many_boards(data, clock, 5)
    app = make_app(data)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        table = app.screen.query_one(BoardTable)
        await pilot.click(BoardTable, offset=(10, 3))  # header, then rows 0, 1, 2
        await pilot.pause()
        assert table.cursor_slug == slugs[2]
        await pilot.click(BoardTable, offset=(10, 3))
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.story.board.learner == slugs[2]


def cursor_shown(table: BoardTable) -> bool:
    return any(line.startswith(" > ") for line in shown_lines(table)[1:])


async def test_the_cursor_row_stays_in_view_when_the_terminal_shrinks(
    data: DataDir, clock, make_app: AppFactory
) -> None:
    slugs = many_boards(data, clock, 60)
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", *["down"] * 25)
        await pilot.pause()
        table = app.screen.query_one(BoardTable)
        assert table.cursor_slug == slugs[25] and cursor_shown(table)
        await pilot.resize_terminal(80, 24)  # two lines a row now, and fewer lines
        await pilot.pause()
        assert table.row_height == 2
        assert table.cursor_slug == slugs[25] and cursor_shown(table)
        await pilot.resize_terminal(80, 14)
        await pilot.pause()
        assert cursor_shown(table)


async def test_a_narrow_terminal_scrolls_sideways_to_the_last_columns(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data)
    async with app.run_test(size=(50, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(BoardTable)
        assert "Exp" not in shown_lines(table)[0]
        for _ in range(40):
            await pilot.press("right")
        await pilot.pause()
        header = shown_lines(table)[0]
        assert header.rstrip().endswith("Exp")
        assert len(header) == table.size.width
