"""The challenge: the longer-range goal, its horizon, who works toward it, and how often
(the cadence of practice: ``kata_tui.domain.cadence``)."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType

from kata_tui.domain.cadence import board_facts, cadence, cadence_words
from kata_tui.domain.card import Section
from kata_tui.domain.dates import short_date
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
        )

    def action_edit(self) -> None:
        if self.story is not None:
            self.post_message(EditItem(self.story.board))
