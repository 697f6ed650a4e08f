"""TWI Job Methods: a job breakdown describing an operating pattern.

A job breakdown lists the details of a job in order (TWI step 1), questions
every detail (step 2: why is it necessary, what is its purpose, where,
when, who, how, each with the learner's notes) and proposes the new method
for each (step 3: eliminate, combine, rearrange, simplify). In kata-tui a
breakdown is the structured description of a target condition's operating
pattern: of the CURRENT condition (what is done now) or of the TARGET
condition (the new method). The target breakdown is usually started from
the current one, and the two are read side by side.

Positions order the details within one (target condition, side); they are
unique there (``kata check`` refuses two details at one position). A new
detail's position is given by the save from the board as stored
(``save_rules.allocate_numbers``), so two sessions adding a detail at once
never share one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Stamp, new_id
from kata_tui.domain.text import MAX_TEXT

if TYPE_CHECKING:
    from kata_tui.domain.storyboard import Storyboard


class BreakdownOf(StrEnum):
    """Which operating pattern of a target condition a breakdown describes."""

    CURRENT = "current"
    """The current condition's operating pattern: the job as it is done now."""
    TARGET = "target"
    """The target condition's operating pattern: the new method."""


class Change(StrEnum):
    """The new method proposed for one detail (TWI step 3)."""

    KEEP = "keep"
    """No change proposed (the default)."""
    ELIMINATE = "eliminate"
    COMBINE = "combine"
    REARRANGE = "rearrange"
    SIMPLIFY = "simplify"


QUESTIONS: tuple[tuple[str, str], ...] = (
    ("why", "Why is it necessary?"),
    ("what", "What is its purpose?"),
    ("where", "Where should it be done?"),
    ("when", "When should it be done?"),
    ("who", "Who is best qualified to do it?"),
    ("how", "How is the best way to do it?"),
)
"""TWI step 2, question every detail: (field of ``JobDetail``, the question as TWI asks it)."""

NOTES: tuple[str, ...] = (*(name for name, _ in QUESTIONS), "proposal")
"""The free-text fields besides the detail itself: the six answers and the proposal."""


@dataclass(frozen=True, slots=True)
class JobDetail:
    """One detail of a job breakdown: a step of the job as it is (or will be) done."""

    target_id: str
    """The target condition whose current or target operating pattern it describes."""
    of: BreakdownOf
    position: int
    """Order in the job, from 1, unique within (``target_id``, ``of``)."""
    text: str
    """The detail: what is done, one line."""
    why: str = ""
    what: str = ""
    where: str = ""
    when: str = ""
    who: str = ""
    how: str = ""
    change: Change = Change.KEEP
    proposal: str = ""
    """The new method for this detail, in the learner's words."""
    from_id: str | None = None
    """A target detail: the ``id`` of the current detail it was started from."""
    id: str = field(default_factory=new_id)
    rev: int = 0
    stamp: Stamp | None = None


def detail_text(text: str) -> str:
    """The detail as typed, trimmed; ``InvalidInput`` in one line when it is empty,
    more than one line or too long."""
    kept = text.strip()
    if not kept:
        raise InvalidInput("text: a detail needs its words (what is done)")
    if "\n" in kept or "\r" in kept:
        raise InvalidInput("text: a detail is one line (put the rest in its notes)")
    if len(kept) > MAX_TEXT:
        raise InvalidInput(f"text: longer than {MAX_TEXT} characters")
    return kept


def check_detail(detail: JobDetail) -> JobDetail:
    """``detail`` if it keeps the rules (its text one line and not empty, notes and
    proposal within the text limit, position from 1), else ``InvalidInput``
    naming the field in one line."""
    detail_text(detail.text)
    for name in NOTES:
        if len(getattr(detail, name)) > MAX_TEXT:
            raise InvalidInput(f"{name}: longer than {MAX_TEXT} characters")
    if detail.position < 1:
        raise InvalidInput("position: positions count from 1")
    return detail


def breakdown(story: Storyboard, target_id: str, of: BreakdownOf) -> list[JobDetail]:
    """The details of one breakdown in position order."""
    return sorted(
        (d for d in story.job_details if d.target_id == target_id and d.of is of),
        key=lambda d: d.position,
    )


def add_detail(
    story: Storyboard, target_id: str, of: BreakdownOf, text: str, today: date
) -> JobDetail:
    """A new detail at the end of the breakdown (the save numbers it again from the
    board as stored, under the lock). ``today`` is the day it is broken down:
    the detail carries no date of its own, the save stamps it."""
    del today  # the save's stamp says when; kept so every add_* reads the same
    details = breakdown(story, target_id, of)
    position = details[-1].position + 1 if details else 1
    return JobDetail(target_id, of, position, detail_text(text))


def moved(story: Storyboard, detail_id: str, by: int) -> list[JobDetail]:
    """The details whose position changes when one moves up (``by`` -1) or down
    (+1): it and its neighbour swap places. ``[]`` at an end, or for no such detail."""
    detail = next((d for d in story.job_details if d.id == detail_id), None)
    if detail is None or by not in (-1, 1):
        return []
    details = breakdown(story, detail.target_id, detail.of)
    index = details.index(detail)
    other = index + by
    if not 0 <= other < len(details):
        return []
    neighbour = details[other]
    return [
        replace(detail, position=neighbour.position),
        replace(neighbour, position=detail.position),
    ]


