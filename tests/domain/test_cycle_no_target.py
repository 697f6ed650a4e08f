"""A card set whose answers need no target condition (all kept in the cycle
record, or landing in a record of their own) runs on a board that has none yet:
the coaching kata still waits for the first target condition."""

from __future__ import annotations

from datetime import datetime

import pytest

from kata_tui.domain import cycle as rules
from kata_tui.domain.card_sets import parse_card_set
from kata_tui.domain.codec import decode_storyboard, encode_storyboard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import BEFORE_FIRST_TARGET, Board
from kata_tui.domain.storyboard import Storyboard
from tests.conftest import TODAY

NOW = datetime(2026, 11, 23, 9, 0)
TALK = """\
title = "Talk it through"
version = 1

[[questions]]
key = "what"
text = "What happened?"
lands = "cycle"

[[questions]]
key = "next"
text = "What will you do next?"
lands = "cycle"
"""


def grasping() -> Storyboard:
    return Storyboard(board=Board("lea", "tom", "Ship on time"))


def test_a_card_that_needs_no_target_runs_before_the_first_target_condition() -> None:
    card = parse_card_set(TALK, "cards/talk.toml")
    assert not card.needs_target
    story = grasping()
    (cycle,) = rules.start_cycle(story, NOW, "tom", card=card).records
    assert cycle.target_id == BEFORE_FIRST_TARGET
    story = story.with_record(cycle)
    done = rules.answer(story, "what", "A late truck", TODAY, "lea", cycle=cycle, card=card)
    (saved,) = done.records
    assert saved.answer("what") == "A late truck"
    story = story.with_record(saved)
    again = decode_storyboard(encode_storyboard(story))  # kata check takes it
    assert again.cycles[0].target_id == BEFORE_FIRST_TARGET


def test_the_coaching_kata_still_needs_a_target_condition() -> None:
    with pytest.raises(InvalidInput, match="Grasping the current condition"):
        rules.start_cycle(grasping(), NOW, "tom")
    (cycle,) = rules.start_cycle(
        grasping(), NOW, "tom", card=parse_card_set(TALK, "cards/talk.toml")
    ).records
    from dataclasses import replace

    wrong = grasping().with_record(replace(cycle, card="coaching-kata", position="q1"))
    with pytest.raises(InvalidInput, match=r"cycles\[0\]\.target_id: no target condition"):
        decode_storyboard(encode_storyboard(wrong))
