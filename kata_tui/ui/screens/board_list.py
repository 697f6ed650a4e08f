"""The first screen: every board of the plant, for picking one and for coaching many.

A coach with many learners sees at a glance whose go-and-see is overdue and
who has not been coached lately, so the default order puts the next
go-and-see first. It reads only each file's head line (``DataDir.summaries``),
so it stays quick with hundreds of boards, and it re-reads when the directory
changes, because on a plant server others create and save boards all the time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from kata_tui.domain.dates import format_date, short_date
from kata_tui.domain.errors import KataError
from kata_tui.domain.summary import BoardSummary
from kata_tui.domain.text import clip
from kata_tui.store.datadir import SUFFIX, DataDir, Problem
from kata_tui.store.errors import BoardFileError
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.screens.confirm import ConfirmScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.board_table import MARK, PADDING, BoardTable, TableColumn, TableRow
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.kata_input import KataInput

if TYPE_CHECKING:
    from kata_tui.domain.history import Learning

POLL_SECONDS = 2.0
"""How often the directory is looked at (one stat per file) for boards others saved."""

ALL = ""
"""The "no filter" choice of the coach and learner filters."""


class Column(NamedTuple):
    key: str
    title: str
    sort_name: str
    sort_key: Callable[[BoardSummary, date], object]
    width: int
    """Fixed width, or 0 for a column that shares what is left."""


def _text_key(value: str) -> object:
    return value.casefold()


COLUMNS: tuple[Column, ...] = (
    Column("learner", "Learner", "learner", lambda s, _t: _text_key(s.learner), 10),
    Column("coach", "Coach", "coach", lambda s, _t: _text_key(s.coach), 8),
    Column("challenge", "Challenge", "challenge", lambda s, _t: _text_key(s.challenge), 0),
    Column("target", "Target condition", "target condition", lambda s, _t: _text_key(s.target), 0),
    Column("due", "Due", "days left", lambda s, t: s.days_left(t), 6),
    Column("last", "Coached", "last coaching cycle", lambda s, _t: s.last_cycle, 7),
    Column("go_see", "Go-see", "next go-and-see", lambda s, _t: s.next_go_see, 8),
    Column("experiments", "Exp", "experiments", lambda s, _t: s.experiments, 3),
)
DEFAULT_SORT = "go_see"
MARK_WIDTH = len(MARK)
WIDE = 100
"""Below this many columns challenge and target share one two-line column."""
NARROW_TITLE = "Challenge/target"


def days_text(days: int | None) -> str:
    """Days to the achieve-by date; past ones carry a ``!`` so colour is not needed."""
    if days is None:
        return "-"
    if days < 0:
        return f"!{days}d"
    return f"{days}d"


def go_see_text(summary: BoardSummary, today: date) -> str:
    if summary.next_go_see is None:
        return "-"
    text = short_date(summary.next_go_see, today)
    return f"! {text}" if summary.overdue(today) else text


def sort_summaries(
    summaries: list[BoardSummary], column: Column, today: date, reverse: bool = False
) -> list[BoardSummary]:
    """Sorted by ``column``; boards without a value go last either way."""
    known = [s for s in summaries if column.sort_key(s, today) not in (None, "")]
    unknown = [s for s in summaries if column.sort_key(s, today) in (None, "")]
    known.sort(key=lambda s: (column.sort_key(s, today), s.slug), reverse=reverse)
    unknown.sort(key=lambda s: s.slug)
    return known + unknown


def _choices(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return [ALL, *sorted(seen.values(), key=str.casefold)]


def _problem_reason(problem: Problem) -> str:
    return problem.message.removeprefix(f"{problem.path}: ")


def _directory_signature(path: str) -> tuple[object, ...]:
    """Cheap fingerprint of the board files: names, sizes and mtimes."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
        stats = []
        for entry in entries:
            if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):
                info = entry.stat()
                stats.append((entry.name, info.st_size, info.st_mtime_ns))
        return tuple(stats)
    except OSError:
        return ()


def _file_stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


