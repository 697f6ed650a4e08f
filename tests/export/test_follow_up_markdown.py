"""A Job Relations record whose follow-up was checked: the Markdown says when and what."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kata_tui.domain.model import Board, CoachingCycle, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.conftest import TODAY


def test_the_checked_follow_up_follows_the_cycles_heading_and_precedes_its_reflection() -> None:
    target = TargetCondition(seq=1)
    cycle = CoachingCycle(
        target.id,
        TODAY,
        "tom",
        "lea",
        datetime(2026, 11, 23, 9, 0),
        ended=datetime(2026, 11, 23, 9, 20),
        card="twi-job-relations",
        follow_up=date(2026, 11, 27),
        follow_up_checked=date(2026, 11, 28),
        follow_up_result="Swaps *agreed*; Ana no longer covers",
        reflection="Heard both sides first",
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,), cycles=(cycle,))
    text = render(story, "md", today=TODAY)
    start = text.index("### 2026-11-23: coach tom, learner lea, 20 min\n")
    assert text[start:].startswith("### 2026-11-23: coach tom, learner lea, 20 min\n\n")
    assert (
        "\n**Follow-up checked 2026-11-28:**\n\nSwaps \\*agreed\\*; Ana no longer covers\n\n"
        "**Coach's reflection:**\n\nHeard both sides first\n"
    ) in text[start:]
    unchecked = Storyboard(
        board=story.board,
        targets=(target,),
        cycles=(replace(cycle, follow_up_checked=None),),
    )
    assert "Follow-up checked" not in render(unchecked, "md", today=TODAY)
