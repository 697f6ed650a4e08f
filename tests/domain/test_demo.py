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
