"""Placeholder board list (to be replaced by the picker/dashboard)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from kata_tui.ui.literal import literal


class BoardListScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Learner", "Coach", "Challenge")
        summaries, _problems = self.app.data.summaries()  # type: ignore[attr-defined]
        for s in summaries:
            table.add_row(literal(s.learner), literal(s.coach), literal(s.challenge), key=s.slug)
