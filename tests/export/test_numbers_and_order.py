"""Numbers in the exports keep every digit, and readings keep the board's order."""

from __future__ import annotations

import csv
import io
from datetime import date

from kata_tui.domain.model import (
    BEFORE_FIRST_TARGET,
    Board,
    Experiment,
    Metric,
    Reading,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.common import number
from kata_tui.export.formats import render
from tests.conftest import TODAY


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_a_huge_value_is_written_out_digit_by_digit_never_in_exponent_form() -> None:
    target = TargetCondition(seq=1, metrics=(Metric("parts", "pcs", 2.5e15),))
    story = Storyboard(
        board=Board("ana", "ben", "c"),
        targets=(target,),
        readings=(Reading(target.id, TODAY, "parts", 1e16, seq=1),),
    )
    [_, row] = _rows(render(story, "readings", today=TODAY))
    assert (row[5], row[9]) == ("2500000000000000", "10000000000000000")
    markdown = render(story, "md", today=TODAY)
    assert "| 2026-11-23 | parts | 10000000000000000 pcs |" in markdown
    assert "e+" not in markdown
    # below 10^15 every digit a float holds, as typed
    small = Storyboard(
        board=story.board,
        targets=(target,),
        readings=(Reading(target.id, TODAY, "parts", 123456789012.5, seq=1),),
    )
    assert _rows(render(small, "readings", today=TODAY))[1][9] == "123456789012.5"


def test_readings_are_listed_by_target_condition_before_their_dates() -> None:
    first = TargetCondition(seq=1, metrics=(Metric("lead", "h", 30),), status=TargetStatus.ACHIEVED)
    second = TargetCondition(seq=2, metrics=(Metric("lead", "h", 24),))
    story = Storyboard(
        board=Board("ana", "ben", "c"),
        targets=(second, first),
        readings=(
            Reading(second.id, date(2026, 11, 3), "lead", 26.0, seq=1),  # dated earliest
            Reading(first.id, date(2026, 11, 9), "lead", 29.0, seq=1),  # entered late
            Reading(BEFORE_FIRST_TARGET, date(2026, 11, 10), "lead", 40.0, seq=1),
        ),
    )
    rows = _rows(render(story, "readings", today=TODAY))[1:]
    assert [(r[1], r[7], r[9]) for r in rows] == [
        ("", "2026-11-10", "40"),  # before the first target condition
        ("1", "2026-11-09", "29"),
        ("2", "2026-11-03", "26"),
    ]


def test_a_value_with_a_fraction_keeps_it_up_to_where_floats_hold_one() -> None:
    assert number(1e15 + 0.5) == "1000000000000000.5"
    assert number(1e16) == "10000000000000000"
    assert number(-2.5e16) == "-25000000000000000"
    assert number(0.00001) == "1e-05"  # a tiny value keeps its digits, in Python's way
    assert number(None) == ""


def test_a_step_on_no_obstacle_leaves_the_obstacle_cell_empty() -> None:
    target = TargetCondition(seq=1)
    step = Experiment(target.id, 1, TODAY, "Stage the die", "Saves 5 min")
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,), experiments=(step,))
    page = render(story, "html", today=TODAY)
    record = page[page.index('<section class="experiments">') :]
    assert "<td>1 &gt;</td><td>2026-11-23</td><td></td><td>Stage the die</td>" in record
    markdown = render(story, "md", today=TODAY)
    assert "| 1 > | 2026-11-23 |   | Stage the die | Saves 5 min |" in markdown
    [_, row] = _rows(render(story, "csv", today=TODAY))
    assert row[4:6] == ["", ""]  # obstacle number and text
