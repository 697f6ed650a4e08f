"""The printed sheet at its edges: charts of one or two readings, the process analysis's
limits and what it says when a part is missing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from kata_tui.domain.model import Board, Metric, Reading, TargetCondition
from kata_tui.domain.process import Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.export.grasping import DAY, grasping_board

AT = datetime(2026, 10, 1, 9, 0)


def _svg(*values: float) -> str:
    target = TargetCondition(seq=1, metrics=(Metric("lead", "h", 24.0),))
    readings = tuple(
        Reading(target.id, DAY + timedelta(days=i), "lead", v, seq=i + 1)
        for i, v in enumerate(values)
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,), readings=readings)
    page = render(story, "html", today=DAY)
    return page[page.index("<svg") : page.index("</svg>")]


def test_one_reading_sits_mid_chart_with_its_target_line_running_to_the_right_edge() -> None:
    svg = _svg(30.0)
    assert re.findall(r'<line class="target" x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"', svg) == [
        ("220.0", "390.0")
    ]
    assert "<polyline" not in svg  # one point: nothing to join
    assert svg.count("<circle") == 1


def test_two_readings_are_joined_by_a_line() -> None:
    svg = _svg(30.0, 26.0)
    assert re.findall(r'<polyline points="([^"]*)"', svg) == ["50.0,10.0 390.0,94.0"]
    assert svg.count("<circle") == 2


def _observation(what: str, marks: tuple[Mark, ...] = (), hour: int = 9) -> Observation:
    return Observation(DAY, what, AT.replace(hour=hour), marks=marks)


def _sheet(**parts: object) -> str:
    return render(replace(grasping_board(), **parts), "html", today=DAY)  # type: ignore[arg-type]


def test_an_observation_with_no_cycles_marked_leaves_the_next_one_shown() -> None:
    marked = _observation("Press", (Mark(60.0, AT.replace(hour=10, minute=1)),), hour=10)
    page = _sheet(observations=(_observation("Weld", hour=9), marked))
    assert "<h3>Cycle times: Weld, 2026-10-01 09:00</h3><p>No cycles marked.</p>" in page
    assert "<h3>Cycle times: Press, 2026-10-01 10:00: 1 cycles," in page


def test_a_note_is_cut_at_120_characters_with_the_mark() -> None:
    mark = Mark(60.0, AT.replace(minute=1), "N" * 121)
    page = _sheet(observations=(_observation("Press", (mark,)),))
    assert f'<p class="note">* cycle 1: {"N" * 119}~</p>' in page


def test_the_metric_read_before_the_first_target_is_cut_at_80_characters() -> None:
    name = "M" * 81
    page = _sheet(readings=(Reading("", DAY, name, 41.0, seq=1),))
    assert f"<b>Outcome so far, {'M' * 79}~:</b> 41 on 2026-10-01</p>" in page


def test_only_left_out_observations_are_counted() -> None:
    six = tuple(_observation(f"o{n}", hour=8 + n) for n in range(6))
    assert "earlier observations not shown" not in _sheet(observations=six)
    seven = (*six, _observation("o6", hour=15))
    assert '<p class="note">1 earlier observations not shown.</p>' in _sheet(observations=seven)


def test_a_sheet_with_steps_or_observations_does_not_say_it_has_none() -> None:
    heading = '<section class="experiments process"><h2>Process analysis</h2>'
    none = f"{heading}<p>No steps or observations yet.</p></section>"
    assert none in _sheet(steps=(), observations=())
    steps_only = _sheet(steps=(ProcessStep(DAY, 1, "Press"),), observations=())
    assert "No steps or observations yet" not in steps_only
    watched_only = _sheet(steps=(), observations=(_observation("Press"),))
    assert "No steps or observations yet" not in watched_only
