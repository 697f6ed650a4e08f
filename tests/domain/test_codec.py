"""Every record to JSON and back, and errors that name the field."""

from __future__ import annotations

import copy
import dataclasses
import enum
import json
import typing
from datetime import date, datetime
from typing import Any

import pytest

from kata_tui.domain.codec import (
    MAX_TEXT,
    RECORD_TYPES,
    check_storyboard,
    decode,
    decode_storyboard,
    encode,
    encode_storyboard,
)
from kata_tui.domain.demo import demo_board, demo_boards
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.job_methods import BreakdownOf, Change, JobDetail
from kata_tui.domain.model import (
    Answer,
    Better,
    Board,
    CoachingCycle,
    CycleNote,
    Driver,
    EarlierVersion,
    Experiment,
    Metric,
    MetricKind,
    NoteKind,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    Reading,
    Role,
    Stamp,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.summary import BoardSummary, summarize
from tests.conftest import TODAY

STAMP = Stamp("ana", Role.SECOND_COACH, datetime(2026, 11, 23, 9, 41, 7))


def _full_board() -> Storyboard:
    """One record of each kind with every field away from its default."""
    board = Board(
        learner="ana",
        coach="ben",
        challenge="Challenge\nwith two lines",
        horizon=date(2027, 6, 1),
        set_by="plant manager",
        focus_process="press 2",
        created=date(2026, 1, 2),
        archived=True,
        plant="north",
        cycle_minutes=25,
        card="five-whys",
        card_language="de",
        id="board1",
        rev=4,
        stamp=STAMP,
    )
    target = TargetCondition(
        seq=2,
        achieve_by=date(2026, 12, 14),
        metrics=(
            Metric("changeover", "min", 25.5, MetricKind.OUTCOME, Better.LOWER),
            Metric("standard", "%", 90, MetricKind.PROCESS, Better.HIGHER),
        ),
        pattern="intended",
        actual_pattern="actual",
        status=TargetStatus.CLOSED,
        next_go_see=date(2026, 11, 24),
        next_go_see_time="14:00",
        closed_on=date(2026, 11, 20),
        summary="clamps, not transport",
        override="met on the last four shifts",
        earlier=(
            EarlierVersion("pattern", "first wording", date(2026, 11, 10), "ben"),
            EarlierVersion("achieve_by", "2026-12-01", date(2026, 11, 11)),
        ),
        id="t1",
        rev=2,
        stamp=STAMP,
    )
    obstacle = Obstacle(
        "t1", "die cart late", date(2026, 11, 2), ObstacleStatus.DROPPED,
        ObstacleKind.IMPLEMENTATION, number=4, step_id="e1", id="o1", rev=3, stamp=STAMP,
    )  # fmt: skip
    return Storyboard(
        board=board,
        targets=(target,),
        readings=(
            Reading(
                "t1",
                date(2026, 11, 3),
                "changeover",
                -1.25,
                seq=3,
                time="14:30",
                id="r1",
                rev=1,
                stamp=STAMP,
            ),
        ),
        obstacles=(obstacle,),
        experiments=(
            Experiment(
                "t1",
                7,
                date(2026, 11, 4),
                "step",
                "expect",
                "o1",
                "happened",
                "learned",
                "the press was down",
                id="e1",
                rev=5,
                stamp=STAMP,
            ),
        ),
        cycles=(
            CoachingCycle(
                target_id="t1",
                day=date(2026, 11, 5),
                coach="ben",
                learner="ana",
                started=datetime(2026, 11, 5, 9, 30),
                ended=datetime(2026, 11, 5, 9, 52, 30),
                second_coach="cleo",
                answers=(
                    Answer("q1", "", "ana", "as on the board: target"),
                    Answer("r3", "facts\tand\nmore", "ben", "step 7"),
                ),
                position="r3",
                reflection="asked too much",
                second_coach_feedback="let her hold the pen",
                drivers=(Driver("ben", Role.COACH, datetime(2026, 11, 5, 9, 30)),),
                paused=True,
                card="five-whys",
                card_version=2,
                card_language="pl",
                follow_up=date(2026, 11, 12),
                obstacle_id="o1",
                follow_up_checked=date(2026, 11, 13),
                follow_up_result="they swap by the rule",
                id="c1",
                rev=6,
                stamp=STAMP,
            ),
        ),
        notes=(
            CycleNote(
                "c1",
                "asks two things at once",
                datetime(2026, 11, 5, 9, 40),
                question="r3",
                kind=NoteKind.FEEDBACK,
                id="n1",
                rev=1,
                stamp=STAMP,
            ),
        ),
        demand=(
            Demand(date(2026, 10, 1), 480.0, 450.0, 30.0, "shift", id="d1", rev=1, stamp=STAMP),
        ),
        steps=(
            ProcessStep(
                date(2026, 10, 2),
                2,
                "press",
                waits_after="tote of 12",
                work_seconds=41.5,
                machine_seconds=38.0,
                changeover_seconds=1200.0,
                batch=300,
                id="s1",
                rev=2,
                stamp=STAMP,
            ),
        ),
        observations=(
            Observation(
                date(2026, 10, 3),
                "press operator",
                datetime(2026, 10, 3, 10, 0),
                ended=datetime(2026, 10, 3, 10, 5),
                step_id="s1",
                marks=(
                    Mark(61.2, datetime(2026, 10, 3, 10, 1, 1)),
                    Mark(88.4, datetime(2026, 10, 3, 10, 2, 30), "dropped a part"),
                ),
                id="ob1",
                rev=3,
                stamp=STAMP,
            ),
        ),
        job_details=(
            JobDetail(
                "t1",
                BreakdownOf.TARGET,
                2,
                "Bolt the new die",
                why="holds it",
                what="safety",
                where="press 2",
                when="after unbolting",
                who="operator",
                how="torque wrench",
                change=Change.SIMPLIFY,
                proposal="quick clamps",
                from_id="j0",
                id="j1",
                rev=2,
                stamp=STAMP,
            ),
        ),
        revision=9,
        slug="ana",
    )


def _canonical(story: Storyboard) -> Storyboard:
    """The same board with each table in id order (the codec writes a stable order)."""
    tables = {
        name: tuple(sorted(getattr(story, name), key=lambda r: r.id))
        for name in RECORD_TYPES
        if name != "board"
    }
    return dataclasses.replace(story, **tables)


def test_every_field_of_every_record_is_away_from_its_default() -> None:
    story = _full_board()
    for kind in RECORD_TYPES.values():
        (record,) = story.records(kind)
        for field in dataclasses.fields(kind):
            if field.default is not dataclasses.MISSING:
                assert getattr(record, field.name) != field.default, (kind, field.name)


def test_a_full_board_round_trips_through_json_text() -> None:
    story = _full_board()
    text = json.dumps(encode_storyboard(story), allow_nan=False)
    back = decode_storyboard(json.loads(text), revision=9, slug="ana")
    assert back == story
    for kind in RECORD_TYPES.values():
        (before,), (after,) = story.records(kind), back.records(kind)
        for field in dataclasses.fields(kind):
            assert getattr(after, field.name) == getattr(before, field.name)
            assert type(getattr(after, field.name)) is type(getattr(before, field.name))


@pytest.mark.parametrize("story", demo_boards(TODAY), ids=lambda s: s.board.learner)
def test_every_demo_board_round_trips(story: Storyboard) -> None:
    data = json.loads(json.dumps(encode_storyboard(story), allow_nan=False))
    assert _canonical(decode_storyboard(data)) == _canonical(story)
    for name, kind in RECORD_TYPES.items():
        for row in data[name]:
            assert decode(kind, row, name) in story.records(kind)


def test_a_plant_scale_board_round_trips() -> None:
    from kata_tui.domain.demo import SCENARIOS

    story = demo_board(SCENARIOS[0], TODAY, experiments=300, cycles=100)
    assert _canonical(decode_storyboard(encode_storyboard(story))) == _canonical(story)


def test_summary_round_trips() -> None:
    summary = summarize(_full_board())
    assert decode(BoardSummary, encode(summary), "summary") == summary


def _experiment_row() -> dict[str, Any]:
    return encode(_full_board().experiments[0])


def _cycle_row() -> dict[str, Any]:
    return encode(_full_board().cycles[0])


def _target_row() -> dict[str, Any]:
    return encode(_full_board().targets[0])


def _set(row: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    row = copy.deepcopy(row)
    where = row
    for key in path[:-1]:
        where = where[key]
    if value is KeyError:
        del where[path[-1]]
    else:
        where[path[-1]] = value
    return row


E, C, T = _experiment_row, _cycle_row, _target_row


def B() -> dict[str, Any]:
    return encode(_full_board().board)


BAD = [
    (Experiment, E, ["number"], "three", "e.number: expected a whole number"),
    (Experiment, E, ["number"], True, "e.number: expected a whole number"),
    (Experiment, E, ["number"], 10**12, "e.number: expected a whole number"),
    (Experiment, E, ["number"], 1.5, "e.number: expected a whole number"),
    (Experiment, E, ["day"], "soon", "e.day: expected a date like 2026-11-23"),
    (Experiment, E, ["day"], "2026-11-23T09:00", "e.day: expected a date"),
    (Experiment, E, ["day"], 20261123, "e.day: expected a date"),
    (Experiment, E, ["step"], 5, "e.step: expected text, got 5"),
    (Experiment, E, ["step"], None, "e.step: expected text, got None"),
    (Experiment, E, ["step"], "x" * (MAX_TEXT + 1), "e.step: text longer than"),
    (Experiment, E, ["step"], KeyError, "e.step: missing"),
    (Experiment, E, ["oops"], 1, "e.oops: unknown field"),
    (Experiment, E, ["stamp", "role"], "boss", "e.stamp.role: 'boss' is not one of"),
    (Experiment, E, ["stamp", "at"], "noon", "e.stamp.at: expected a time like"),
    (Experiment, E, ["stamp"], "ana", "e.stamp: expected an object"),
    (CoachingCycle, C, ["answers"], "all", "e.answers: expected a list"),
    (CoachingCycle, C, ["answers", 1, "text"], 3, "e.answers[1].text: expected text"),
    (CoachingCycle, C, ["answers", 0], [], "e.answers[0]: expected an object"),
    (TargetCondition, T, ["metrics", 0, "target"], "25", "e.metrics[0].target: expected a num"),
    (TargetCondition, T, ["metrics", 0, "target"], 1e309, "e.metrics[0].target: expected a finite"),
    (TargetCondition, T, ["metrics", 0, "target"], 10**20, "e.metrics[0].target: number out of"),
    (TargetCondition, T, ["metrics", 1, "kind"], "vibe", "e.metrics[1].kind: 'vibe' is not one"),
    (TargetCondition, T, ["status"], None, "e.status: None is not one of: active,"),
    (Board, B, ["archived"], "yes", "e.archived: expected true or false"),
    (Board, B, ["archived"], 1, "e.archived: expected true or false"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "row", "path", "value", "message"), BAD)
def test_decode_errors_name_the_field(kind, row, path, value, message) -> None:
    with pytest.raises(InvalidInput) as caught:
        decode(kind, _set(row(), path, value), "e")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_decode_rejects_a_row_that_is_not_an_object() -> None:
    with pytest.raises(InvalidInput, match=r"^experiments\[3\]: expected an object, got \[1\]"):
        decode(Experiment, [1], "experiments[3]")


def test_storyboard_decode_checks_the_board_hangs_together() -> None:
    data = encode_storyboard(_full_board())
    cases = {
        "board.board: expected exactly one board, found 2": ("board", lambda rows: rows * 2),
        "board.targets: expected a list": ("targets", lambda rows: {"1": rows[0]}),
        "obstacles[0].target_id: no target condition 'gone'": (
            "obstacles",
            lambda rows: [{**rows[0], "target_id": "gone"}],
        ),
        "experiments[0].obstacle_id: no obstacle 'gone'": (
            "experiments",
            lambda rows: [{**rows[0], "obstacle_id": "gone"}],
        ),
        "readings[0].id: duplicate or empty id 't1'": (
            "readings",
            lambda rows: [{**rows[0], "id": "t1"}],
        ),
    }
    for message, (table, change) in cases.items():
        broken = {**data, table: change(copy.deepcopy(data[table]))}
        with pytest.raises(InvalidInput) as caught:
            decode_storyboard(broken)
        assert str(caught.value).startswith(message)
    with pytest.raises(InvalidInput, match="expected an object of tables"):
        decode_storyboard([])


def test_a_missing_field_with_a_default_takes_the_default() -> None:
    """FORMAT.md: only fields without a default are required."""
    row = {"id": "b", "rev": 1, "stamp": None, "learner": "ana", "coach": "tom", "challenge": "c"}
    board = decode(Board, row, "board[0]")
    assert board == Board("ana", "tom", "c", id="b", rev=1)
    assert (board.set_by, board.focus_process, board.archived) == ("", "", False)
    obstacle = decode(
        Obstacle,
        {"id": "o", "rev": 0, "stamp": None, "target_id": "t", "text": "x", "added": "2026-11-02"},
        "obstacles[0]",
    )
    assert (obstacle.status, obstacle.kind) == (ObstacleStatus.PARKED, ObstacleKind.PROCESS)
    metric = decode(Metric, {"name": "time"}, "metrics[0]")
    assert metric == Metric("time")
    with pytest.raises(InvalidInput, match=r"^board\[0\]\.learner: missing$"):
        decode(Board, {k: v for k, v in row.items() if k != "learner"}, "board[0]")


@pytest.mark.parametrize("bad", ["24:00", "9:30", "14:60", "noon", " 14:30", "14:30:00"])
def test_a_reading_time_of_day_is_hh_mm_or_empty(bad: str) -> None:
    story = _full_board()
    reading = dataclasses.replace(story.readings[0], time=bad)
    with pytest.raises(InvalidInput, match=r"readings\[0\]\.time: expected a time of day"):
        check_storyboard(story.with_record(reading))
    check_storyboard(story.with_record(dataclasses.replace(reading, time="")))
    check_storyboard(story.with_record(dataclasses.replace(reading, time="23:59")))


def test_records_without_an_id_each_get_their_own() -> None:
    row = {"rev": 1, "stamp": None, "learner": "ana", "coach": "tom", "challenge": "c"}
    first, second = decode(Board, row, "board[0]"), decode(Board, row, "board[1]")
    assert first.id and second.id and first.id != second.id


def test_days_and_times_decoded_before_do_not_let_a_wrong_one_through(monkeypatch) -> None:
    """Sound dates are remembered by their text; a wrong one is refused every time,
    and past the memory's bound every day still decodes to itself."""
    from kata_tui.domain import codec

    monkeypatch.setattr(codec, "_REMEMBERED", 3)
    codec._DAYS.clear()
    row = {"id": "o", "rev": 0, "stamp": None, "target_id": "t", "text": "x"}
    for day in range(1, 11):
        added = f"2026-11-{day:02d}"
        assert decode(Obstacle, {**row, "added": added}, "o").added == date(2026, 11, day)
        assert decode(Obstacle, {**row, "added": added}, "o").added == date(2026, 11, day)
    for wrong in ("2026-11-31", "2026-11-1", "20261101", " 2026-11-01"):
        with pytest.raises(InvalidInput, match=r"^o\.added: expected a date"):
            decode(Obstacle, {**row, "added": wrong}, "o")
    stamp = {"by": "ana", "role": "coach", "at": "2026-11-23T09:00:00"}
    assert decode(Stamp, stamp, "s").at == datetime(2026, 11, 23, 9)
    for wrong in ("2026-11-23T09:00:00+01:00", "2026-11-23T09:00", "2026-11-23 09:00:00"):
        with pytest.raises(InvalidInput, match=r"^s\.at: expected a time"):
            decode(Stamp, {**stamp, "at": wrong}, "s")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"by": ["ana"]}, r"^s\.by: expected text, got \['ana'\]$"),
        ({"role": 1}, r"^s\.role: 1 is not one of"),
        ({"at": None}, r"^s\.at: missing value|^s\.at: expected a time"),
        ({"extra": "x"}, r"^s\.extra: unknown field$"),
    ],
)
def test_a_stamp_like_one_decoded_before_is_still_checked(change, message) -> None:
    """Stamps are remembered by their text (the records of one save share one):
    a row that differs from a remembered one in any way is decoded and refused."""
    stamp = {"by": "ana", "role": "coach", "at": "2026-11-23T09:00:00"}
    assert decode(Stamp, stamp, "s") == decode(Stamp, dict(stamp), "s")
    with pytest.raises(InvalidInput, match=message):
        decode(Stamp, {**stamp, **change}, "s")
    missing = {k: v for k, v in stamp.items() if k != "role"}
    with pytest.raises(InvalidInput, match=r"^s\.role: missing$"):
        decode(Stamp, {**missing, "rank": "coach"}, "s")


