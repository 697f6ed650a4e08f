"""The board's other views, reached by one key from the storyboard (and the board list),
driven with the keyboard alone on the demo plant; what is stored is re-read from disk."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import OptionList

from kata_tui.domain.history import learnings
from kata_tui.domain.model import TargetCondition, TargetStatus
from kata_tui.export.formats import render
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.export_dialog import ExportScreen
from kata_tui.ui.screens.history import HistoryScreen
from kata_tui.ui.screens.learnings import LearningsScreen
from tests.conftest import TODAY
from tests.ui.conftest import AppFactory


def _screen_text(screen: object) -> str:
    # Heading: the history and learnings headings are a widget of their own
    return "\n".join(str(w.render()) for w in screen.query("Static, Heading"))  # type: ignore[attr-defined]


async def test_history_key_shows_cycles_and_escape_returns(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    story = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = _screen_text(app.screen)
        cycle = story.cycles[0]
        assert cycle.coach in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_learnings_pick_puts_cursor_on_that_experiment(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    story = demo_data.load("maria")
    current = {e.id for e in story.experiments_for()}
    entries = learnings(story)
    index = next(i for i, item in enumerate(entries) if item.experiment_id in current)
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LearningsScreen)
        assert app.screen.query_one(OptionList).option_count == len(entries)
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        record = board.sections[-1]
        assert app.focused is record
        selected = record.selected()
        assert selected is not None and selected.id == entries[index].experiment_id


async def test_learnings_across_boards_opens_the_picked_board(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    app = make_app(demo_data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        await pilot.press("l")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, LearningsScreen):
                break
        screen = app.screen
        assert isinstance(screen, LearningsScreen)
        slugs = {entry.slug for entry in screen.entries}
        assert slugs >= {"maria", "jonas"}
        current = {e.id for slug in slugs for e in demo_data.load(slug).experiments_for()}
        index = max(i for i, e in enumerate(screen.entries) if e.experiment_id in current)
        picked = screen.entries[index]
        await pilot.press("home", *["down"] * index, "enter")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.story.slug == picked.slug
        selected = board.sections[-1].selected()
        assert selected is not None and selected.id == picked.experiment_id


async def test_export_key_writes_the_file(
    demo_data: DataDir, make_app: AppFactory, tmp_path: Path
) -> None:
    out = tmp_path / "maria.md"
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("tab", "end", "ctrl+u", *str(out), "enter")  # Markdown: the default
        for _ in range(50):
            await pilot.pause(0.02)
            if out.exists():
                break
    story = demo_data.load("maria")
    assert out.read_text(encoding="utf-8") == render(story, "md", today=TODAY)


async def test_target_reached_key_saves_both_targets(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    old = demo_data.load("maria").target
    assert old is not None
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        # summary, why it counts as achieved (29.1 misses 25), open step and carry as offered
        await pilot.press("a", *"Clamps first", "tab", *"Met on 4 shifts", "tab", "tab", "tab")
        await pilot.press(*"Changeover under 18 min on every shift", "tab")
        await pilot.press(*"+4w", "tab", "ctrl+u", *"18", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    stored = DataDir.open(demo_data.path).load("maria")
    ended = stored.find(TargetCondition, old.id)
    assert ended is not None and ended.status is TargetStatus.ACHIEVED
    new = stored.target
    assert new is not None and new.id != old.id
    assert new.pattern == "Changeover under 18 min on every shift"
    assert new.achieve_by == TODAY + timedelta(weeks=4)


async def test_the_card_scrolls_the_question_asked_into_view_at_80x24(demo_data, make_app):
    from textual.containers import VerticalScroll

    from kata_tui.ui.widgets.card import QuestionList

    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        questions = app.screen.query_one(QuestionList)
        view = app.screen.query_one("#card-questions", VerticalScroll)
        seen = []
        for _ in range(len(questions.card.steps)):
            await pilot.pause()
            region = questions.region_of(questions.current)
            assert region is not None
            top = view.scroll_offset.y
            assert top <= region.y and region.bottom <= top + view.size.height
            seen.append(questions.current)
            await pilot.press("pagedown")
        assert seen[0] == "q1" and seen[-1] == questions.card.steps[-1].key
        assert view.scroll_offset.y > 0  # the last questions are below the first screenful


async def test_page_keys_page_the_storyboard_when_no_cycle_runs(demo_data, make_app):
    from textual.containers import VerticalScroll

    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen.query_one("#storyboard", VerticalScroll)
        assert board.scroll_offset.y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        paged = board.scroll_offset.y
        assert paged > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert board.scroll_offset.y < paged
        assert app.screen.card.position == ""  # no cycle started


async def test_page_keys_step_the_card_from_a_focused_section_in_a_cycle(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "escape")  # q1, then back to the storyboard
        await pilot.pause()
        screen = app.screen
        assert screen.focused in screen.sections
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert screen.card.position == "r1"
        await pilot.press("pageup")
        await pilot.pause()
        assert screen.card.position == "q2"


async def test_the_same_letter_means_the_same_on_the_list_and_the_board(
    demo_data: DataDir, make_app: AppFactory
) -> None:
    """l is what we learned on both screens; c starts a cycle on both, never filters
    (c on the list: tests/ui/test_board_list.py); the person filters are capitals
    (C coach, L learner)."""
    app = make_app(demo_data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        list_screen = app.screen
        assert isinstance(list_screen, BoardListScreen)
        for _ in range(100):  # the boards are read by a worker: C cycles through their coaches
            if list_screen.summaries:
                break
            await pilot.pause(0.05)
        assert "coach:" not in str(list_screen.query_one("#status").render())
        await pilot.press("C")
        await pilot.pause()
        assert "coach:" in str(list_screen.query_one("#status").render())
        await pilot.press("escape", "l")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, LearningsScreen):
                break
        assert isinstance(app.screen, LearningsScreen)
