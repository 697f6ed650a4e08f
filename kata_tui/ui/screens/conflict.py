"""The conflict dialog: someone else saved the record this user was editing.

Both versions are shown field by field, the fields that differ marked with
``!`` (not colour alone), and the user decides: keep mine, take theirs, or
merge by hand. There is no silent way out: Escape is not bound here, so a
stray key cannot drop either version.

The dialog only decides; it never saves. It dismisses with the record to save
(rebased on the stored ``rev`` so the save lands) or ``None`` for "take
theirs" (nothing to save: the caller reloads the board).
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
from kata_tui.domain.model import Answer, Metric, Obstacle, Record, TargetCondition
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.errors import ConflictError
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


def shown_fields(mine: Record, theirs: Record) -> list[str]:
    """Content fields, those that differ first: at 80x24 they must be in view."""
    differs = differing(mine, theirs)
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


def merge_fields(mine: Record, theirs: Record) -> list[FormField]:
    """The editable fields, prefilled with mine; those that differ are marked ``!``."""
    out: list[FormField] = []
    differs = set(differing(mine, theirs))
    for name in shown_fields(mine, theirs):
        value = getattr(mine, name)
        mark = f"{DIFFERS} " if name in differs else ""
        if name == "answers":
            for key in _answer_keys(value, getattr(theirs, name)):
                text = next((a.text for a in reversed(value) if a.key == key), "")
                other = next((a.text for a in reversed(theirs.answers) if a.key == key), "")  # type: ignore[union-attr]
                flag = f"{DIFFERS} " if text != other else ""
                out.append(FormField(f"answers.{key}", f"{flag}answer {key}", text, True))
        elif isinstance(value, str) and not name.endswith("_id") and name != "position":
            out.append(
                FormField(name, f"{mark}{label(name)}", value, name in LONG or "\n" in value)
            )
        elif name in differs and _is_day(value) and _is_day(getattr(theirs, name)):
            text = value.isoformat() if value else ""
            out.append(
                FormField(name, f"{mark}{label(name)}", text, False, "YYYY-MM-DD", _parse_day)
            )
    return out


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
    table = Table(box=box.ASCII, expand=True, show_lines=True, pad_edge=False)
    table.add_column("", width=1, no_wrap=True)
    table.add_column("field", ratio=1, overflow="fold")
    table.add_column("yours (not saved)", ratio=3, overflow="fold")
    table.add_column("theirs (saved)", ratio=3, overflow="fold")
    differs = set(differing(error.mine, error.theirs))
    for name in shown_fields(error.mine, error.theirs):
        style = "bold" if name in differs else ""
        table.add_row(
            Text(DIFFERS if name in differs else " ", style="bold"),
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
        count = len(differing(self.error.mine, theirs))
        with Vertical(id="conflict-dialog"):
            yield Static(
                literal(f"Conflict: {who} saved this {kind}{when} while you were editing it."),
                id="conflict-title",
            )
            yield Static(
                f"{count} field(s) differ, marked {DIFFERS}. Nothing is saved until you choose.",
                id="conflict-summary",
                markup=False,
            )
            with VerticalScroll(id="conflict-fields"):
                yield Static(comparison(self.error), id="conflict-table")
            yield Static(
                "m: keep mine, overwrite theirs  t: take theirs, drop mine  e: merge by hand",
                id="conflict-choices",
                markup=False,
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#conflict-fields").focus()

    def action_keep_mine(self) -> None:
        self.dismiss(rebased(self.error.mine, self.error.theirs))

    def action_take_theirs(self) -> None:
        self.dismiss(None)

    def action_merge(self) -> None:
        mine, theirs = self.error.mine, self.error.theirs
        fields = merge_fields(mine, theirs)
        if not fields:
            self.notify("No text fields to merge: keep mine or take theirs.", severity="warning")
            return

        def done(values: dict[str, str] | None) -> None:
            if values is not None:
                self.dismiss(merged(mine, theirs, values))

        title = f"Merge by hand: your text, {DIFFERS} marks what the other version changed"
        self.app.push_screen(FormScreen(title, fields), done)