def start_target_from_current(story: Storyboard, target_id: str) -> list[JobDetail]:
    """New target details made from the current ones, in order (TWI step 3 applied).

    A detail marked eliminate is left out; each other becomes a target detail
    whose text is the proposal when there is one, else the detail as it is,
    with ``from_id`` naming it. The questions' notes stay with the current
    detail (they questioned the old method). Refused in one line when the
    target breakdown is not empty or there is no current breakdown.
    """
    target = breakdown(story, target_id, BreakdownOf.TARGET)
    if target:
        raise InvalidInput(f"the target condition's breakdown already has {len(target)} details")
    current = breakdown(story, target_id, BreakdownOf.CURRENT)
    if not current:
        raise InvalidInput("no current breakdown to start from")
    kept = [d for d in current if d.change is not Change.ELIMINATE]
    return [
        JobDetail(
            target_id,
            BreakdownOf.TARGET,
            position,
            _first_line(d.proposal) or d.text,
            from_id=d.id,
        )
        for position, d in enumerate(kept, start=1)
    ]


def _first_line(text: str) -> str:
    """A proposal as a detail's one line: its first non-empty line, trimmed."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


Row = tuple[JobDetail | None, JobDetail | None]


def side_by_side(story: Storyboard, target_id: str) -> list[Row]:
    """Rows of (current detail, target detail) to read the two breakdowns side by side.

    In current order, each current detail sits beside the target detail started
    from it (the first one in target order, when several name it); an eliminated
    detail has ``None`` on the right. A target detail not started from a current
    one (new in the new method) has ``None`` on the left and comes right after
    the target detail it follows in target order (first of all when it leads).
    Every detail appears exactly once. The right side keeps the target order
    unless details were rearranged: a rearranged detail stays beside the detail
    it came from, and its position shows where it now is.
    """
    current = breakdown(story, target_id, BreakdownOf.CURRENT)
    target = breakdown(story, target_id, BreakdownOf.TARGET)
    current_ids = {d.id for d in current}
    partner: dict[str, JobDetail] = {}
    for detail in target:
        if detail.from_id in current_ids and detail.from_id not in partner:
            partner[detail.from_id] = detail
    paired = {d.id for d in partner.values()}
    follows: dict[str | None, list[JobDetail]] = {}
    anchor: str | None = None
    for detail in target:
        if detail.id in paired:
            anchor = detail.id
        else:
            follows.setdefault(anchor, []).append(detail)
    rows: list[Row] = [(None, d) for d in follows.get(None, [])]
    for detail in current:
        twin = partner.get(detail.id)
        rows.append((detail, twin))
        if twin is not None:
            rows.extend((None, d) for d in follows.get(twin.id, []))
    return rows


def positions_settled(
    details: Iterable[JobDetail], later: Collection[str] = frozenset()
) -> list[JobDetail]:
    """The details to move so no two of one breakdown share a position, moved.

    Two plants that each added details since they last synced may have given
    them the same positions. ``later`` names one plant's new details (the
    merge picks which, the same way at both plants): the others keep their
    positions; from the first of ``later`` that meets a taken position on,
    they follow the last detail of their breakdown, in their own order, each
    ``rev`` one more (it changed). Details sharing a position otherwise (a
    hand-edited file) are told apart by id the same way.
    """
    groups: dict[tuple[str, BreakdownOf], list[JobDetail]] = {}
    for detail in sorted(details, key=lambda d: (d.id in later, d.position, d.id)):
        groups.setdefault((detail.target_id, detail.of), []).append(detail)
    out: list[JobDetail] = []
    for group in groups.values():
        last = max(d.position for d in group)
        for detail in group[_first_clash(group) :]:
            last += 1
            out.append(replace(detail, position=last, rev=detail.rev + 1))
    return out


def _first_clash(group: list[JobDetail]) -> int:
    """The index of the first detail whose position one before it holds (the
    length of ``group`` when none does)."""
    taken: set[int] = set()
    for index, detail in enumerate(group):
        if detail.position in taken:
            return index
        taken.add(detail.position)
    return len(group)


def check_job_details(story: Storyboard) -> None:
    """Board-wide rules for ``kata check``, every load and import: each detail keeps
    ``check_detail``, names a target condition of the board, holds a position
    no other detail of its breakdown holds; only a target detail is started
    from another. One line naming the record and field."""
    target_ids = {t.id for t in story.targets}
    taken: set[tuple[str, BreakdownOf, int]] = set()
    for i, detail in enumerate(story.job_details):
        try:
            check_detail(detail)
        except InvalidInput as bad:
            raise InvalidInput(f"job_details[{i}].{bad}") from None
        if detail.target_id not in target_ids:
            raise InvalidInput(
                f"job_details[{i}].target_id: no target condition {detail.target_id!r}"
            )
        place = (detail.target_id, detail.of, detail.position)
        if place in taken:
            raise InvalidInput(
                f"job_details[{i}].position: {detail.of} breakdown already has "
                f"a detail at {detail.position}"
            )
        taken.add(place)
        if detail.from_id is not None and detail.of is BreakdownOf.CURRENT:
            raise InvalidInput(
                f"job_details[{i}].from_id: only a target condition's detail "
                "is started from another"
            )


__all__ = [
    "NOTES",
    "QUESTIONS",
    "BreakdownOf",
    "Change",
    "JobDetail",
    "Row",
    "add_detail",
    "breakdown",
    "check_detail",
    "check_job_details",
    "detail_text",
    "moved",
    "positions_settled",
    "side_by_side",
    "start_target_from_current",
]
