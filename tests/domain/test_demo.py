"""The demo boards at the sizes the benchmark builds them."""

from datetime import date

import pytest

from kata_tui.domain.codec import check_storyboard
from kata_tui.domain.demo import SCENARIOS, demo_board
from kata_tui.domain.model import TargetStatus
from kata_tui.domain.targets import shortfall

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.learner)
@pytest.mark.parametrize("experiments", [5, 300])
def test_every_scenario_builds_at_benchmark_sizes(scenario, experiments):
    story = demo_board(scenario, TODAY, seed=0, experiments=experiments, cycles=5)
    check_storyboard(story)
    assert len(story.experiments) == experiments
    assert sum(1 for step in story.experiments if step.is_open) <= 1


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.learner)
def test_a_demo_target_shown_achieved_has_readings_that_meet_it(scenario):
    story = demo_board(scenario, TODAY)
    achieved = [t for t in story.targets if t.status is TargetStatus.ACHIEVED]
    current = [t for t in story.targets if t.status is TargetStatus.ACTIVE]
    assert len(achieved) == 1
    assert len(current) == 1
    assert shortfall(story, achieved[0]) == ""
    # The current target is still being worked toward: its readings miss it.
    assert shortfall(story, current[0]).startswith(f"latest {scenario.metric} ")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.learner)
def test_demo_readings_are_numbered_in_entry_order_from_1_per_target(scenario):
    story = demo_board(scenario, TODAY)
    for target in story.targets:
        readings = [r for r in story.readings if r.target_id == target.id]
        assert [r.seq for r in readings] == list(range(1, len(readings) + 1))
        assert [r.day for r in readings] == sorted(r.day for r in readings)


def test_a_larger_demo_board_repeats_the_current_targets_closed_steps_in_rounds():
    story = demo_board(SCENARIOS[0], TODAY, experiments=10, cycles=3)
    seq = {t.id: t.seq for t in story.targets}
    steps = [(seq[e.target_id], e.number, e.day.isoformat(), e.step) for e in story.experiments]
    assert steps == [
        (1, 1, "2026-10-25", "Stage the die cart 10 min before the last part"),
        (1, 2, "2026-10-31", "Write the next die on the board at the start of each shift"),
        (2, 1, "2026-11-08", "Time each element of one changeover"),
        (2, 2, "2026-11-09", "Try one quick clamp on die 4"),
        (2, 3, "2026-11-11", "Keep die 4's shims in a labelled box on the die"),
        (2, 4, "2026-11-13", "Time each element of one changeover (round 2)"),
        (2, 5, "2026-11-15", "Try one quick clamp on die 4 (round 2)"),
        (2, 6, "2026-11-17", "Keep die 4's shims in a labelled box on the die (round 2)"),
        (2, 7, "2026-11-19", "Time each element of one changeover (round 3)"),
        (2, 8, "2026-11-21", "Fit quick clamps and a shim box on die 7"),
    ]
    assert [e.is_open for e in story.experiments] == [False] * 9 + [True]
    assert [c.day.isoformat() for c in story.cycles] == ["2026-10-31", "2026-11-08", "2026-11-09"]
    fewer = demo_board(SCENARIOS[0], TODAY, experiments=3)
    seq = {t.id: t.seq for t in fewer.targets}
    assert [(seq[e.target_id], e.number) for e in fewer.experiments] == [(1, 1), (1, 2), (2, 1)]
