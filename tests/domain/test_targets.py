from dataclasses import replace
from datetime import date, timedelta

import pytest

from kata_tui.domain.demo import demo_boards
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Metric, MetricKind, TargetCondition, TargetStatus
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.targets import end_target, outcome_kind_label, reach_target
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY


@pytest.fixture
def story() -> Storyboard:
    return demo_boards(TODAY)[0]


def test_reach_ends_current_and_starts_next_with_metrics_carried(story: Storyboard) -> None:
    current = story.target
    assert current is not None and current.seq == 2
    ended, new = reach_target(
        story,
        TargetStatus.ACHIEVED,
        pattern="Changeover under 18 min on every shift",
        achieve_by=TODAY + timedelta(days=28),
        outcome_target=18,
        today=TODAY,
    )
    assert isinstance(ended, TargetCondition) and isinstance(new, TargetCondition)
    assert ended.id == current.id and ended.rev == current.rev
    assert ended.status is TargetStatus.ACHIEVED and ended.closed_on == TODAY
    assert new.seq == 3 and new.status is TargetStatus.ACTIVE and new.rev == 0
    assert new.pattern == "Changeover under 18 min on every shift"
    assert new.actual_pattern == current.actual_pattern
    assert [m.name for m in new.metrics] == [m.name for m in current.metrics]
    assert new.outcome is not None and new.outcome.target == 18
    assert new.metrics[1] == current.metrics[1]
    after = story.with_record(ended).with_record(new)
    assert after.target == new
    old_id = current.id
    assert after.experiments_for(old_id) == story.experiments_for(old_id)


def test_blank_target_value_keeps_previous_target(story: Storyboard) -> None:
    _, new = reach_target(
        story, TargetStatus.CLOSED, pattern="p", achieve_by=None, outcome_target=None, today=TODAY
    )
    assert new.outcome == story.target.outcome  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pattern": "  "}, "intended pattern"),
        ({"achieve_by": date(2026, 11, 1)}, "already past"),
    ],
)
def test_bad_next_target_is_refused(story: Storyboard, kwargs: dict, message: str) -> None:
    args = {"pattern": "p", "achieve_by": None, "outcome_target": None, "today": TODAY}
    args.update(kwargs)
    with pytest.raises(InvalidInput, match=message):
        reach_target(story, TargetStatus.ACHIEVED, **args)


def test_only_an_active_target_ends_and_only_as_achieved_or_closed(story: Storyboard) -> None:
    done = story.targets_in_order()[0]
    with pytest.raises(InvalidInput, match="already achieved"):
        end_target(done, TargetStatus.CLOSED, TODAY)
    with pytest.raises(InvalidInput):
        end_target(story.target, TargetStatus.ACTIVE, TODAY)  # type: ignore[arg-type]


def test_reached_target_saves_and_old_target_stays(demo_data: DataDir, clock, editor) -> None:
    from kata_tui.store.session import BoardSession

    session = BoardSession(demo_data, "maria", editor, clock)
    before = session.story
    records = reach_target(
        before,
        TargetStatus.ACHIEVED,
        pattern="next",
        achieve_by=None,
        outcome_target=20,
        today=TODAY,
    )
    session.save(*records)
    stored = DataDir.open(demo_data.path).load("maria")
    assert [(t.seq, t.status) for t in stored.targets_in_order()] == [
        (1, TargetStatus.ACHIEVED),
        (2, TargetStatus.ACHIEVED),
        (3, TargetStatus.ACTIVE),
    ]
    old = before.target
    assert old is not None
    assert len(stored.obstacles_for(old.id)) == len(before.obstacles_for(old.id)) > 0
    assert stored.target is not None and stored.target.pattern == "next"
    assert replace(stored.target, stamp=None, rev=0) == replace(records[1], stamp=None, rev=0)


def test_outcome_kind_label_names_the_metric_for_the_form() -> None:
    def label(*metrics: Metric) -> str:
        return outcome_kind_label(TargetCondition(seq=1, metrics=metrics))

    assert label() == "outcome"
    assert label(Metric("changeover time", "min", 25.0)) == "changeover time (min)"
    assert label(Metric("steps", "", 9.0)) == "steps"
    process = Metric("steps done", "%", 90.0, kind=MetricKind.PROCESS)
    assert label(process) == "steps done (%) [process]"