def test_a_record_with_its_own_init_rules_is_built_through_them() -> None:
    """Records are built slot by slot only where the dataclass's __init__ does
    nothing more; a __post_init__ (or a hand-written __init__) still runs."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        name: str

        def __post_init__(self) -> None:
            object.__setattr__(self, "name", self.name.strip())

    @dataclasses.dataclass(frozen=True, slots=True)
    class Plain:
        name: str
        count: int = 0

    assert decode(Checked, {"name": " x "}, "c") == Checked("x")
    plain = decode(Plain, {"name": "y"}, "p")
    assert plain == Plain("y") and hash(plain) == hash(Plain("y"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        plain.name = "z"  # type: ignore[misc]


def _twin(kind: type) -> type:
    """A new record type with ``kind``'s fields, defaults and slots. The codec builds
    a type's decoder once and keeps it; a twin made in a test has its decoder built
    there, so these tests check the decoder the codec builds, not one built before."""
    hints = typing.get_type_hints(kind)
    specs: list[tuple[str, Any, Any]] = []
    for f in dataclasses.fields(kind):
        if f.default is not dataclasses.MISSING:
            spec = dataclasses.field(default=f.default)
        elif f.default_factory is not dataclasses.MISSING:
            spec = dataclasses.field(default_factory=f.default_factory)
        else:
            spec = dataclasses.field()
        specs.append((f.name, hints[f.name], spec))
    return dataclasses.make_dataclass(kind.__name__, specs, frozen=True, slots=True)


def _records_within(value: Any) -> list[Any]:
    """Every record in ``value`` and inside it (stamps, metrics, answers, marks...)."""
    if isinstance(value, tuple | list):
        return [r for v in value for r in _records_within(v)]
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return []
    inner = [r for f in dataclasses.fields(value) for r in _records_within(getattr(value, f.name))]
    return [value, *inner]


def _fields(record: Any) -> list[tuple[str, Any, type]]:
    return [
        (f.name, getattr(record, f.name), type(getattr(record, f.name)))
        for f in dataclasses.fields(record)
    ]


def test_every_record_type_decodes_by_a_decoder_built_for_it() -> None:
    """Each kind of record (and each kind inside one) decodes field by field to the
    same values, of the same types, through a decoder built anew; twice, since small
    text-only records (stamps) are remembered."""
    story = _full_board()
    records = [r for kind in RECORD_TYPES.values() for r in _records_within(story.records(kind))]
    kinds = {type(r) for r in records}
    assert {Stamp, Metric, Answer, Driver, EarlierVersion, Mark} <= kinds
    for record in records:
        twin = _twin(type(record))
        row = encode(record)
        first, again = decode(twin, row, "r"), decode(twin, copy.deepcopy(row), "r")
        assert type(first) is twin
        known = decode(type(record), row, "r")
        assert known == record
        assert _fields(first) == _fields(known) == _fields(again), type(record)
        assert encode(first) == row


@pytest.mark.parametrize(("kind", "row", "path", "value", "message"), BAD)
def test_a_decoder_built_anew_names_the_field(kind, row, path, value, message) -> None:
    with pytest.raises(InvalidInput) as caught:
        decode(_twin(kind), _set(row(), path, value), "e")
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({}, None),
        ({"by": ["ana"]}, r"^s\.by: expected text, got \['ana'\]$"),
        ({"by": "x" * (MAX_TEXT + 1)}, r"^s\.by: text longer than"),
        ({"role": 1}, r"^s\.role: 1 is not one of"),
        ({"role": "boss"}, r"^s\.role: 'boss' is not one of"),
        ({"at": None}, r"^s\.at: missing value|^s\.at: expected a time"),
        ({"at": "2026-11-23"}, r"^s\.at: expected a time"),
        ({"extra": "x"}, r"^s\.extra: unknown field$"),
    ],
)
def test_a_stamp_built_anew_is_remembered_and_still_checked(change, message) -> None:
    """A stamp (who, role, when) decoded once is remembered; a row that differs in
    any way is decoded in full, and refused where it is wrong."""
    twin = _twin(Stamp)
    stamp = {"by": "ana", "role": "coach", "at": "2026-11-23T09:00:00"}
    first = decode(twin, stamp, "s")
    assert _fields(first) == _fields(Stamp("ana", Role.COACH, datetime(2026, 11, 23, 9)))
    assert decode(twin, dict(stamp), "s") == first
    if message is None:
        other = decode(twin, {**stamp, "by": "ben"}, "s")
        assert (other.by, other.role, other.at) == ("ben", Role.COACH, first.at)
        return
    with pytest.raises(InvalidInput, match=message):
        decode(twin, {**stamp, **change}, "s")
    with pytest.raises(InvalidInput, match=r"^s\.role: missing$"):
        decode(twin, {"by": "ana", "at": "2026-11-23T09:00:00", "rank": "coach"}, "s")


def test_a_missing_field_with_a_default_takes_the_default_in_a_decoder_built_anew() -> None:
    row = {"id": "b", "rev": 1, "stamp": None, "learner": "ana", "coach": "tom", "challenge": "c"}
    board = decode(_twin(Board), row, "board[0]")
    assert _fields(board) == _fields(Board("ana", "tom", "c", id="b", rev=1))
    metric = decode(_twin(Metric), {"name": "time"}, "metrics[0]")
    assert _fields(metric) == _fields(Metric("time"))
    with pytest.raises(InvalidInput, match=r"^board\[0\]\.learner: missing$"):
        decode(_twin(Board), {k: v for k, v in row.items() if k != "learner"}, "board[0]")
    with pytest.raises(InvalidInput, match=r"^m: expected an object, got \[1\]$"):
        decode(_twin(Metric), [1], "m")


def _broken(table: str, **changes: Any) -> Storyboard:
    story = _full_board()
    (record,) = getattr(story, table)
    return story.with_record(dataclasses.replace(record, **changes))


@pytest.mark.parametrize(
    ("story", "message"),
    [
        (lambda: _broken("notes", cycle_id="gone"), "notes[0].cycle_id: no coaching cycle 'gone'"),
        (
            lambda: _broken("notes", question="Bad Key"),
            "notes[0].question: 'Bad Key' is not a question of the card",
        ),
        (
            lambda: _broken("cycles", card="Five Whys"),
            "cycles[0].card: 'Five Whys' is not a card set name",
        ),
        (
            lambda: _broken("cycles", card_language="polish"),
            "cycles[0].card_language: 'polish' is not a language code",
        ),
        (
            lambda: _broken("cycles", obstacle_id="gone"),
            "cycles[0].obstacle_id: no obstacle 'gone'",
        ),
        (
            lambda: _broken("cycles", card_version=0),
            "cycles[0].card_version: versions count from 1",
        ),
        (
            lambda: _broken("cycles", position="Bad Key"),
            "cycles[0].position: 'Bad Key' is not a question of the card",
        ),
        (
            lambda: _broken("observations", step_id="gone"),
            "observations[0].step_id: no process step 'gone'",
        ),
        (lambda: _broken("obstacles", step_id="gone"), "obstacles[0].step_id: no step 'gone'"),
        (
            lambda: _broken("demand", planned_losses_minutes=-1.0),
            "demand[0].planned_losses_minutes: negative time",
        ),
        (lambda: _broken("demand", demand=-1.0), "demand[0].demand: negative demand"),
        (
            lambda: _broken("demand", available_minutes=-1.0),
            "demand[0].available_minutes: negative time",
        ),
    ],
)
def test_a_board_breaking_one_rule_is_refused_naming_it(story, message) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_storyboard(story())
    assert str(caught.value).startswith(message), str(caught.value)


def test_the_full_board_keeps_every_rule() -> None:
    check_storyboard(_full_board())
    check_storyboard(_broken("cycles", obstacle_id=None, card_version=1))
    check_storyboard(_broken("observations", step_id=None))
    check_storyboard(_broken("obstacles", step_id=None))
    check_storyboard(_broken("notes", question=""))


def test_a_time_that_matches_the_pattern_but_is_no_time_is_refused() -> None:
    stamp = {"by": "ana", "role": "coach", "at": "2026-13-40T09:00:00"}
    with pytest.raises(InvalidInput, match=r"^s\.at: expected a time like 2026-11-23T09:00:00, "):
        decode(Stamp, stamp, "s")
    with pytest.raises(InvalidInput, match=r"^s\.at: expected a time like"):
        decode(_twin(Stamp), {**stamp, "at": "2026-02-30T09:00:00"}, "s")


def test_a_list_of_optional_values_and_a_type_the_codec_does_not_know() -> None:
    """The rules of any field's type: a list whose items may be null; a type with no
    rules is a programming error, found when the decoder is built."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class Series:
        values: tuple[float | None, ...]

    assert decode(Series, {"values": [1, None, 2.5]}, "s") == Series((1.0, None, 2.5))
    with pytest.raises(InvalidInput, match=r"^s\.values\[1\]: expected a number, got 'x'$"):
        decode(Series, {"values": [1, "x"]}, "s")

    @dataclasses.dataclass(frozen=True, slots=True)
    class Tagged:
        tags: tuple[str, ...]
        required: int | None

    with pytest.raises(InvalidInput, match=r"^t\.required: missing$"):
        decode(Tagged, {"tags": []}, "t")
    assert decode(Tagged, {"tags": ["a"], "required": None}, "t") == Tagged(("a",), None)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Odd:
        tags: frozenset

    with pytest.raises(TypeError, match="codec cannot decode"):
        decode(Odd, {"tags": []}, "o")


