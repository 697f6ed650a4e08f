"""The whole storyboard as readable Markdown, for reading or sending.

User text is escaped so nothing typed can change the document's structure: a
pipe cannot split a table cell, a leading ``#`` cannot make a heading, ``<b>``
shows as typed, and control characters are spelled out.
"""

from __future__ import annotations

import re
from datetime import date

from kata_tui.domain.card import CREDIT, DEFAULT, Cards, card_of
from kata_tui.domain.job_methods import QUESTIONS, BreakdownOf, Change, breakdown
from kata_tui.domain.model import BEFORE_FIRST_TARGET, TargetCondition
from kata_tui.domain.process import Phase, meets, operators_needed, seconds_text, spread
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import visible
from kata_tui.export.common import (
    EARLIER_NAMES,
    cycle_heading,
    day,
    due_text,
    go_see_text,
    metric_target,
    number,
    obstacle_text,
    others_first,
    reading_time,
    target_title,
    what_happened,
)

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)])(?=\s|$))")


def inline(text: str) -> str:
    """One line of user text, safe anywhere in a paragraph or table cell."""
    out = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", visible(text, one_line=True)))
    return _LINE_START.sub(_escape_start, out.strip())


def _escape_start(match: re.Match[str]) -> str:
    """``# x`` -> ``\\# x`` and ``1. x`` -> ``1\\. x``: no heading, list or quote."""
    if match.group(2):
        return f"{match.group(1)}\\{match.group(2)}"
    return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"


def cell(text: str) -> str:
    return inline(text) or " "


def block(text: str) -> str:
    """Multi-line user text as one paragraph, its line breaks kept."""
    lines = [inline(line) for line in visible(text).split("\n")]
    body = "  \n".join(line for line in lines if line)
    return body or "_(empty)_"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _target(
    story: Storyboard, target: TargetCondition, today: date, *, level: int, sub: int
) -> list[str]:
    h = "#" * sub
    when = due_text(target, today)
    if target.closed_on:
        when += f", closed {day(target.closed_on)}"
    out = [f"{'#' * level} {target_title(target)}", "", when, ""]
    out += ["**Intended operating pattern:**", "", block(target.pattern), ""]
    out += _breakdown(story, target, BreakdownOf.TARGET)
    if target.summary.strip():
        out += ["**What we learned on the way (summary reflection):**", ""]
        out += [block(target.summary), ""]
    if target.override.strip():
        out += [f"Closed as achieved although the readings missed: {inline(target.override)}", ""]
    if target.earlier:
        out += ["**Earlier versions:**", ""]
        out += [
            f"- {EARLIER_NAMES.get(e.what, inline(e.what))} until {day(e.until)}"
            + (f" (replaced by {inline(e.by)})" if e.by else "")
            + f": {inline(e.text) or '-'}"
            for e in target.earlier
        ]
        out.append("")
    if target.metrics:
        out += table(
            ["Metric", "Kind", "Target", "Better"],
            [
                [cell(m.name), str(m.kind), cell(metric_target(m)), str(m.better)]
                for m in target.metrics
            ],
        )
        out.append("")
    out += [f"{h} Current condition", "", "**Actual pattern now:**", ""]
    out += [block(target.actual_pattern), ""]
    out += _breakdown(story, target, BreakdownOf.CURRENT)
    go_see = go_see_text(target)
    if go_see:
        out += [f"Next go-and-see: {go_see}", ""]
    readings = story.readings_for(target.id)
    if readings:
        units = {m.name: m for m in target.metrics}
        rows = []
        for r in readings:
            metric = units.get(r.metric)
            reached = "" if metric is None else ("yes" if metric.reached_by(r.value) else "no")
            unit = metric.unit if metric else ""
            value = cell(f"{number(r.value)} {unit}")
            rows.append([day(r.day) + reading_time(r), cell(r.metric), value, reached])
        out += table(["Date", "Metric", "Value", "At target"], rows)
    else:
        out.append("_No readings yet._")
    out.append("")
    out += [f"{h} Obstacle parking lot", ""]
    obstacles = story.obstacles_for(target.id)
    if obstacles:
        steps = {e.id: e.number for e in story.experiments}
        out += table(
            ["No.", "Added", "Obstacle", "Kind", "Status"],
            [
                [
                    str(o.number),
                    day(o.added),
                    cell(o.text)
                    + (f" (step {steps[o.step_id]} not taken)" if o.step_id in steps else ""),
                    str(o.kind),
                    f"**{o.status}**" if o.status == "working on" else str(o.status),
                ]
                for o in obstacles
            ],
        )
    else:
        out.append("_No obstacles parked._")
    out.append("")
    out += [f"{h} Experiment record", ""]
    steps = story.experiments_for(target.id)
    threshold = story.threshold(target.id)
    if steps:
        rows = []
        for e in steps:
            mark = (
                f"{e.number} >" if threshold is not None and e.id == threshold.id else str(e.number)
            )
            rows.append(
                [
                    mark,
                    day(e.day),
                    cell(obstacle_text(story, e.obstacle_id)),
                    cell(e.step),
                    cell(e.expected),
                    cell(what_happened(e)),
                    cell(e.learned),
                ]
            )
        out += table(
            ["#", "Date", "Obstacle", "Step", "Expected", "What happened", "What we learned"],
            rows,
        )
        if threshold is not None:
            out += ["", f"`>` marks the threshold of knowledge: step {threshold.number} is open."]
    else:
        out.append("_No experiments yet._")
    out.append("")
    return out


