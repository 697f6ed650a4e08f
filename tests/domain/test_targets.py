from dataclasses import replace
from datetime import date, timedelta

import pytest

from kata_tui.domain.demo import demo_boards
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    Better,
    Metric,
    MetricKind,
    ObstacleStatus,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.targets import (
    close_target,
    end_target,
    outcome_kind_label,
    reach_target,
    shortfall,
)
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


def _read(story: Storyboard, target: TargetCondition, metric: str, value: float) -> Storyboard:
    from kata_tui.domain.model import Reading

    return story.with_record(Reading(target.id, TODAY, metric, value, seq=len(story.readings) + 1))


def test_shortfall_names_what_the_latest_readings_miss() -> None:
    """Each metric with a target must be met by its latest reading; the outcome
    metric must have a target and a reading; a metric with no target, or a process
    metric not read yet, is not asked."""
    board = demo_boards(TODAY)[0].board
    outcome = Metric("changeover", "min", 10, MetricKind.OUTCOME, Better.LOWER)
    steps = Metric("steps to standard", "", 90, MetricKind.PROCESS, Better.HIGHER)
    untargeted = Metric("scrap", "pcs", None, MetricKind.PROCESS)
    target = TargetCondition(seq=1, metrics=(outcome, steps, untargeted))
    story = Storyboard(board=board, targets=(target,))
    assert shortfall(story, target) == "no reading of changeover yet"
    story = _read(story, target, "changeover", 12)
    assert shortfall(story, target) == (
        "latest changeover 12 min against a target of 10 min (lower is better)"
    )
    story = _read(story, target, "changeover", 10)
    assert shortfall(story, target) == ""  # steps not read yet, scrap has no target
    story = _read(_read(story, target, "scrap", 99), target, "steps to standard", 85.5)
    assert shortfall(story, target) == (
        "latest steps to standard 85.5 against a target of 90 (higher is better)"
    )
    story = _read(story, target, "steps to standard", 90)
    assert shortfall(story, target) == ""
    no_value = replace(target, metrics=(replace(outcome, target=None), steps))
    assert shortfall(story, no_value) == "the target condition has no outcome target value"
    assert shortfall(story, replace(target, metrics=())) == (
        "the target condition has no outcome target value"
    )


def test_a_board_without_a_target_condition_has_none_to_close_or_reach() -> None:
    bare = Storyboard(board=demo_boards(TODAY)[0].board)
    close = {"pattern": "p", "achieve_by": None, "outcome_target": None, "today": TODAY}
    with pytest.raises(InvalidInput, match=r"^this board has no target condition yet$"):
        reach_target(bare, TargetStatus.ACHIEVED, **close)
    with pytest.raises(InvalidInput, match=r"^this board has no target condition yet$"):
        close_target(bare, achieved=False, summary="s", **close)


def test_a_target_value_needs_an_outcome_metric_to_go_on() -> None:
    story = demo_boards(TODAY)[0]
    bare = replace(story.target, metrics=())
    story = story.with_record(bare)
    with pytest.raises(
        InvalidInput, match=r"^there is no outcome metric to set a target value for$"
    ):
        reach_target(
            story, TargetStatus.CLOSED, pattern="p", achieve_by=None, outcome_target=5, today=TODAY
        )
    _, new = reach_target(
        story, TargetStatus.CLOSED, pattern="p", achieve_by=None, outcome_target=None, today=TODAY
    )
    assert new.metrics == ()


def test_only_obstacles_open_on_the_target_condition_are_carried_over(story: Storyboard) -> None:
    current = story.target
    cleared = next(o for o in story.obstacles_for(current.id) if o.status is ObstacleStatus.CLEARED)
    close = {"pattern": "p", "achieve_by": None, "outcome_target": None, "today": TODAY}
    for carry in ([cleared.id], ["no-such-obstacle"]):
        with pytest.raises(
            InvalidInput,
            match=r"^only obstacles still open on this target condition can be carried over$",
        ):
            close_target(story, achieved=False, summary="s", carry=carry, **close)


@pytest.mark.parametrize("achieved", [False, True])
def test_closing_ends_and_starts_as_reaching_does_with_the_summary(
    story: Storyboard, achieved: bool
) -> None:
    args = {"pattern": "next", "achieve_by": None, "outcome_target": 20.0, "today": TODAY}
    status = TargetStatus.ACHIEVED if achieved else TargetStatus.CLOSED
    reached_end, reached_new = reach_target(story, status, **args)
    closed_end, closed_new, *_ = close_target(
        story, achieved=achieved, summary="  It moved ", override="line trial", **args
    )
    override = "line trial" if achieved and shortfall(story, story.target) else ""
    assert closed_end == replace(reached_end, summary="It moved", override=override)
    assert closed_new == replace(reached_new, id=closed_new.id)
    with pytest.raises(InvalidInput, match="no target condition yet"):
        close_target(replace(story, targets=()), achieved=achieved, summary="s", **args)