def test_remembered_stamps_past_the_bound_still_decode_to_themselves(monkeypatch) -> None:
    from kata_tui.domain import codec

    monkeypatch.setattr(codec, "_REMEMBERED", 3)
    twin = _twin(Stamp)
    for _ in range(2):
        for who in ("ana", "ben", "cem", "dia", "eva"):
            stamp = decode(twin, {"by": who, "role": "coach", "at": "2026-11-23T09:00:00"}, "s")
            assert (stamp.by, stamp.role) == (who, Role.COACH)


def test_a_date_outside_the_calendar_kept_is_refused_naming_it() -> None:
    row = {"id": "o", "rev": 0, "stamp": None, "target_id": "t", "text": "x"}
    for added in ("1899-12-31", "3000-01-01"):
        with pytest.raises(InvalidInput) as caught:
            decode(Obstacle, {**row, "added": added}, "o")
        assert str(caught.value) == (
            f"o.added: '{added}' is out of range (dates from 1900-01-01 to 2999-12-31)"
        )
    stamp = {"by": "ana", "role": "coach", "at": "1899-12-31T23:59:59"}
    with pytest.raises(InvalidInput, match=r"^s\.at: '1899-12-31T23:59:59' is out of range"):
        decode(Stamp, stamp, "s")


def test_notes_are_written_in_the_order_they_were_taken_whatever_their_ids() -> None:
    story = _full_board()
    (note,) = story.notes
    later = dataclasses.replace(note, id="a-later", at=note.at.replace(minute=50))
    earlier = dataclasses.replace(note, id="z-earlier", at=note.at.replace(minute=35))
    story = dataclasses.replace(story, notes=(later, earlier))
    assert [n["id"] for n in encode_storyboard(story)["notes"]] == ["z-earlier", "a-later"]


