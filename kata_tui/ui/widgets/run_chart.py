"""The run chart in the storyboard: outcome readings against the target line.

Drawn as plain ASCII text (see ``kata_tui.domain.run_chart``) rather than
Textual's Sparkline, which has no target line and relies on colour and block
glyphs that the Linux console lacks.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widget import Widget

from kata_tui.domain import run_chart
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import visible
from kata_tui.ui.literal import literal


class RunChart(Widget):
    """Redraws to its own size; ``update_story`` when the board changes."""

    def __init__(self, story: Storyboard | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._data = None if story is None else run_chart.chart_data(story)

    def on_mount(self) -> None:
        self._set_title()

    def update_story(self, story: Storyboard) -> None:
        data = run_chart.chart_data(story)
        if data == self._data:
            return
        self._data = data
        self._set_title()
        self.refresh()

    def _set_title(self) -> None:
        self.border_title = literal(run_chart.title(self._data), one_line=True)

    @property
    def lines(self) -> list[str]:
        size = self.content_size
        return run_chart.render(self._data, size.width or 36, size.height or 8)

    def render(self) -> Text:
        return Text(visible("\n".join(self.lines)), no_wrap=True, overflow="crop", end="")
