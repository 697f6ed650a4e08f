"""What the answer line offers for each card question, given the board as it is.

Pure text: the card widget shows a ``Prompt`` and the board screen asks
``prompt_for`` again whenever the board or the question changes, so the
context line always tells what the board holds now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kata_tui.domain.card import COACHING_KATA, Lands, QuestionCard
from kata_tui.domain.cycle import OBSTACLE_HELP, reflected_step
from kata_tui.domain.dates import short_date
from kata_tui.domain.model import CoachingCycle, Metric
from kata_tui.domain.numbers import number_text
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import visible

ANY_ANSWER = "your answer (Enter; empty Enter moves on)"
AS_ON_BOARD_HINT = "the learner's words; empty Enter: as on the board"


@dataclass(frozen=True, slots=True)
class Prompt:
    """What the answer line offers for one question."""

    context: str = ""
    """What the board holds now that this question is about."""
    value: str = ""
    placeholder: str = ANY_ANSWER
    """(The hint of a question no rule below knows: ``ANY_ANSWER``.)"""
    second_label: str = ""
    """A second line (reading, expectation); empty: none."""
    second_value: str = ""
    second_placeholder: str = ""


_REFLECTION = (Lands.SHOW_STEP, Lands.SHOW_EXPECTED, Lands.HAPPENED, Lands.LEARNED)


def prompt_for(
    story: Storyboard, key: str, today: date, card: QuestionCard = COACHING_KATA
) -> Prompt:
    """The prompt for question ``key`` of ``card`` on ``story``.

    A question's own ``prompt`` (and ``second``) in the card's language takes
    the place of the app's English hint where the hint says what to type.
    """
    target = story.target
    question = card.get(key)
    lands = question.lands
    own = question.prompt
    if lands is Lands.TARGET_PATTERN:
        pattern = target.pattern if target else ""
        return Prompt(
            context=f"On the board: {visible(pattern, one_line=True)}"
            if pattern.strip()
            else "No target condition on the board yet.",
            placeholder=AS_ON_BOARD_HINT
            if pattern.strip()
            else own or "the target condition (pattern)",
        )
    if lands is Lands.ACTUAL_PATTERN:
        outcome = target.outcome if target else None
        latest = story.latest_reading()
        lines = []
        if latest is not None:
            when = short_date(latest.day, today)
            lines.append(
                f"Latest reading {number_text(latest.value)} on {when}; a new one goes below."
            )
        actual = target.actual_pattern if target else ""
        if actual.strip():
            lines.append(f"On the board: {visible(actual, one_line=True)}")
        return Prompt(
            context="\n".join(lines),
            placeholder=AS_ON_BOARD_HINT if actual.strip() else own or "the actual condition now",
            second_label=(
                f"Reading ({outcome.name}{', ' + outcome.unit if outcome.unit else ''}):"
                if outcome
                else ""
            ),
            second_placeholder="value [date]; empty: none",
        )
    if lands in _REFLECTION:
        step = reflected_step(story)
        if step is None:
            return Prompt(context="No step on the board yet: Enter moves on.")
        shown = {
            Lands.SHOW_STEP: f"Step {step.number}: {step.step}",
            Lands.SHOW_EXPECTED: f"Expected: {step.expected or '-'}",
            Lands.HAPPENED: f"Step {step.number}: {step.step}",
            Lands.LEARNED: f"Happened: {step.happened or '-'}",
        }[lands]
        value = {Lands.HAPPENED: step.happened, Lands.LEARNED: step.learned}.get(lands, "")
        placeholder = {
            Lands.HAPPENED: "what actually happened (facts)",
            Lands.LEARNED: "what we learned",
        }.get(lands, "what the learner says (optional)")
        return Prompt(context=shown, value=_prefill(value), placeholder=own or placeholder)
    if lands is Lands.OBSTACLE:
        working = story.working_obstacle()
        context = f"Working on: {working.text}" if working else "No obstacle worked on yet."
        return Prompt(
            context=f"{context}\n{OBSTACLE_HELP}", placeholder=own or "obstacle, or a command"
        )
    if lands is Lands.NEXT_STEP:
        working = story.working_obstacle()
        context = f"For obstacle: {working.text}" if working else "No obstacle worked on."
        return Prompt(
            context=context,
            placeholder=own or "the next step",
            second_label=question.second or "What do you expect?",
            second_placeholder="the expectation",
        )
    if lands is Lands.GO_SEE:
        go_see = target.next_go_see if target else None
        return Prompt(
            context=f"Next go-and-see now: {short_date(go_see, today)}",
            placeholder=own or "tomorrow, fri, +2d, 2026-11-27",
        )
    return Prompt(
        context="Kept in the cycle record." if lands is Lands.CYCLE else "",
        placeholder=own or ANY_ANSWER,
        second_label=question.second,
        second_placeholder="" if not question.second else "your answer",
    )


METRIC_PLACEHOLDER = "value [date] [time]; empty Enter skips it"


def metric_prompt(
    story: Storyboard, metric: Metric, number: int, total: int, today: date
) -> Prompt:
    """Question 2 again, for a reading of one more metric (``number`` of ``total``):
    the line takes only the value; an empty Enter skips that metric."""
    unit = f", {metric.unit}" if metric.unit else ""
    lines = [f"Reading {number} of {total}: {metric.name}{unit}"]
    if metric.target is not None:
        lines[0] += f"; target {number_text(metric.target)} ({metric.better} is better)"
    target = story.target
    readings = story.readings_for(target.id, metric.name) if target is not None else []
    if readings:
        latest = readings[-1]
        lines.append(
            f"Latest {number_text(latest.value)} on {short_date(latest.day, today)}"
            f"{' ' + latest.time if latest.time else ''}."
        )
    return Prompt(context="\n".join(lines), placeholder=METRIC_PLACEHOLDER)


def _prefill(text: str) -> str:
    """Prefill only plain one-line text: the answer line cannot hold line breaks,
    and must not hand a control character to the terminal."""
    return text if visible(text, one_line=True) == text else ""


FOLLOW_PLACEHOLDER = "your observation (or feedback: ...); Enter saves it"


def follow_prompt(
    cycle: CoachingCycle | None, shown: int = 3, card: QuestionCard = COACHING_KATA
) -> Prompt:
    """A follower's line: the answers as they land, newest first (always in view),
    then room for a note."""
    if cycle is None:
        return Prompt(context="No cycle running.", placeholder=FOLLOW_PLACEHOLDER)
    lines = []
    for said in reversed(cycle.answers[-shown:]):
        first = said.text.strip().splitlines()[0] if said.text.strip() else "-"
        label = card.get(said.key).label if card.has(said.key) else said.key
        lines.append(f"{label}: {first}")
    return Prompt(
        context="\n".join(lines) if lines else "No answers yet.",
        placeholder=FOLLOW_PLACEHOLDER,
    )
