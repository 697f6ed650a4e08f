"""The first screen: every board of the plant, for picking one and for coaching many.

A coach with many learners sees at a glance whose go-and-see is overdue and
who has not been coached lately, so the default order puts the next
go-and-see first. It reads only each file's head line (``DataDir.summaries``),
so it stays quick with hundreds of boards, and it re-reads when the directory
changes, because on a plant server others create and save boards all the time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from kata_tui.domain.errors import KataError
from kata_tui.domain.summary import DEFAULT_SORT, BoardQuery, BoardSummary
from kata_tui.store.datadir import SUFFIX, DataDir, Problem
from kata_tui.store.errors import BoardFileError
from kata_tui.ui.board_rows import (
    CADENCE,
    CADENCE_WIDE,
    COLUMNS,
    NARROW,
    WIDE,
    columns_for,
    table_columns,
    table_row,
)
from kata_tui.ui.board_rows import details as details_text
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.screens.confirm import ConfirmScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.board_table import BoardTable
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from kata_tui.ui.screens.learnings import LearningsScreen

POLL_SECONDS = 2.0
"""How often the directory is looked at (one stat per file) for boards others saved."""
# The columns and the first sort order are named here too: the tests step through them.
__all__ = ["COLUMNS", "DEFAULT_SORT", "POLL_SECONDS", "BoardListScreen"]


def _problem_reason(problem: Problem) -> str:
    return problem.message.removeprefix(f"{problem.path}: ")


class BoardListScreen(KataScreen[None], layout_once=True):
    """Board picker and coach dashboard."""

    CSS_PATH = [stylesheet("board_list.tcss")]
    AUTO_FOCUS = "#boards"
    """Focus starts on the table, not on the filter first: one paint less at start-up."""
    BINDINGS = [
        # Footer order: most used first; 80 columns show about eight.
        Binding("n", "new_board", "New", tooltip="New board"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("s", "next_sort", "Sort", tooltip="Sort by"),
        # A letter means the same here as on the board: l what we learned, f follow,
        # c a coaching cycle (on the highlighted board); capitals filter by person
        # or reverse.
        Binding("l", "learnings", "Learned", tooltip="What we learned, all boards listed"),
        Binding("C", "next_coach", "Coach", tooltip="Coach filter", key_display="C"),
        Binding("L", "next_learner", "Learner", tooltip="Learner filter", key_display="L"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("f", "follow", "Follow", tooltip="Follow (read-only)"),
        Binding("c", "start_cycle", "Cycle", tooltip="Open the board and start a coaching cycle"),
        Binding("S", "reverse_sort", "Reverse", key_display="S"),
        Binding("escape", "clear_filters", "Clear filters"),
        Binding("R", "restore", "Restore broken board"),
        Binding("f5", "refresh", "Reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[BoardSummary] = []
        self.problems: list[Problem] = []
        self.shown: list[BoardSummary] = []
        self.query_state = BoardQuery()
        """Which boards are listed, in what order (``query`` is Textual's DOM query)."""
        self._signature: tuple[object, ...] | None = None
        self._table_width = 0
        self._open_failures: dict[str, tuple[tuple[int, int] | None, Problem]] = {}

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="*")
        with Vertical(id="picker"):
            yield SearchBar(
                "learner, coach or challenge contains ...",
                label="Filter:",
                select_on_focus=False,
                id="filter-row",
            )
            yield Static("", id="status", markup=False)
            yield BoardTable(id="boards")
            yield Static("", id="empty", markup=False)
            yield Static("", id="details", markup=False)
            yield OptionList(id="problems")
        yield Footer()

    @property
    def data(self) -> DataDir:
        return self.app.data

    @property
    def today(self) -> date:
        return self.app.clock.today()

    @property
    def table(self) -> BoardTable:
        return self.query_one("#boards", BoardTable)

    def on_mount(self) -> None:
        self.sub_title = "Boards"
        self.reload()
        self.set_interval(POLL_SECONDS, self._poll)
        self.table.focus()

    def on_screen_resume(self) -> None:
        # Back from a board or a dialog: show what changed meanwhile (also on first show).
        if self.data.signature() != self._signature:
            self.reload()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._table_width:
            self.render_table()

    # -- data -------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read every board's head line and show the result."""
        self._signature = self.data.signature()
        try:
            self.summaries, self.problems = self.data.summaries()
        except KataError as exc:
            self.summaries, self.problems = [], []
            self.notify(str(exc), severity="error", markup=False)
        listed = {p.path.name for p in self.problems}
        for slug, (stamp, problem) in list(self._open_failures.items()):
            if self.data.stamp(slug) != stamp:
                del self._open_failures[slug]  # changed since: worth another try
            elif problem.path.name not in listed:
                self.problems.append(problem)
        self.render_table()
        self.render_problems()

    def _poll(self) -> None:
        if not self.is_active:  # under a board: read when shown again (on_screen_resume)
            return
        if self.data.signature() != self._signature:
            self.reload()

    def action_refresh(self) -> None:
        self.reload()

    # -- showing ----------------------------------------------------------------

    def render_table(self) -> None:
        width = self._table_width = self.app.size.width
        wide = width >= WIDE
        both = width >= CADENCE_WIDE
        by_cadence = self.query_state.sort in CADENCE
        columns = columns_for(
            wide,
            any(s.plant for s in self.summaries),
            narrow=width < NARROW,
            cadence=both or by_cadence,
            plan=both or not by_cadence,
        )
        widths = BoardTable.fit({c.key: c.width for c in columns}, width)
        today = self.today
        now = self.app.clock.now()
        selected = self.selected_slug()
        self.shown = self.query_state.apply(self.summaries, today)
        self.table.show(
            table_columns(columns, widths, self.query_state, wide),
            tuple(table_row(summary, widths, wide, today, now) for summary in self.shown),
            row_height=1 if wide else 2,
            keep=selected,
        )
        self._render_status()
        self._render_details()

    def _render_status(self) -> None:
        status = self.query_one("#status", Static)
        status.update(
            literal(self.query_state.describe(len(self.shown), len(self.summaries)), one_line=True)
        )
        empty = self.query_one("#empty", Static)
        if not self.summaries and not self.problems:
            empty.update(
                literal(
                    f"No boards yet in {self.data.path}.\nPress n to create the first storyboard.",
                )
            )
            empty.display = True
        elif not self.shown and self.summaries:
            empty.update(Text("No board matches the filters. Press Escape to clear them."))
            empty.display = True
        else:
            empty.display = False
        self.table.display = bool(self.shown)

    def _render_details(self) -> None:
        details = self.query_one("#details", Static)
        summary = self.selected_summary()
        if summary is None:
            details.display = False
            return
        # fixed height, so moving the cursor costs no layout pass (quick with 200 boards)
        details.update(details_text(summary, self.today, self.app.clock.now()), layout=False)
        details.display = True

    def render_problems(self) -> None:
        problems = self.query_one("#problems", OptionList)
        problems.clear_options()
        for problem in self.problems:
            slug = problem.path.name.removesuffix(SUFFIX)
            hint = (
                "press R to restore the last good copy"
                if self._has_last_good(slug)
                else "no last good copy; run kata check"
            )
            text = literal(
                f"! {problem.path.name}: {_problem_reason(problem)} ({hint})", one_line=True
            )
            problems.add_option(Option(text, id=slug))
        problems.display = bool(self.problems)
        if self.problems:
            problems.highlighted = 0

    def _has_last_good(self, slug: str) -> bool:
        try:
            return self.data.last_good(slug) is not None
        except KataError:
            return False

    def selected_slug(self) -> str | None:
        return self.table.cursor_slug

    def selected_summary(self) -> BoardSummary | None:
        slug = self.selected_slug()
        return next((s for s in self.shown if s.slug == slug), None)

    @on(BoardTable.Highlighted, "#boards")
    def _highlighted(self) -> None:
        self._render_details()

    # -- opening and creating -----------------------------------------------------

    @on(BoardTable.Selected, "#boards")
    def _selected(self, event: BoardTable.Selected) -> None:
        event.stop()
        self.open(event.slug)

    def action_follow(self) -> None:
        """Open the highlighted board read-only, tracking a cycle run elsewhere."""
        slug = self.selected_slug()
        if slug is not None:
            self.open(slug, follow=True)

    def action_start_cycle(self) -> None:
        """Open the highlighted board and start a coaching cycle there, as c does on it."""
        slug = self.selected_slug()
        if slug is not None:
            self.open(slug, start_cycle=True)

    def open(
        self, slug: str, *, follow: bool = False, experiment: str = "", start_cycle: bool = False
    ) -> None:
        try:
            self.app.open_board(slug, follow=follow, experiment=experiment, start_cycle=start_cycle)
        except KataError as exc:
            self.notify(str(exc), title="Cannot open board", severity="error", markup=False)
            # Its head line read fine but the rest did not: list it with the broken ones.
            reason = exc.reason if isinstance(exc, BoardFileError) else str(exc)
            problem = Problem(self.data.path_of(slug), reason)
            self._open_failures[slug] = (self.data.stamp(slug), problem)
            self.reload()

    def action_new_board(self, values: dict[str, str] | None = None) -> None:
        from kata_tui.ui.new_board import new_board_form, storyboard_from

        today = self.today

        def submitted(result: dict[str, str] | None) -> None:
            if result is None:
                return
            story = storyboard_from(result, today)
            app = self.app
            try:
                created = self.data.create(story, app.editor, app.clock.now())
            except KataError as exc:
                self.notify(str(exc), title="Board not created", severity="error", markup=False)
                self.app.push_screen(new_board_form(today, result), submitted)
                return
            self.reload()
            self.open(created.slug)

        self.app.push_screen(new_board_form(today, values), submitted)

    # -- learnings across boards --------------------------------------------------------

    def action_learnings(self) -> None:
        """Every "what we learned" of the boards listed now (so: of one coach, when
        filtered by coach). The screen opens at once and fills as a worker reads
        the boards: at plant scale that takes seconds."""
        from kata_tui.ui.screens.learnings import LearningsScreen

        slugs = [summary.slug for summary in self.shown]
        if not slugs:
            self.notify("No boards listed.")
            return
        coach = self.query_state.coach
        who = f"coach {coach}" if coach else f"{len(slugs)} boards"
        screen = LearningsScreen([], title=f"What we learned: {who}", boards=len(slugs))

        def picked(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self.open(choice[0], experiment=choice[1])

        self.app.push_screen(screen, picked)
        self._read_learnings(slugs, screen)

    @work(thread=True, exclusive=True, group="learnings")
    def _read_learnings(self, slugs: list[str], screen: LearningsScreen) -> None:
        from textual.worker import get_current_worker

        worker = get_current_worker()
        for found, failed in self.data.learnings_apart(slugs):
            if worker.is_cancelled or not screen.is_attached:
                return
            self.app.call_from_thread(screen.add, found, failed)
        if not worker.is_cancelled and screen.is_attached:
            self.app.call_from_thread(screen.finish)

    # -- sorting and filtering ---------------------------------------------------------

    def _requery(self, query: BoardQuery) -> None:
        self.query_state = query
        self.render_table()

    def action_next_sort(self) -> None:
        self._requery(self.query_state.next_sort())

    def action_reverse_sort(self) -> None:
        self._requery(self.query_state.reversed())

    def action_next_coach(self) -> None:
        self._requery(self.query_state.next_coach(self.summaries))

    def action_next_learner(self) -> None:
        self._requery(self.query_state.next_learner(self.summaries))

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#filter-row", SearchBar)

    def action_filter(self) -> None:
        self.search_bar.show()

    @on(SearchBar.Changed, "#filter-row")
    def _filter_changed(self, event: SearchBar.Changed) -> None:
        self._requery(replace(self.query_state, text=event.value))

    @on(SearchBar.Submitted, "#filter-row")
    def _filter_done(self, event: SearchBar.Submitted) -> None:
        if not event.value.strip():
            self.search_bar.hide()
        self.table.focus()

    def action_clear_filters(self) -> None:
        self.search_bar.clear()
        self._requery(self.query_state.cleared())
        self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            return self.query_state.filtered or self.search_bar.display
        if action == "restore":
            return bool(self.problems)
        if action == "follow":
            return bool(self.shown)
        return True

    # -- broken files -------------------------------------------------------------------

    def action_restore(self) -> None:
        problems = self.query_one("#problems", OptionList)
        option = problems.highlighted_option
        slug = option.id if option is not None else None
        if slug is None:
            return
        if not self._has_last_good(slug):
            self.notify(
                f"{slug}: there is no last good copy to restore; run kata check",
                severity="warning",
                markup=False,
            )
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                aside = self.data.restore_last_good(slug, self.app.clock.now())
            except (KataError, OSError) as exc:
                self.notify(str(exc), title="Not restored", severity="error", markup=False)
                return
            kept = f"; the broken file is kept as {aside.name}" if aside is not None else ""
            self.notify(f"{slug} restored from its last good copy{kept}", markup=False)
            self.reload()

        self.app.push_screen(
            ConfirmScreen(
                f"Restore board {slug} from its last good copy? The broken file is kept "
                "beside it, renamed, not deleted.",
                title="Restore last good copy",
            ),
            answered,
        )

    @on(OptionList.OptionSelected, "#problems")
    def _problem_selected(self) -> None:
        self.action_restore()
