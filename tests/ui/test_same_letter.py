"""A letter does the same kind of thing on every screen a person moves between.

The board list, a board (its sections included), its history, the learnings, the
process analysis and its stopwatch, the job breakdown: a letter bound on two of them
means one kind of action (c a coaching cycle, l what was learned, f follow, o observe,
a add, ...).
Dialogs are left out: each names the letter of every answer it offers.
"""

from __future__ import annotations

from textual.binding import Binding

from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.history import HistoryScreen
from kata_tui.ui.screens.job_breakdown import JobBreakdownScreen, SideList
from kata_tui.ui.screens.learnings import LearningsScreen
from kata_tui.ui.screens.process_analysis import ProcessAnalysisScreen
from kata_tui.ui.screens.stopwatch import StopwatchScreen
from kata_tui.ui.widgets.sections.challenge import ChallengeSection
from kata_tui.ui.widgets.sections.current import CurrentSection
from kata_tui.ui.widgets.sections.experiments import ExperimentsSection
from kata_tui.ui.widgets.sections.obstacles import ObstaclesSection
from kata_tui.ui.widgets.sections.target import TargetSection

SCREENS = {
    "board list": [BoardListScreen],
    "board": [
        BoardScreen,
        ChallengeSection,
        TargetSection,
        CurrentSection,
        ObstaclesSection,
        ExperimentsSection,
    ],
    "history": [HistoryScreen],
    "learnings": [LearningsScreen],
    "process analysis": [ProcessAnalysisScreen],
    "stopwatch": [StopwatchScreen],
    "job breakdown": [JobBreakdownScreen, SideList],
}

KIND = {
    "toggle_follow": "follow",
    "follow": "follow",
    "stopwatch": "observe",
    "observe": "observe",
    "add_step": "add",
    "add": "add",
    "reading": "add",
    "note": "add",
    "edit_step": "edit",
    "edit_reading": "edit",
    "edit": "edit",
}
"""Actions of one kind under different names (f follows a board from the list, and
turns following on or off on the board itself)."""

SEARCH_STEPS = {("n", "step(1)"), ("N", "step(-1)")}
"""n and N step to the next and previous search match where a screen searches (as in
less); on the board list n makes a new board."""


def letters(classes: list[type]) -> dict[str, str]:
    found: dict[str, str] = {}
    for cls in classes:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                key = key.strip()
                if len(key) == 1 and key.isalpha() and (key, binding.action) not in SEARCH_STEPS:
                    found.setdefault(key, KIND.get(binding.action, binding.action))
    return found


def test_a_letter_means_one_kind_of_action_on_every_screen() -> None:
    meaning: dict[str, tuple[str, str]] = {}
    clashes = []
    for screen, classes in SCREENS.items():
        for key, kind in letters(classes).items():
            first = meaning.setdefault(key, (screen, kind))
            if first[1] != kind:
                clashes.append(f"{key}: {first[1]} on the {first[0]}, {kind} on the {screen}")
    assert not clashes


def test_the_letters_a_coach_uses_on_both_main_screens() -> None:
    board_list, board = letters(SCREENS["board list"]), letters(SCREENS["board"])
    for key, kind in (("c", "start_cycle"), ("l", "learnings"), ("f", "follow")):
        assert board_list[key] == board[key] == kind
