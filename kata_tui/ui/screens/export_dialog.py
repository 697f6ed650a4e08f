"""Export the board on screen to a file, from the keyboard, without leaving the app.

The coach prints the storyboard or sends the summary right after a cycle.
Rendering and writing run in a worker thread so a slow network home
directory never freezes the screen; the result is one line in the dialog.
An existing file is replaced only after a second confirming key press.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from kata_tui.domain.errors import KataError
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import (
    DESCRIPTIONS,
    FORMATS,
    default_name,
    render,
    would_replace,
    write_output,
)
from kata_tui.export.json_format import PendingVersion
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.kata_input import KataInput


class FormatButton(RadioButton):
    """``(*)`` / ``( )``: the choice reads without colour and on the Linux console."""

    def __init__(self, fmt: str, *, value: bool = False) -> None:
        super().__init__(f"{fmt:<6} {DESCRIPTIONS[fmt]}", value=value, id=f"format-{fmt}")
        self.fmt = fmt

    @property
    def _button(self) -> Content:
        return Content("(*)" if self.value else "( )")


class ExportScreen(KataModal[Path | None]):
    """Pick a format and a file; dismisses with the last file written, or None."""

    CSS_PATH = [stylesheet("export.tcss")]
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+s", "export", "Export"),
    ]

    def __init__(
        self,
        story: Storyboard,
        today: date,
        *,
        directory: Path | None = None,
        pending: Sequence[PendingVersion] = (),
    ) -> None:
        """``pending``: versions of the board's records waiting for a choice; the
        JSON export carries them, so an import elsewhere keeps them."""
        super().__init__()
        self.story = story
        self.pending = tuple(pending)
        self.today = today
        self.directory = directory if directory is not None else Path.cwd()
        self.fmt = FORMATS[0]
        self.written: Path | None = None
        self._confirm: tuple[Path, str] | None = None
        """The file and format the user was asked to confirm overwriting."""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            title = literal(f"Export the storyboard of {self.story.board.learner}", one_line=True)
            yield Static(title, id="export-title")
            yield Label("Format (Up/Down, then Enter or Space to choose):")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield FormatButton(fmt, value=fmt == self.fmt)
            yield Label("File (Enter or ctrl+s to export, Esc to close):")
            yield KataInput(
                str(self.directory / default_name(self.story, self.fmt)), id="export-path"
            )
            yield Static("", id="export-result", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        button = event.pressed
        if not isinstance(button, FormatButton):
            return
        old, self.fmt = self.fmt, button.fmt
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value)
        if path.suffix == f".{old}":
            path_input.value = str(path.with_suffix(f".{self.fmt}"))
        self._confirm = None

    @on(Input.Changed, "#export-path")
    def _path_edited(self) -> None:
        self._confirm = None

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_export()

    def _say(self, message: str) -> None:
        self.query_one("#export-result", Static).update(literal(message, one_line=True))

    def action_export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._say("! Give a file name to write to.")
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.directory / path
        if would_replace(path) and self._confirm != (path, self.fmt):
            self._confirm = (path, self.fmt)
            self._say(f"! {path} exists: press Enter again to replace it.")
            return
        self._confirm = None
        self._say(f"Writing {path} ...")
        self._write(path, self.fmt)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, fmt: str) -> None:
        try:
            text = render(
                self.story,
                fmt,
                today=self.today,
                pending=self.pending,
                cards=self.app.data.cards.find,
            )
            # the app's data directory: an export never becomes a board there
            write_output(path, text, data_dirs=(self.app.data.path,))
        except (KataError, OSError) as exc:
            self.app.call_from_thread(self._say, f"! Not written: {exc}")
            return
        self.app.call_from_thread(self._written, path, len(text.encode("utf-8")), fmt)

    def _written(self, path: Path, size: int, fmt: str) -> None:
        self.written = path
        self._say(f"Wrote {path} ({size:,} bytes, {fmt}).")

    def action_close(self) -> None:
        self.dismiss(self.written)
