"""What the dashboard shows of each board: its columns, the cells of a row, the details.

Which boards are listed and in what order is the domain's ``BoardQuery``; the
column widths are ``BoardTable``'s. User text is clipped to its column and
made literal (never markup); a past date carries a ``!`` so colour is not needed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from rich.text import Text

from kata_tui.domain.dates import due_cell, due_words, format_date, short_date
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
    Column("go_see", "Go-see", 8),
    Column("experiments", "Exp", 3),
)
WIDE = 100
"""Below this many columns challenge and target share one two-line column."""
NARROW_TITLE = "Challenge/target"


def go_see_text(summary: BoardSummary, today: date) -> str:
    if summary.next_go_see is None:
        return "-"
    text = short_date(summary.next_go_see, today)
    return f"! {text}" if summary.overdue(today) else text


NARROW = 70
"""Below this many columns the last coaching cycle is left to the details below the
table, so the table fits without scrolling sideways."""


def columns_for(wide: bool, plants: bool = False, *, narrow: bool = False) -> list[Column]:
    """The columns shown: at narrow widths challenge and target share one (and, under
    ``NARROW``, the last cycle's date goes); the plant only where boards of several
    plants meet (``kata sync``)."""
    hidden = set() if wide else {"target"}
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
    challenge = summary.challenge
    if summary.archived:
        challenge = f"(archived) {challenge}"
    width = widths["challenge"]
    what = [literal(clip(challenge, width), one_line=True)]
    target = f"({Phase.GRASPING})" if summary.grasping else summary.target
    if wide:
        what.append(literal(clip(target, widths["target"]), one_line=True))
    else:
        what = [Text("\n").join([what[0], literal(clip(target, width), one_line=True)])]
    plant = (
        (literal(clip(summary.plant, widths["plant"]), one_line=True),) if "plant" in widths else ()
    )
    cells = (
        literal(clip(summary.learner, widths["learner"]), one_line=True),
        literal(clip(summary.coach, widths["coach"]), one_line=True),
        *plant,
        *what,
        Text(due_cell(summary.days_left(today)), justify="right"),
        *(
            (
                Text(
                    INTERRUPTED
                    if now is not None and summary.interrupted(now)
                    else short_date(summary.last_cycle, today)
                ),
            )
            if "last" in widths
            else ()
        ),
        Text(go_see_text(summary, today)),
        Text(str(summary.experiments), justify="right"),
    )
    return TableRow(summary.slug, cells)


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
    return Text("\n").join(lines)
