"""Records to plain JSON-able dicts and back, validating every field.

One codec serves the store (board files), the json export and the importer,
so a field has one spelling and one set of rules everywhere. Decoding never
trusts its input: a wrong type, a missing field, a non-finite number or an
absurd size raises ``InvalidInput`` naming the field, e.g.
``experiments[3].day: expected a date like 2026-11-23, got 'soon'``.
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cache
from operator import itemgetter
from typing import Any, TypeVar

from kata_tui.domain.card import COACHING_KATA
from kata_tui.domain.card_sets import CARD_NAME, LANGUAGE, QUESTION_KEY
from kata_tui.domain.dates import FIRST_DAY, LAST_DAY
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.job_methods import check_job_details
from kata_tui.domain.model import BEFORE_FIRST_TARGET, CoachingCycle, Record
from kata_tui.domain.numbers import MAX_VALUE
from kata_tui.domain.storyboard import TABLES, Storyboard, number_obstacles
from kata_tui.domain.text import MAX_TEXT

MAX_INT = 10**9
VALUE_RANGE = "numbers are at most 1,000,000,000,000 either way"
DATE_RANGE = f"dates from {FIRST_DAY} to {LAST_DAY}"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}")

T = TypeVar("T")
D = TypeVar("D", date, datetime)

RECORD_TYPES: dict[str, type] = {name: kind for kind, name in TABLES.items()}


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def encode(value: Any) -> Any:
    """A record (or any value inside one) as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


def decode(kind: type[T], data: Any, where: str) -> T:
    """Build a ``kind`` record from JSON data, or say exactly what is wrong."""
    try:
        return _decoder(kind)(data)  # type: ignore[no-any-return]
    except _Bad as bad:
        raise InvalidInput(f"{where}{bad.path}: {bad.message}") from None


class _Bad(Exception):
    """What is wrong with one value; its place is added on the way out (``path``),
    so a sound board builds no location strings at all (kata check reads 2,000)."""

    def __init__(self, message: str) -> None:
        self.message = message
        self.path = ""

    def at(self, step: str) -> _Bad:
        self.path = step + self.path
        return self


Decoder = Callable[[Any], Any]


