"""The run charts in the storyboard: one per metric, readings against the target line.

Drawn as plain ASCII text (see ``kata_tui.domain.run_chart``, whose scale
the printed chart shares) rather than Textual's Sparkline, which has no
target line and relies on colour and block glyphs that the Linux console
lacks. The first chart's name is the border title; each further chart
starts with its own name. A metric without readings takes one line.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from kata_tui.domain import run_chart
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import visible
from kata_tui.ui.literal import literal


class RunChart(Widget):
    """Redraws to its own width; ``update_story`` when the board changes."""

    CHART_LINES = 6
    """Lines of one chart with readings (three plot rows, axis, dates, legend)."""

    def __init__(self, story: Storyboard | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._charts = [] if story is None else run_chart.charts(story)

    def on_mount(self) -> None:
        self._set_title()

    def update_story(self, story: Storyboard) -> None:
        charts = run_chart.charts(story)
        if charts == self._charts:
            return
        self._charts = charts
        self._set_title()
        self.refresh(layout=True)

    def _set_title(self) -> None:
        first = self._charts[0] if self._charts else None
        self.border_title = literal(run_chart.title(first), one_line=True)

    def lines_at(self, width: int) -> list[str]:
        if not self._charts:
            return run_chart.render(None, width, self.CHART_LINES)
        out: list[str] = []
        for number, data in enumerate(self._charts):
            if number:
                out.append(run_chart.title(data)[:width])
            if data.points:
                out.extend(run_chart.render(data, width, self.CHART_LINES))
            else:
                out.append(f"No readings yet; {run_chart.legend(data, width)}"[:width])
        return out

    @property
    def lines(self) -> list[str]:
        return self.lines_at(self.content_size.width or 36)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines_at(width or 36))

    def render(self) -> Text:
        return Text(visible("\n".join(self.lines)), no_wrap=True, overflow="crop", end="")
