"""The printed sheet's limits: long texts cut with "~" at a fixed length, long lists
show their newest or most pressing rows and say how many are left out."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kata_tui.domain.model import (
    Board,
    Experiment,
    Metric,
    Obstacle,
    ObstacleStatus,
    Reading,
    TargetCondition,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.conftest import TODAY

D = date(2026, 11, 1)


def _page(**fields: object) -> str:
    return render(Storyboard(**fields), "html", today=TODAY)  # type: ignore[arg-type]


def test_long_texts_are_cut_with_the_mark_at_their_length() -> None:
    board = Board("L" * 100, "C" * 100, "H" * 1000, set_by="S" * 100, focus_process="F" * 200)
    target = TargetCondition(
        seq=1, pattern="P" * 1000, actual_pattern="A" * 1000, metrics=(Metric("M" * 300, ""),)
    )
    page = _page(board=board, targets=(target,))
    assert f"<title>Storyboard: {'L' * 79}~</title>" in page
    assert f"<b>Learner:</b> {'L' * 79}~</span>" in page
    assert f"<b>Coach:</b> {'C' * 79}~</span>" in page
    assert f"<b>Set by:</b> {'S' * 79}~</span>" in page
    assert f"<b>Focus process:</b> {'F' * 159}~</span>" in page
    assert f'<p class="text">{"H" * 299}~</p>' in page
    assert f'<p class="text">{"P" * 599}~</p>' in page
    assert f'<p class="text">{"A" * 599}~</p>' in page
    assert f"<tr><td>{'M' * 219}~</td><td>outcome</td><td>not set (lower is better)</td></tr>" in (
        page
    )
    short = _page(board=Board("ana", "tom", "c"))
    assert "<b>Focus process:</b> -</span>" in short  # empty shows a dash
    assert "<b>Horizon:</b> -</span>" in short
    assert "<p>No target condition yet: grasping the current condition.</p>" in short


def test_the_obstacle_lot_shows_the_worked_one_first_and_counts_the_rest() -> None:
    target = TargetCondition(seq=1)
    statuses = [ObstacleStatus.CLEARED, ObstacleStatus.PARKED, ObstacleStatus.DROPPED] * 4
    obstacles = [Obstacle(target.id, f"obstacle {n}", D, status=s) for n, s in enumerate(statuses)]
    obstacles.append(Obstacle(target.id, "the worked one", D, status=ObstacleStatus.WORKING))
    page = _page(board=Board("a", "b", "c"), targets=(target,), obstacles=tuple(obstacles))
    lot = page[page.index('<section class="obstacles">') : page.index('<section class="exp')]
    rows = re.findall(r"<tr[^>]*><td>(.*?)</td>", lot)
    assert len(rows) == 12  # at most twelve on the sheet
    assert rows[0] == "the worked one"
    assert set(rows[1:5]) == {"obstacle 1", "obstacle 4", "obstacle 7", "obstacle 10"}  # parked
    assert set(rows[5:9]) == {"obstacle 0", "obstacle 3", "obstacle 6", "obstacle 9"}  # cleared
    assert set(rows[9:]) < {"obstacle 2", "obstacle 5", "obstacle 8", "obstacle 11"}  # dropped
    assert '<tr class="working"><td>the worked one</td>' in lot
    assert '<p class="note">1 more not shown.</p>' in lot


def test_a_long_record_shows_its_newest_steps_and_says_how_many() -> None:
    target = TargetCondition(seq=1)
    steps = tuple(
        Experiment(target.id, n, D + timedelta(days=n), f"step {n}", "e", None, "h", "l")
        for n in range(1, 21)
    )
    page = _page(board=Board("a", "b", "c"), targets=(target,), experiments=steps)
    assert "<h2>Experiment record <small>(newest 14 of 20 steps)</small></h2>" in page
    shown = re.findall(r"<td>step (\d+)</td>", page)
    assert shown == [str(n) for n in range(7, 21)]
    few = _page(board=Board("a", "b", "c"), targets=(target,), experiments=steps[:3])
    assert "<h2>Experiment record</h2>" in few


def test_the_open_step_is_never_cut_off_by_long_rows() -> None:
    target = TargetCondition(seq=1)
    long = "word " * 40  # 200 characters: several lines in every column
    steps = [
        Experiment(target.id, n, D, f"step {n} {long}", long, None, long, long) for n in range(1, 9)
    ]
    steps.append(Experiment(target.id, 9, D, "the open step", "expected"))
    page = _page(board=Board("a", "b", "c"), targets=(target,), experiments=tuple(steps))
    assert '<tr class="threshold"><td>9 &gt;</td>' in page
    assert "(newest " in page and " of 9 steps)" in page
    assert "&gt; marks the threshold of knowledge (step 9 is open)." in page


def test_the_run_chart_shows_the_last_sixty_readings() -> None:
    metric = Metric("time", "min", 20.0)
    target = TargetCondition(seq=1, metrics=(metric,))
    readings = tuple(
        Reading(target.id, D + timedelta(days=n), "time", float(30 + n)) for n in range(65)
    )
    page = _page(board=Board("a", "b", "c"), targets=(target,), readings=readings)
    assert page.count("<circle ") == 60
    assert "<p><b>Latest time:</b> 94 min on 2027-01-04</p>" in page
    # the first of the last sixty, and how many older ones are left out
    assert '<text x="50" y="154">5 older left out; 2026-11-06</text>' in page
    empty = _page(board=Board("a", "b", "c"), targets=(target,))
    assert "<p><b>time:</b> no readings yet.</p>" in empty
