"""What a storyboard section asks of the screen: one message per intent.

Sections draw and ask; the screen decides (it may be following, read-only)
and opens the form or saves. Each message carries the record it is about, as
the section showed it, so an edit keeps the ``rev`` it was read with.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from kata_tui.domain.model import Obstacle, ObstacleStatus, Record, TargetCondition


@dataclass
class AddItem(Message):
    """Add a record of ``kind`` (a reading, an obstacle, a step; the first target)."""

    kind: type[Record]


@dataclass
class EditItem(Message):
    """Change ``record`` (the board's challenge, the target, a reading, ...)."""

    record: Record


@dataclass
class EditActual(Message):
    """Change the actual condition, which the current target condition holds."""

    target: TargetCondition | None


@dataclass
class ObstacleStatusChosen(Message):
    """Set an obstacle's status in one key (work on, park, clear)."""

    obstacle: Obstacle
    status: ObstacleStatus