@cache
def _decoder(hint: Any) -> Decoder:
    """A decoder made once per type: looking the type up again for each of the
    thousands of values of a large board would be most of opening it."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        args = typing.get_args(hint)
        options = [a for a in args if a is not type(None)]
        nullable = len(options) < len(args)
        inner = _decoder(options[0])

        def optional(data: Any) -> Any:
            if data is None:
                if nullable:
                    return None
                raise _Bad("missing value")
            return inner(data)

        return optional
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])

        def sequence(data: Any) -> Any:
            if not isinstance(data, list):
                raise _Bad(f"expected a list, got {_describe(data)}")
            try:
                return tuple([item(value) for value in data])
            except _Bad:
                pass
            out = []
            for i, value in enumerate(data):  # again, one by one, to say which
                try:
                    out.append(item(value))
                except _Bad as bad:
                    raise bad.at(f"[{i}]") from None
            return tuple(out)

        return sequence
    if dataclasses.is_dataclass(hint):
        return _remembering(hint, _dataclass_decoder(hint))  # type: ignore[arg-type]
    if hint is str:
        return _decode_text
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_decoder(hint)
    decoder = _VALUE_DECODERS.get(hint)
    if decoder is None:
        raise TypeError(f"codec cannot decode {hint!r}")  # a programming error, not user input
    return decoder


def _dataclass_decoder(kind: type) -> Decoder:
    """A record's decoder, written out field by field as Python source once per
    type: a loop over the fields calling a decoder per text was half of what
    ``kata check`` spends on 2,000 boards. The rules are those of the value
    decoders below; text fields are checked inline. The record is built from
    positional arguments (a missing field gets its default, as the dataclass
    would give it): keyword arguments cost a dict per record."""
    hints = _hints(kind)
    names = frozenset(f.name for f in dataclasses.fields(kind))
    env: dict[str, Any] = {
        "_Bad": _Bad,
        "_describe": _describe,
        "_DAYS": _DAYS,
        "_MOMENTS": _MOMENTS,
        "MAX_TEXT": MAX_TEXT,
        "MAX_INT": MAX_INT,
        "kind": kind,
        "names": names,
    }
    lines = [
        "def record(data):",
        "    if not isinstance(data, dict):",
        "        raise _Bad(f'expected an object, got {_describe(data)}')",
        "    found = 0",
    ]
    for i, f in enumerate(dataclasses.fields(kind)):
        key, step, out = repr(f.name), repr(f".{f.name}"), f"f{i}"
        fast = _fast_path(hints[f.name], i, env)
        env[f"decode_{i}"] = _decoder(_past_null(hints[f.name]) if fast else hints[f.name])
        lines += [f"    if {key} in data:", f"        v = data[{key}]", "        found += 1"]
        indent = "        "
        if fast is not None:
            condition, value = fast
            lines += [
                f"        if {condition}:",
                f"            {out} = {value}",
                "        else:",
            ]
            indent += "    "
        lines += [
            f"{indent}try:",
            f"{indent}    {out} = decode_{i}(v)",
            f"{indent}except _Bad as bad:",
            f"{indent}    raise bad.at({step}) from None",
            "    else:",
        ]
        if f.default is not dataclasses.MISSING:
            env[f"default_{i}"] = f.default
            lines.append(f"        {out} = default_{i}")
        elif f.default_factory is not dataclasses.MISSING:
            env[f"factory_{i}"] = f.default_factory
            lines.append(f"        {out} = factory_{i}()")
        else:
            lines.append(f"        raise _Bad('missing').at({step})")
    arguments = ", ".join(f"f{i}" for i in range(len(dataclasses.fields(kind))))
    lines += [
        "    if found != len(data):",
        "        unknown = sorted(set(data) - names)",
        "        raise _Bad('unknown field').at('.' + unknown[0])",
    ]
    if _plain_slots(kind):
        # what the dataclass's own __init__ does, without its frozen-object
        # __setattr__ call per field: each slot's own setter
        env["new"] = object.__new__
        lines.append("    record = new(kind)")
        for i, f in enumerate(dataclasses.fields(kind)):
            env[f"set_{i}"] = kind.__dict__[f.name].__set__
            lines.append(f"    set_{i}(record, f{i})")
        lines.append("    return record")
    else:
        lines.append(f"    return kind({arguments})")
    exec(compile("\n".join(lines), f"<decoder of {kind.__name__}>", "exec"), env)
    return env["record"]  # type: ignore[no-any-return]


def _plain_slots(kind: type) -> bool:
    """Whether the dataclass's ``__init__`` only sets its fields' slots: made by
    ``dataclass`` (no hand-written one), no ``__post_init__``, every field a slot."""
    init = kind.__dict__.get("__init__")
    slots = set(getattr(kind, "__slots__", ()))
    return (
        init is not None
        and getattr(init, "__code__", None) is not None
        and init.__code__.co_filename == "<string>"
        and not hasattr(kind, "__post_init__")
        and all(f.name in slots for f in dataclasses.fields(kind))
    )


def _remembering(kind: type, record: Decoder) -> Decoder:
    """``record``, remembering what it built, for a small record whose every field is
    required text (a stamp: who, role, when; a driver): the records of one save
    share one stamp, so most stamps of a board are a dict lookup. A row is
    looked up only when it has exactly those fields; only a row of text decodes,
    so only text is remembered, and a row never decoded before is decoded in full."""
    fields = dataclasses.fields(kind)
    hints = _hints(kind)
    textual = all(
        f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
        and (
            hints[f.name] in (str, date, datetime)
            or (isinstance(hints[f.name], type) and issubclass(hints[f.name], StrEnum))
        )
        for f in fields
    )
    if not textual or not 2 <= len(fields) <= 4:
        return record
    width = len(fields)
    fields_of = itemgetter(*(f.name for f in fields))
    known: dict[tuple[str, ...], Any] = {}

    def remembered(data: Any) -> Any:
        if data.__class__ is not dict or len(data) != width:
            return record(data)
        try:
            key = fields_of(data)
            hit = known.get(key)
        except (KeyError, TypeError):  # a field missing; a list where text belongs
            return record(data)
        if hit is None:  # only a row of text decodes, so only text is remembered
            hit = record(data)
            if len(known) >= _REMEMBERED:
                known.clear()
            known[key] = hit
        return hit

    return remembered


def _past_null(hint: Any) -> Any:
    """``X`` for ``X | None``: where the fast path has taken ``None`` already."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        args = typing.get_args(hint)
        if type(None) in args:
            return typing.Union[tuple(a for a in args if a is not type(None))]  # noqa: UP007
    return hint


