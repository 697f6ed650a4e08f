"""At most one obstacle "working on", whichever sessions choose one at the same time.

Each session works on an obstacle from the board as it last read it, and
parks the one worked on there. Two sessions choosing two obstacles at once
each parked the old one and left both theirs "working on" (the field merge
keeps both). The save applies the rule to the board as stored, under the
lock: the newest choice is worked on, the one chosen before it is parked,
as ``w`` does in one session.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from kata_tui.domain.clock import Clock
from kata_tui.domain.cycle import answer, set_obstacle_status, start_cycle
from kata_tui.domain.model import (
    Board,
    Obstacle,
    ObstacleStatus,
    Role,
    TargetCondition,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession

DAY = date(2026, 11, 23)
CLOCK = Clock.fixed(DAY)
TEXTS = ("Dies arrive late", "Shims missing", "Torque tool shared")


def _board(tmp_path: Path) -> DataDir:
    data = DataDir.open(tmp_path / "data")
    target = TargetCondition(seq=1, pattern="Changeover in 20 min")
    obstacles = tuple(
        Obstacle(
            target.id,
            text,
            DAY,
            status=ObstacleStatus.WORKING if n == 0 else ObstacleStatus.PARKED,
            number=n + 1,
        )
        for n, text in enumerate(TEXTS)
    )
    story = Storyboard(board=Board("lea", "tom", "c"), targets=(target,), obstacles=obstacles)
    data.create(story, Editor("setup", Role.COACH), datetime(2026, 11, 22, 9), slug="lea")
    return data


def _session(data: DataDir, who: str) -> BoardSession:
    return BoardSession(
        DataDir.open(data.path, create=False), "lea", Editor(who, Role.COACH), CLOCK
    )


def _work_on(session: BoardSession, text: str) -> None:
    obstacle = next(o for o in session.story.obstacles if o.text == text)
    session.save(*set_obstacle_status(session.story, obstacle, ObstacleStatus.WORKING))


def _worked_on(data: DataDir) -> list[str]:
    story = DataDir.open(data.path, create=False).load("lea")
    return [o.text for o in story.obstacles_for() if o.status is ObstacleStatus.WORKING]


def test_two_sessions_working_on_two_obstacles_at_once_leave_the_newest_worked_on(
    tmp_path: Path,
) -> None:
    data = _board(tmp_path)
    ana, ben = _session(data, "ana"), _session(data, "ben")
    _work_on(ana, TEXTS[1])
    _work_on(ben, TEXTS[2])  # ben's view still has TEXTS[0] worked on, not TEXTS[1]
    assert _worked_on(data) == [TEXTS[2]]
    story = DataDir.open(data.path, create=False).load("lea")
    parked = next(o for o in story.obstacles if o.text == TEXTS[1])
    assert parked.status is ObstacleStatus.PARKED
    assert parked.stamp is not None and parked.stamp.by == "ben"  # who parked it, recorded
    assert [o.text for o in ben.story.obstacles_for() if o.status is ObstacleStatus.WORKING] == [
        TEXTS[2]
    ]  # what ben's session shows after the save


def test_question_3_in_one_session_and_w_in_another(tmp_path: Path) -> None:
    data = _board(tmp_path)
    coach, other = _session(data, "tom"), _session(data, "lea")
    (cycle,) = start_cycle(coach.story, datetime(2026, 11, 23, 9), "tom").records
    coach.save(cycle)
    _work_on(other, TEXTS[2])
    said = answer(coach.story, "q3", "work Crane busy", DAY, "lea", cycle=cycle)
    coach.save(*said.records)
    assert _worked_on(data) == ["Crane busy"]


def test_an_obstacle_still_worked_on_keeps_it_when_another_is_edited(tmp_path: Path) -> None:
    data = _board(tmp_path)
    ana, ben = _session(data, "ana"), _session(data, "ben")
    _work_on(ana, TEXTS[1])
    parked = next(o for o in ben.story.obstacles if o.text == TEXTS[2])
    ben.save(replace(parked, text="Torque tool shared by two lines"))
    assert _worked_on(data) == [TEXTS[1]]
