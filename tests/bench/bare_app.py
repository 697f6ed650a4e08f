"""The yardstick: a bare Textual app of about kata-tui's widgets, no data layer.

Header, a few Static, an Input and a DataTable with as many rows as the
plant has boards, Footer. The Input has ``cursor_blink=False`` as kata-tui's
inputs must (a blinking cursor costs bandwidth over SSH), so the
comparison is with Textual used well, not with its defaults.

Run: ``python tests/bench/bare_app.py [ROWS]``; ctrl+q quits.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

MARKER = "bare-ready"
"""Text the benchmark waits for before timing the end of the first paint."""


class BareApp(App[int]):
    TITLE = "bare"
    SUB_TITLE = "Textual yardstick"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, rows: int = 200) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Challenge: changeover on press line 2 in under 10 minutes")
        yield Static("Target condition: changeover under 25 min in 4 of 5 shifts")
        answer = Input(placeholder="answer")
        answer.cursor_blink = False
        yield answer
        yield Static(MARKER)
        table: DataTable[str] = DataTable(cursor_type="row")
        table.styles.height = "1fr"  # the table scrolls, not the screen, as in kata-tui
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_columns("Learner", "Coach", "Challenge")
        for i in range(self.rows):
            table.add_row(f"learner{i}", "coach", f"challenge number {i} of the plant", key=str(i))
        self.query_one(Input).focus()

    def action_quit(self) -> None:
        self.exit(0)


if __name__ == "__main__":
    BareApp(int(sys.argv[1]) if len(sys.argv) > 1 else 200).run()