def _fast_path(hint: Any, i: int, env: dict[str, Any]) -> tuple[str, str] | None:
    """(condition, value) in Python source for a sound value of a common type;
    anything else goes to the type's decoder, which says what is wrong."""
    nullable = False
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        args = typing.get_args(hint)
        options = [a for a in args if a is not type(None)]
        nullable, hint = len(options) < len(args), options[0]
    if hint is str:
        test, value = "v.__class__ is str and len(v) <= MAX_TEXT", "v"
    elif hint is int:
        test, value = "v.__class__ is int and -MAX_INT <= v <= MAX_INT", "v"
    elif hint is bool:
        test, value = "v.__class__ is bool", "v"
    elif isinstance(hint, type) and issubclass(hint, Enum):
        env[f"members_{i}"] = {m.value: m for m in hint}
        test, value = f"v.__class__ is str and v in members_{i}", f"members_{i}[v]"
    elif hint is date:
        test, value = "v.__class__ is str and v in _DAYS", "_DAYS[v]"
    elif hint is datetime:
        test, value = "v.__class__ is str and v in _MOMENTS", "_MOMENTS[v]"
    elif nullable:
        return "v is None", "None"
    else:
        return None
    if nullable:
        return f"v is None or ({test})", f"None if v is None else {value}"
    return test, value


def _decode_text(data: Any) -> str:
    if data.__class__ is not str and not isinstance(data, str):
        raise _Bad(f"expected text, got {_describe(data)}")
    if len(data) > MAX_TEXT:
        raise _Bad(f"text longer than {MAX_TEXT} characters")
    return data  # type: ignore[no-any-return]


def _enum_decoder(hint: type[Enum]) -> Decoder:
    members = {m.value: m for m in hint}
    allowed = ", ".join(str(m.value) for m in hint)

    def member(data: Any) -> Any:
        found = members.get(data) if isinstance(data, str) else None
        if found is None:
            raise _Bad(f"{_describe(data)} is not one of: {allowed}")
        return found

    return member


def _decode_bool(data: Any) -> bool:
    if not isinstance(data, bool):
        raise _Bad(f"expected true or false, got {_describe(data)}")
    return data


def _decode_int(data: Any) -> int:
    if data.__class__ is not int and (isinstance(data, bool) or not isinstance(data, int)):
        raise _Bad(f"expected a whole number, got {_describe(data)}")
    if abs(data) > MAX_INT:
        raise _Bad(f"expected a whole number, got {_describe(data)}")
    return data  # type: ignore[no-any-return]


def _decode_float(data: Any) -> float:
    if isinstance(data, bool) or not isinstance(data, int | float):
        raise _Bad(f"expected a number, got {_describe(data)}")
    if isinstance(data, int) and abs(data) > MAX_VALUE:  # before float(): 10**400
        raise _Bad(f"number out of range ({VALUE_RANGE})")
    value = float(data)
    if not math.isfinite(value):
        raise _Bad(f"expected a finite number, got {_describe(data)}")
    if abs(value) > MAX_VALUE:
        raise _Bad(f"number out of range ({VALUE_RANGE})")
    return value


_DAYS: dict[str, date] = {}
"""Dates and times already decoded, by their text: a board's records share a
few hundred days, and a date decoded once is a dict lookup after (the
record decoders look here first). Only sound values go in, at most
``_REMEMBERED`` of each."""
_MOMENTS: dict[str, datetime] = {}
_REMEMBERED = 100_000


