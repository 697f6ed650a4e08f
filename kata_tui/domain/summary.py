"""The one-line view of a board that the board picker and dashboard list.

Kept small and flat on purpose: the store writes it at the head of every board
file, so listing 200 boards reads 200 short lines instead of parsing years of
experiments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kata_tui.domain.storyboard import Storyboard


@dataclass(frozen=True, slots=True)
class BoardSummary:
    slug: str
    learner: str
    coach: str
    challenge: str
    target: str
    """The current target condition's intended pattern (first line)."""
    achieve_by: date | None
    last_cycle: date | None
    next_go_see: date | None
    experiments: int
    archived: bool = False

    def days_left(self, today: date) -> int | None:
        return None if self.achieve_by is None else (self.achieve_by - today).days

    def overdue(self, today: date) -> bool:
        return self.next_go_see is not None and self.next_go_see < today


def summarize(story: Storyboard) -> BoardSummary:
    target = story.target
    last = story.last_cycle()
    pattern = target.pattern.strip().splitlines()[0] if target and target.pattern.strip() else ""
    return BoardSummary(
        slug=story.slug,
        learner=story.board.learner,
        coach=story.board.coach,
        challenge=story.board.challenge.strip().splitlines()[0] if story.board.challenge else "",
        target=pattern,
        achieve_by=target.achieve_by if target else None,
        last_cycle=last.day if last else None,
        next_go_see=target.next_go_see if target else None,
        experiments=len(story.experiments),
        archived=story.board.archived,
    )
