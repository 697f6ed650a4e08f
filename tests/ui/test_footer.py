"""The key line: what it shows at 80 columns, how it follows focus, and the mouse on it."""

from __future__ import annotations

from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.footer import Footer, FooterKey, place
from tests.ui.conftest import AppFactory


def footer_text(app) -> str:
    footer = app.screen.query_one(Footer)
    return "".join(segment.text for segment in footer.render_line(0))


def key(display: str, description: str) -> FooterKey:
    return FooterKey(display.lower(), display, description, True, description)


async def test_board_keys_fit_80_columns_whole_with_the_palette_right(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = footer_text(app)
        assert len(line) == 80
        assert line.startswith("e Edit c Cycle z Whole board h History")
        assert line.endswith("b Boards ^p palette")  # the way out, always shown
        # the next key would not fit whole: it is left out, not cut
        assert "? Help " in line
        assert "X Exp" not in line


async def test_keys_follow_focus_into_the_answer_line_and_back(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Esc Board" not in footer_text(app)
        await pilot.press("c")
        await pilot.pause()
        # just after c, its undo comes first (Esc Board gives way); gone once the card moves
        assert footer_text(app).startswith("^z Undo PgUp Prev PgDn Next ^t End cycle")
        await pilot.press("pagedown", "pageup")
        await pilot.pause()
        assert footer_text(app).startswith("PgUp Prev PgDn Next ^t End cycle")
        assert "Esc Board" in footer_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert footer_text(app).startswith("e Edit PgUp Prev")  # the section's keys first
        assert "Esc Board" not in footer_text(app)


async def test_a_click_on_a_key_presses_it_and_hovering_names_it(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        x = footer_text(app).index("c Cycle")
        await pilot.hover(Footer, offset=(x + 2, 0))
        assert app.screen.query_one(Footer).tooltip == "Start a coaching cycle"
        assert not screen.card.position
        await pilot.click(Footer, offset=(x + 2, 0))
        await pilot.pause()
        assert screen.card.position  # the cycle started, on its first question


def test_keys_that_do_not_fit_are_left_out_whole() -> None:
    keys = (key("a", "Alpha"), key("b", "Beta"), key("c", "Gamma"))
    palette = key("^p", "palette")
    placed, right = place(keys, palette, 30)
    assert [spot.item.display for spot in placed] == ["a", "b"]
    assert [spot.x for spot in placed] == [0, 8]
    assert right is not None and right.x == 30 - len("^p palette")
    placed, right = place(keys, None, 23)
    assert [spot.item.display for spot in placed] == ["a", "b", "c"]
    placed, right = place(keys, palette, 5)
    assert placed == [] and right is None


async def test_follow_toggles_the_edit_keys_of_the_focused_section(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert footer_text(app).startswith("e Edit c Cycle")
        await pilot.press("f", "y")  # following asks first
        await pilot.pause()
        assert "e Edit" not in footer_text(app) and "c Cycle" not in footer_text(app)
        assert all(section.read_only for section in app.screen.sections)
        assert app.screen.card.read_only
        await pilot.press("f")
        await pilot.pause()
        assert footer_text(app).startswith("e Edit c Cycle")
        assert not any(section.read_only for section in app.screen.sections)


async def test_every_screen_shows_how_to_leave_it_at_80_columns(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    """The way out is always on the key line, at its right end, before the palette."""
    from tests.ui.test_terminals import TOUR

    leave = {
        "board list": "^q Quit",
        "new board form": "esc Cancel",
        "board": "b Boards",
        "close target dialog": "esc Cancel",
        "stopwatch": "Esc Back",
        "process analysis": "Esc Back",
        "running cycle": "^q Quit",  # b types into the answer; Esc goes to the board
        "history": "esc Back",
        "learnings": "esc Back",
        "export dialog": "esc Close",
        "edit form": "esc Cancel",
    }
    app = make_app(demo_data)
    keys = {"\r": "enter", "\x1b": "escape", "?": "question_mark", "X": "X"}
    async with app.run_test(size=(80, 24)) as pilot:
        for name, sent, _marker in TOUR:
            if sent:
                await pilot.press(keys.get(sent, sent))
            await pilot.pause()
            await pilot.pause()
            if name == "help":  # a dialog with no key line: its hint line says it
                assert "Escape or ? closes" in str(app.screen.query_one("#help-hint").render())
                continue
            line = footer_text(app)
            if name in leave:
                assert line.rstrip().endswith(
                    f"{leave[name]} ^p palette"
                ) or line.rstrip().endswith(leave[name]), f"{name}: {line!r}"
