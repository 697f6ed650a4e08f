"""What the dashboard shows of each board: its columns, the cells of a row, the details.

Which boards are listed and in what order is the domain's ``BoardQuery``; the
column widths are ``BoardTable``'s. User text is clipped to its column and
made literal (never markup); a past date carries a ``!`` so colour is not needed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from rich.text import Text

from kata_tui.domain.cadence import Cadence, cadence_words
from kata_tui.domain.dates import due_cell, due_words, format_date, short_date
from kata_tui.domain.numbers import number_text
from kata_tui.domain.process import Phase
from kata_tui.domain.summary import BoardQuery, BoardSummary
from kata_tui.domain.text import clip
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.board_table import TableColumn, TableRow


class Column(NamedTuple):
    key: str
    """The ``BoardQuery`` sort key of the column, too."""
    title: str
    width: int
    """Fixed width, or 0 for a column that shares what is left."""


COLUMNS: tuple[Column, ...] = (
    Column("learner", "Learner", 10),
    Column("coach", "Coach", 8),
    Column("plant", "Plant", 7),
    Column("challenge", "Challenge", 0),
    Column("target", "Target condition", 0),
    Column("due", "Due", 6),
    Column("last", "Coached", 7),
    Column("go_see", "Go-see", 9),
    Column("experiments", "Exp", 3),
    # the cadence of the last four weeks (kata_tui.domain.cadence)
    Column("since", "Gap", 5),
    Column("cycles_week", "Cyc/w", 5),
    Column("experiments_week", "Exp/w", 5),
    Column("cycle_minutes", "Min", 5),
    Column("go_see_kept", "Kept", 6),
)
CADENCE = ("since", "cycles_week", "experiments_week", "cycle_minutes", "go_see_kept")
PLAN = ("due", "last", "go_see", "experiments")
"""Under ``CADENCE_WIDE`` columns, the cadence's columns take these columns' place
while the boards are sorted by a cadence figure."""
WIDE = 100
"""Below this many columns challenge and target share one two-line column."""
CADENCE_WIDE = 140
"""From this many columns the cadence has columns of its own (else the details
under the table say it for the board under the cursor)."""
NARROW_TITLE = "Challenge/target"


def go_see_text(summary: BoardSummary, today: date) -> str:
    """The next go-and-see, or the open follow-up (``F``) when it is due first; ``!``
    once past."""
    day = summary.next_due()
    if day is None:
        return "-"
    text = short_date(day, today)
    if summary.follow_up_first():
        return f"!F {text}" if summary.follow_up_overdue(today) else f"F {text}"
    return f"! {text}" if summary.overdue(today) else text


NARROW = 70
"""Below this many columns the last coaching cycle is left to the details below the
table, so the table fits without scrolling sideways."""


def columns_for(
    wide: bool,
    plants: bool = False,
    *,
    narrow: bool = False,
    cadence: bool = False,
    plan: bool = True,
) -> list[Column]:
    """The columns shown: at narrow widths challenge and target share one (and, under
    ``NARROW``, the last cycle's date goes); the plant only where boards of several
    plants meet (``kata sync``); the cadence's with ``cadence``, the dates and
    steps (``PLAN``) with ``plan``."""
    hidden = set() if wide else {"target"}
    if not cadence:
        hidden.update(CADENCE)
    if not plan:
        hidden.update(PLAN)
    if narrow:
        hidden.add("last")
    if not plants:
        hidden.add("plant")
    return [c for c in COLUMNS if c.key not in hidden]


def _header(column: Column, query: BoardQuery, wide: bool, width: int = 99) -> Text:
    title = column.title
    sorted_here = column.key == query.sort
    if not wide and column.key == "challenge":
        # the longest title that fits whole: a header is never cut mid-word
        fits = [t for t in (NARROW_TITLE, "Challenge", "Goal") if len(t) + 2 <= width]
        title = fits[0] if fits else "Goal"
        sorted_here = query.sort in ("challenge", "target")
    if not sorted_here:
        return Text(title)
    return Text(f"{title} {'v' if query.reverse else '^'}", style="bold")


def table_columns(
    columns: list[Column], widths: dict[str, int], query: BoardQuery, wide: bool
) -> tuple[TableColumn, ...]:
    return tuple(
        TableColumn(c.key, _header(c, query, wide, widths[c.key]), widths[c.key]) for c in columns
    )


INTERRUPTED = "!open"
"""The "Coached" cell of a board whose cycle was left running past a working day."""


def table_row(
    summary: BoardSummary,
    widths: dict[str, int],
    wide: bool,
    today: date,
    now: datetime | None = None,
) -> TableRow:
    """The row's cells for the columns of ``widths``, in their order."""
    challenge = summary.challenge
    if summary.archived:
        challenge = f"(archived) {challenge}"
    width = widths["challenge"]
    cells: dict[str, Text] = {"challenge": literal(clip(challenge, width), one_line=True)}
    target = f"({Phase.GRASPING})" if summary.grasping else summary.target
    if wide:
        cells["target"] = literal(clip(target, widths["target"]), one_line=True)
    else:
        cells["challenge"] = Text("\n").join(
            [cells["challenge"], literal(clip(target, width), one_line=True)]
        )
    for key in ("learner", "coach", "plant"):
        if key in widths:
            cells[key] = literal(clip(getattr(summary, key), widths[key]), one_line=True)
    cells["due"] = Text(due_cell(summary.days_left(today)), justify="right")
    interrupted = now is not None and summary.interrupted(now)
    cells["last"] = Text(INTERRUPTED if interrupted else short_date(summary.last_cycle, today))
    cells["go_see"] = Text(go_see_text(summary, today))
    cells["experiments"] = Text(str(summary.experiments), justify="right")
    if any(key in widths for key in CADENCE):
        cells.update(zip(CADENCE, cadence_cells(summary.cadence(today)), strict=True))
    return TableRow(summary.slug, tuple(cells[key] for key in widths))


def cadence_cells(figures: Cadence) -> tuple[Text, ...]:
    """Days since the last cycle, cycles and steps a week, usual minutes, kept of due."""
    since = figures.days_since_cycle
    usual = figures.usual_minutes
    kept = f"{figures.go_see_kept}/{figures.go_see_due}" if figures.go_see_due else "-"
    return (
        Text(f"{since}d" if since is not None else "-", justify="right"),
        Text(number_text(figures.cycles_per_week), justify="right"),
        Text(number_text(figures.experiments_per_week), justify="right"),
        Text(number_text(round(usual)) if usual is not None else "-", justify="right"),
        Text(kept, justify="right"),
    )


def details(summary: BoardSummary, today: date, now: datetime | None = None) -> Text:
    """The lines under the list about the board under the cursor."""
    lines = [
        literal(f"Challenge: {summary.challenge or '-'}", one_line=True),
    ]
    target = f"Target condition: {summary.target or '-'}"
    if summary.grasping:
        target = f"Target condition: none yet, {Phase.GRASPING}"
    if summary.achieve_by is not None:
        days = (summary.achieve_by - today).days
        target += f"  (by {format_date(summary.achieve_by)}, {due_words(days)})"
    lines.append(literal(target, one_line=True))
    go_see = "-" if summary.next_go_see is None else format_date(summary.next_go_see)
    if summary.overdue(today):
        go_see = f"! {go_see} overdue"
    last = format_date(summary.last_cycle) or "none yet"
    if now is not None and summary.interrupted(now) and summary.running_since is not None:
        last = f"! interrupted (started {summary.running_since:%Y-%m-%d %H:%M}, never ended)"
    lines.append(
        Text(
            f"Next go-and-see: {go_see}   Last coaching cycle: {last}   "
            f"Experiments: {summary.experiments}"
        )
    )
    if summary.next_follow_up is not None:
        follow_up = format_date(summary.next_follow_up)
        if summary.follow_up_overdue(today):
            follow_up = f"! {follow_up} overdue"
        lines.append(Text(f"Follow-up due: {follow_up}"))
    lines.append(Text(f"Cadence: {cadence_words(summary.cadence(today))}"))
    return Text("\n").join(lines)
