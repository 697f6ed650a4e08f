"""Every landing place that is not a place on the storyboard answers through its
rule in ``cycle.RULES`` (the cycle record's follow-up date and obstacle link
too), on one path whether or not the board has a target condition yet: a rule
gets the running cycle, may return it changed, and the answer is appended to
that version."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from kata_tui.domain import cycle as rules
from kata_tui.domain.card import COACHING_KATA, LANDINGS, Landing, Lands, Question, QuestionCard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Answer, Board, Obstacle, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from tests.conftest import TODAY

NOW = datetime(2026, 11, 23, 9, 0)


def grasping() -> Storyboard:
    return Storyboard(board=Board("lea", "tom", "Ship on time"))


def with_target() -> Storyboard:
    return grasping().with_record(TargetCondition(seq=1, id="t1"))


def card(lands: str, second: str = "") -> QuestionCard:
    return QuestionCard(
        "talk", "Talk", "", (Question("a", "A", "Say?", None, lands, second=second),)
    )


def test_the_cycle_records_landings_are_rules_and_the_storyboards_places_are_not() -> None:
    assert rules.RULES[Lands.FOLLOW_UP] is not rules.RULES[Lands.LINK_OBSTACLE]
    on_board = {q.lands for q in COACHING_KATA.steps}
    assert not on_board & set(rules.RULES)
    assert set(rules.RULES) <= set(LANDINGS)


@pytest.mark.parametrize("story", [grasping(), with_target()], ids=["grasping", "target"])
def test_a_rule_gets_the_cycle_and_its_changed_cycle_takes_the_answer(story, monkeypatch) -> None:
    monkeypatch.setitem(
        LANDINGS, "cycle.talk", Landing("cycle.talk", None, "x", needs_target=False)
    )
    seen = []
    parked = Obstacle("t1", "Parked by the rule", TODAY, number=1)

    def rule(context: rules.AnswerContext) -> rules.Outcome:
        seen.append((context.target, context.cycle, context.text, context.second, context.by))
        cycle = context.cycle
        changed = () if cycle is None else (replace(cycle, reflection="set by the rule"),)
        return rules.Outcome((parked, *changed), "talked", "it meant this")

    monkeypatch.setitem(rules.RULES, "cycle.talk", rule)
    asked = card("cycle.talk", second="Who?")
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=asked).records
    done = rules.answer(story, "a", " hi ", TODAY, "lea", second=" Ana ", cycle=cycle, card=asked)
    assert seen == [(story.target, cycle, "hi", "Ana", "lea")]
    assert (done.note, done.meaning) == ("talked", "it meant this")
    first, saved = done.records
    assert first is parked
    assert saved.id == cycle.id and saved.reflection == "set by the rule"
    assert saved.answers == (Answer("a", "hi\nWho: Ana", "lea", meaning="it meant this"),)
    alone = rules.answer(story, "a", "", TODAY, "lea", second="Ana", cycle=cycle, card=asked)
    assert alone.records[-1].answers[-1].text == "Who: Ana"  # no empty first line
    plain = rules.answer(story, "a", "hi", TODAY, "lea", cycle=None, card=asked)
    assert plain.records == (parked,)


@pytest.mark.parametrize("story", [grasping(), with_target()], ids=["grasping", "target"])
def test_an_answer_for_the_cycle_only_labels_its_second_line(story) -> None:
    labels = [("Who?", "Who"), ("Which one:", "Which one"), ("Ask X?", "Ask X"), ("", "more")]
    for second, label in labels:
        asked = card(Lands.CYCLE, second=second)
        (cycle,) = rules.start_cycle(story, NOW, "tom", card=asked).records
        done = rules.answer(story, "a", "hi", TODAY, "lea", second="Ana", cycle=cycle, card=asked)
        ((saved,), note, meaning) = (done.records, done.note, done.meaning)
        assert saved.answers == (Answer("a", f"hi\n{label}: Ana", "lea"),)
        assert (note, meaning) == ("", "")


def test_a_landing_that_needs_a_target_waits_for_the_first_one(monkeypatch) -> None:
    with pytest.raises(InvalidInput, match="Grasping the current condition"):
        rules.answer(grasping(), "q1", "Packed in 2 h", TODAY, "lea")
    monkeypatch.setitem(LANDINGS, "note.aim", Landing("note.aim", None, "an aim"))
    monkeypatch.setitem(rules.RULES, "note.aim", lambda c: rules.Outcome((), "aim", c.target.id))
    asked = card("note.aim")
    with pytest.raises(InvalidInput, match="Grasping the current condition"):
        rules.answer(grasping(), "a", "x", TODAY, "lea", card=asked)
    assert rules.answer(with_target(), "a", "x", TODAY, "lea", card=asked).meaning == "t1"
    unknown = card("nowhere")  # a card built in code, naming no landing place
    with pytest.raises(InvalidInput, match="Grasping the current condition"):
        rules.answer(grasping(), "a", "x", TODAY, "lea", card=unknown)
    (cycle,) = rules.start_cycle(with_target(), NOW, "tom", card=unknown).records
    done = rules.answer(with_target(), "a", "x", TODAY, "lea", cycle=cycle, card=unknown)
    assert done.records == (replace(cycle, answers=(Answer("a", "x", "lea"),)),)


JR = QuestionCard(
    "jr",
    "JR",
    "",
    (
        Question("b", "B", "Which obstacle?", None, Lands.LINK_OBSTACLE),
        Question("f", "4F", "When will you follow up?", None, Lands.FOLLOW_UP, second="Who?"),
    ),
)


def test_the_follow_up_and_the_link_say_what_they_did_and_need_a_cycle() -> None:
    story = with_target().with_record(Obstacle("t1", "Bob swaps shifts", TODAY, number=4))
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=JR).records
    done = rules.answer(story, "f", "+1w", TODAY, "tom", cycle=cycle, card=JR)
    assert (done.note, done.meaning) == (
        "results checked again on 2026-11-30",
        "follow-up 2026-11-30",
    )
    done = rules.answer(story, "b", "4", TODAY, "tom", cycle=cycle, card=JR)
    assert (done.note, done.meaning) == ("about obstacle 4", 'obstacle 4 "Bob swaps shifts"')
    for key, what in [("f", "a follow-up date"), ("b", "a link to an obstacle")]:
        said = f"{what} is kept on a cycle record: start a cycle first"
        with pytest.raises(InvalidInput) as caught:
            rules.answer(story, key, "4", TODAY, "tom", card=JR)
        assert str(caught.value) == said


def test_a_second_line_alone_changes_neither_date_nor_link() -> None:
    story = with_target()
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=JR).records
    done = rules.answer(story, "f", "", TODAY, "tom", second="Ana", cycle=cycle, card=JR)
    assert done.records == (replace(cycle, answers=(Answer("f", "Who: Ana", "tom"),)),)
    done = rules.answer(story, "b", "", TODAY, "tom", second="Ana", cycle=cycle, card=JR)
    assert done.records == (replace(cycle, answers=(Answer("b", "more: Ana", "tom"),)),)


def test_a_link_on_an_empty_parking_lot_says_there_are_none_yet() -> None:
    story = with_target()
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=JR).records
    with pytest.raises(InvalidInput) as caught:
        rules.answer(story, "b", "#1", TODAY, "tom", cycle=cycle, card=JR)
    assert str(caught.value) == "no obstacle '#1' in the parking lot (none yet)"
