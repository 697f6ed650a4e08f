"""The conflict dialog: someone else saved the record this user was editing.

Both versions are shown field by field, the fields that differ marked with
``!`` (not colour alone), and the user decides: keep mine, take theirs, or
merge by hand. There is no silent way out: Escape is not bound here, so a
stray key cannot drop either version.

Per field: a change only one side made is kept whatever is chosen; "keep
mine" and "take theirs" decide only the fields both changed (marked ``!``),
and "merge by hand" edits those with both versions in view.

The dialog only decides; it never saves. It dismisses with the record to save
(carrying the stored ``rev`` so the save lands) or ``None`` when there is
nothing to save (theirs taken and nothing else of mine changed).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.merge import Merge
from kata_tui.domain.model import Answer, Metric, Obstacle, Record, TargetCondition
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.errors import ConflictError, PendingConflict
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.screens.form import FormField, FormScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer

HIDDEN = frozenset({"id", "rev", "stamp"})
"""Bookkeeping, not content: never differs in a way people decide on."""

LONG = frozenset(
    {
        "challenge",
        "pattern",
        "actual_pattern",
        "text",
        "step",
        "expected",
        "happened",
        "learned",
        "reflection",
        "second_coach_feedback",
    }
)
"""Fields edited in a multi-line editor when merging by hand."""

DIFFERS = "!"
ONE_SIDE = "~"
"""Changed by one side only: kept whatever is chosen."""

KINDS = {
    "Board": "board",
    "TargetCondition": "target condition",
    "Reading": "reading",
    "Obstacle": "obstacle",
    "Experiment": "experiment",
    "CoachingCycle": "coaching cycle",
}


def label(name: str) -> str:
    return name.removesuffix("_id").replace("_", " ")


def show(name: str, value: Any, story: Storyboard) -> str:
    """A field value as people read it (ids resolved to what they point at)."""
    if value is None or value == "" or value == ():
        return "-"
    if name == "target_id":
        target = story.find(TargetCondition, value)
        return f"target condition {target.seq}" if target else str(value)
    if name == "obstacle_id":
        obstacle = story.find(Obstacle, value)
        return obstacle.text if obstacle else str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, tuple):
        return "\n".join(item_text(item) for item in value)
    return str(value)


def item_text(item: Any) -> str:
    if isinstance(item, Answer):
        by = f" ({item.by})" if item.by else ""
        return f"{item.key}: {item.text}{by}"
    if isinstance(item, Metric):
        target = number_text(item.target) or "-"
        return f"{item.name}: target {target} {item.unit}".rstrip()
    return str(item)


def differing(mine: Record, theirs: Record) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(mine)
        if f.name not in HIDDEN and getattr(mine, f.name) != getattr(theirs, f.name)
    ]


def contested(error: ConflictError) -> list[str]:
    """The fields the person decides: both changed (all that differ when the base is unknown)."""
    if error.merge is not None:
        return list(error.merge.both)
    return differing(error.mine, error.theirs)


def one_sided(error: ConflictError) -> list[str]:
    """Fields only one side changed: kept whatever is chosen."""
    found = error.merge
    if found is None:
        return []
    theirs_only = [
        name
        for name in differing(found.base, found.theirs)
        if name not in found.both and name not in found.mine_only
    ]
    return [*found.mine_only, *theirs_only]


def shown_fields(mine: Record, theirs: Record, first: list[str] | None = None) -> list[str]:
    """Content fields, those that differ (or ``first``) first: at 80x24 they must be in view."""
    differs = first if first is not None else differing(mine, theirs)
    differs = differs + [name for name in differing(mine, theirs) if name not in differs]
    same = [f.name for f in dataclasses.fields(mine) if f.name not in HIDDEN]
    return differs + [name for name in same if name not in differs]


def rebased(record: Record, theirs: Record) -> Record:
    """``record`` carrying the stored rev, so saving it lands instead of conflicting again."""
    return dataclasses.replace(record, rev=theirs.rev)


# -- merging by hand ----------------------------------------------------------------


def _answer_keys(mine: Any, theirs: Any) -> list[str]:
    keys: list[str] = []
    for item in (*mine, *theirs):
        if item.key not in keys:
            keys.append(item.key)
    return keys


def _parse_day(text: str) -> date | None:
    word = text.strip()
    if not word:
        return None
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise InvalidInput(f"not a date like 2026-11-23: {word!r}") from None


def _is_day(value: Any) -> bool:
    return value is None or (isinstance(value, date) and not isinstance(value, datetime))


def _theirs_note(who: str, text: str) -> str:
    return f"{who}: {text}" if text.strip() else f"{who}: (empty)"


def merge_fields(
    mine: Record, theirs: Record, only: list[str] | None = None, who: str = "theirs"
) -> list[FormField]:
    """The editable fields, prefilled with mine, the other version shown under each
    that differs; ``only`` limits them to the fields both changed."""
    out: list[FormField] = []
    differs = set(differing(mine, theirs))
    names = only if only is not None else shown_fields(mine, theirs)
    for name in names:
        value = getattr(mine, name)
        other_value = getattr(theirs, name)
        mark = f"{DIFFERS} " if name in differs else ""
        if name == "answers":
            for key in _answer_keys(value, other_value):
                text = next((a.text for a in reversed(value) if a.key == key), "")
                other = next((a.text for a in reversed(other_value) if a.key == key), "")
                flag = f"{DIFFERS} " if text != other else ""
                note = _theirs_note(who, other) if text != other else ""
                out.append(
                    FormField(f"answers.{key}", f"{flag}answer {key}", text, True, note=note)
                )
        elif isinstance(value, str) and not name.endswith("_id") and name != "position":
            note = _theirs_note(who, other_value) if name in differs else ""
            out.append(
                FormField(
                    name,
                    f"{mark}{label(name)}",
                    value,
                    name in LONG or "\n" in value or "\n" in other_value,
                    note=note,
                )
            )
        elif name in differs and _is_day(value) and _is_day(other_value):
            text = value.isoformat() if value else ""
            other = other_value.isoformat() if other_value else ""
            out.append(
                FormField(
                    name,
                    f"{mark}{label(name)}",
                    text,
                    False,
                    "YYYY-MM-DD",
                    _parse_day,
                    note=_theirs_note(who, other),
                )
            )
    return out


def by_hand(mine: Record, theirs: Record, values: dict[str, str]) -> dict[str, Any]:
    """The hand-merged form values as field values (``answers.q1`` -> ``answers``)."""
    result = merged(mine, theirs, values)
    return {name: getattr(result, name) for name in {key.split(".")[0] for key in values}}


def merged(mine: Record, theirs: Record, values: dict[str, str]) -> Record:
    """Mine with the hand-merged texts, rebased on theirs; other fields stay mine."""
    changes: dict[str, Any] = {}
    answers: dict[str, str] = {}
    for key, text in values.items():
        if key.startswith("answers."):
            answers[key.removeprefix("answers.")] = text
            continue
        current = getattr(mine, key)
        if isinstance(current, str):
            changes[key] = text
        else:
            changes[key] = _parse_day(text)
    if answers:
        old = {a.key: a for a in (*theirs.answers, *mine.answers)}  # type: ignore[union-attr]
        changes["answers"] = tuple(
            Answer(key, text, old[key].by if key in old else "")
            for key, text in answers.items()
            if text.strip()
        )
    return dataclasses.replace(mine, **changes, rev=theirs.rev)


# -- the dialog ----------------------------------------------------------------------


def comparison(error: ConflictError) -> Table:
    """Both versions side by side; a ``!`` in the first column marks a difference."""
    pending = isinstance(error, PendingConflict)
    table = Table(box=box.ASCII, expand=True, show_lines=True, pad_edge=False)
    table.add_column("", width=1, no_wrap=True)
    table.add_column("field", ratio=1, overflow="fold")
    table.add_column("other version" if pending else "yours (not saved)", ratio=3, overflow="fold")
    table.add_column("on the board" if pending else "theirs (saved)", ratio=3, overflow="fold")
    differs = set(contested(error))
    kept = set(one_sided(error))
    for name in shown_fields(error.mine, error.theirs, contested(error)):
        style = "bold" if name in differs else ""
        mark = DIFFERS if name in differs else ONE_SIDE if name in kept else " "
        table.add_row(
            Text(mark, style="bold"),
            Text(label(name), style=style),
            literal(show(name, getattr(error.mine, name), error.story), style=style),
            literal(show(name, getattr(error.theirs, name), error.story), style=style),
        )
    return table


class ConflictScreen(KataModal[Record | None]):
    CSS_PATH = [stylesheet("conflict.tcss")]
    BINDINGS = [
        Binding("m", "keep_mine", "Keep mine"),
        Binding("t", "take_theirs", "Take theirs"),
        Binding("e", "merge", "Merge by hand"),
    ]

    def __init__(self, error: ConflictError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        theirs = self.error.theirs
        who = theirs.stamp.label() if theirs.stamp else "another session"
        when = f" at {theirs.stamp.at.strftime('%H:%M')}" if theirs.stamp else ""
        kind = KINDS.get(type(theirs).__name__, type(theirs).__name__)
        count = len(contested(self.error))
        kept = len(one_sided(self.error))
        if isinstance(self.error, PendingConflict):
            other = self.error.mine.stamp.label() if self.error.mine.stamp else "someone"
            title = f"Conflict from sync: {who} and {other} both changed this {kind}."
            choices = f"m: take the other version  t: keep the board's  (for the {DIFFERS} fields)"
        else:
            title = f"Conflict: {who} saved this {kind}{when} while you were editing it."
            choices = f"m: keep mine  t: take theirs  (for the {DIFFERS} fields)"
        with Vertical(id="conflict-dialog"):
            yield Static(literal(title), id="conflict-title")
            both = "changed by both of you" if self.error.merge is not None else "differ"
            also = (
                f" Changes only one of you made ({ONE_SIDE}) are kept either way." if kept else ""
            )
            yield Static(
                f"{count} field(s) {both}, marked {DIFFERS}.{also} "
                "Nothing is saved until you choose.",
                id="conflict-summary",
                markup=False,
            )
            with VerticalScroll(id="conflict-fields"):
                yield Static(comparison(self.error), id="conflict-table")
            yield Static(f"{choices}  e: merge by hand", id="conflict-choices", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#conflict-fields").focus()

    @property
    def _merge(self) -> Merge | None:
        return self.error.merge

    def action_keep_mine(self) -> None:
        found = self._merge
        if found is None:
            self.dismiss(rebased(self.error.mine, self.error.theirs))
        else:
            self.dismiss(found.resolved("mine"))

    def action_take_theirs(self) -> None:
        found = self._merge
        if found is None or found.theirs_kept:
            self.dismiss(None)
        else:
            self.dismiss(found.resolved("theirs"))

    def action_merge(self) -> None:
        mine, theirs = self.error.mine, self.error.theirs
        found = self._merge
        who = theirs.stamp.by if theirs.stamp else "theirs"
        fields = merge_fields(mine, theirs, list(found.both) if found else None, who)
        if not fields:
            self.notify("No text fields to merge: keep mine or take theirs.", severity="warning")
            return

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            if found is None:
                self.dismiss(merged(mine, theirs, values))
            else:
                self.dismiss(found.resolved("mine", **by_hand(mine, theirs, values)))

        title = f"Merge by hand: your text; under each {DIFFERS} field, {who}'s version"
        self.app.push_screen(FormScreen(title, fields), done)
