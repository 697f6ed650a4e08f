"""What the answer line offers for each question, from the board as it is (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from kata_tui.domain.card import COACHING_KATA, Lands, Question, QuestionCard
from kata_tui.domain.cycle import OBSTACLE_HELP
from kata_tui.domain.model import (
    Answer,
    Board,
    CoachingCycle,
    Experiment,
    Metric,
    Obstacle,
    ObstacleStatus,
    Reading,
    TargetCondition,
)
from kata_tui.domain.prompts import (
    METRIC_PLACEHOLDER,
    Prompt,
    follow_prompt,
    metric_prompt,
    prompt_for,
)
from kata_tui.domain.storyboard import Storyboard

TODAY = date(2026, 11, 23)


def fresh() -> Storyboard:
    return Storyboard(board=Board("maria", "tom", "Changeover under 10 min"))


def with_target(**fields: object) -> Storyboard:
    target = TargetCondition(seq=1, **fields)  # type: ignore[arg-type]
    return replace(fresh(), targets=(target,))


def test_every_question_has_a_prompt_on_an_empty_board():
    for question in COACHING_KATA.steps:
        assert isinstance(prompt_for(fresh(), question.key, TODAY), Prompt)


def test_target_pattern_is_shown_above_an_empty_answer_line():
    prompt = prompt_for(with_target(pattern="Changeover in 4 steps"), "q1", TODAY)
    assert prompt.context == "On the board: Changeover in 4 steps"
    assert prompt.value == ""  # answered, not edited: nothing to type over
    assert "as on the board" in prompt.placeholder
    assert prompt_for(fresh(), "q1", TODAY).context == "No target condition on the board yet."


@pytest.mark.parametrize("text", ["two\nlines", "bell\x07", "esc\x1b[2J"])
def test_text_that_the_answer_line_cannot_hold_is_not_prefilled(text):
    assert prompt_for(with_target(pattern=text), "q1", TODAY).value == ""


def test_actual_condition_shows_the_latest_reading_and_asks_for_a_new_one():
    story = with_target(actual_pattern="12 min", metrics=(Metric("changeover", "min", 10),))
    target = story.target
    assert target is not None
    story = story.with_record(Reading(target.id, date(2026, 11, 20), "changeover", 12.5))
    prompt = prompt_for(story, "q2", TODAY)
    assert prompt.context == (
        "Latest reading 12.5 on 20 Nov; a new one goes below.\nOn the board: 12 min"
    )
    assert prompt.value == ""
    assert prompt.second_label == "Reading (changeover, min):"
    assert prompt.second_placeholder == "value [date]; empty: none"
    assert prompt_for(fresh(), "q2", TODAY).second_label == ""


def test_reflection_shows_the_last_step_and_prefills_its_facts():
    story = with_target()
    target = story.target
    assert target is not None
    step = Experiment(
        target.id, 3, TODAY, step="one clamp", expected="-2 min", happened="-1 min", learned=""
    )
    story = story.with_record(step)
    assert prompt_for(story, "r1", TODAY).context == "Step 3: one clamp"
    assert prompt_for(story, "r2", TODAY).context == "Expected: -2 min"
    assert prompt_for(story, "r3", TODAY).value == "-1 min"
    assert prompt_for(story, "r4", TODAY).context == "Happened: -1 min"
    assert prompt_for(story, "r4", TODAY).placeholder == "what we learned"
    assert prompt_for(fresh(), "r3", TODAY).context == "No step on the board yet: Enter moves on."


def test_reflection_with_every_step_closed_shows_the_last_step() -> None:
    # No threshold step (all written up or not taken): the back of the card asks
    # about the last step, not "no step on the board".
    story = with_target()
    target = story.target
    assert target is not None
    story = story.with_record(
        Experiment(target.id, 1, TODAY, step="two clamps", happened="-1 min", learned="ok")
    )
    story = story.with_record(Experiment(target.id, 2, TODAY, step="one clamp", not_taken="no"))
    assert story.threshold() is None
    assert prompt_for(story, "r1", TODAY).context == "Step 2: one clamp"


def test_a_target_pattern_of_several_lines_is_shown_on_one_context_line() -> None:
    prompt = prompt_for(with_target(pattern="4 steps\nno waiting"), "q1", TODAY)
    assert prompt.context == "On the board: 4 steps / no waiting"


def test_obstacle_question_names_the_one_worked_on_and_the_commands():
    story = with_target()
    target = story.target
    assert target is not None
    story = story.with_record(
        Obstacle(target.id, "no fixed clamp", TODAY, status=ObstacleStatus.WORKING)
    )
    assert prompt_for(story, "q3", TODAY).context == f"Working on: no fixed clamp\n{OBSTACLE_HELP}"
    assert OBSTACLE_HELP == "Type: text adds; N works on N; park/clear/drop N"
    assert prompt_for(fresh(), "q4", TODAY).context == "No obstacle worked on."
    assert prompt_for(story, "q4", TODAY).second_label == "What do you expect?"


def test_go_and_see_shows_the_date_set_now():
    prompt = prompt_for(with_target(next_go_see=date(2026, 11, 24)), "q5", TODAY)
    assert prompt.context == "Next go-and-see now: 24 Nov"
    assert prompt_for(fresh(), "q5", TODAY).context == "Next go-and-see now: -"


def test_each_other_metric_is_asked_on_its_own_line():
    scrap = Metric("scrap", "pcs", 2)
    story = with_target(metrics=(Metric("changeover", "min", 10), scrap))
    target = story.target
    assert target is not None
    prompt = metric_prompt(story, scrap, 2, 2, TODAY)
    assert prompt.context == "Reading 2 of 2: scrap, pcs; target 2 (lower is better)"
    assert (prompt.second_label, prompt.placeholder) == ("", METRIC_PLACEHOLDER)
    story = story.with_record(Reading(target.id, date(2026, 11, 20), "scrap", 3, time="14:30"))
    assert metric_prompt(story, scrap, 2, 3, TODAY).context.splitlines() == [
        "Reading 2 of 3: scrap, pcs; target 2 (lower is better)",
        "Latest 3 on 20 Nov 14:30.",
    ]
    bare = metric_prompt(story, Metric("yield"), 3, 3, TODAY)
    assert bare.context == "Reading 3 of 3: yield"


def test_a_follower_sees_the_latest_answers_newest_first() -> None:
    assert follow_prompt(None) == Prompt(
        context="No cycle running.",
        placeholder="your observation (or feedback: ...); Enter saves it",
    )
    at = datetime(2026, 11, 20, 9, 30)
    cycle = CoachingCycle("t", at.date(), "tom", "lea", at)
    assert follow_prompt(cycle).context == "No answers yet."
    answers = (
        Answer("q1", "Changeover in 20 min"),
        Answer("q2", "  "),
        Answer("r1", "Staged the dies\nand the bolts"),
        Answer("zz", "from another card"),
    )
    said = replace(cycle, answers=answers)
    assert follow_prompt(said).context == "zz: from another card\nR1: Staged the dies\n2: -"
    assert follow_prompt(said, shown=1).context == "zz: from another card"


def test_a_step_with_nothing_yet_shows_dashes_and_the_next_step_asks_for_both() -> None:
    story = with_target()
    target = story.target
    assert target is not None
    story = story.with_record(Experiment(target.id, 1, TODAY, step="one clamp"))
    assert prompt_for(story, "r2", TODAY).context == "Expected: -"
    assert prompt_for(story, "r4", TODAY).context == "Happened: -"
    nxt = prompt_for(story, "q4", TODAY)
    assert (nxt.placeholder, nxt.second_placeholder) == ("the next step", "the expectation")


def test_the_next_step_names_the_obstacle_worked_on() -> None:
    story = with_target()
    target = story.target
    assert target is not None
    story = story.with_record(
        Obstacle(target.id, "no fixed clamp", TODAY, status=ObstacleStatus.WORKING)
    )
    assert prompt_for(story, "q4", TODAY).context == "For obstacle: no fixed clamp"


def test_a_plant_question_with_a_second_line_asks_for_an_answer_there() -> None:
    """A card's own question kept in the cycle: the second line, where the card
    names one, says "your answer"; without one it says nothing."""
    card = QuestionCard(
        name="five-whys",
        title="Five whys",
        credit="",
        steps=(
            Question("why", "1", "Why?", None, Lands.CYCLE, second="And why again?"),
            Question("fix", "2", "The fix?", None, Lands.CYCLE),
        ),
    )
    why = prompt_for(fresh(), "why", TODAY, card)
    assert (why.second_label, why.second_placeholder) == ("And why again?", "your answer")
    fix = prompt_for(fresh(), "fix", TODAY, card)
    assert (fix.second_label, fix.second_placeholder) == ("", "")
    assert fix.context == "Kept in the cycle record."


ANY = "your answer (Enter; empty Enter moves on)"
NO_STEP = ("No step on the board yet: Enter moves on.", "", ANY, "", "")
HELP = "Type: text adds; N works on N; park/clear/drop N"
WORDS = "the learner's words; empty Enter: as on the board"


def _shown(story: Storyboard, key: str) -> tuple[str, str, str, str, str]:
    p = prompt_for(story, key, TODAY)
    return (p.context, p.value, p.placeholder, p.second_label, p.second_placeholder)


def test_every_prompt_on_a_new_target_condition_word_for_word() -> None:
    story = with_target()
    assert {q.key: _shown(story, q.key) for q in COACHING_KATA.steps} == {
        "q1": (
            "No target condition on the board yet.",
            "",
            "the target condition (pattern)",
            "",
            "",
        ),
        "q2": ("", "", "the actual condition now", "", "value [date]; empty: none"),
        "r1": NO_STEP,
        "r2": NO_STEP,
        "r3": NO_STEP,
        "r4": NO_STEP,
        "q3": (f"No obstacle worked on yet.\n{HELP}", "", "obstacle, or a command", "", ""),
        "q4": (
            "No obstacle worked on.",
            "",
            "the next step",
            "What do you expect?",
            "the expectation",
        ),
        "q5": ("Next go-and-see now: -", "", "tomorrow, fri, +2d, 2026-11-27", "", ""),
    }


def test_every_prompt_on_a_board_in_the_middle_of_a_target_word_for_word() -> None:
    from kata_tui.domain.demo import SCENARIOS, demo_board

    story = demo_board(SCENARIOS[0], TODAY)
    step = "Step 4: Fit quick clamps and a shim box on die 7"
    optional = "what the learner says (optional)"
    wrench = "Bolts need a different wrench per die"
    assert {q.key: _shown(story, q.key) for q in COACHING_KATA.steps} == {
        "q1": (
            "On the board: External setup finished before the press stops; one standard "
            "sequence on the wall; changeover under 25 min in 4 of 5 shifts",
            "",
            WORDS,
            "",
            "",
        ),
        "q2": (
            "Latest reading 29.1 on 23 Nov; a new one goes below.\nOn the board: Clamping is "
            "now the longest element; quick clamps work on die 4 only",
            "",
            WORDS,
            "Reading (changeover time, min):",
            "value [date]; empty: none",
        ),
        "r1": (step, "", optional, "", ""),
        "r2": ("Expected: Clamping on die 7 under 5 min as on die 4", "", optional, "", ""),
        "r3": (step, "", "what actually happened (facts)", "", ""),
        "r4": ("Happened: -", "", "what we learned", "", ""),
        "q3": (f"Working on: {wrench}\n{HELP}", "", "obstacle, or a command", "", ""),
        "q4": (
            f"For obstacle: {wrench}",
            "",
            "the next step",
            "What do you expect?",
            "the expectation",
        ),
        "q5": ("Next go-and-see now: 24 Nov", "", "tomorrow, fri, +2d, 2026-11-27", "", ""),
    }


def test_a_cards_own_hints_take_the_place_of_the_apps_where_it_says_what_to_type() -> None:
    """A card in another language brings its own hint per question (and its own
    label for the expectation line); the app's hint stays where it says how to
    keep the board's text (Enter: as on the board) or there is no step to ask about."""
    from kata_tui.domain.demo import SCENARIOS, demo_board

    own = replace(
        COACHING_KATA,
        steps=tuple(
            replace(q, prompt=f"own {q.key}", second="own second" if q.key == "q4" else "")
            for q in COACHING_KATA.steps
        ),
    )
    empty, middle = with_target(), demo_board(SCENARIOS[0], TODAY)
    placeholders = {
        q.key: (
            prompt_for(empty, q.key, TODAY, own).placeholder,
            prompt_for(middle, q.key, TODAY, own).placeholder,
        )
        for q in own.steps
    }
    assert placeholders == {
        "q1": ("own q1", WORDS),
        "q2": ("own q2", WORDS),
        "r1": (ANY, "own r1"),
        "r2": (ANY, "own r2"),
        "r3": (ANY, "own r3"),
        "r4": (ANY, "own r4"),
        "q3": ("own q3", "own q3"),
        "q4": ("own q4", "own q4"),
        "q5": ("own q5", "own q5"),
    }
    assert prompt_for(middle, "q4", TODAY, own).second_label == "own second"
