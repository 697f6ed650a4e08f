"""Hypothesis strategies for board files and exports, valid and subtly broken.

Records are built from the model's own type hints (as the codec decodes them),
so a field added to the model is generated without a change here. Values
reach the edges of their documented ranges (FORMAT.md), and texts carry what
hostile text carries: control characters, bidi controls, markup, long lines.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from hypothesis import strategies as st

from kata_tui.domain.codec import MAX_INT, RECORD_TYPES, encode
from kata_tui.domain.dates import FIRST_DAY, LAST_DAY
from kata_tui.domain.numbers import MAX_VALUE

HOSTILE_BITS = [
    "\x1b[2J",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x9b31m",
    "\u202egnp.exe",
    "\u2066x\u2069",
    "[bold]x[/]",
    "=1+1",
    "<script>alert(1)</script>",
    "\r\n",
    "\t",
    "\x00",
    "\ud800",
    "東京",
    "a" * 300,
]

texts = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(HOSTILE_BITS) | st.text(max_size=5), max_size=4).map("".join),
)
days = st.one_of(
    st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
    st.sampled_from([FIRST_DAY, LAST_DAY, date(2026, 11, 23), date(2026, 2, 28)]),
)
moments = st.builds(
    datetime.combine, days, st.times(min_value=time(0, 0), max_value=time(23, 59, 59))
).map(lambda t: t.replace(microsecond=0))
values = st.one_of(
    st.floats(min_value=-MAX_VALUE, max_value=MAX_VALUE, allow_nan=False),
    st.sampled_from([MAX_VALUE, -MAX_VALUE, 0.0, -0.0, 5e-324, 1e-300, 0.1]),
    st.integers(min_value=-1000, max_value=1000).map(float),
)
whole = st.one_of(st.integers(min_value=0, max_value=50), st.sampled_from([MAX_INT, 0, 1]))


def _strategy(hint: Any) -> st.SearchStrategy[Any]:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _strategy(options[0])
        return st.none() | inner if len(options) < len(typing.get_args(hint)) else inner
    if origin is tuple:
        return st.lists(_strategy(typing.get_args(hint)[0]), max_size=3).map(tuple)
    if dataclasses.is_dataclass(hint):
        return record(hint)  # type: ignore[arg-type]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    return {
        str: texts,
        bool: st.booleans(),
        int: whole,
        float: values,
        date: days,
        datetime: moments,
    }[hint]


def record(kind: type) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(kind)
    fields = {f.name: _strategy(hints[f.name]) for f in dataclasses.fields(kind) if f.name != "id"}
    return st.builds(kind, **fields)


REFERENCES = {
    "target_id": "targets",
    "obstacle_id": "obstacles",
    "cycle_id": "cycles",
    "step_id": "steps",
}
"""Fields that name another record, and the table it is in."""
OPTIONAL_REFERENCES = {"obstacle_id", "step_id"}


@st.composite
def board_tables(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """A board as the export's ``board`` object: one list of plain rows per table,
    with unique ids and every reference pointing at a record of the board."""
    tables: dict[str, list[Any]] = {"board": [draw(record(RECORD_TYPES["board"]))]}
    for name, kind in RECORD_TYPES.items():
        if name != "board":
            tables[name] = draw(st.lists(record(kind), max_size=4 if name != "targets" else 3))
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, records in tables.items():
        rows[name] = []
        for i, item in enumerate(records):
            row = encode(item)
            row["id"] = f"{name}-{i}"
            rows[name].append(row)
    for field, table_name in REFERENCES.items():
        ids = [r["id"] for r in rows.get(table_name, [])]
        for table in rows.values():
            for row in list(table):
                if field not in row:
                    continue
                if row[field] is None or field in OPTIONAL_REFERENCES:
                    row[field] = draw(st.sampled_from([None, *ids]))
                elif ids:
                    row[field] = draw(st.sampled_from(ids))
                else:
                    table.remove(row)
    steps_taken = [None, *(row["id"] for row in rows.get("experiments", []))]
    for obstacle in rows.get("obstacles", []):  # parked from a step of the record
        obstacle["step_id"] = draw(st.sampled_from(steps_taken))
    _cards_kept(draw, rows)
    _process_kept(rows)
    for reading in rows.get("readings", []):  # a time of day, or none said
        reading["time"] = draw(st.sampled_from(["", "00:00", "14:30", "23:59"]))
    _job_details_kept(draw, rows)
    return rows


def _process_kept(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Process analysis values that keep its rules (no negative time or demand,
    positions and batches from 1, marks in order within their observation): the
    edges of each range are still drawn, only their sign is kept."""
    for row in rows.get("demand", []):
        for name in ("available_minutes", "demand", "planned_losses_minutes"):
            row[name] = abs(row[name])
    for position, row in enumerate(rows.get("steps", []), start=1):
        row["position"] = position
        for name in ("work_seconds", "machine_seconds", "changeover_seconds"):
            row[name] = None if row[name] is None else abs(row[name])
        row["batch"] = None if row["batch"] is None else max(1, row["batch"])
    for row in rows.get("observations", []):
        marks = sorted(row["marks"], key=lambda m: m["at"])
        for mark in marks:
            mark["seconds"] = abs(mark["seconds"])
            mark["at"] = max(mark["at"], row["started"])
        row["marks"] = marks
        last = marks[-1]["at"] if marks else row["started"]
        row["ended"] = None if row["ended"] is None else max(row["ended"], last)