BREAKDOWN_TITLES = {
    BreakdownOf.CURRENT: "**Job breakdown: current condition**",
    BreakdownOf.TARGET: "**Job breakdown: target condition**",
}


def _breakdown(story: Storyboard, target: TargetCondition, of: BreakdownOf) -> list[str]:
    """A job breakdown as a numbered list: each detail with its questions' notes,
    the change proposed, and (new method) the current detail it was started from."""
    details = breakdown(story, target.id, of)
    if not details:
        return []
    current = {d.id: n for n, d in enumerate(breakdown(story, target.id, BreakdownOf.CURRENT), 1)}
    out = [BREAKDOWN_TITLES[of], ""]
    for n, detail in enumerate(details, start=1):
        item = f"{n}. "
        out.append(item + inline(detail.text))
        notes = [
            f"{question} {inline(getattr(detail, name))}"
            for name, question in QUESTIONS
            if getattr(detail, name).strip()
        ]
        if detail.change is not Change.KEEP:
            notes.append(f"Change: {detail.change}")
        if detail.proposal.strip():
            notes.append(f"Proposal: {inline(detail.proposal)}")
        if detail.from_id in current:
            notes.append(f"From current detail {current[detail.from_id]}")
        out += [" " * len(item) + f"- {note}" for note in notes]
    out.append("")
    return out


def _cycles(story: Storyboard, cards: Cards | None = None) -> list[str]:
    out = ["## Coaching cycles", ""]
    cycles = story.cycles_in_order()
    if not cycles:
        return [*out, "_No coaching cycles yet._", ""]
    targets = {t.id: t.seq for t in story.targets}
    for cycle in cycles:
        out += [f"### {inline(cycle_heading(cycle))}", ""]
        out.append(f"- Target condition: {targets.get(cycle.target_id, '?')}")
        out.append(f"- Started: {cycle.started.isoformat(timespec='minutes')}")
        if cycle.second_coach:
            out.append(f"- Second coach: {inline(cycle.second_coach)}")
        ref = cycle.card_ref
        card = card_of(ref, cards)
        if ref != DEFAULT:  # the English coaching kata goes without saying
            title = card.title if card is not None else ref.name
            out.append(f"- Card: {inline(title)} ({inline(ref.label())})")
        out.append("")
        answers = [a for a in cycle.answers if a.text.strip() or a.meaning.strip()]
        steps = card.steps if card is not None else ()
        if answers:
            questions = {q.key: q for q in steps}
            rows = []
            for a in answers:
                q = questions.get(a.key)
                label = f"{q.label}. {q.text}" if q else a.key
                rows.append([cell(label), cell(a.text), cell(a.meaning), cell(a.by)])
            out += [*table(["Question", "Answer", "Meaning", "By"], rows), ""]
        if cycle.follow_up_checked is not None:
            checked = cycle.follow_up_checked.isoformat()
            out += [f"**Follow-up checked {checked}:**", "", block(cycle.follow_up_result), ""]
        if cycle.reflection.strip():
            out += ["**Coach's reflection:**", "", block(cycle.reflection), ""]
        if cycle.second_coach_feedback.strip():
            out += ["**Second coach's feedback:**", "", block(cycle.second_coach_feedback), ""]
        notes = story.notes_on(cycle.id)
        if notes:
            questions = {q.key: q.label for q in steps}
            rows = [
                [
                    cell(questions.get(n.question, n.question) or "-"),
                    cell(str(n.kind)),
                    cell(n.text),
                    cell(n.stamp.label() if n.stamp else ""),
                ]
                for n in notes
            ]
            out += ["**Second coach's notes:**", ""]
            out += [*table(["At", "Kind", "Note", "By"], rows), ""]
    return out


