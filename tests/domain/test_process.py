"""The Starter Kata's process analysis: worked examples, computed by hand in each test."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from kata_tui.domain.codec import check_process, decode_storyboard, encode_storyboard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Board, TargetCondition
from kata_tui.domain.process import (
    Demand,
    Mark,
    Observation,
    Phase,
    ProcessStep,
    cycle_times,
    equipment_seconds,
    lowest_repeatable,
    meets,
    operators_needed,
    planned_cycle_time,
    spread,
)
from kata_tui.domain.storyboard import Storyboard

DAY = date(2026, 10, 1)


def test_planned_cycle_time_takes_planned_losses_off_the_available_time() -> None:
    # 480 min shift, 30 min planned losses, 450 units: 450 min * 60 / 450 = 60 s
    shift = Demand(DAY, available_minutes=480, demand=450, planned_losses_minutes=30)
    assert shift.planned_cycle_seconds == 60.0
    # takt time ignores the losses: 480 * 60 / 450 = 64 s
    assert shift.takt_seconds == 64.0
    assert Demand(DAY, available_minutes=480, demand=0).takt_seconds is None
    assert Demand(DAY, available_minutes=0, demand=450).takt_seconds is None
    assert Demand(DAY, available_minutes=1, demand=1).takt_seconds == 60.0


def test_planned_cycle_time_without_losses_equals_takt() -> None:
    # two shifts of 450 min, 900 units: 900 * 60 / 900 = 60 s
    assert planned_cycle_time(900, 0, 900) == 60.0
    # 420 min, 45 min losses, 250 units: 375 * 60 / 250 = 90 s
    assert planned_cycle_time(420, 45, 250) == 90.0


@pytest.mark.parametrize(
    ("available", "losses", "demand"), [(480, 30, 0), (480, 480, 10), (480, 500, 10), (0, 0, 5)]
)
def test_no_planned_cycle_time_without_demand_or_time_left(
    available: float, losses: float, demand: float
) -> None:
    assert planned_cycle_time(available, losses, demand) is None


def test_equipment_capacity_spreads_the_changeover_over_the_batch() -> None:
    # 52 s a unit, 20 min changeover every 300 units: 52 + 1200/300 = 56 s a unit
    press = ProcessStep(DAY, 1, "press", machine_seconds=52, changeover_seconds=1200, batch=300)
    assert press.capacity_seconds == 56.0
    assert meets(press.capacity_seconds, 60.0) is True
    # 58 s + 1200/200 = 64 s: slower than a 60 s planned cycle time
    assert equipment_seconds(58, 1200, 200) == 64.0
    assert meets(64.0, 60.0) is False
    assert equipment_seconds(None, 1200, 200) is None
    assert equipment_seconds(40, None, None) == 40
    assert meets(None, 60.0) is None


def test_operators_needed_is_total_work_content_over_planned_cycle_time() -> None:
    steps = [
        ProcessStep(DAY, 1, "load", work_seconds=45),
        ProcessStep(DAY, 2, "weld", work_seconds=50.5),
        ProcessStep(DAY, 3, "pack", work_seconds=42.5),
        ProcessStep(DAY, 4, "wash"),  # no manual work measured: not counted
    ]
    # 45 + 50.5 + 42.5 = 138 s of work; 138 / 60 = 2.3 operators
    assert operators_needed(steps, 60.0) == pytest.approx(2.3)
    assert operators_needed(steps, None) is None
    assert operators_needed(steps[3:], 60.0) is None


def test_cycle_times_are_the_differences_of_the_readings_to_a_tenth() -> None:
    # stopwatch readings 100.00 (start), 161.23, 219.98, 301.04
    readings = [100.0, 161.23, 219.98, 301.04]
    # elapsed rounded: 0, 61.2, 120.0, 201.0 -> 61.2, 58.8, 81.0
    assert cycle_times(readings) == [61.2, 58.8, 81.0]
    assert sum(cycle_times(readings)) == pytest.approx(201.0)


def test_lowest_repeatable_ignores_a_single_fast_one_off() -> None:
    # 48.0 happens once; 58.9 and 60.2 are within 5 % of each other
    times = [62.0, 58.9, 48.0, 60.2, 75.5, 61.0]
    assert lowest_repeatable(times) == 58.9
    result = spread(times)
    assert result is not None
    assert (result.lowest, result.highest, result.count) == (48.0, 75.5, 6)
    assert result.range == 27.5  # 75.5 - 48.0
    assert result.lowest_repeatable == 58.9


def test_no_lowest_repeatable_until_a_time_repeats() -> None:
    assert lowest_repeatable([40.0, 50.0, 60.0]) is None
    assert lowest_repeatable([60.0]) is None
    assert spread([]) is None
    one = spread([60.0])
    assert one is not None and one.range == 0.0 and one.lowest_repeatable is None


def test_a_time_at_most_5_percent_longer_repeats_the_faster_one() -> None:
    """5 % exactly counts (float rounding of the product forgiven, up to its edge);
    a hundredth of a second more does not."""
    assert lowest_repeatable([42.0, 40.0]) == 40.0
    assert lowest_repeatable([40.0, 42.01]) is None
    assert lowest_repeatable([40.0, 40.0 * 1.05 + 1e-9]) == 40.0
    assert lowest_repeatable([40.0, 40.0 * 1.05 + 2e-9]) is None


def test_a_board_without_a_target_condition_is_grasping_the_current_condition() -> None:
    board = Board("ana", "ben", "one-piece flow")
    assert Storyboard(board=board).phase is Phase.GRASPING
    assert Storyboard(board=board, targets=(TargetCondition(seq=1),)).phase is Phase.STRIVING


def test_the_newest_demand_gives_the_planned_cycle_time() -> None:
    board = Board("ana", "ben", "flow")
    old = Demand(date(2026, 9, 1), 480, 400, 30)  # 450*60/400 = 67.5 s
    new = Demand(date(2026, 10, 1), 480, 450, 30)  # 60 s
    story = Storyboard(board=board, demand=(new, old))
    assert story.current_demand == new
    assert story.planned_cycle_seconds == 60.0
    assert Storyboard(board=board).planned_cycle_seconds is None


def _analysed() -> Storyboard:
    step = ProcessStep(DAY, 1, "press", id="s1")
    seen = Observation(
        DAY,
        "press operator",
        datetime(2026, 10, 1, 10, 0),
        step_id="s1",
        marks=(
            Mark(61.2, datetime(2026, 10, 1, 10, 1, 1)),
            Mark(59.0, datetime(2026, 10, 1, 10, 2)),
        ),
    )
    return Storyboard(
        board=Board("ana", "ben", "flow"),
        demand=(Demand(DAY, 480, 450, 30),),
        steps=(step,),
        observations=(seen,),
    )


def _tables(story: Storyboard | None = None) -> dict:
    return json.loads(json.dumps(encode_storyboard(story or _analysed())))


def test_the_analysis_round_trips_through_the_codec() -> None:
    story = _analysed()
    assert decode_storyboard(_tables(story)) == story


@pytest.mark.parametrize(
    ("table", "field", "value", "message"),
    [
        ("demand", "demand", -5, "demand[0].demand: negative demand"),
        ("demand", "available_minutes", "480", "demand[0].available_minutes: expected a number"),
        ("steps", "position", 0, "steps[0].position: positions count from 1"),
        ("steps", "batch", 0, "steps[0].batch: a batch is at least 1 unit"),
        ("steps", "machine_seconds", -1, "steps[0].machine_seconds: negative time"),
        ("observations", "step_id", "nope", "observations[0].step_id: no process step 'nope'"),
        ("observations", "ended", "2026-10-01T10:01:30", "observations[0].ended: before its last"),
    ],
)
def test_a_malformed_analysis_is_refused_naming_the_field(
    table: str, field: str, value: object, message: str
) -> None:
    tables = _tables()
    tables[table][0][field] = value
    with pytest.raises(InvalidInput, match=message.replace("[", r"\[").replace("]", r"\]")):
        decode_storyboard(tables)


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        ({"seconds": -0.1}, r"observations\[0\].marks\[0\].seconds: negative time"),
        ({"at": "2026-10-01T09:00:00"}, r"observations\[0\].marks\[0\].at: before"),
        ({"seconds": "61"}, r"observations\[0\].marks\[0\].seconds: expected a number"),
        ({"odd": True}, r"observations\[0\].marks\[0\].odd: unknown field"),
    ],
)
def test_a_malformed_mark_is_refused(mark: dict, message: str) -> None:
    tables = _tables()
    tables["observations"][0]["marks"][0].update(mark)
    with pytest.raises(InvalidInput, match=message):
        decode_storyboard(tables)


def test_every_field_of_the_analysis_is_documented_in_format_md() -> None:
    documented = (Path(__file__).parents[2] / "kata_tui/export/FORMAT.md").read_text()
    for table, rows in _tables().items():
        if table in ("demand", "steps", "observations"):
            assert f"`{table}`" in documented
            for field in rows[0]:
                assert f"`{field}`" in documented, f"{table}.{field} is not documented"
    for field in ("seconds", "at", "note"):
        assert f"`{field}`" in documented


def test_check_takes_any_demand_down_to_none_and_refuses_a_negative_one() -> None:
    def story(units: float) -> Storyboard:
        return Storyboard(board=Board("a", "b", "c"), demand=(Demand(DAY, 480.0, units),))

    for units in (0.0, 0.5, 450.0):
        check_process(story(units))
    with pytest.raises(InvalidInput) as caught:
        check_process(story(-1.0))
    assert str(caught.value) == "demand[0].demand: negative demand"


def test_check_takes_zero_and_fractions_of_a_unit_for_every_time() -> None:
    """Times are not negative, so 0 and 0.5 are fine: a step with no machine time,
    a shift with no planned losses, a mark read at 0.4 s."""
    story = _analysed()
    for value in (0.0, 0.5):
        (demand,) = story.demand
        (step,) = story.steps
        (seen,) = story.observations
        changed = replace(
            story,
            demand=(replace(demand, available_minutes=value, planned_losses_minutes=value),),
            steps=(
                replace(step, work_seconds=value, machine_seconds=value, changeover_seconds=value),
            ),
            observations=(
                replace(seen, marks=tuple(replace(m, seconds=value) for m in seen.marks)),
            ),
        )
        check_process(changed)
