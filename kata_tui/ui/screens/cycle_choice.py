"""The choices a running cycle offers: join it, leave it, or deal with an interrupted one.

One small dialog with a fixed set of keys; each use offers some of them
(``check_action`` hides the others from the footer and ignores their keys).
Escape always means "do nothing", so a stray key never ends or takes over a
cycle.
"""

from __future__ import annotations

from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer


class CycleChoice(StrEnum):
    FOLLOW = "follow"
    DRIVE = "drive"
    PAUSE = "pause"
    END = "end"
    AFRESH = "afresh"


WORDS = {
    CycleChoice.FOLLOW: "f: follow it (read-only; type observations)",
    CycleChoice.DRIVE: "d: take over driving the card",
    CycleChoice.PAUSE: "p: keep it running (pause); anyone can resume it with c",
    CycleChoice.END: "e: end it",
    CycleChoice.AFRESH: "n: end it and start a new cycle",
}


class CycleChoiceScreen(KataModal[CycleChoice | None]):
    CSS_PATH = [stylesheet("confirm.tcss")]
    BINDINGS = [
        Binding("f", "choose('follow')", "Follow"),
        Binding("d", "choose('drive')", "Drive"),
        Binding("p", "choose('pause')", "Pause"),
        Binding("e", "choose('end')", "End"),
        Binding("n", "choose('afresh')", "New cycle"),
        Binding("escape", "choose('')", "Cancel", key_display="Esc"),
    ]

    def __init__(self, title: str, text: str, choices: tuple[CycleChoice, ...]) -> None:
        super().__init__()
        self.dialog_title = title
        self.text = text
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(literal(self.dialog_title, one_line=True), id="confirm-title")
            yield Static(literal(self.text), id="confirm-question")
            lines = [WORDS[choice] for choice in self.choices] + ["Esc: do nothing"]
            yield Static("\n".join(lines), id="confirm-keys", markup=False)
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0]:
            return CycleChoice(str(parameters[0])) in self.choices
        return True

    def action_choose(self, choice: str) -> None:
        self.dismiss(CycleChoice(choice) if choice else None)
