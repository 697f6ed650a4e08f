import io
from datetime import date

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.history import EntryView, HistoryScreen
from tests.conftest import TODAY
from tests.ui.screen_host import ScreenHost
from tests.ui.screen_text import widget_text


@pytest.fixture
def maria(demo_data: DataDir) -> Storyboard:
    return demo_data.load("maria")


def host(story: Storyboard, today: date = TODAY) -> ScreenHost:
    return ScreenHost(lambda: HistoryScreen(story, today))


def plain(view: EntryView) -> str:
    console = Console(width=78, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(view.content)
    return captured.get()


def status(app: ScreenHost) -> str:
    return str(app.screen.query_one("#history-status", Static).render())


def shown(app: ScreenHost) -> list[EntryView]:
    return [v for v in app.screen.query(EntryView) if v.display]


async def test_history_lists_cycles_and_reached_targets_oldest_first(maria) -> None:
    app = host(maria)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        views = shown(app)
        assert len(views) == len(maria.cycles) + 1
        reached = [i for i, v in enumerate(views) if v.entry.title.startswith("Target condition")]
        assert [views[i].entry.title[:28] for i in reached] == ["Target condition 1 achieved "]
        first = maria.targets_in_order()[0]
        assert reached[0] == sum(c.target_id == first.id for c in maria.cycles)
        days = [v.entry.day for v in views]
        assert days == sorted(days)
        assert status(app).startswith(
            f"{len(maria.cycles)} coaching cycles, 1 target condition reached"
        )


async def test_search_filters_and_n_steps_through_matches(maria) -> None:
    app = host(maria)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"shims", "enter")
        await pilot.pause()
        views = shown(app)
        assert views and all("shims" in v.entry.text().lower() for v in views)
        assert len(views) < len(maria.cycles) + 1
        assert status(app).startswith(f"{len(views)} of {len(maria.cycles) + 1} entries match")
        current = [v for v in views if v.has_class("-current")]
        assert current == [views[0]]
        assert plain(views[0]).startswith("> ")
        assert plain(views[1]).startswith("  ")
        await pilot.press("n")
        assert [v for v in views if v.has_class("-current")] == [views[1 % len(views)]]
        await pilot.press("N", "N")
        assert [v for v in views if v.has_class("-current")] == [views[-1]]
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown(app)) == len(maria.cycles) + 1
        assert not app.screen.query_one(Input).display
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_search_with_nothing_found_says_so(maria) -> None:
    app = host(maria)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zebra", "enter", "n")
        await pilot.pause()
        assert shown(app) == []
        assert status(app).startswith("0 of")


async def test_markup_in_answers_is_shown_as_typed(maria) -> None:
    from dataclasses import replace

    from kata_tui.domain.model import Answer

    cycle = maria.cycles_in_order()[-1]
    odd = replace(cycle, answers=(Answer("q1", "[bold]x[/bold] \x1b[31m"),))
    app = host(maria.with_record(odd))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "      [bold]x[/bold] ^[[31m" in [
            line.rstrip() for line in plain(shown(app)[-1]).splitlines()
        ]


def test_snapshot_history_80x24(snap_compare, demo_data) -> None:
    assert snap_compare(host(demo_data.load("maria")), terminal_size=(80, 24))


def test_snapshot_history_search_80x24(snap_compare, demo_data) -> None:
    assert snap_compare(
        host(demo_data.load("maria")),
        terminal_size=(80, 24),
        press=["slash", *"clamp", "enter", "n"],
    )


def test_snapshot_history_large(snap_compare, demo_data) -> None:
    assert snap_compare(host(demo_data.load("jonas")), terminal_size=(120, 40))


@pytest.mark.parametrize(("width", "cut"), [(80, True), (200, False)])
async def test_a_long_heading_is_cut_with_the_mark_never_silently(maria, width, cut) -> None:
    app = host(maria)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        heading = app.screen.query_one("#history-heading")
        text = widget_text(app, heading).strip()
        board = maria.board
        whole = f"History of {board.learner}'s board (coach {board.coach}): {board.challenge}"
        if cut:
            assert text.endswith("~") and whole.startswith(text[:-1])
            assert len(text) <= heading.content_size.width
            assert whole[len(text) - 1] == " "  # cut between words, not inside one
        else:
            assert text == whole
