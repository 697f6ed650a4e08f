"""A Rich renderable drawn once per width, however often Textual asks.

Textual's RichVisual renders a Rich renderable in full to measure its height,
then again to paint it, and both again on every layout pass. For the
experiment record's table (fifteen steps, wrapped columns) that was 12 ms a
pass on the plant's largest board, twice at start-up (issue 6). This visual
renders once per width and serves both questions from those lines.
"""

from __future__ import annotations

from itertools import islice

from rich.console import RenderableType
from rich.segment import Segment
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget


class RenderedOnce(RichVisual):
    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._width = -1
        self._lines: list[list[Segment]] = []

    def __rich__(self) -> RenderableType:
        """Printed by Rich (an export, a test) as the renderable it draws."""
        return self._renderable

    def _render(self, width: int) -> list[list[Segment]]:
        if width != self._width:
            app = self._widget.app
            options = app.console_options.update(highlight=False).update_width(width)
            self._lines = app.console.render_lines(self._renderable, options, pad=False)
            self._width = width
        return self._lines

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._render(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        base = style.rich_style
        return [
            Strip(Segment.apply_style(line, base)).crop(0, width)
            for line in islice(self._render(width), None, height)
        ]
