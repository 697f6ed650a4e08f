"""The challenge: the longer-range goal, its horizon, who works toward it, and how often
(the cadence of practice: ``kata_tui.domain.cadence``)."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.text import Text

from kata_tui.domain.cadence import board_facts, cadence, cadence_words
from kata_tui.domain.card import Section
from kata_tui.domain.dates import due_words, short_date
from kata_tui.domain.follow_up import open_follow_up
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.literal import literal
from kata_tui.ui.widgets.sections.base import (
    StorySection,
    glance_lines,
    joined,
    labelled,
    one_line,
)
from kata_tui.ui.widgets.sections.messages import EditItem


def follow_up_line(story: Storyboard, today: date) -> list[Text]:
    """The follow-up still due (a Job Relations record's step 4), with the key that
    marks it checked; none when none is due."""
    day = open_follow_up(story)
    if day is None:
        return []
    when = f"{short_date(day, today)}, {due_words((day - today).days)}"
    return [labelled("Follow-up", f"{when} (F: checked)")]


class ChallengeSection(StorySection):
    TITLE = "Challenge"
    SECTION = Section.CHALLENGE

    def body(self, story: Storyboard, today: date) -> RenderableType:
        board = story.board
        lines = [
            literal(board.challenge),
            labelled("Focus process", board.focus_process or "-"),
            labelled(
                "Horizon",
                f"{short_date(board.horizon, today)}   set by: {board.set_by or '-'}",
            ),
            labelled("Learner", f"{board.learner}   coach: {board.coach}"),
            labelled("Cadence", cadence_words(cadence(board_facts(story), today))),
            *follow_up_line(story, today),
        ]
        return joined(lines)

    GLANCE_HINT = ""

    @property
    def trimmed(self) -> bool:
        """Never unfolds: everything is in its few lines (the form, e, shows it whole)."""
        return self.glance

    def glance_body(self, story: Storyboard, today: date) -> RenderableType:
        board = story.board
        horizon = short_date(board.horizon, today)
        who = (
            f"horizon {horizon} (set by {board.set_by or '-'}); "
            f"{board.learner}, coach {board.coach}"
        )
        return glance_lines(
            one_line(literal(board.challenge, one_line=True)),
            one_line(labelled("Focus process", f"{board.focus_process or '-'}; {who}")),
            labelled("Cadence", cadence_words(cadence(board_facts(story), today))),
            *follow_up_line(story, today),
        )

    def action_edit(self) -> None:
        if self.story is not None:
            self.post_message(EditItem(self.story.board))
