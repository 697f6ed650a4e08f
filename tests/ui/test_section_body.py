"""A section body paints exactly as a Static does, and draws its renderable once
per width however often Textual lays it out or paints it."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from kata_tui.ui.widgets.sections.body import SectionBody


class Counted:
    """A table that counts how often it is drawn."""

    def __init__(self) -> None:
        self.drawn = 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.drawn += 1
        table = Table(expand=True)
        table.add_column("step", ratio=3, overflow="fold")
        table.add_column("learned", ratio=2, overflow="fold")
        for n in range(6):
            table.add_row(f"step {n} " * 4, f"learned {n} " * 3, style="bold" if n == 2 else "")
        yield table


TEXT = Text("Focus process: ", style="bold", end="").append("changeover " * 9)


class Both(App[None]):
    CSS = "Static, SectionBody { background: blue; color: yellow; }"

    def __init__(self) -> None:
        super().__init__()
        self.counted = Counted()

    def compose(self) -> ComposeResult:
        yield Static(Counted(), id="static-table")
        yield SectionBody(id="body-table")
        yield Static(TEXT, id="static-text")
        yield SectionBody(id="body-text")

    def on_mount(self) -> None:
        self.query_one("#body-table", SectionBody).update(self.counted)
        self.query_one("#body-text", SectionBody).update(TEXT)


def _same(app: Both) -> None:
    for kind in ("table", "text"):
        static = app.query_one(f"#static-{kind}", Static)
        body = app.query_one(f"#body-{kind}", SectionBody)
        assert body.size == static.size and body.size.height > 1
        for y in range(static.size.height):
            assert body.render_line(y) == static.render_line(y)


async def test_same_lines_and_height_as_a_static_and_one_draw_per_width() -> None:
    app = Both()
    async with app.run_test(size=(50, 100)) as pilot:
        await pilot.pause()
        _same(app)
        drawn = app.counted.drawn
        assert drawn == 1
        body = app.query_one("#body-table", SectionBody)
        body.refresh(layout=True)
        await pilot.pause()
        assert app.counted.drawn == drawn  # laid out and painted again from its lines
        await pilot.resize_terminal(30, 100)
        await pilot.pause()
        _same(app)
        assert app.counted.drawn == drawn + 1  # a new width draws once more
        await pilot.resize_terminal(50, 100)
        await pilot.pause()
        assert app.counted.drawn == drawn + 1  # and the old width's lines are kept
        body.update(app.counted)
        await pilot.pause()
        assert app.counted.drawn == drawn + 2  # new content draws once
