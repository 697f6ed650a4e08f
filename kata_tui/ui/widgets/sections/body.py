"""A section's body: one Rich renderable drawn through the line API.

Textual draws a Rich renderable (the experiment record's table, the parking
lot's grid) in full to measure its height and again to paint it, and both
again on every layout pass. This body draws it once per width and style,
keeps the lines, and serves the height and every ``render_line`` from them,
as ``BoardTable`` and toolong's log lines do. It draws through Textual's own
``visualize`` and ``Visual.to_strips``, so it paints exactly as a ``Static``.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget


class SectionBody(Widget):
    DEFAULT_CSS = """
    SectionBody {
        height: auto;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._content: RenderableType = Text("")
        self._lines: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(4)
        """The lines drawn, by (width, style, selection): a resize back and forth, or a
        focus that changes no style, draws nothing again."""

    @property
    def content(self) -> RenderableType:
        """What the body shows (as given to ``update``)."""
        return self._content

    def update(self, content: RenderableType) -> None:
        self._content = content
        self._lines.clear()
        self.refresh(layout=True)

    def _lines_at(self, width: int) -> list[Strip]:
        style = self.visual_style
        key = (width, style, self.text_selection)
        lines = self._lines.get(key)
        if lines is None:
            visual = visualize(self, self._content, markup=False)
            lines = Visual.to_strips(self, visual, width, None, style)
            self._lines[key] = lines
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines_at(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines_at(width)
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, self.visual_style.rich_style)
