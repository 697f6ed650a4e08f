"""A board whose target condition has both job breakdowns (TWI Job Methods).

No demo board has one, so this board gives the goldens of the Markdown and
the printed sheet their job breakdowns (tests/export/test_job_breakdown.py,
written again only by ``python -m tests.export.update_golden``): a die change
broken down in four details, each questioned, three with a change proposed,
the new method started from it with one detail added, and an earlier target
condition with a breakdown of its own. No export compared shows a record id.
"""

from __future__ import annotations

from dataclasses import replace

from kata_tui.domain.demo import SCENARIOS, demo_board
from kata_tui.domain.job_methods import (
    BreakdownOf,
    Change,
    JobDetail,
    start_target_from_current,
)
from kata_tui.domain.storyboard import Storyboard
from tests.conftest import TODAY

FORMATS = ("md", "html")


def job_board() -> Storyboard:
    story = demo_board(SCENARIOS[0], TODAY)
    now = story.target.id
    earlier = min(story.targets, key=lambda t: t.seq).id
    current = (
        JobDetail(now, BreakdownOf.CURRENT, 1, "Fetch the die from the rack",
                  why="The next job needs it", what="Die at the press",
                  where="Rack by the wall, 30 m away", when="After the last part",
                  who="Operator", how="Crane and pallet truck",
                  change=Change.SIMPLIFY, proposal="Die waits on a cart beside the press",
                  id="c1"),
        JobDetail(now, BreakdownOf.CURRENT, 2, "Walk to the tool crib for the wrench",
                  why="Not necessary: the wrench could hang at the press",
                  change=Change.ELIMINATE, proposal="Wrench on a shadow board", id="c2"),
        JobDetail(now, BreakdownOf.CURRENT, 4, "Unbolt the old die", how="4 bolts, one at a time",
                  change=Change.COMBINE, proposal="Unbolt while the new die is brought",
                  id="c3"),
        JobDetail(now, BreakdownOf.CURRENT, 5, "Bolt the new die", who="The operator",
                  change=Change.REARRANGE, id="c4"),
    )  # fmt: skip
    story = replace(story, job_details=current)
    started = start_target_from_current(story, now)
    new = JobDetail(now, BreakdownOf.TARGET, 7, "Check the first part", id="n1")
    old = JobDetail(earlier, BreakdownOf.CURRENT, 1, "Wait for the die cart", id="o1")
    return replace(story, job_details=(*current, *started, new, old))
