"""A cycle on any card set: the record keeps which set, version and language it
asked; answers land where the card says (the cycle record only, a section, a
new record); a new landing place is a table entry and a rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from kata_tui.domain import card as card_module
from kata_tui.domain import cycle as rules
from kata_tui.domain.card import COACHING_KATA, LANDINGS, Landing, Lands, Section
from kata_tui.domain.card_sets import parse_card_set
from kata_tui.domain.codec import decode_storyboard, encode_storyboard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Answer, Board, CoachingCycle, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from tests.conftest import TODAY
from tests.domain.test_card_sets import FIVE_WHYS

NOW = datetime(2026, 11, 23, 9, 0)


def board() -> Storyboard:
    return Storyboard(
        board=Board("lea", "tom", "Ship on time"), targets=(TargetCondition(seq=1, id="t1"),)
    )


def five_whys():
    return parse_card_set(FIVE_WHYS, "cards/five-whys.toml")


def test_a_cycle_records_its_card_set_version_and_language() -> None:
    card = five_whys()
    (cycle,) = rules.start_cycle(board(), NOW, "tom", card=card).records
    assert (cycle.card, cycle.card_version, cycle.card_language) == ("five-whys", 3, "en")
    assert cycle.position == "problem"
    (plain,) = rules.start_cycle(board(), NOW, "tom").records
    assert (plain.card, plain.card_version, plain.card_language) == ("coaching-kata", 1, "en")
    assert plain.position == COACHING_KATA.first


def test_an_answer_for_the_cycle_record_only_changes_no_board_record() -> None:
    card = five_whys()
    story = board()
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=card).records
    story = story.with_record(cycle)
    done = rules.answer(story, "problem", "Orders leave late", TODAY, "lea", cycle=cycle, card=card)
    (saved,) = done.records
    assert isinstance(saved, CoachingCycle)
    assert saved.answers == (Answer("problem", "Orders leave late", "lea"),)
    with pytest.raises(KeyError):
        rules.answer(story, "problem", "x", TODAY, "lea", cycle=cycle)  # not a coaching question


def test_a_plant_card_lands_answers_in_the_sections_it_names() -> None:
    card = five_whys()
    story = board()
    done = rules.answer(story, "why", "Labels printed late", TODAY, "lea", card=card)
    (obstacle,) = done.records
    assert obstacle.text == "Labels printed late" and obstacle.number == 1
    story = story.with_record(obstacle)
    done = rules.answer(story, "counter", "Print at 6", TODAY, "lea", second="Ready", card=card)
    (step,) = done.records
    assert (step.step, step.expected, step.obstacle_id) == ("Print at 6", "Ready", obstacle.id)


def test_moving_and_refusing_follow_the_cycles_card() -> None:
    card = five_whys()
    story = board()
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=card).records
    moved = rules.move_to(cycle, "counter", card)
    assert moved.position == "counter"
    with pytest.raises(KeyError):
        rules.move_to(cycle, "q3", card)
    story = story.with_record(moved)
    said = rules.refusal(story, cycle.id, "why", "tom", card)
    assert said == "the cycle has moved on to question 3"


def test_a_new_landing_place_is_a_table_entry_and_a_rule(monkeypatch) -> None:
    """How TWI Job Relations (or any new record) plugs in: a Landing, then a rule."""
    monkeypatch.setitem(
        LANDINGS, "note.objective", Landing("note.objective", Section.CHALLENGE, "an objective")
    )
    seen = []

    def rule(context: rules.AnswerContext) -> rules.Outcome:
        seen.append((context.question.key, context.text))
        return rules.Outcome((), "objective noted", f"objective: {context.text}")

    monkeypatch.setitem(rules.RULES, "note.objective", rule)
    text = FIVE_WHYS.replace('lands = "cycle"', 'lands = "note.objective"')
    card = parse_card_set(text, "cards/five-whys.toml")
    assert card.steps[0].section is Section.CHALLENGE
    story = board()
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=card).records
    done = rules.answer(story, "problem", "Calm the team", TODAY, "tom", cycle=cycle, card=card)
    assert seen == [("problem", "Calm the team")]
    assert done.note == "objective noted"
    (saved,) = done.records
    assert saved.answers[0].meaning == "objective: Calm the team"
    assert card_module.LANDINGS is LANDINGS


def test_a_stored_cycle_on_another_set_keeps_its_keys_and_a_coaching_one_is_checked() -> None:
    card = five_whys()
    story = board()
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=card).records
    cycle = replace(cycle, answers=(Answer("problem", "late", "lea"),))
    again = decode_storyboard(encode_storyboard(story.with_record(cycle)))
    assert again.cycles[0].answers[0].key == "problem"
    assert again.cycles[0].card == "five-whys"
    wrong = replace(cycle, card="coaching-kata", card_version=1, position="q1")
    with pytest.raises(InvalidInput, match=r"cycles\[0\]\.answers\[0\]\.key: 'problem' is not"):
        decode_storyboard(encode_storyboard(story.with_record(wrong)))
    badly = replace(cycle, card="Five Whys!")
    with pytest.raises(InvalidInput, match=r"cycles\[0\]\.card: 'Five Whys!' is not a card set"):
        decode_storyboard(encode_storyboard(story.with_record(badly)))


def test_a_cycle_from_before_card_sets_reads_as_the_english_coaching_kata() -> None:
    story = board()
    (cycle,) = rules.start_cycle(story, NOW, "tom").records
    tables = encode_storyboard(story.with_record(cycle))
    for row in tables["cycles"]:
        del row["card"], row["card_version"], row["card_language"]
    for row in tables["board"]:
        del row["card"], row["card_language"]
    again = decode_storyboard(tables)
    assert again.cycles[0].card_ref == COACHING_KATA.ref
    assert (again.board.card, again.board.card_language) == ("coaching-kata", "en")
    assert Lands.CYCLE in LANDINGS
