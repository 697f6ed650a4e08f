"""Two people's changes to one record, field by field.

A change is made from a *base*: the version of the record the person saw
when they started (the form as it opened, the card's question as it was
asked). When the stored record has moved on since, each content field is
one of: changed by nobody, by one side only (that change is kept), or by
both to different values (a conflict the person must decide). The same
rules serve a save, the conflict dialog and a merge of two board files.

A coaching cycle is different: one session drives it and writes it, so
any change by someone else (a hand-over, an end, a move) means the driver's
view is stale; there is nothing to merge (``STRICT``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from kata_tui.domain.model import CoachingCycle, Record

BOOKKEEPING = frozenset({"id", "rev", "stamp"})
"""Not content: never differs in a way people decide on."""

STRICT: tuple[type, ...] = (CoachingCycle,)
"""Records with one writer at a time: a change by anyone else is never merged."""


def content_fields(record: Record) -> list[str]:
    return [f.name for f in dataclasses.fields(record) if f.name not in BOOKKEEPING]


def changed(old: Record, new: Record) -> list[str]:
    """Content fields whose value differs between two versions of one record."""
    return [name for name in content_fields(new) if getattr(old, name) != getattr(new, name)]


@dataclass(frozen=True, slots=True)
class Merge:
    """The outcome of putting one person's change on top of the stored record."""

    base: Record
    mine: Record
    theirs: Record
    both: tuple[str, ...]
    """Fields both sides changed, to different values: the person decides these."""

    @property
    def clean(self) -> bool:
        return not self.both

    @property
    def mine_only(self) -> tuple[str, ...]:
        """Fields only this side changed: kept whatever is chosen for the others."""
        return tuple(
            name
            for name in changed(self.base, self.mine)
            if name not in self.both and getattr(self.mine, name) != getattr(self.theirs, name)
        )

    def resolved(self, keep: Literal["mine", "theirs"], **by_hand: Any) -> Record:
        """Theirs, with every change only I made, and for the fields both changed
        mine or theirs (or what was merged by hand); carries the stored ``rev``."""
        values = {name: getattr(self.mine, name) for name in self.mine_only}
        if keep == "mine":
            values.update({name: getattr(self.mine, name) for name in self.both})
        values.update(by_hand)
        return dataclasses.replace(self.theirs, **values)

    @property
    def theirs_kept(self) -> bool:
        """Taking theirs changes nothing on disk (I changed nothing else)."""
        return not self.mine_only


def rebase(made_from: Record, edited: Record, onto: Record) -> Record:
    """The edit ``made_from`` -> ``edited`` made on ``onto`` (an older version instead):
    the fields the edit changed, on ``onto``, with ``onto``'s ``rev``."""
    return dataclasses.replace(onto, **{n: getattr(edited, n) for n in changed(made_from, edited)})


def merge(base: Record, mine: Record, theirs: Record) -> Merge:
    """Mine (made from ``base``) put on top of ``theirs`` (as stored now)."""
    if isinstance(theirs, STRICT):
        return Merge(base, mine, theirs, tuple(changed(theirs, mine)))
    both = tuple(
        name
        for name in content_fields(mine)
        if getattr(mine, name) != getattr(base, name)
        and getattr(theirs, name) != getattr(base, name)
        and getattr(mine, name) != getattr(theirs, name)
    )
    return Merge(base, mine, theirs, both)
