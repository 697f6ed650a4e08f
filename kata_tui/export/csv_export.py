"""The experiment record for a spreadsheet: one row per experiment.

A cell a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, even after spaces) gets a leading
single quote, so an imported note can never call out or compute. UTF-8 with
a byte-order mark, so spreadsheets guess the encoding right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from kata_tui.domain.model import Obstacle
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import visible

BOM = "\ufeff"
HEADER = (
    "learner",
    "target condition",
    "number",
    "date",
    "obstacle number",
    "obstacle",
    "step",
    "expected",
    "what happened",
    "what we learned",
    "not taken because",
    "state",
    "last changed by",
    "last changed at",
)
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutral(value: str) -> str:
    """``value`` as a spreadsheet shows it as text, never as a formula."""
    text = visible(value)
    if value.startswith(_TRIGGERS) or text.lstrip(" ").startswith(_TRIGGERS):
        return "'" + text
    return text


def spreadsheet(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A header row, then ``rows``: CRLF line ends and a byte-order mark, so every
    spreadsheet reads it as UTF-8 (each CSV export is written this one way; CRLF
    and quoting only the cells that need it are the csv module's defaults)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + out.getvalue()


def render_csv(story: Storyboard, today: date) -> str:
    del today  # the record is the same whenever it is exported
    return spreadsheet(HEADER, _experiment_rows(story))


def _experiment_rows(story: Storyboard) -> Iterator[list[object]]:
    seqs = {t.id: t.seq for t in story.targets}
    thresholds = {t.id: story.threshold(t.id) for t in story.targets}
    rows = sorted(story.experiments, key=lambda e: (seqs.get(e.target_id, 0), e.number, e.id))
    for e in rows:
        threshold = thresholds.get(e.target_id)
        obstacle = story.find(Obstacle, e.obstacle_id)
        state = "open" if e.is_open else "not taken" if e.not_taken.strip() else "done"
        if threshold is not None and threshold.id == e.id:
            state = "threshold"
        yield [
            neutral(story.board.learner),
            seqs.get(e.target_id, ""),
            e.number,
            e.day.isoformat(),
            obstacle.number if obstacle else "",
            neutral(obstacle.text) if obstacle else "",
            neutral(e.step),
            neutral(e.expected),
            neutral(e.happened),
            neutral(e.learned),
            neutral(e.not_taken),
            state,
            neutral(e.stamp.label()) if e.stamp else "",
            e.stamp.at.isoformat(timespec="seconds") if e.stamp else "",
        ]