class BoardListScreen(KataScreen[None], layout_once=True):
    """Board picker and coach dashboard."""

    CSS_PATH = [stylesheet("board_list.tcss")]
    AUTO_FOCUS = "#boards"
    """Focus starts on the table, not on the filter first (issue 6: one paint less)."""
    BINDINGS = [
        # Footer order: most used first; 80 columns show about eight.
        Binding("n", "new_board", "New", tooltip="New board"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("s", "next_sort", "Sort", tooltip="Sort by"),
        Binding("c", "next_coach", "Coach", tooltip="Coach filter"),
        Binding("l", "next_learner", "Learner", tooltip="Learner filter"),
        Binding(
            "L",
            "learnings",
            "Learned",
            tooltip="What we learned, all boards listed",
            key_display="L",
        ),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("f", "follow", "Follow", tooltip="Follow (read-only)"),
        Binding("r", "reverse_sort", "Reverse"),
        Binding("escape", "clear_filters", "Clear filters"),
        Binding("R", "restore", "Restore broken board"),
        Binding("f5", "refresh", "Reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[BoardSummary] = []
        self.problems: list[Problem] = []
        self.shown: list[BoardSummary] = []
        self.sort_column = DEFAULT_SORT
        self.sort_reverse = False
        self.text_filter = ""
        self.coach_filter = ALL
        self.learner_filter = ALL
        self._signature: tuple[object, ...] | None = None
        self._table_width = 0
        self._open_failures: dict[str, tuple[tuple[int, int] | None, Problem]] = {}

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="*")
        with Vertical(id="picker"):
            filter_input = KataInput(
                placeholder="learner, coach or challenge contains ...",
                id="filter",
                compact=True,
                select_on_focus=False,
            )
            with Horizontal(id="filter-row"):
                yield Static("Filter:", id="filter-label", markup=False)
                yield filter_input
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
        if _directory_signature(str(self.data.path)) != self._signature:
            self.reload()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._table_width:
            self.render_table()

    # -- data -------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read every board's head line and show the result."""
        self._signature = _directory_signature(str(self.data.path))
        try:
            self.summaries, self.problems = self.data.summaries()
        except KataError as exc:
            self.summaries, self.problems = [], []
            self.notify(str(exc), severity="error", markup=False)
        listed = {p.path.name for p in self.problems}
        for slug, (stamp, problem) in list(self._open_failures.items()):
            if _file_stamp(problem.path) != stamp:
                del self._open_failures[slug]  # changed since: worth another try
            elif problem.path.name not in listed:
                self.problems.append(problem)
        self.render_table()
        self.render_problems()

    def _poll(self) -> None:
        if not self.is_active:  # under a board: read when shown again (on_screen_resume)
            return
        if _directory_signature(str(self.data.path)) != self._signature:
            self.reload()

    def action_refresh(self) -> None:
        self.reload()

    def _column(self) -> Column:
        return next(c for c in COLUMNS if c.key == self.sort_column)

    def _matches(self, summary: BoardSummary) -> bool:
        if self.coach_filter and summary.coach.casefold() != self.coach_filter.casefold():
            return False
        if self.learner_filter and summary.learner.casefold() != self.learner_filter.casefold():
            return False
        needle = self.text_filter.strip().casefold()
        if needle:
            haystack = f"{summary.learner}\n{summary.coach}\n{summary.challenge}".casefold()
            return needle in haystack
        return True

    # -- showing ----------------------------------------------------------------

    def _wide(self) -> bool:
        return self.app.size.width >= WIDE

    def _columns(self) -> list[Column]:
        """The columns shown: at narrow widths challenge and target share one."""
        if self._wide():
            return list(COLUMNS)
        return [c for c in COLUMNS if c.key != "target"]

    def _widths(self, columns: list[Column]) -> dict[str, int]:
        padding = 2 * PADDING
        available = self.app.size.width - 2  # room for a scrollbar
        fixed = sum(c.width for c in columns) + MARK_WIDTH
        flexible = [c for c in columns if c.width == 0]
        spare = available - fixed - padding * (len(columns) + 1)
        share = max(8, spare // max(1, len(flexible)))
        widths = {c.key: c.width or share for c in columns}
        if flexible and spare > share * len(flexible):
            widths[flexible[-1].key] += spare - share * len(flexible)
        return widths

    def _header(self, column: Column, wide: bool) -> Text:
        title = column.title
        sorted_here = column.key == self.sort_column
        if not wide and column.key == "challenge":
            title = NARROW_TITLE
            sorted_here = self.sort_column in ("challenge", "target")
        if not sorted_here:
            return Text(title)
        return Text(f"{title} {'v' if self.sort_reverse else '^'}", style="bold")

    def render_table(self) -> None:
        self._table_width = self.app.size.width
        selected = self.selected_slug()
        wide = self._wide()
        columns = self._columns()
        widths = self._widths(columns)
        today = self.today
        rows = sort_summaries(
            [s for s in self.summaries if self._matches(s)],
            self._column(),
            today,
            self.sort_reverse,
        )
        self.shown = rows
        table_rows = []
        for summary in rows:
            challenge = summary.challenge
            if summary.archived:
                challenge = f"(archived) {challenge}"
            width = widths["challenge"]
            what = [literal(clip(challenge, width), one_line=True)]
            if wide:
                what.append(literal(clip(summary.target, widths["target"]), one_line=True))
            else:
                what = [
                    Text("\n").join([what[0], literal(clip(summary.target, width), one_line=True)])
                ]
            cells = (
                literal(clip(summary.learner, widths["learner"]), one_line=True),
                literal(clip(summary.coach, widths["coach"]), one_line=True),
                *what,
                Text(days_text(summary.days_left(today)), justify="right"),
                Text(short_date(summary.last_cycle, today)),
                Text(go_see_text(summary, today)),
                Text(str(summary.experiments), justify="right"),
            )
            table_rows.append(TableRow(summary.slug, cells))
        self.table.show(
            tuple(TableColumn(c.key, self._header(c, wide), widths[c.key]) for c in columns),
            tuple(table_rows),
            row_height=1 if wide else 2,
            keep=selected,
        )
        self._render_status()
        self._render_details()

    def _render_status(self) -> None:
        parts = [f"{len(self.shown)} of {len(self.summaries)} boards"]
        parts.append(
            f"sorted by {self._column().sort_name}{' (reversed)' if self.sort_reverse else ''}"
        )
        if self.coach_filter:
            parts.append(f"coach: {self.coach_filter}")
        if self.learner_filter:
            parts.append(f"learner: {self.learner_filter}")
        if self.text_filter.strip():
            parts.append(f"filter: {self.text_filter.strip()}")
        status = self.query_one("#status", Static)
        status.update(literal("  |  ".join(parts), one_line=True))
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
        today = self.today
        lines = [
            literal(f"Challenge: {summary.challenge or '-'}", one_line=True),
        ]
        target = f"Target condition: {summary.target or '-'}"
        if summary.achieve_by is not None:
            days = summary.days_left(today)
            when = f"{days} days left" if days is not None and days >= 0 else f"! {-days} days late"
            target += f"  (by {format_date(summary.achieve_by)}, {when})"
        lines.append(literal(target, one_line=True))
        go_see = "-" if summary.next_go_see is None else format_date(summary.next_go_see)
        if summary.overdue(today):
            go_see = f"! {go_see} overdue"
        last = format_date(summary.last_cycle) or "none yet"
        lines.append(
            Text(
                f"Next go-and-see: {go_see}   Last coaching cycle: {last}   "
                f"Experiments: {summary.experiments}"
            )
        )
        # fixed height, so moving the cursor costs no layout pass (quick with 200 boards)
        details.update(Text("\n").join(lines), layout=False)
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

    def open(self, slug: str, *, follow: bool = False, experiment: str = "") -> None:
        try:
            self.app.open_board(slug, follow=follow, experiment=experiment)
        except KataError as exc:
            self.notify(str(exc), title="Cannot open board", severity="error", markup=False)
            # Its head line read fine but the rest did not: list it with the broken ones.
            path = self.data.path / f"{slug}{SUFFIX}"
            reason = exc.reason if isinstance(exc, BoardFileError) else str(exc)
            self._open_failures[slug] = (_file_stamp(path), Problem(path, reason))
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
        filtered by coach). Reading whole boards is slow at plant scale: a worker does it."""
        slugs = [summary.slug for summary in self.shown]
        if not slugs:
            self.notify("No boards listed.")
            return
        who = f"coach {self.coach_filter}" if self.coach_filter else f"{len(slugs)} boards"
        self.notify(f"Reading the learnings of {who}...", timeout=2, markup=False)
        self._read_learnings(slugs, f"What we learned: {who}")

    @work(thread=True, exclusive=True, group="learnings")
    def _read_learnings(self, slugs: list[str], title: str) -> None:
        from textual.worker import get_current_worker

        from kata_tui.domain.history import learnings_across

        # Store objects of its own: the board caches of ``self.data`` belong to the
        # UI thread, and 200 decoded boards should not stay in memory afterwards.
        data = DataDir.open(self.data.path, create=False)
        worker = get_current_worker()
        stories, failed = [], []
        for slug in slugs:
            if worker.is_cancelled:
                return
            try:
                stories.append(data.load(slug))
            except KataError:
                failed.append(slug)
        entries = learnings_across(stories)
        if not worker.is_cancelled and self.is_attached:
            self.app.call_from_thread(self._show_learnings, entries, title, failed)

    def _show_learnings(self, entries: list[Learning], title: str, failed: list[str]) -> None:
        from kata_tui.ui.screens.learnings import LearningsScreen

        if failed:
            self.notify(
                f"Not readable, left out: {', '.join(failed)}", severity="warning", markup=False
            )

        def picked(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self.open(choice[0], experiment=choice[1])

        self.app.push_screen(LearningsScreen(entries, title=title), picked)

    # -- sorting and filtering ---------------------------------------------------------

    def action_next_sort(self) -> None:
        keys = [c.key for c in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = False
        self.render_table()

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.render_table()

    def _cycle(self, current: str, values: list[str]) -> str:
        choices = _choices(values)
        folded = [c.casefold() for c in choices]
        index = folded.index(current.casefold()) if current.casefold() in folded else 0
        return choices[(index + 1) % len(choices)]

    def action_next_coach(self) -> None:
        self.coach_filter = self._cycle(self.coach_filter, [s.coach for s in self.summaries])
        self.render_table()

    def action_next_learner(self) -> None:
        self.learner_filter = self._cycle(self.learner_filter, [s.learner for s in self.summaries])
        self.render_table()

    def action_filter(self) -> None:
        self.query_one("#filter-row").display = True
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.text_filter = event.value
        self.render_table()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.query_one("#filter-row").display = False
        self.table.focus()

    def action_clear_filters(self) -> None:
        filter_input = self.query_one("#filter", Input)
        with filter_input.prevent(Input.Changed):
            filter_input.value = ""
        self.query_one("#filter-row").display = False
        self.text_filter = ""
        self.coach_filter = ALL
        self.learner_filter = ALL
        self.render_table()
        self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            active = self.text_filter or self.coach_filter or self.learner_filter
            return bool(active) or self.query_one("#filter-row").display
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
