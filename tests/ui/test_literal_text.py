"""Typed text with markup and control characters is data: stored and shown as typed."""

from __future__ import annotations

import html
import re

from kata_tui.domain.model import (
    Board,
    Experiment,
    Metric,
    Obstacle,
    ObstacleStatus,
    Role,
    TargetCondition,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY

NASTY = "[bold]x[/] $(rm -rf ~) \x1b[31mred"
SHOWN = "[bold]x[/] $(rm -rf ~) ^[[31mred"


def screen_lines(app) -> list[str]:
    """The screen's text rows, from the SVG export (what a terminal would show)."""
    svg = app.export_screenshot()
    rows: dict[int, list[tuple[float, str]]] = {}
    pattern = (
        r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
        r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>'
    )
    for x, line, text in re.findall(pattern, svg):
        rows.setdefault(int(line), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return ["".join(t for _, t in sorted(parts)) for _, parts in sorted(rows.items())]


def nasty_board(data: DataDir, clock) -> None:
    target = TargetCondition(seq=1, pattern=NASTY, metrics=(Metric(NASTY, "[u]"),))
    obstacle = Obstacle(target.id, NASTY, TODAY, status=ObstacleStatus.WORKING)
    story = Storyboard(
        board=Board("lea", "tom", NASTY),
        targets=(target,),
        obstacles=(obstacle,),
        experiments=(Experiment(target.id, 1, TODAY, NASTY, expected="[i]"),),
    )
    data.create(story, Editor("setup", Role.COACH), clock.now(), slug="lea")


async def test_markup_and_escapes_round_trip_and_show_literally(data, clock, make_app):
    nasty_board(data, clock)
    app = make_app(data, board="lea")
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        # Typed through the card as well: the answer to question 2.
        await pilot.press("c", "enter", *"[red]hot[/red] $(x)", "enter", "enter")
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert text.count(SHOWN) >= 4  # challenge, pattern, obstacle, step (+ card context)
        assert "[red]hot[/red] $(x)" in text
        assert "\x1b" not in text

    story = DataDir.open(data.path).load("lea")
    assert story.board.challenge == NASTY
    assert story.target.pattern == NASTY
    assert story.target.actual_pattern == "[red]hot[/red] $(x)"
    assert story.obstacles[0].text == NASTY
    assert story.experiments[0].step == NASTY
