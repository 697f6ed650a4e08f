"""A yes/no question as a modal dialog.

Used before anything that loses typed text or changes files (quitting with an
open editor, restoring a board's last good copy). Escape means "no", so the
safe answer is always one key away.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.stylesheets import stylesheet


class ConfirmScreen(KataModal[bool]):
    CSS_PATH = [stylesheet("confirm.tcss")]
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, *, title: str = "Please confirm") -> None:
        super().__init__()
        self.question = question
        self.dialog_title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(literal(self.dialog_title, one_line=True), id="confirm-title")
            yield Static(literal(self.question), id="confirm-question")
            yield Static("[y] Yes    [n] No (Escape)", id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
