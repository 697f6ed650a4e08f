"""A run chart of individual cycle times, in order, against the planned cycle time.

Plain characters as the storyboard's run chart: ``*`` a cycle, ``-`` the
planned cycle time, ``|`` the axis; one column per cycle, the newest at the
right (older ones scroll off the left when there are more than fit). Pure, so
the scaling is tested without a terminal.
"""

from __future__ import annotations

from kata_tui.domain.run_chart import number

POINT = "*"
PLANNED = "-"
LABEL = 6
"""Width of the value labels left of the axis."""


def cycle_chart(
    times: list[float], planned: float | None, *, width: int = 60, height: int = 8
) -> list[str]:
    """``height`` lines of at most ``width`` characters; an empty list without times."""
    if not times or height < 2 or width <= LABEL + 2:
        return []
    shown = times[-(width - LABEL - 1) :]
    values = [*shown, *([planned] if planned is not None else [])]
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1

    def row(value: float) -> int:
        return round((high - value) / (high - low) * (height - 1))

    grid = [[" "] * len(shown) for _ in range(height)]
    planned_row = row(planned) if planned is not None else None
    if planned_row is not None:
        grid[planned_row] = [PLANNED] * len(shown)
    for column, value in enumerate(shown):
        grid[row(value)][column] = POINT
    labels = {0: number(high), height - 1: number(low)}
    if planned_row is not None:
        labels[planned_row] = number(planned) if planned is not None else ""
    return [
        f"{labels.get(i, ''):>{LABEL}}|{''.join(cells)}".rstrip() for i, cells in enumerate(grid)
    ]