def _remember(known: dict[str, D], text: str, value: D) -> D:
    if len(known) >= _REMEMBERED:
        known.clear()
    known[text] = value
    return value


def _decode_datetime(data: Any) -> datetime:
    # exactly what encode writes: local time, no zone, no fraction (FORMAT.md)
    if isinstance(data, str) and _TIME.fullmatch(data):
        try:
            moment = datetime.fromisoformat(data)
        except ValueError:
            pass
        else:
            return _remember(_MOMENTS, data, _in_range(moment, data))
    raise _Bad(f"expected a time like 2026-11-23T09:00:00, got {_describe(data)}")


def _decode_date(data: Any) -> date:
    if isinstance(data, str) and _DATE.fullmatch(data):  # not a week date (2026-W48-1)
        try:
            day = date.fromisoformat(data)
        except ValueError:
            pass
        else:
            return _remember(_DAYS, data, _in_range(day, data))
    raise _Bad(f"expected a date like 2026-11-23, got {_describe(data)}")


_VALUE_DECODERS: dict[Any, Decoder] = {
    bool: _decode_bool,
    int: _decode_int,
    float: _decode_float,
    datetime: _decode_datetime,
    date: _decode_date,
}


def _in_range(value: D, data: str) -> D:
    day = value.date() if isinstance(value, datetime) else value
    if FIRST_DAY <= day <= LAST_DAY:
        return value
    raise _Bad(f"{_describe(data)} is out of range ({DATE_RANGE})")


def encode_storyboard(story: Storyboard) -> dict[str, list[dict[str, Any]]]:
    """All records of a board, one list per table, in a stable order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, name in TABLES.items():
        records = sorted(story.records(kind), key=_stable_key)
        out[name] = [encode(r) for r in records]
    return out


def _stable_key(record: Record) -> tuple[str, str]:
    for attr in ("started", "at", "day", "added", "seq", "number", "position"):
        if hasattr(record, attr):
            value = getattr(record, attr)
            return (str(value).zfill(12) if isinstance(value, int) else str(value), record.id)
    return ("", record.id)


def decode_storyboard(
    tables: Any, where: str = "board", *, revision: int = 0, slug: str = ""
) -> Storyboard:
    """The inverse of ``encode_storyboard``, checking the board hangs together."""
    if not isinstance(tables, dict):
        raise InvalidInput(f"{where}: expected an object of tables, got {_describe(tables)}")
    unknown = sorted(set(tables) - set(RECORD_TYPES), key=str)
    if unknown:  # a typo such as "obstacle" would otherwise drop the whole table
        raise InvalidInput(f"{where}.{unknown[0]}: unknown table")
    decoded: dict[str, tuple[Any, ...]] = {}
    for name, kind in RECORD_TYPES.items():
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise InvalidInput(f"{where}.{name}: expected a list, got {_describe(rows)}")
        decoded[name] = tuple(decode(kind, row, f"{name}[{i}]") for i, row in enumerate(rows))
    boards = decoded.pop("board")
    if len(boards) != 1:
        raise InvalidInput(f"{where}.board: expected exactly one board, found {len(boards)}")
    story = number_obstacles(Storyboard(board=boards[0], revision=revision, slug=slug, **decoded))
    check_storyboard(story)
    return story


_CARD_KEYS = frozenset({"", *(q.key for q in COACHING_KATA.steps)})
"""A cycle's position, its answers' keys and a note's question name the card's
questions (a cycle not yet on the card, or a note outside it, has ""). Every
language of the coaching kata has these keys; another card set's keys are
checked for their form only (its file may change or go after the cycle)."""
_ANSWER_KEYS = _CARD_KEYS - {""}
_NOT_ON_CARD = f"is not a question of the card ({', '.join(sorted(_CARD_KEYS - {''}))})"


def _keys_fit(cycle: CoachingCycle, keys: Iterable[str], empty: bool) -> bool:
    """The keys name questions of ``cycle``'s card ("" allowed with ``empty``)."""
    if cycle.card == COACHING_KATA.name:
        return (_CARD_KEYS if empty else _ANSWER_KEYS).issuperset(keys)
    return all((empty and not k) or QUESTION_KEY.fullmatch(k) for k in keys)


