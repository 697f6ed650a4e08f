"""One modal form for every edit and for creating boards.

A single form keeps the keys the same everywhere (Enter moves on, ctrl+s
saves, Escape cancels without change), so a learner who holds the pen learns
them once. Validators raise ``InvalidInput``; its one-line message shows under
the field and the form stays open, so nothing typed is lost to a bad date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.text import visible
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.choice import Choice
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.kata_input import KataInput


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    value: str = ""
    multiline: bool = False
    placeholder: str = ""
    validate: Callable[[str], object] | None = None
    """Called with the field's text on submit; raising ``InvalidInput`` keeps the form open."""
    note: str = ""
    """Read-only text shown under the field (the other person's version when merging)."""
    choices: tuple[str, ...] = ()
    """The only answers (a Select of them): higher or lower, not free text."""

    @property
    def shown(self) -> str:
        """The value as the editor shows it: stored text may hold control characters
        (an import, a hand edit), which an editor would write to the terminal as they
        are; they are spelled out instead, and an untouched field keeps its value."""
        return visible(self.value, one_line=not self.multiline)


def required(what: str) -> Callable[[str], str]:
    """A validator for a field that cannot be left empty: "the step is needed"."""

    def check(text: str) -> str:
        if not text.strip():
            raise InvalidInput(f"{what} is needed")
        return text

    return check


def whole_number(low: int, high: int, what: str) -> Callable[[str], int]:
    """A validator for a count typed as digits: "minutes: a whole number from 1 to 240,
    not '2.5'". Digits are those ``int`` reads (``str.isdecimal``, as numbers and dates
    everywhere take them); ``str.isdigit`` also takes '²', which ``int`` refuses."""

    def check(text: str) -> int:
        word = text.strip()
        if not (word.isdecimal() and low <= int(word) <= high):
            raise InvalidInput(f"{what}: a whole number from {low} to {high:,}, not {word!r}")
        return int(word)

    return check


def _field_id(index: int) -> str:
    # Keys are chosen by callers and need not be valid widget ids.
    return f"form-field-{index}"


