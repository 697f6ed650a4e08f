"""The demo boards at the sizes the benchmark builds them."""

from datetime import date

import pytest

from kata_tui.domain.codec import check_storyboard
from kata_tui.domain.demo import SCENARIOS, demo_board

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.learner)
@pytest.mark.parametrize("experiments", [5, 300])
def test_every_scenario_builds_at_benchmark_sizes(scenario, experiments):
    story = demo_board(scenario, TODAY, seed=0, experiments=experiments, cycles=5)
    check_storyboard(story)
    assert len(story.experiments) == experiments
    assert sum(1 for step in story.experiments if step.is_open) <= 1