def test_two_kinds_of_choice_with_a_word_in_common_each_decode_to_their_own() -> None:
    """Made here, so their decoders are built here (each kind's is kept once built)."""

    class _Shape(enum.StrEnum):
        ROUND = "round"
        FLAT = "flat"

    class _Finish(enum.StrEnum):
        ROUND = "round"
        MATT = "matt"

    part_kind = dataclasses.make_dataclass(
        "Part", [("shape", _Shape), ("finish", _Finish)], frozen=True, slots=True
    )
    part = decode(part_kind, {"shape": "round", "finish": "round"}, "p")
    assert (type(part.shape), type(part.finish)) == (_Shape, _Finish)
    with pytest.raises(InvalidInput, match=r"^p\.shape: 'matt' is not one of: round, flat$"):
        decode(part_kind, {"shape": "matt", "finish": "round"}, "p")


def test_a_record_built_through_its_own_rules_gets_every_field_and_its_defaults() -> None:
    """A record type with a __post_init__ is built by calling it with every field;
    a missing id (a default factory) is made anew for each row."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        name: str
        count: int = 0
        id: str = dataclasses.field(default_factory=lambda: f"id-{next(ids)}")

        def __post_init__(self) -> None:
            object.__setattr__(self, "name", self.name.strip())

    ids = iter(range(1, 100))
    assert decode(Checked, {"name": " x ", "count": 3, "id": "a"}, "c") == Checked("x", 3, "a")
    first, second = decode(Checked, {"name": "y"}, "c"), decode(Checked, {"name": "y"}, "c")
    assert (first.name, first.count) == ("y", 0)
    assert first.id.startswith("id-") and second.id.startswith("id-") and first.id != second.id
    twin = _twin(Board)
    row = {"rev": 1, "stamp": None, "learner": "ana", "coach": "tom", "challenge": "c"}
    one, two = decode(twin, row, "board[0]"), decode(twin, row, "board[1]")
    assert one.id and two.id and one.id != two.id


def test_a_number_equal_to_one_decoded_before_is_still_checked() -> None:
    """Only records of text are remembered: 1.0 and True hash like 1, yet a whole
    number field refuses them every time, after a 1 or before it."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class Count:
        name: str
        n: int

    assert decode(Count, {"name": "a", "n": 1}, "c") == Count("a", 1)
    for wrong in (1.0, True):
        with pytest.raises(InvalidInput, match=r"^c\.n: expected a whole number"):
            decode(Count, {"name": "a", "n": wrong}, "c")
    assert decode(Count, {"name": "a", "n": 1}, "c") == Count("a", 1)


