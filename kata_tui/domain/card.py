"""The card as data: a card set is a named, versioned list of questions.

A card is a sequence of steps. Each step names the storyboard section it is
about (so the screen can highlight it) and where its answer lands (so typing
an answer updates the board). ``COACHING_KATA`` (English, version 1) is the
default set and the one built without reading a file; every other set (the
coaching kata in another language, a plant's own kata, TWI Job Relations) is
a TOML or JSON file read by ``kata_tui.domain.card_sets.parse_card_set`` into
the same ``QuestionCard``.

Card-set API (what another set, or a new landing place, builds on):

- ``QuestionCard(name, title, credit, steps, version=1, language="en", ...)``;
  ``card.ref`` is the ``CardRef(name, version, language)`` a cycle records.
- ``Question(key, label, text, section, lands, back=False, prompt="", second="")``:
  ``lands`` is the name of a landing place.
- ``LANDINGS``: every landing place a card file may name, each a ``Landing``
  (the section it highlights by default, whether it needs a target condition,
  a second answer line). ``Lands`` members are the storyboard's places;
  ``Lands.CYCLE`` keeps the answer in the cycle record only. A new landing
  place (a new record kind) is one ``Landing`` added here plus its rule in
  ``kata_tui.domain.cycle.RULES`` (a function from an ``AnswerContext`` to an
  ``Outcome``); card files then name it like any other.
"""

from __future__ import annotations

from collections.abc import Callable
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
    """Where the answer to a step is written (the storyboard's places, and the cycle)."""

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
    CYCLE = "cycle"
    """Kept in the cycle record only: the board does not change."""
    FOLLOW_UP = "cycle.follow_up"
    """A date kept on the cycle record: when its results are checked (TWI Job
    Relations' step 4); due on the dashboard like a go-and-see."""
    LINK_OBSTACLE = "cycle.obstacle"
    """An obstacle's number: the cycle record is about it (the obstacle is not changed)."""


@dataclass(frozen=True, slots=True)
class Landing:
    """A place an answer may land, as a card file names it."""

    name: str
    section: Section | None
    """The section highlighted while the question is asked (a card may name another)."""
    what: str
    """What the answer does there, for people (``kata check`` and the docs)."""
    needs_target: bool = True
    """The answer changes the current target condition or what hangs on it."""
    second: str = ""
    """Label of a second answer line ("" for none): the reading, the expectation."""


LANDINGS: dict[str, Landing] = {
    land.name: land
    for land in (
        Landing(Lands.TARGET_PATTERN, Section.TARGET, "the target condition (answered)"),
        Landing(
            Lands.ACTUAL_PATTERN,
            Section.CURRENT,
            "the actual condition (answered), with a reading",
            second="Reading",
        ),
        Landing(Lands.SHOW_STEP, Section.EXPERIMENTS, "shows the last step (read-only)"),
        Landing(Lands.SHOW_EXPECTED, Section.EXPERIMENTS, "shows its expectation (read-only)"),
        Landing(Lands.HAPPENED, Section.EXPERIMENTS, "the last step's what happened"),
        Landing(Lands.LEARNED, Section.EXPERIMENTS, "the last step's what we learned"),
        Landing(Lands.OBSTACLE, Section.OBSTACLES, "a new obstacle, or one worked on"),
        Landing(
            Lands.NEXT_STEP,
            Section.EXPERIMENTS,
            "a new step, with its expectation",
            second="What do you expect?",
        ),
        Landing(Lands.GO_SEE, Section.TARGET, "the date of the next go-and-see"),
        Landing(Lands.CYCLE, None, "the cycle record only", needs_target=False),
        Landing(
            Lands.FOLLOW_UP,
            None,
            "the cycle record's follow-up date, due on the dashboard",
            needs_target=False,
        ),
        Landing(
            Lands.LINK_OBSTACLE,
            Section.OBSTACLES,
            "links the cycle record to an obstacle",
            needs_target=False,
        ),
    )
}
"""Every landing place by name; a card file naming another is refused."""


@dataclass(frozen=True, slots=True)
class CardRef:
    """Which card a cycle used: what history, exports and import carry."""

    name: str = "coaching-kata"
    version: int = 1
    language: str = "en"

    def label(self) -> str:
        return f"{self.name} v{self.version} ({self.language})"


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    label: str
    """Short number shown on the card: "1", "2", "R1" ..."""
    text: str
    section: Section | None
    lands: str
    """A ``LANDINGS`` name; the storyboard's places are ``Lands`` members."""
    back: bool = False
    """True for the back of the card (the reflection on the last step)."""
    prompt: str = ""
    """The answer line's hint in the card's language ("" for the app's own)."""
    second: str = ""
    """Label of the second answer line in the card's language ("" for the app's own)."""


@dataclass(frozen=True, slots=True)
class QuestionCard:
    name: str
    title: str
    credit: str
    steps: tuple[Question, ...]
    version: int = 1
    language: str = "en"
    back_title: str = ""
    """Said before the back of the card ("" for the English ``BACK_TITLE``)."""
    back_return: str = ""
    """Said after the back of the card ("" for the English ``BACK_RETURN``)."""
    source: str = ""
    """The file it was read from ("" for the built-in English coaching kata)."""

    @property
    def ref(self) -> CardRef:
        return CardRef(self.name, self.version, self.language)

    @property
    def needs_target(self) -> bool:
        """A cycle on this card needs a target condition (most cards do)."""
        return any(LANDINGS[q.lands].needs_target for q in self.steps if q.lands in LANDINGS)

    def has(self, key: str) -> bool:
        return any(q.key == key for q in self.steps)

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

DEFAULT = CardRef()
"""The coaching kata in English: every board's card until another is picked."""

Cards = Callable[[CardRef], "QuestionCard | None"]
"""Finds a card set by name and language (the data directory's ``CardLibrary``);
None when it is gone or broken. Pure renderings take one to label answers."""


def built_in(ref: CardRef) -> QuestionCard | None:
    """The built-in English coaching kata; no other set without a library."""
    same = (ref.name, ref.language) == (COACHING_KATA.name, COACHING_KATA.language)
    return COACHING_KATA if same else None


def card_of(ref: CardRef, cards: Cards | None) -> QuestionCard | None:
    """The card ``ref`` names, from ``cards`` or built in (None if neither has it)."""
    return built_in(ref) or (cards(ref) if cards is not None else None)


def back_title(card: QuestionCard) -> str:
    return card.back_title or BACK_TITLE


def back_return(card: QuestionCard) -> str:
    return card.back_return or BACK_RETURN