def _card_fits(cycle: CoachingCycle) -> bool:
    return bool(
        CARD_NAME.fullmatch(cycle.card)
        and LANGUAGE.fullmatch(cycle.card_language)
        and cycle.card_version >= 1
    )


def check_storyboard(story: Storyboard) -> None:
    """Cross-record rules: ids unique, references resolve (a target, an obstacle,
    the step an obstacle was parked from).

    Every save runs it on the whole board (a 300-step board saves in a few
    milliseconds), so a board that keeps the rules is passed by set
    operations alone; only a broken one is walked to name what is wrong.
    """
    ids = [record.id for kind in TABLES for record in story.records(kind)]
    target_ids = {t.id for t in story.targets}
    obstacle_ids = {o.id for o in story.obstacles}
    targeted = (story.obstacles, story.experiments)
    cycle_ids = {c.id for c in story.cycles}
    if (
        all(ids)
        and len(set(ids)) == len(ids)
        and all({r.target_id for r in records} <= target_ids for records in targeted)
        and all(c.target_id in target_ids or _before_targets(c) for c in story.cycles)
        and {r.target_id for r in story.readings} - {BEFORE_FIRST_TARGET} <= target_ids
        and {e.obstacle_id for e in story.experiments} - {None} <= obstacle_ids
        and {c.obstacle_id for c in story.cycles} - {None} <= obstacle_ids
        and {n.cycle_id for n in story.notes} <= cycle_ids
        and {o.step_id for o in story.observations} - {None} <= {s.id for s in story.steps}
        and CARD_NAME.fullmatch(story.board.card)
        and LANGUAGE.fullmatch(story.board.card_language)
        and all(_card_fits(c) for c in story.cycles)
        and all(_keys_fit(c, (c.position,), True) for c in story.cycles)
        and all(_keys_fit(c, (a.key for a in c.answers), False) for c in story.cycles)
        and _notes_fit(story)
        and {o.step_id for o in story.obstacles} - {None} <= {e.id for e in story.experiments}
    ):
        check_process(story)
        check_readings(story)
        check_job_details(story)
        return
    seen: set[str] = set()
    for kind, name in TABLES.items():
        for i, record in enumerate(story.records(kind)):
            if not record.id or record.id in seen:
                raise InvalidInput(f"{name}[{i}].id: duplicate or empty id {record.id!r}")
            seen.add(record.id)
    for name in ("readings", "obstacles", "experiments", "cycles"):
        for i, record in enumerate(getattr(story, name)):
            if record.target_id not in target_ids and not (
                (name == "readings" and record.target_id == BEFORE_FIRST_TARGET)
                or (name == "cycles" and _before_targets(record))
            ):
                raise InvalidInput(
                    f"{name}[{i}].target_id: no target condition {record.target_id!r}"
                )
    for i, experiment in enumerate(story.experiments):
        if experiment.obstacle_id is not None and experiment.obstacle_id not in obstacle_ids:
            raise InvalidInput(
                f"experiments[{i}].obstacle_id: no obstacle {experiment.obstacle_id!r}"
            )
    if not CARD_NAME.fullmatch(story.board.card):
        raise InvalidInput(f"board[0].card: {_describe(story.board.card)} is not a card set name")
    if not LANGUAGE.fullmatch(story.board.card_language):
        raise InvalidInput(
            f"board[0].card_language: {_describe(story.board.card_language)} is not a language code"
        )
    cycles = {c.id: c for c in story.cycles}
    for i, note in enumerate(story.notes):
        if note.cycle_id not in cycle_ids:
            raise InvalidInput(f"notes[{i}].cycle_id: no coaching cycle {note.cycle_id!r}")
        if not _keys_fit(cycles[note.cycle_id], (note.question,), True):
            raise InvalidInput(f"notes[{i}].question: {_describe(note.question)} {_NOT_ON_CARD}")
    for i, cycle in enumerate(story.cycles):
        if not CARD_NAME.fullmatch(cycle.card):
            raise InvalidInput(f"cycles[{i}].card: {_describe(cycle.card)} is not a card set name")
        if not LANGUAGE.fullmatch(cycle.card_language):
            raise InvalidInput(
                f"cycles[{i}].card_language: {_describe(cycle.card_language)} "
                "is not a language code"
            )
        if cycle.obstacle_id is not None and cycle.obstacle_id not in obstacle_ids:
            raise InvalidInput(f"cycles[{i}].obstacle_id: no obstacle {cycle.obstacle_id!r}")
        if cycle.card_version < 1:
            raise InvalidInput(f"cycles[{i}].card_version: versions count from 1")
        if not _keys_fit(cycle, (cycle.position,), True):
            raise InvalidInput(f"cycles[{i}].position: {_describe(cycle.position)} {_NOT_ON_CARD}")
        for j, answer in enumerate(cycle.answers):
            if not _keys_fit(cycle, (answer.key,), False):
                raise InvalidInput(
                    f"cycles[{i}].answers[{j}].key: {_describe(answer.key)} {_NOT_ON_CARD}"
                )
    step_ids = {s.id for s in story.steps}
    for i, seen_at in enumerate(story.observations):
        if seen_at.step_id is not None and seen_at.step_id not in step_ids:
            raise InvalidInput(f"observations[{i}].step_id: no process step {seen_at.step_id!r}")
    experiment_ids = {e.id for e in story.experiments}
    for i, obstacle in enumerate(story.obstacles):
        if obstacle.step_id is not None and obstacle.step_id not in experiment_ids:
            raise InvalidInput(f"obstacles[{i}].step_id: no step {obstacle.step_id!r}")
    check_process(story)
    check_readings(story)
    check_job_details(story)