def render_markdown(story: Storyboard, today: date, cards: Cards | None = None) -> str:
    """The whole storyboard; ``cards`` finds the card sets its cycles used (other
    than the English coaching kata) to label their answers."""
    board = story.board
    out = [f"# Storyboard: {inline(board.learner)}", ""]
    out.append(
        f"Coach: {inline(board.coach)}. Exported {today.isoformat()} from kata-tui"
        + (" (archived board)." if board.archived else ".")
    )
    out += ["", "## Challenge", "", block(board.challenge), ""]
    facts = [
        ("Focus process", inline(board.focus_process)),
        ("Horizon", day(board.horizon)),
        ("Set by", inline(board.set_by)),
        ("Board started", day(board.created)),
    ]
    out += [f"- {name}: {value or '-'}" for name, value in facts]
    out.append("")
    out += _process(story)
    current = story.target
    if current is None:
        out += ["_No target condition yet._", ""]
    else:
        out += _target(story, current, today, level=2, sub=2)
    earlier = others_first(story)
    if earlier:
        out += ["## Other target conditions", ""]
        for target in earlier:
            out += _target(story, target, today, level=3, sub=4)
    out += _cycles(story, cards)
    out += ["---", "", f"Coaching-kata questions {CREDIT}."]
    return "\n".join(out) + "\n"


def _process(story: Storyboard) -> list[str]:
    """The process analysis (Starter Kata), when the board has any of it."""
    before = story.readings_for(BEFORE_FIRST_TARGET)
    if not (story.demand or story.steps or story.observations or before):
        return []
    title = "## Process analysis"
    if story.phase is Phase.GRASPING:
        title += " (grasping the current condition)"
    out = [title, ""]
    demand = story.current_demand
    planned = story.planned_cycle_seconds
    if demand is not None:
        period = f" per {inline(demand.period)}" if demand.period.strip() else ""
        out += [
            f"- Customer demand ({day(demand.day)}): {number(demand.demand)} units{period}; "
            f"available {number(demand.available_minutes)} min, planned losses "
            f"{number(demand.planned_losses_minutes)} min",
            f"- Planned cycle time: {seconds_text(planned)} "
            f"(takt time {seconds_text(demand.takt_seconds)})",
        ]
    operators = operators_needed(story.steps, planned)
    if operators is not None:
        out.append(f"- Operators needed: {operators:.1f} (total work content / planned cycle time)")
    if before:
        values = ", ".join(f"{inline(r.metric)} {number(r.value)} ({day(r.day)})" for r in before)
        out.append(f"- Outcome before the first target condition: {values}")
    out.append("")
    steps = story.steps_in_order()
    if steps:
        fits = {True: "fits", False: "too slow", None: "-"}
        rows = [
            [
                str(step.position),
                cell(step.name),
                seconds_text(step.work_seconds),
                seconds_text(step.capacity_seconds),
                fits[meets(step.capacity_seconds, planned)],
                cell(step.waits_after),
            ]
            for step in steps
        ]
        header = [
            "#",
            "Step",
            "Work content",
            "Equipment per unit",
            "Against planned",
            "Waits after",
        ]
        out += ["### Process steps", "", *table(header, rows), ""]
    for seen in story.observations_in_order():
        result = spread(seen.times)
        out += [f"### Cycle times: {inline(seen.what)}, {seen.started:%Y-%m-%d %H:%M}", ""]
        if result is not None:
            out += [
                f"{result.count} cycles; lowest repeatable "
                f"{seconds_text(result.lowest_repeatable)}, "
                f"range {seconds_text(result.range)} ({seconds_text(result.lowest)} to "
                f"{seconds_text(result.highest)}).",
                "",
            ]
            rows = [
                [str(i), seconds_text(m.seconds), f"{m.at:%H:%M:%S}", cell(m.note)]
                for i, m in enumerate(seen.marks, start=1)
            ]
            out += [*table(["Cycle", "Time", "Marked at", "Note"], rows), ""]
    return out
