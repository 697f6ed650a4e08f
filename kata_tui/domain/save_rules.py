"""The kata's rules a save applies to the board as stored, under the board's lock.

A session builds its records from the board as it last read it; another
session may have saved since. Two rules cannot be kept from that view alone,
so the store applies them to the board as it is on disk, at the moment of
writing:

- numbers: a new obstacle or step gets the next number of its target
  condition as stored (a new reading the next place in the order of entry,
  a new job detail the next position of its breakdown), so two sessions
  adding one at the same moment never share a number. A cycle answer saved
  with it names the number it really got.
- one open step at a time: a step that is new, or reopened, while another
  step of its target condition is open, is refused.
- one obstacle worked on at a time: an obstacle that becomes "working on"
  parks the one stored as worked on (another session may have chosen it
  since), as ``w`` does in one session: the newest choice is worked on.

Pure functions of (board as stored, records to save): the store calls them,
the rules live here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.job_methods import JobDetail
from kata_tui.domain.model import (
    CoachingCycle,
    Experiment,
    Obstacle,
    ObstacleStatus,
    Reading,
    Record,
)
from kata_tui.domain.storyboard import Storyboard

_MEANT = re.compile(r"\b(obstacle|step) (\d+)\b")


def still_open(step: Experiment) -> str:
    """Why no new step can be opened while ``step`` is open, in one line."""
    return (
        f"step {step.number} is still open: write what happened and what we learned "
        "(back of the card, or e on the step), or mark it not taken (ctrl+o)"
    )


def refuse_second_open_step(stored: Storyboard, changes: Sequence[Record]) -> None:
    """``InvalidInput`` if a change opens a step while another of its target is open.

    A step open on disk that stays open may still be edited (a board written
    before the rule may hold several); only a step that becomes open, new or
    reopened, is refused.
    """
    saved = {c.id for c in changes if isinstance(c, Experiment)}
    for change in changes:
        if not isinstance(change, Experiment) or not change.is_open:
            continue
        before = stored.find(Experiment, change.id)
        if before is not None and before.is_open:
            continue
        others = [
            e for e in stored.experiments_for(change.target_id) if e.is_open and e.id not in saved
        ]
        others += [
            c
            for c in changes
            if isinstance(c, Experiment)
            and c is not change
            and c.target_id == change.target_id
            and c.is_open
        ]
        if others:
            raise InvalidInput(still_open(max(others, key=lambda e: e.number)))


def park_the_one_worked_on(stored: Storyboard, changes: Sequence[Record]) -> list[Record]:
    """``changes``, and the obstacles stored as worked on parked, where a change
    starts work on another obstacle of their target condition."""
    saved = {c.id for c in changes if isinstance(c, Obstacle)}
    targets = set()
    for change in changes:
        if isinstance(change, Obstacle) and change.status is ObstacleStatus.WORKING:
            before = stored.find(Obstacle, change.id)
            if before is None or before.status is not ObstacleStatus.WORKING:
                targets.add(change.target_id)
    parked = [
        replace(o, status=ObstacleStatus.PARKED)
        for o in stored.obstacles
        if o.target_id in targets and o.status is ObstacleStatus.WORKING and o.id not in saved
    ]
    return [*changes, *parked]


def _numbered(stored: Storyboard, record: Record) -> tuple[str, str, int] | None:
    """(table, target, number) of a new numbered record; None for anything else."""
    if isinstance(record, Obstacle) and stored.find(Obstacle, record.id) is None:
        return "obstacle", record.target_id, record.number
    if isinstance(record, Experiment) and stored.find(Experiment, record.id) is None:
        return "step", record.target_id, record.number
    if isinstance(record, Reading) and stored.find(Reading, record.id) is None:
        return "reading", record.target_id, record.seq
    if isinstance(record, JobDetail) and stored.find(JobDetail, record.id) is None:
        return f"detail {record.of}", record.target_id, record.position
    return None


def _taken(stored: Storyboard, table: str, target_id: str) -> int:
    if table == "obstacle":
        return max((o.number for o in stored.obstacles if o.target_id == target_id), default=0)
    if table == "step":
        return max((e.number for e in stored.experiments if e.target_id == target_id), default=0)
    if table == "reading":
        return max((r.seq for r in stored.readings if r.target_id == target_id), default=0)
    return max(
        (
            d.position
            for d in stored.job_details
            if d.target_id == target_id and f"detail {d.of}" == table
        ),
        default=0,
    )


def allocate_numbers(stored: Storyboard, changes: Sequence[Record]) -> list[Record]:
    """``changes`` with every new obstacle, step, reading and job detail numbered after
    what is stored.

    New records of one target condition keep the order of the numbers they
    were made with and follow the highest number stored. A new answer in a
    cycle saved with them (its meaning, "obstacle 5 ...", was written from the
    session's view) is made to name the number the record got.
    """
    new: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for index, change in enumerate(changes):
        numbered = _numbered(stored, change)
        if numbered is not None:
            table, target_id, proposed = numbered
            new.setdefault((table, target_id), []).append((proposed, index))
    if not new:
        return list(changes)
    out = list(changes)
    moved: dict[tuple[str, str], dict[int, int]] = {}
    for (table, target_id), proposals in new.items():
        number = _taken(stored, table, target_id)
        for _, index in sorted(proposals):
            number += 1
            change = changes[index]
            if isinstance(change, Reading):
                out[index] = replace(change, seq=number)
                continue
            if isinstance(change, JobDetail):
                out[index] = replace(change, position=number)
                continue
            assert isinstance(change, Obstacle | Experiment)
            if change.number != number:
                moved.setdefault((table, target_id), {})[change.number] = number
                out[index] = replace(change, number=number)
    if moved:
        out = [_renamed(stored, c, moved) if isinstance(c, CoachingCycle) else c for c in out]
    return out


def _renamed(
    stored: Storyboard, cycle: CoachingCycle, moved: dict[tuple[str, str], dict[int, int]]
) -> CoachingCycle:
    """The cycle with its new answers naming the numbers their records got."""
    before = stored.find(CoachingCycle, cycle.id)
    kept = len(before.answers) if before is not None else 0

    def number(found: re.Match[str]) -> str:
        table, old = found.group(1), int(found.group(2))
        return f"{table} {moved.get((table, cycle.target_id), {}).get(old, old)}"

    def renamed(meaning: str) -> str:
        # The quoted part is the learner's own words: "obstacle 5" there stays as typed.
        first, last = meaning.find('"'), meaning.rfind('"')
        if first == last:
            return _MEANT.sub(number, meaning)
        return (
            _MEANT.sub(number, meaning[:first])
            + meaning[first : last + 1]
            + _MEANT.sub(number, meaning[last + 1 :])
        )

    answers = [
        a if i < kept else replace(a, meaning=renamed(a.meaning))
        for i, a in enumerate(cycle.answers)
    ]
    return replace(cycle, answers=tuple(answers)) if answers != list(cycle.answers) else cycle


__all__ = [
    "allocate_numbers",
    "park_the_one_worked_on",
    "refuse_second_open_step",
    "still_open",
]
