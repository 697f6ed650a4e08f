"""The coaching-kata card: every question, the current one marked, and the answer line.

The card knows the questions (from ``kata_tui.domain.card``) and collects
text; what an answer does to the board is the screen's business, told by
the ``Answered`` message. The current question is marked with ``>`` and
reverse/bold so it shows without colour.
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from kata_tui.domain.card import (
    COACHING_KATA,
    Question,
    QuestionCard,
    back_return,
    back_title,
)
from kata_tui.domain.prompts import Prompt
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.pageless import PagelessInput, PagelessScroll

MARK = ">"


class QuestionList(Widget):
    """Every question of the card, each wrapped under its own text (a hanging
    indent), the current one marked.

    One widget draws all lines: a widget (or a rich ``Table.grid``) per
    question would be most of the card's cost in building and laying out a
    board."""

    INDENT = 4

    def __init__(self, card: QuestionCard, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.card = card
        self.current = ""
        """Key of the marked question; "" for none."""
        self._laid_out: tuple[int, list[tuple[str, Text]]] | None = None
        self._last_back: Question | None = None
        """After it the card says to return to question 3."""
        self._set_card(card)

    def _set_card(self, card: QuestionCard) -> None:
        self.card = card
        backs = [q for q in card.steps if q.back]
        self._last_back = backs[-1] if backs else None
        self._laid_out = None

    def use(self, card: QuestionCard) -> None:
        """Show ``card``'s questions (another card set or language)."""
        self._set_card(card)
        self.refresh(layout=True)

    def mark(self, key: str) -> None:
        if key != self.current:
            self.current = key
            self._laid_out = None
            self.refresh()

    def _lines(self, width: int) -> list[tuple[str, Text]]:
        """(question key, line) for every line drawn at ``width``."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        lines: list[tuple[str, Text]] = []
        back_shown = False
        for question in self.card.steps:
            if question.back and not back_shown:
                back_shown = True
                title = back_title(self.card)
                lines.append(("", Text(f"  {title}:", style="italic", end="")))
            current = question.key == self.current
            wrapped = textwrap.wrap(question.text, max(8, width - self.INDENT)) or [""]
            if current:  # one solid block, not a ragged edge
                wrapped = [line.ljust(width - self.INDENT) for line in wrapped]
            style = "bold reverse" if current else ""
            prefix = MARK if current else " "
            first = Text(f"{prefix}{question.label:>2} ", style="bold", end="")
            first.append(wrapped[0], style=style)
            lines.append((question.key, first))
            for line in wrapped[1:]:
                more = Text(" " * self.INDENT, style="bold", end="")
                more.append(line, style=style)
                lines.append((question.key, more))
            if question.back and question is self._last_back:
                for line in textwrap.wrap(back_return(self.card), max(8, width - self.INDENT)):
                    lines.append(("", Text(f"{' ' * self.INDENT}{line}", style="italic", end="")))
        self._laid_out = (width, lines)
        return lines

    def region_of(self, key: str) -> Region | None:
        """Where question ``key`` is drawn, for scrolling it into view."""
        rows = [y for y, (k, _) in enumerate(self._lines(self.content_size.width)) if k == key]
        if not rows:
            return None
        return Region(0, rows[0], self.content_size.width, len(rows))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n", end="").join(line for _, line in self._lines(self.content_size.width))


class KataCard(Vertical):
    """Shows ``position`` (a question key, or "" when no cycle runs)."""

    position: reactive[str] = reactive("", init=False)
    read_only: reactive[bool] = reactive(False)
    status: reactive[str] = reactive("")
    """The line above the questions: cycle timer, follow state."""

    class Answered(Message):
        """The learner pressed Enter on the last answer line of a question."""

        def __init__(self, key: str, text: str, second: str) -> None:
            super().__init__()
            self.key = key
            self.text = text
            self.second = second

    def __init__(self, card: QuestionCard = COACHING_KATA, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.card = card
        self._prompt = Prompt()
        self._taken = False
        """An answer was taken off the line and the next question is not asked yet."""

    def compose(self) -> ComposeResult:
        yield Static("", id="card-status", markup=False)
        with PagelessScroll(id="card-questions"):
            yield QuestionList(self.card, id="card-question-list")
        with Vertical(id="card-answer"):
            yield Static("", id="card-context")
            yield PagelessInput(id="answer", compact=True, select_on_focus=False)
            yield Static("", id="second-label", markup=False)
            yield PagelessInput(id="second", compact=True, select_on_focus=False)
        yield Static(Text(self.card.credit, style="italic"), id="card-credit")

    def on_mount(self) -> None:
        self.border_title = literal(self._short_title(), one_line=True)
        self._mark()
        self._show_answer_line()

    def _short_title(self) -> str:
        return self.card.title.split(":")[0].strip()

    def use(self, card: QuestionCard) -> None:
        """Ask ``card`` from now on: another card set, or the card in another language."""
        if card == self.card:
            return
        self.card = card
        self.query_one(QuestionList).use(card)
        self.border_title = literal(self._short_title(), one_line=True)
        self.query_one("#card-credit", Static).update(Text(card.credit, style="italic"))
        self._mark()

    # -- reactives ------------------------------------------------------------------

    def watch_position(self) -> None:
        self.set_class(bool(self.position), "-asking")
        if not self.position:
            self._taken = False
        self._mark()
        self._show_answer_line()

    def watch_read_only(self) -> None:
        self._show_answer_line()

    def watch_status(self) -> None:
        self.query_one("#card-status", Static).update(literal(self.status))

    def _mark(self) -> None:
        questions = self.query_one(QuestionList)
        questions.mark(self.position)
        if self.position:
            # After the answer line has taken its height, so the question fits.
            self.call_after_refresh(self._scroll_to_question)

    def _scroll_to_question(self) -> None:
        region = self.query_one(QuestionList).region_of(self.position)
        if region is not None:
            self.query_one("#card-questions", VerticalScroll).scroll_to_region(
                region, animate=False
            )

    def _show_answer_line(self) -> None:
        box = self.query_one("#card-answer")
        box.display = bool(self.position) and not self.read_only
        if not box.display:
            self.query_one("#card-context", Static).update("")

    # -- the answer line --------------------------------------------------------------

    @property
    def question(self) -> Question | None:
        return self.card.get(self.position) if self.position else None

    def ask(self, prompt: Prompt) -> None:
        """Fill the answer line for the current question (replaces its text)."""
        self._prompt = prompt
        self.show_context(prompt.context)
        answer = self.query_one("#answer", Input)
        ahead = (answer.value + self.query_one("#second", Input).value) if self._taken else ""
        self._taken = False
        answer.value = ahead if ahead.strip() else prompt.value
        answer.placeholder = prompt.placeholder
        answer.cursor_position = len(answer.value)
        second = self.query_one("#second", Input)
        label = self.query_one("#second-label", Static)
        has_second = bool(prompt.second_label)
        second.display = label.display = has_second
        label.update(literal(prompt.second_label, one_line=True))
        second.value = prompt.second_value
        second.placeholder = prompt.second_placeholder
        if self.position and not self.read_only:
            answer.focus()

    def show_context(self, context: str) -> None:
        """What the board holds for this question; refreshed when the board changes."""
        self.query_one("#card-context", Static).update(literal(context) if context else Text(""))

    def texts(self) -> tuple[str, str]:
        second = self.query_one("#second", Input)
        return self.query_one("#answer", Input).value, (second.value if second.display else "")

    @property
    def is_edited(self) -> bool:
        """Text typed beyond what the line was filled with (lost if the app quits)."""
        text, second = self.texts()
        return bool(self.position) and (text, second) != (
            self._prompt.value,
            self._prompt.second_value if second else "",
        )

    @property
    def has_text(self) -> bool:
        """Typed text that would be lost (the quit check asks first)."""
        return any(t.strip() for t in self.texts())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.position or self.read_only or self._taken:
            return  # (an Enter before the last one was handled: never answer twice)
        # What a quick typist (or a laggy SSH link) sends after Enter, before this
        # runs, is already in the line: it belongs to what comes next, not here.
        line = event.input
        if not line.value.startswith(event.value):
            return  # the line was refilled since this Enter (PgDn got there first)
        ahead = line.value[len(event.value) :]
        line.value = event.value
        answer = self.query_one("#answer", Input)
        second = self.query_one("#second", Input)
        if line is answer and second.display:
            second.value = ahead + second.value
            second.focus()
            return
        text, more = self.texts()
        answer.value = ahead
        second.value = ""
        self._taken = True
        self.post_message(self.Answered(self.position, text, more))

    @property
    def taken(self) -> bool:
        """An answer was taken off the line and the screen has not moved on yet."""
        return self._taken

    def release(self) -> None:
        """No next question follows (the end of the card): take answers again."""
        self._taken = False

    def restore(self, text: str, second: str) -> None:
        """Put a refused answer back (a bad date): nothing typed is lost."""
        answer = self.query_one("#answer", Input)
        reading = self.query_one("#second", Input)
        # Anything on the lines now was typed after the answer was taken.
        ahead, ahead_second = (answer.value, reading.value) if self._taken else ("", "")
        self._taken = False
        answer.value = text + ahead
        answer.cursor_position = len(answer.value)
        reading.value = second + ahead_second