class FormScreen(KataModal[dict[str, str] | None]):
    """Dismisses with ``{key: text}`` for every field, or ``None`` on Escape."""

    CSS_PATH = [stylesheet("form.tcss")]
    BINDINGS = [
        # Not a priority key: it then reaches the screen through the focused field,
        # after the keys typed before it, so a quick burst is saved whole.
        Binding("ctrl+s", "submit", "Save"),
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "next_field", "Next field", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        aside: Sequence[str] = (),
        *,
        check: Callable[[dict[str, object]], object] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.check = check
        """Run on the parsed values before the form closes: an ``InvalidInput`` it
        raises about the whole form (two metrics of one name) keeps the form open,
        with everything typed, and says why under the field last typed in."""
        self.fields: tuple[FormField, ...] = tuple(fields)
        self.aside: tuple[str, ...] = tuple(aside)
        """Facts to write the answer against, shown beside the fields (read-only)."""
        last_single = [i for i, f in enumerate(self.fields) if not f.multiline]
        self._last_single = last_single[-1] if last_single else -1
        self.parsed: dict[str, object] = {}
        """Once submitted: what each field's validator returned (its text where there
        is none), so a caller never parses a field again."""

    # -- building ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Static(literal(self.form_title, one_line=True), id="form-title")
            if self.aside:
                self.add_class("-with-aside")
                with Horizontal(id="form-body"):
                    yield self._fields()
                    with VerticalScroll(id="form-aside", can_focus=False):
                        yield Static(literal("\n".join(self.aside)), markup=False)
            else:
                yield self._fields()
            yield Static(self._hint(), id="form-hint", markup=False)
        yield Footer()

    def _fields(self) -> VerticalScroll:
        holders = []
        for index, field in enumerate(self.fields):
            row = Horizontal(
                Static(literal(field.label, one_line=True), classes="form-label"),
                self._editor(index, field),
                classes="form-row",
            )
            error = Static("", classes="form-error", markup=False)
            error.display = False
            note = [Static(literal(field.note), classes="form-note")] if field.note else []
            holders.append(Vertical(row, *note, error, classes="form-field"))
        return VerticalScroll(*holders, id="form-fields")

    def _hint(self) -> str:
        if any(field.multiline for field in self.fields):
            return "Tab: next field (Enter: new line in a long field)   ctrl+s: save   Esc: cancel"
        return "Enter or Tab: next field   ctrl+s: save   Escape: cancel"

    def _editor(self, index: int, field: FormField) -> Widget:
        if field.choices:
            return Choice(field.choices, field.value, id=_field_id(index), classes="form-input")
        if field.multiline:
            area = TextArea(
                field.shown,
                id=_field_id(index),
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
                placeholder=field.placeholder,
                classes="form-input",
            )
            area.cursor_blink = False  # as KataInput's: no bandwidth spent blinking over SSH
            return area
        return KataInput(
            field.shown,
            placeholder=field.placeholder,
            id=_field_id(index),
            compact=True,
            select_on_focus=False,
            classes="form-input",
        )

    def on_mount(self) -> None:
        for widget in self._editors():
            if isinstance(widget, TextArea):
                widget.move_cursor(widget.document.end)
        editors = self._editors()
        if editors:
            editors[0].focus()

    # -- reading ----------------------------------------------------------------

    def _editors(self) -> list[Widget]:
        return [self.query_one(f"#{_field_id(i)}") for i in range(len(self.fields))]

    @staticmethod
    def _text(widget: Widget) -> str:
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, Choice):
            return str(widget.value)
        return ""

    def values(self) -> dict[str, str]:
        """What the fields hold now (the initial values before the form is shown)."""
        if not self.is_mounted:
            return {field.key: field.value for field in self.fields}
        values = {}
        for field, widget in zip(self.fields, self._editors(), strict=True):
            text = self._text(widget)
            values[field.key] = field.value if text == field.shown else text
        return values

    @property
    def is_dirty(self) -> bool:
        """True when any field differs from what it started with."""
        current = self.values()
        return any(current[field.key] != field.value for field in self.fields)

    def on_descendant_focus(self) -> None:
        """Mark the field being typed in by a class: a ``:focus-within`` rule is not
        re-applied to the label when focus moves on, and reverse on the label is the
        focus cue that survives NO_COLOR and 16 colours."""
        focused = self.focused
        for holder in self.query(".form-field"):
            holder.set_class(
                focused is not None and focused in holder.query(".form-input"), "-current"
            )

    # -- acting -----------------------------------------------------------------

    @on(Input.Submitted)
    @on(Choice.Entered)
    def _enter(self, event: Input.Submitted | Choice.Entered) -> None:
        event.stop()
        editors = self._editors()
        field = event.input if isinstance(event, Input.Submitted) else event.choice
        index = editors.index(field) if field in editors else -1
        if index < 0:
            return
        if index == self._last_single:
            self.action_submit()
        elif index + 1 < len(editors):
            self.set_focus(editors[index + 1])

    def action_next_field(self) -> None:
        """Enter in a one-line field moves on before the next key is handed on, so the
        keys typed behind it (a quick typist, a burst over SSH) land in the next field.

        Anywhere else, and on the field whose Enter saves, Enter goes its usual way:
        through the field, after the keys typed before it, so nothing typed is lost.
        """
        focused = self.focused
        editors = self._editors()
        if not isinstance(focused, Input) or focused not in editors:
            raise SkipAction()
        index = editors.index(focused)
        if index == self._last_single or index + 1 >= len(editors):
            raise SkipAction()
        self.set_focus(editors[index + 1])

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _edited(self, event: Input.Changed | TextArea.Changed) -> None:
        # A message about a value that has since changed only confuses.
        widget = event.control
        if widget is None or widget.parent is None or widget.parent.parent is None:
            return
        for error in widget.parent.parent.query(".form-error"):
            if isinstance(error, Static):
                error.display = False

    def action_submit(self) -> None:
        values = self.values()
        parsed: dict[str, object] = {}
        first_bad: Widget | None = None
        for field, widget in zip(self.fields, self._editors(), strict=True):
            message, parsed[field.key] = self._check(field, values[field.key])
            self._show_error(widget, message)
            if message and first_bad is None:
                first_bad = widget
        if first_bad is not None:
            first_bad.focus()
            return
        if self.check is not None:
            try:
                self.check(parsed)
            except InvalidInput as error:
                editors = self._editors()
                at = self.focused if self.focused in editors else editors[-1]
                self._show_error(at, str(error))
                return
        self.parsed = parsed
        self.dismiss(values)

    @staticmethod
    def _check(field: FormField, text: str) -> tuple[str, object]:
        """(the one-line error or "", the parsed value)."""
        if field.validate is None:
            return "", text
        try:
            return "", field.validate(text)
        except (InvalidInput, ValueError) as exc:
            return str(exc) or "not valid", None

    def _show_error(self, widget: Widget, message: str) -> None:
        holder = widget.parent.parent if widget.parent is not None else None
        if holder is None:
            return
        error = holder.query_one(".form-error", Static)
        error.update(literal(message, one_line=True))
        error.display = bool(message)

    def action_cancel(self) -> None:
        self.dismiss(None)
