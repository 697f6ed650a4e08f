"""The coaching-kata card, pinned against Mike Rother's card written out here.

The list below is typed from the card (Toyota Kata, 2013/2017), not taken
from kata_tui/domain/card.py: a reworded, dropped or swapped question fails
here, whatever the rest of the code derives from the constant.
"""

from __future__ import annotations

from dataclasses import replace

from kata_tui.domain.card import BACK_TITLE, COACHING_KATA, CREDIT, back_return, back_title

FIVE_QUESTIONS = [
    ("1", "What is the target condition?"),
    ("2", "What is the actual condition now?"),
    (
        "3",
        "What obstacles do you think are preventing you from reaching the target condition? "
        "Which one are you addressing now?",
    ),
    ("4", "What is your next step (next experiment)? What do you expect?"),
    ("5", "How quickly can we go and see what we have learned from taking that step?"),
]
BACK_OF_THE_CARD = [
    ("R1", "What was your last step?"),
    ("R2", "What did you expect?"),
    ("R3", "What actually happened?"),
    ("R4", "What did you learn?"),
]
ASKED_IN_ORDER = [*FIVE_QUESTIONS[:2], *BACK_OF_THE_CARD, *FIVE_QUESTIONS[2:]]
"""The back of the card is asked between questions 2 and 3."""


def test_the_card_asks_rothers_questions_in_order() -> None:
    assert [(q.label, q.text) for q in COACHING_KATA.steps] == ASKED_IN_ORDER


def test_the_back_of_the_card_is_marked_and_titled() -> None:
    back = [(q.label, q.text) for q in COACHING_KATA.steps if q.back]
    assert back == BACK_OF_THE_CARD
    assert BACK_TITLE == "Reflect on the last step taken"


def test_stepping_follows_the_card() -> None:
    keys = ["q1", "q2", "r1", "r2", "r3", "r4", "q3", "q4", "q5"]
    assert COACHING_KATA.first == "q1"
    assert [COACHING_KATA.next_key(k) for k in keys] == [*keys[1:], None]
    assert [COACHING_KATA.previous_key(k) for k in keys] == [None, *keys[:-1]]


def test_each_question_highlights_its_section_and_lands_its_answer() -> None:
    assert [(q.key, str(q.section), str(q.lands)) for q in COACHING_KATA.steps] == [
        ("q1", "target", "target.pattern"),
        ("q2", "current", "target.actual_pattern"),
        ("r1", "experiments", "experiment.step"),
        ("r2", "experiments", "experiment.expected"),
        ("r3", "experiments", "experiment.happened"),
        ("r4", "experiments", "experiment.learned"),
        ("q3", "obstacles", "obstacle"),
        ("q4", "experiments", "experiment.new"),
        ("q5", "target", "target.next_go_see"),
    ]


def test_the_credit_names_the_source() -> None:
    assert CREDIT == "after Mike Rother, Toyota Kata"
    assert COACHING_KATA.credit == CREDIT


def test_a_card_in_another_language_says_its_own_back_of_the_card_words() -> None:
    assert back_title(COACHING_KATA) == "Reflect on the last step taken"
    assert back_return(COACHING_KATA) == (
        "Then return to question 3: one obstacle often takes several experiments."
    )
    german = replace(COACHING_KATA, back_title="Reflexion", back_return="Dann zu Frage 3.")
    assert (back_title(german), back_return(german)) == ("Reflexion", "Dann zu Frage 3.")
