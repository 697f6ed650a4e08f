"""Saves merge field by field from the version the edit began on; a session never
conflicts with its own writes (issue 11)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kata_tui.domain import cycle as cycle_rules
from kata_tui.domain.clock import Clock
from kata_tui.domain.model import CoachingCycle, Experiment, Obstacle, ObstacleStatus, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import ConflictError
from kata_tui.store.session import BoardSession

BOARD = "maria"


def _session(data: DataDir, clock: Clock, user: str = "coach") -> BoardSession:
    return BoardSession(data, BOARD, Editor(user, Role.COACH), clock)


def test_an_edit_begun_before_a_reload_merges_a_field_only_the_other_changed(
    demo_data: DataDir, clock: Clock
) -> None:
    mine = _session(demo_data, clock)
    other = _session(demo_data, clock, "other")
    step = mine.story.threshold()
    assert step is not None
    other.save(replace(other.story.find(Experiment, step.id), learned="theirs"))  # type: ignore[type-var]
    mine.reload()  # the poll read it; the form was opened before
    mine.save(replace(step, happened="mine"))
    stored = mine.reload().find(Experiment, step.id)
    assert stored is not None and (stored.happened, stored.learned) == ("mine", "theirs")


def test_both_changing_one_field_is_a_conflict_even_after_a_reload(
    demo_data: DataDir, clock: Clock
) -> None:
    """The card's lost update: the other's save was read by the poll before Enter."""
    mine = _session(demo_data, clock)
    other = _session(demo_data, clock, "other")
    step = mine.story.threshold()
    assert step is not None
    other.save(replace(other.story.find(Experiment, step.id), happened="theirs"))  # type: ignore[type-var]
    mine.reload()
    with pytest.raises(ConflictError) as caught:
        mine.save(replace(step, happened="mine"))
    assert caught.value.merge is not None and caught.value.merge.both == ("happened",)
    stored = mine.reload().find(Experiment, step.id)
    assert stored is not None and stored.happened == "theirs"


def test_an_explicit_base_is_what_the_card_showed(demo_data: DataDir, clock: Clock) -> None:
    """An answer computed on the fresh board still conflicts with what changed since asked."""
    mine = _session(demo_data, clock)
    other = _session(demo_data, clock, "other")
    asked = mine.story.threshold()
    assert asked is not None
    other.save(replace(other.story.find(Experiment, asked.id), happened="theirs"))  # type: ignore[type-var]
    fresh = mine.reload().find(Experiment, asked.id)
    assert fresh is not None
    with pytest.raises(ConflictError):
        mine.save(replace(fresh, happened="mine"), bases=[asked])


def test_own_writes_in_a_burst_never_conflict(demo_data: DataDir, clock: Clock) -> None:
    """``w`` then ``p`` computed on the same (stale) obstacle: the second goes on top."""
    session = _session(demo_data, clock)
    obstacle = session.story.obstacles_for()[1]
    session.save(*cycle_rules.set_obstacle_status(session.story, obstacle, ObstacleStatus.WORKING))
    session.save(replace(obstacle, status=ObstacleStatus.PARKED))  # made from the older version
    stored = session.reload().find(Obstacle, obstacle.id)
    assert stored is not None
    assert stored.status is ObstacleStatus.PARKED and stored.rev == obstacle.rev + 2


def test_own_writes_do_not_cover_another_sessions_write(demo_data: DataDir, clock: Clock) -> None:
    session = _session(demo_data, clock)
    other = _session(demo_data, clock, "other")
    obstacle = session.story.obstacles_for()[1]
    session.save(replace(obstacle, text="mine 1"))
    other.reload()
    other.save(replace(other.story.find(Obstacle, obstacle.id), text="theirs"))  # type: ignore[type-var]
    with pytest.raises(ConflictError):
        session.save(replace(session.story.find(Obstacle, obstacle.id), text="mine 2"))  # type: ignore[type-var]


def test_a_cycle_changed_by_another_session_is_always_a_conflict(
    demo_data: DataDir, clock: Clock
) -> None:
    driver = _session(demo_data, clock)
    driver.save(*cycle_rules.start_cycle(driver.story, clock.now(), "coach").records)
    cycle = driver.story.running_cycle()
    assert cycle is not None
    other = _session(demo_data, clock, "other")
    other.save(
        cycle_rules.take_over(other.story.running_cycle(), "other", Role.LEARNER, clock.now())
    )  # type: ignore[arg-type]
    driver.reload()
    with pytest.raises(ConflictError):
        driver.save(cycle_rules.move_to(cycle, "q2"))


def test_removing_a_record(demo_data: DataDir, clock: Clock) -> None:
    session = _session(demo_data, clock)
    session.save(*cycle_rules.start_cycle(session.story, clock.now(), "coach").records)
    cycle = session.story.running_cycle()
    assert cycle is not None
    session.save(remove=[cycle])
    fresh = DataDir.open(demo_data.path).load(BOARD)
    assert fresh.find(CoachingCycle, cycle.id) is None


def test_removing_a_record_another_session_changed_since_is_a_conflict(
    demo_data: DataDir, clock: Clock
) -> None:
    """A removal is a change too: what someone else wrote meanwhile is never
    dropped unseen; a record this session itself changed since goes."""
    session = _session(demo_data, clock)
    session.save(*cycle_rules.start_cycle(session.story, clock.now(), "coach").records)
    cycle = session.story.running_cycle()
    assert cycle is not None
    other = _session(demo_data, clock, "other")
    other.save(cycle_rules.move_to(other.story.running_cycle(), "q2"))
    with pytest.raises(ConflictError) as caught:
        session.save(remove=[cycle])
    assert caught.value.theirs.position == "q2"
    assert DataDir.open(demo_data.path).load(BOARD).find(CoachingCycle, cycle.id) is not None

    session.reload()
    shown = session.story.running_cycle()
    session.save(cycle_rules.move_to(shown, "q3"))
    session.save(remove=[shown])  # the version before this session's own move
    assert DataDir.open(demo_data.path).load(BOARD).find(CoachingCycle, cycle.id) is None
