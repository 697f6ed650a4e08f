"""The coaching-kata card as data: the one place its text lives.

The card is a sequence of steps. Each step names the storyboard section it is
about (so the screen can highlight it) and where its answer lands (so typing
an answer updates the board). The same shape can later carry other question
sets (TWI Job Relations, Job Methods) by building another ``QuestionCard``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

CREDIT = "after Mike Rother, Toyota Kata"


class Section(StrEnum):
    CHALLENGE = "challenge"
    TARGET = "target"
    CURRENT = "current"
    OBSTACLES = "obstacles"
    EXPERIMENTS = "experiments"


class Lands(StrEnum):
    """Where the answer to a step is written."""

    TARGET_PATTERN = "target.pattern"
    ACTUAL_PATTERN = "target.actual_pattern"
    SHOW_STEP = "experiment.step"
    """Read-only: shows the last step and its expectation."""
    SHOW_EXPECTED = "experiment.expected"
    HAPPENED = "experiment.happened"
    LEARNED = "experiment.learned"
    OBSTACLE = "obstacle"
    NEXT_STEP = "experiment.new"
    GO_SEE = "target.next_go_see"


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    label: str
    """Short number shown on the card: "1", "2", "R1" ..."""
    text: str
    section: Section
    lands: Lands
    back: bool = False
    """True for the back of the card (the reflection on the last step)."""


@dataclass(frozen=True, slots=True)
class QuestionCard:
    name: str
    title: str
    credit: str
    steps: tuple[Question, ...]

    def index(self, key: str) -> int:
        for i, question in enumerate(self.steps):
            if question.key == key:
                return i
        raise KeyError(key)

    def get(self, key: str) -> Question:
        return self.steps[self.index(key)]

    def next_key(self, key: str) -> str | None:
        i = self.index(key)
        return self.steps[i + 1].key if i + 1 < len(self.steps) else None

    def previous_key(self, key: str) -> str | None:
        i = self.index(key)
        return self.steps[i - 1].key if i > 0 else None

    @property
    def first(self) -> str:
        return self.steps[0].key


COACHING_KATA = QuestionCard(
    name="coaching-kata",
    title="Coaching Kata: the five questions",
    credit=CREDIT,
    steps=(
        Question("q1", "1", "What is the target condition?", Section.TARGET, Lands.TARGET_PATTERN),
        Question(
            "q2", "2", "What is the actual condition now?", Section.CURRENT, Lands.ACTUAL_PATTERN
        ),
        Question(
            "r1", "R1", "What was your last step?", Section.EXPERIMENTS, Lands.SHOW_STEP, back=True
        ),
        Question(
            "r2", "R2", "What did you expect?", Section.EXPERIMENTS, Lands.SHOW_EXPECTED, back=True
        ),
        Question(
            "r3", "R3", "What actually happened?", Section.EXPERIMENTS, Lands.HAPPENED, back=True
        ),
        Question("r4", "R4", "What did you learn?", Section.EXPERIMENTS, Lands.LEARNED, back=True),
        Question(
            "q3",
            "3",
            "What obstacles do you think are preventing you from reaching the target "
            "condition? Which one are you addressing now?",
            Section.OBSTACLES,
            Lands.OBSTACLE,
        ),
        Question(
            "q4",
            "4",
            "What is your next step (next experiment)? What do you expect?",
            Section.EXPERIMENTS,
            Lands.NEXT_STEP,
        ),
        Question(
            "q5",
            "5",
            "How quickly can we go and see what we have learned from taking that step?",
            Section.TARGET,
            Lands.GO_SEE,
        ),
    ),
)
"""Rother's card (2013/2017). The back (R1-R4) is asked between 2 and 3."""

BACK_TITLE = "Reflect on the last step taken"
BACK_RETURN = "Then return to question 3: one obstacle often takes several experiments."
"""Said after the reflection (Rother's card): the cycle goes back to the obstacles."""
