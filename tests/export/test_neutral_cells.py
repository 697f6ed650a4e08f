"""A spreadsheet cell gets the quote mark only when a spreadsheet would run it.

Text that starts with ``=``, ``+``, ``-`` or ``@`` (after spaces, or a tab or
carriage return) is a formula to a spreadsheet and is marked; anything else
is shown exactly as typed, a line break first or a letter before the ``=``
included.
"""

from __future__ import annotations

import csv
import io

import pytest

from kata_tui.domain.model import Board, Experiment, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.csv_export import HEADER
from kata_tui.export.formats import render
from tests.conftest import TODAY

CASES = [
    ("\n=1+1", "\n=1+1"),  # a line break first: no spreadsheet runs it
    ("X=1", "X=1"),
    ("XX =1", "XX =1"),
    ("a = b", "a = b"),
    (" =1", "' =1"),
    ("  -5", "'  -5"),
    ("@SUM(A1)", "'@SUM(A1)"),
]


@pytest.mark.parametrize(("typed", "cell"), CASES)
def test_a_cell_is_marked_only_when_a_spreadsheet_would_run_it(typed: str, cell: str) -> None:
    target = TargetCondition(seq=1)
    step = Experiment(target.id, 1, TODAY, typed, "e")
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,), experiments=(step,))
    text = render(story, "csv", today=TODAY).removeprefix("\ufeff")
    [_, row] = list(csv.reader(io.StringIO(text, newline="")))
    assert row[HEADER.index("step")] == cell
