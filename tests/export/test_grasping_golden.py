"""A board grasping the current condition: its exports match reviewed golden files.

The demo plant has no process analysis, so its goldens never show one. The
board in tests/export/grasping.py has every part of it (demand, steps, more
observations than the sheet shows, one with more marks than it shows, one
with none, readings before the first target condition). The test only
compares; ``python -m tests.export.update_golden`` writes them again after a
deliberate change, to be reviewed in the diff.
"""

from __future__ import annotations

import pytest

from kata_tui.export.formats import render
from tests.export.conftest import GOLDEN
from tests.export.grasping import DAY, FORMATS, SUFFIX, grasping_board


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_grasping_board_matches_its_golden_file(fmt: str) -> None:
    text = render(grasping_board(), fmt, today=DAY)
    assert text.encode("utf-8") == (GOLDEN / f"grasping.{SUFFIX[fmt]}").read_bytes()
