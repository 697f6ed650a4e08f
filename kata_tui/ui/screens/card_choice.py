"""Pick a card set and language: for the board (``k``) or for one cycle (``K``).

Every set the data directory offers is listed, the coaching kata in each
language first; a card file that cannot be used is listed too, greyed, with
its file, line and reason below the list when the cursor is on it, so the
plant sees why its kata is not offered. Enter picks, Escape does nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kata_tui.domain.card import CardRef
from kata_tui.store.cards import CardChoice
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer


def choice_line(choice: CardChoice, current: CardRef) -> Text:
    """``> Coaching-Kata: die fünf Fragen  coaching-kata v1 (de)``: title, then which."""
    ref = choice.ref
    mark = ">" if (ref.name, ref.language) == (current.name, current.language) else " "
    if choice.problem is not None:
        line = literal(f"{mark} {ref.name} ({ref.language}): cannot be used", one_line=True)
        line.stylize("dim")
        return line
    line = literal(f"{mark} {choice.title}", one_line=True)
    line.append(f"  {ref.label()}", style="dim")
    return line


class CardChoiceScreen(KataModal[CardRef | None]):
    CSS_PATH = [stylesheet("card_choice.tcss")]
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", key_display="Esc"),
    ]

    def __init__(self, title: str, choices: list[CardChoice], current: CardRef) -> None:
        super().__init__()
        self.dialog_title = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="card-choice-dialog"):
            yield Static(literal(self.dialog_title, one_line=True), id="card-choice-title")
            yield OptionList(
                *(
                    Option(choice_line(c, self.current), id=str(i), disabled=c.problem is not None)
                    for i, c in enumerate(self.choices)
                ),
                id="card-choice-list",
            )
            yield Static("", id="card-choice-problem")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        for i, choice in enumerate(self.choices):
            ref = choice.ref
            if (ref.name, ref.language) == (self.current.name, self.current.language):
                options.highlighted = i
        options.focus()
        self._show_problem()

    def _show_problem(self) -> None:
        """Below the list: why the broken files cannot be used (file, line, reason)."""
        problems = [str(c.problem) for c in self.choices if c.problem is not None]
        self.query_one("#card-choice-problem", Static).update(
            literal("\n".join(problems)) if problems else Text("Enter: pick  Esc: cancel")
        )

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[int(event.option.id or 0)]
        if choice.problem is None:
            self.dismiss(choice.ref)

    def action_cancel(self) -> None:
        self.dismiss(None)
