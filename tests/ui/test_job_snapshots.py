"""The job breakdown (TWI Job Methods) as people see it at 80x24 and large: the current
condition's details beside the target condition's, each with its change mark, an
eliminated detail's empty place, a detail new in the new method, and the highlighted
detail's questions and notes below."""

from __future__ import annotations

import pytest

from kata_tui.domain.job_methods import BreakdownOf, Change, JobDetail
from kata_tui.domain.model import Board, Editor, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard

TARGET = TargetCondition(1, pattern="One cover a minute, no walking", actual_pattern="Two a minute")


def details() -> tuple[JobDetail, ...]:
    now = [
        JobDetail(
            TARGET.id,
            BreakdownOf.CURRENT,
            1,
            "Walk to the rack for a cover",
            why="covers are kept at the rack",
            what="get a cover",
            where="rack by the wall, 6 m away",
            who="the fitter",
            change=Change.ELIMINATE,
            proposal="covers in a chute at the bench",
        ),
        JobDetail(TARGET.id, BreakdownOf.CURRENT, 2, "Pick 4 screws from the bin"),
        JobDetail(
            TARGET.id,
            BreakdownOf.CURRENT,
            3,
            "Fit the cover and hold it square while the screws go in one by one",
            change=Change.SIMPLIFY,
            proposal="Fit the cover in the jig",
        ),
        JobDetail(
            TARGET.id,
            BreakdownOf.CURRENT,
            4,
            "Tighten the screws",
            change=Change.COMBINE,
            proposal="Tighten with the 4-spindle driver",
        ),
    ]
    started = [
        JobDetail(TARGET.id, BreakdownOf.TARGET, 1, now[1].text, from_id=now[1].id),
        JobDetail(TARGET.id, BreakdownOf.TARGET, 2, "Fit the cover in the jig", from_id=now[2].id),
        JobDetail(
            TARGET.id, BreakdownOf.TARGET, 3, "Tighten with the 4-spindle driver", from_id=now[3].id
        ),
        JobDetail(TARGET.id, BreakdownOf.TARGET, 4, "Put the unit on the conveyor"),
    ]
    return (*now, *started)


@pytest.fixture
def broken_down(data, clock):
    data.create(
        Storyboard(
            board=Board("ann", "tom", "Covers at takt", focus_process="cover line"),
            targets=(TARGET,),
            job_details=details(),
        ),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="ann",
    )
    return data


def test_job_breakdown_80x24(snap_compare, broken_down, make_app) -> None:
    app = make_app(broken_down, board="ann")
    assert snap_compare(app, terminal_size=(80, 24), press=["J"])


def test_job_breakdown_120x40(snap_compare, broken_down, make_app) -> None:
    app = make_app(broken_down, board="ann")
    assert snap_compare(app, terminal_size=(120, 40), press=["J", "down", "down", "right"])