_HH_MM = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")


def check_readings(story: Storyboard) -> None:
    """A reading's time of day is ``HH:MM`` or empty."""
    for i, reading in enumerate(story.readings):
        if reading.time and not _HH_MM.fullmatch(reading.time):
            raise InvalidInput(
                f"readings[{i}].time: expected a time of day like 14:30, "
                f"got {_describe(reading.time)}"
            )


def _notes_fit(story: Storyboard) -> bool:
    if not story.notes:
        return True
    cycles = {c.id: c for c in story.cycles}
    return all(
        n.cycle_id in cycles and _keys_fit(cycles[n.cycle_id], (n.question,), True)
        for n in story.notes
    )


def _before_targets(cycle: CoachingCycle) -> bool:
    """A cycle on a card that needs no target condition, run before the first one."""
    return cycle.target_id == BEFORE_FIRST_TARGET and cycle.card != COACHING_KATA.name


def check_process(story: Storyboard) -> None:
    """The process analysis's values make sense: times and demand are not
    negative, a step's position and batch are counted from 1, an observation's
    marks are in order and end after it started."""
    for i, demand in enumerate(story.demand):
        if demand.available_minutes < 0:
            raise InvalidInput(f"demand[{i}].available_minutes: negative time")
        if demand.planned_losses_minutes < 0:
            raise InvalidInput(f"demand[{i}].planned_losses_minutes: negative time")
        if demand.demand < 0:
            raise InvalidInput(f"demand[{i}].demand: negative demand")
    for i, step in enumerate(story.steps):
        if step.position < 1:
            raise InvalidInput(f"steps[{i}].position: positions count from 1")
        if step.batch is not None and step.batch < 1:
            raise InvalidInput(f"steps[{i}].batch: a batch is at least 1 unit")
        for name in ("work_seconds", "machine_seconds", "changeover_seconds"):
            value = getattr(step, name)
            if value is not None and value < 0:
                raise InvalidInput(f"steps[{i}].{name}: negative time")
    for i, observation in enumerate(story.observations):
        last = observation.started
        for j, mark in enumerate(observation.marks):
            if mark.seconds < 0:
                raise InvalidInput(f"observations[{i}].marks[{j}].seconds: negative time")
            if mark.at < last:
                raise InvalidInput(f"observations[{i}].marks[{j}].at: before the mark before it")
            last = mark.at
        if observation.ended is not None and observation.ended < last:
            raise InvalidInput(f"observations[{i}].ended: before its last mark")
