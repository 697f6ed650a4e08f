"""A Rich renderable drawn once per width paints exactly as Textual's own way does."""

from __future__ import annotations

from rich.table import Table
from textual.app import App, ComposeResult
from textual.widgets import Static

from kata_tui.ui.rendered_once import RenderedOnce


def _table() -> Table:
    table = Table(expand=True)
    table.add_column("step", ratio=3, overflow="fold")
    table.add_column("learned", ratio=2, overflow="fold")
    for n in range(6):
        table.add_row(f"step {n} " * 4, f"learned {n} " * 3, style="bold" if n == 2 else "")
    return table


class Both(App[None]):
    CSS = "Static { height: auto; background: blue; color: yellow; }"

    def compose(self) -> ComposeResult:
        yield Static(_table(), id="rich")
        yield Static(id="once")

    def on_mount(self) -> None:
        once = self.query_one("#once", Static)
        once.update(RenderedOnce(once, _table()))


async def test_same_lines_and_height_as_textuals_rich_visual_and_one_render_per_width() -> None:
    app = Both()
    async with app.run_test(size=(50, 40)) as pilot:
        await pilot.pause()
        rich, once = app.query_one("#rich", Static), app.query_one("#once", Static)
        assert once.size == rich.size and once.size.height > 6
        for y in range(rich.size.height):
            assert once.render_line(y) == rich.render_line(y)
        visual = once.visual
        assert isinstance(visual, RenderedOnce)
        lines = visual._render(once.size.width)
        assert visual._render(once.size.width) is lines  # served from the one render
        await pilot.resize_terminal(30, 40)
        await pilot.pause()
        assert once.size == rich.size
        for y in range(rich.size.height):
            assert once.render_line(y) == rich.render_line(y)
