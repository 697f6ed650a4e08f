"""The process analysis in short lines, the block diagram's order, and the outcome's
readings from before the first target condition: worked examples by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kata_tui.domain.analysis import (
    analysis_lines,
    block_diagram,
    observation_line,
    place_step,
    step_line,
)
from kata_tui.domain.codec import decode_storyboard, encode_storyboard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import BEFORE_FIRST_TARGET, Board, Reading, TargetCondition
from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard

DAY = date(2026, 10, 1)


def _steps() -> tuple[ProcessStep, ...]:
    return (
        ProcessStep(DAY, 1, "Cut", waits_after="tote of 12", work_seconds=20.0,
                    machine_seconds=50.0, changeover_seconds=600.0, batch=100),
        ProcessStep(DAY, 2, "Weld", work_seconds=40.0, machine_seconds=62.0),
        ProcessStep(DAY, 3, "Pack", work_seconds=30.0),
    )  # fmt: skip


def _story(**tables) -> Storyboard:
    return Storyboard(board=Board("lea", "tom", "Flow"), **tables)


def test_each_step_shows_its_equipment_time_per_unit_against_the_planned_cycle_time() -> None:
    cut, weld, pack = _steps()
    # 480 min, 30 min losses, 450 units: planned cycle time 60 s
    # Cut: 50 s + 600 s changeover / 100 units = 56 s per unit, fits in 60 s
    assert step_line(cut, 60.0) == (
        "1 Cut: work 20.0 s, equipment 56.0 s/unit fits; waits: tote of 12"
    )
    # Weld: 62 s per unit is slower than 60 s
    assert step_line(weld, 60.0) == "2 Weld: work 40.0 s, equipment 62.0 s/unit too slow"
    assert step_line(pack, 60.0) == "3 Pack: work 30.0 s"
    assert step_line(weld, None) == "2 Weld: work 40.0 s, equipment 62.0 s/unit"


def test_the_block_diagram_shows_the_steps_in_order_and_where_work_waits() -> None:
    cut, weld, pack = _steps()
    story = _story(steps=(pack, cut, weld))
    assert block_diagram(story) == "[Cut] > (tote of 12) > [Weld] > [Pack]"


def test_the_summary_gives_demand_operators_steps_observations_and_baseline() -> None:
    started = datetime(2026, 10, 1, 9, 12)
    marks = tuple(
        Mark(s, datetime(2026, 10, 1, 9, 13, i), "dropped a part" if s == 71.0 else "")
        for i, s in enumerate([60.0, 61.0, 71.0, 59.0])
    )
    story = _story(
        demand=(Demand(DAY, 480.0, 450.0, 30.0, "shift"),),
        steps=_steps(),
        observations=(Observation(DAY, "Weld", started, marks=marks),),
        readings=(
            Reading(BEFORE_FIRST_TARGET, DAY, "boxes/h", 41.0, seq=1),
            Reading(BEFORE_FIRST_TARGET, date(2026, 10, 2), "boxes/h", 44.0, seq=2),
        ),
    )
    # operators: (20 + 40 + 30) s of work / 60 s = 1.5
    # lowest repeatable: 59.0, since 60.0 is within 5 % of it; range 71 - 59 = 12
    assert analysis_lines(story) == [
        "Planned cycle time 60.0 s (takt 64.0 s)",
        "Demand 450 per shift: 480 min less 30 min planned losses (2026-10-01)",
        "Operators needed 1.5 (work content / planned cycle time)",
        "Steps: [Cut] > (tote of 12) > [Weld] > [Pack]",
        "  1 Cut: work 20.0 s, equipment 56.0 s/unit fits; waits: tote of 12",
        "  2 Weld: work 40.0 s, equipment 62.0 s/unit too slow",
        "  3 Pack: work 30.0 s",
        "Observed cycle times:",
        "  Weld, 2026-10-01 09:12: 4 cycles (running), lowest repeatable 59.0 s, "
        "range 12.0 s (59.0 s to 71.0 s), 1 noted odd",
        "Outcome before the first target condition: boxes/h: 41, 44",
    ]
    assert not any("average" in line or "mean" in line for line in analysis_lines(story))
    assert analysis_lines(_story()) == []


def test_an_observation_without_marks_says_so() -> None:
    seen = Observation(DAY, "Pack", datetime(2026, 10, 1, 9, 0), ended=datetime(2026, 10, 1, 9, 1))
    assert observation_line(seen) == "Pack, 2026-10-01 09:00: no cycles marked"


@pytest.mark.parametrize(
    ("position", "order"),
    [(1, ["New", "Cut", "Weld", "Pack"]), (3, ["Cut", "Weld", "New", "Pack"]),
     (9, ["Cut", "Weld", "Pack", "New"]), (0, ["New", "Cut", "Weld", "Pack"])],
)  # fmt: skip
def test_a_new_step_goes_in_at_its_position_and_the_later_ones_move_on(position, order) -> None:
    story = _story(steps=_steps())
    new = ProcessStep(DAY, position, "New")
    changed = place_step(story, new, position)
    after = story
    for step in changed:
        after = after.with_record(step)
    assert [s.name for s in after.steps_in_order()] == order
    assert [s.position for s in after.steps_in_order()] == [1, 2, 3, 4]
    # only the steps whose number changed are saved
    assert {s.name for s in changed} == {"New", *order[order.index("New") + 1 :]}


def test_moving_a_step_renumbers_the_steps_between() -> None:
    story = _story(steps=_steps())
    pack = story.steps_in_order()[2]
    changed = place_step(story, pack, 1)
    after = story
    for step in changed:
        after = after.with_record(step)
    assert [(s.position, s.name) for s in after.steps_in_order()] == [
        (1, "Pack"), (2, "Cut"), (3, "Weld"),
    ]  # fmt: skip


def test_readings_before_the_first_target_start_its_run_chart_only() -> None:
    first, second = TargetCondition(seq=1), TargetCondition(seq=2)
    story = _story(
        targets=(first, second),
        readings=(
            Reading(first.id, DAY, "boxes/h", 50.0, seq=1),
            Reading(BEFORE_FIRST_TARGET, DAY, "boxes/h", 41.0, seq=1),
            Reading(BEFORE_FIRST_TARGET, date(2026, 9, 30), "boxes/h", 40.0, seq=2),
            Reading(second.id, DAY, "boxes/h", 60.0, seq=1),
        ),
    )
    # the baseline comes first, even on the day the first target's readings began
    assert [r.value for r in story.readings_for(first.id)] == [40.0, 41.0, 50.0]
    assert [r.value for r in story.readings_for(second.id)] == [60.0]
    assert [r.value for r in story.readings_for(BEFORE_FIRST_TARGET)] == [40.0, 41.0]


def test_readings_before_the_first_target_round_trip_and_others_still_need_a_target() -> None:
    story = _story(readings=(Reading(BEFORE_FIRST_TARGET, DAY, "boxes/h", 41.0, seq=1),))
    again = decode_storyboard(encode_storyboard(story), "b.json")
    assert again.readings == story.readings
    broken = encode_storyboard(story)
    broken["readings"][0]["target_id"] = "nope"
    with pytest.raises(InvalidInput, match=r"readings\[0\]\.target_id: no target condition"):
        decode_storyboard(broken, "b.json")
    # an obstacle cannot be parked before the first target condition
    from kata_tui.domain.model import Obstacle

    with_obstacle = encode_storyboard(
        _story(obstacles=(Obstacle(BEFORE_FIRST_TARGET, "x", DAY, number=1),))
    )
    with pytest.raises(InvalidInput, match=r"obstacles\[0\]\.target_id"):
        decode_storyboard(with_obstacle, "b.json")


def test_the_aside_is_short_lines_of_pace_capacity_spread_and_outcome() -> None:
    from kata_tui.domain.analysis import aside_lines

    started = datetime(2026, 10, 1, 9, 12)
    marks = tuple(Mark(s, started) for s in [60.0, 61.0, 71.0, 59.0])
    story = _story(
        demand=(Demand(DAY, 480.0, 450.0, 30.0, "shift"),),
        steps=_steps(),
        observations=(Observation(DAY, "Weld", started, marks=marks),),
        readings=(Reading(BEFORE_FIRST_TARGET, DAY, "boxes/h", 41.0, seq=1),),
    )
    assert aside_lines(story) == [
        "Planned cycle time 60.0 s",
        "(takt 64.0 s; 450 per shift)",
        "Operators needed 1.5",
        "Equipment per unit:",
        " 1 Cut 56.0 s fits",
        " 2 Weld 62.0 s too slow",
        "Observed: lowest repeatable, range",
        " Weld 59.0 s, 12.0 s (59.0-71.0 s), 4 cycles",
        "Outcome so far: boxes/h: 41",
    ]
    assert aside_lines(_story()) == []


def test_demand_with_no_period_names_none() -> None:
    story = _story(demand=(Demand(DAY, 480.0, 450.0, 30.0, "  "),))
    assert analysis_lines(story)[1] == (
        "Demand 450: 480 min less 30 min planned losses (2026-10-01)"
    )
