"""The process analysis as people see it at 80x24 and large: its own screen, and
beside the form that sets the first target condition."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kata_tui.domain.model import BEFORE_FIRST_TARGET, Board, Editor, Reading, Role
from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from tests.conftest import TODAY

TIMES = [61.2, 58.8, 60.0, 59.5, 62.1, 58.9, 75.0, 60.3, 59.1, 61.0, 58.8, 60.6, 59.9,
         60.2, 61.7, 59.0, 59.4, 60.8, 48.0, 60.1, 59.6, 61.4, 58.7, 60.0, 59.2]  # fmt: skip


@pytest.fixture
def grasping(data, clock):
    start = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0)
    at = [start + timedelta(seconds=round(sum(TIMES[: i + 1]))) for i in range(len(TIMES))]
    notes = {6: "changeover", 18: "part missing"}
    weld = ProcessStep(TODAY, 2, "Weld", work_seconds=40.0, machine_seconds=62.0)
    data.create(
        Storyboard(
            board=Board("ann", "tom", "Pack line 3 at takt", focus_process="line 3 packing"),
            demand=(Demand(TODAY, 480.0, 450.0, 30.0, "shift"),),
            steps=(
                ProcessStep(TODAY, 1, "Cut", "tote of 12", 20.0, 50.0, 600.0, 100),
                weld,
                ProcessStep(TODAY, 3, "Pack", work_seconds=25.0),
            ),
            observations=(
                Observation(
                    TODAY,
                    "Weld",
                    start,
                    ended=at[-1],
                    step_id=weld.id,
                    marks=tuple(
                        Mark(t, a, notes.get(i, ""))
                        for i, (t, a) in enumerate(zip(TIMES, at, strict=True))
                    ),
                ),
            ),
            readings=tuple(
                Reading(BEFORE_FIRST_TARGET, TODAY - timedelta(days=2 - i), "boxes/h", v, seq=i)
                for i, v in enumerate((41.0, 44.0, 39.0), start=1)
            ),
        ),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="ann",
    )
    return data


def test_process_analysis_80x24(snap_compare, grasping, make_app) -> None:
    assert snap_compare(make_app(grasping, board="ann"), terminal_size=(80, 24), press=["P"])


def test_process_analysis_120x40(snap_compare, grasping, make_app) -> None:
    assert snap_compare(make_app(grasping, board="ann"), terminal_size=(120, 40), press=["P"])


def test_first_target_beside_the_analysis_80x24(snap_compare, grasping, make_app) -> None:
    keys = ["tab", "e"]
    assert snap_compare(make_app(grasping, board="ann"), terminal_size=(80, 24), press=keys)


def test_first_target_beside_the_analysis_120x40(snap_compare, grasping, make_app) -> None:
    keys = ["tab", "e"]
    assert snap_compare(make_app(grasping, board="ann"), terminal_size=(120, 40), press=keys)
