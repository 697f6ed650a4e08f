"""The screen as text, cell by cell, and the part of it inside one widget.

Built from Textual's SVG screenshot: each text run is placed at the column
its x position gives, so a widget's region can be cut out of the screen and
checked on its own (what that widget, and only it, shows).
"""

from __future__ import annotations

import html
import re

_RUN = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>'
)


def screen_grid(app) -> list[str]:
    """Every row of the screen, each exactly as wide as the screen."""
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    runs = [
        (float(x), float(n), int(row), html.unescape(t))
        for x, n, row, t in _RUN.findall(app.export_screenshot())
    ]
    cell = next((n / len(t) for _, n, _, t in runs if t), 1.0)
    for x, _, row, text in runs:
        col = round(x / cell)
        for offset, char in enumerate(text.replace("\xa0", " ")):
            if row < height and col + offset < width:
                grid[row][col + offset] = char
    return ["".join(line) for line in grid]


def widget_text(app, widget) -> str:
    """The screen's text inside ``widget``'s region, one line per row."""
    region = widget.region
    assert region.area, f"{widget!r} is not on screen"
    rows = screen_grid(app)[region.y : region.bottom]
    return "\n".join(row[region.x : region.right] for row in rows)