CARD_KEYS = ("q1", "q2", "r1", "r2", "r3", "r4", "q3", "q4", "q5")
"""The coaching kata's question keys, in every language shipped."""


def _cards_kept(draw: st.DrawFn, rows: dict[str, list[dict[str, Any]]]) -> None:
    """The board and its cycles on a card set this server has (the coaching kata in
    one of its languages), their positions, answers and notes on its questions:
    random names and keys would have every board refused for them alone."""
    languages = st.sampled_from(["en", "de", "es", "fr", "pl"])
    keys = st.sampled_from(CARD_KEYS)
    for row in [*rows["board"], *rows.get("cycles", [])]:
        row["card"] = "coaching-kata"
        row["card_language"] = draw(languages)
    for cycle in rows.get("cycles", []):
        cycle["card_version"] = 1
        cycle["position"] = draw(st.just("") | keys)
        for answer in cycle["answers"]:
            answer["key"] = draw(keys)
    for note in rows.get("notes", []):
        note["question"] = draw(st.just("") | keys)


def _job_details_kept(draw: st.DrawFn, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Job details that keep the board-wide rules, so most boards drawn hold some
    (random ones would nearly all be refused, and the board with them): a
    position of their own, one line of text, a target detail started from a
    current one, from nothing or from a detail deleted since. Their texts stay
    hostile within the line."""
    details = rows.get("job_details", [])
    current = [row["id"] for row in details if row["of"] == "current"]
    for position, row in enumerate(details, start=1):
        row["position"] = position
        row["text"] = row["text"].replace("\r", " ").replace("\n", " ").strip() or "a detail"
        chosen = draw(st.sampled_from([None, "deleted since", *current]))
        row["from_id"] = chosen if row["of"] == "target" else None


BROKEN_VALUES = [
    None,
    "",
    "x",
    True,
    [],
    {},
    10**20,
    -(10**13),
    1e300,
    MAX_VALUE * 1.5,
    "2026-W48-1",
    "2026-11-23T09:00:00+05:00",
    "2026-11-23 09:00",
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59",
    "x" * 20_001,
    "\x1b]52;c;SGVsbG8=\x07",
    float("nan"),
    "NaN",
]


@dataclasses.dataclass(frozen=True)
class Damage:
    """One subtle break of a board: what a hand edit, a bug or a neighbour does."""

    table: str
    row: int
    field: str
    value: Any
    how: str  # "set", "drop", "add", "duplicate-id", "dangling"

    def apply(self, rows: dict[str, list[dict[str, Any]]]) -> bool:
        table = rows.get(self.table) or []
        if not table:
            return False
        row = table[self.row % len(table)]
        if self.how == "set":
            if self.field not in row:
                return False
            row[self.field] = self.value
        elif self.how == "drop":
            if self.field not in row:
                return False
            del row[self.field]
        elif self.how == "add":
            row["colour"] = "red"
        elif self.how == "duplicate-id":
            others = [r["id"] for t in rows.values() for r in t if r is not row]
            if not others:
                return False
            row["id"] = others[self.row % len(others)]
        elif self.how == "dangling":
            if "target_id" in row:
                row["target_id"] = "no-such-target"
            elif row.get("obstacle_id") is not None or "obstacle_id" in row:
                row["obstacle_id"] = "no-such-obstacle"
            else:
                return False
        return True


@st.composite
def damage(draw: st.DrawFn) -> Damage:
    table = draw(st.sampled_from(list(RECORD_TYPES)))
    kind = RECORD_TYPES[table]
    field = draw(st.sampled_from([f.name for f in dataclasses.fields(kind)]))
    return Damage(
        table=table,
        row=draw(st.integers(0, 5)),
        field=field,
        value=draw(st.sampled_from(BROKEN_VALUES)),
        how=draw(st.sampled_from(["set", "set", "set", "drop", "add", "duplicate-id", "dangling"])),
    )


def json_number_safe(value: Any) -> bool:
    return not (isinstance(value, float) and math.isnan(value))