def test_cycles_are_written_in_the_order_they_started_whatever_their_ids() -> None:
    story = _full_board()
    (cycle,) = story.cycles
    late = dataclasses.replace(cycle, id="a-late", started=cycle.started.replace(hour=15))
    early = dataclasses.replace(cycle, id="z-early", started=cycle.started.replace(hour=8))
    story = dataclasses.replace(story, cycles=(late, early))
    assert [c["id"] for c in encode_storyboard(story)["cycles"]] == ["z-early", "a-late"]


def test_a_time_where_a_record_belongs_is_refused_even_when_seen_before() -> None:
    row = _experiment_row()
    moment = row["stamp"]["at"]
    assert decode(_twin(Experiment), row, "e").stamp.at.isoformat() == moment
    with pytest.raises(InvalidInput, match=r"^e\.stamp: expected an object"):
        decode(_twin(Experiment), {**row, "stamp": moment}, "e")


def test_a_field_of_two_kinds_without_null_refuses_null() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Either:
        value: int | str

    assert decode(Either, {"value": 3}, "x") == Either(3)
    with pytest.raises(InvalidInput, match=r"^x\.value: missing value$"):
        decode(Either, {"value": None}, "x")


def test_demand_is_written_by_its_day_whatever_the_ids() -> None:
    story = _full_board()
    (demand,) = story.demand
    later = dataclasses.replace(demand, id="a-later", day=date(2026, 10, 20))
    earlier = dataclasses.replace(demand, id="z-earlier", day=date(2026, 9, 1))
    story = dataclasses.replace(story, demand=(later, earlier))
    assert [d["id"] for d in encode_storyboard(story)["demand"]] == ["z-earlier", "a-later"]


@pytest.mark.parametrize(
    ("table", "field", "first", "second"),
    [
        ("targets", "seq", 2, 10),
        ("obstacles", "added", date(2026, 11, 1), date(2026, 11, 9)),
        ("job_details", "position", 1, 2),
        ("readings", "day", date(2026, 11, 1), date(2026, 11, 9)),
        ("observations", "started", datetime(2026, 10, 3, 8, 0), datetime(2026, 10, 3, 9, 0)),
    ],
)
def test_each_table_is_written_in_its_own_order_whatever_the_ids(table, field, first, second):
    """The file's order is stable (the same board writes the same file), by the
    record's place in time or in its sequence, not by its random id."""
    story = _full_board()
    (record,) = getattr(story, table)
    later = dataclasses.replace(record, id="a-second", **{field: second})
    earlier = dataclasses.replace(record, id="z-first", **{field: first})
    story = dataclasses.replace(story, **{table: (later, earlier)})
    assert [r["id"] for r in encode_storyboard(story)[table]] == ["z-first", "a-second"]
