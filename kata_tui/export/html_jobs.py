"""The job breakdown sheet (TWI Job Methods) of the printed storyboard.

When the current target condition has a job breakdown, the page gets a second
sheet after the storyboard: the current method and the new method side by
side, one row per detail (``side_by_side``), with the change proposed
between them. The current detail carries the notes of the six questions, so
the sheet reads like the TWI breakdown sheet it replaces. Its stylesheet is
added only to pages that have the sheet.
"""

from __future__ import annotations

import html
from importlib import resources

from kata_tui.domain.job_methods import (
    QUESTIONS,
    BreakdownOf,
    Change,
    JobDetail,
    breakdown,
    side_by_side,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import clip, visible

DETAIL = 220
"""Longest detail, note or proposal shown in one cell of the sheet."""
QUESTION_WORDS = {name: name.capitalize() + "?" for name, _ in QUESTIONS}
"""``Why?``: a note's label in a cell (the question in full is in the header's note)."""


def _esc(text: str) -> str:
    return html.escape(clip(visible(text), DETAIL))


def jobs_stylesheet() -> str:
    return resources.files("kata_tui.export").joinpath("job_breakdown.css").read_bytes().decode()


def _detail(number: int, detail: JobDetail) -> str:
    notes = "".join(
        f'<br><span class="dim">{QUESTION_WORDS[name]} {_esc(getattr(detail, name))}</span>'
        for name, _ in QUESTIONS
        if getattr(detail, name).strip()
    )
    return f"<td>{number}</td><td>{_esc(detail.text)}{notes}</td>"


def _change(detail: JobDetail | None) -> str:
    if detail is None:
        return "<td></td>"
    mark = "" if detail.change is Change.KEEP else f"<b>{detail.change}</b>"
    proposal = _esc(detail.proposal) if detail.proposal.strip() else ""
    joint = ": " if mark and proposal else ""
    return f"<td>{mark}{joint}{proposal}</td>"


def job_sheet(story: Storyboard) -> str:
    """The second sheet: current method | change | new method, every cell escaped;
    "" when the current target condition has no job breakdown."""
    target = story.target
    if target is None or not any(d.target_id == target.id for d in story.job_details):
        return ""
    current = {d.id: n for n, d in enumerate(breakdown(story, target.id, BreakdownOf.CURRENT), 1)}
    new = {d.id: n for n, d in enumerate(breakdown(story, target.id, BreakdownOf.TARGET), 1)}
    rows = []
    for left, right in side_by_side(story, target.id):
        cells = _detail(current[left.id], left) if left else "<td></td><td></td>"
        cells += _change(left)
        cells += _detail(new[right.id], right) if right else "<td></td><td></td>"
        cls = ' class="eliminated"' if left and left.change is Change.ELIMINATE else ""
        rows.append(f"<tr{cls}>{cells}</tr>")
    head = (
        "<tr><th style='width:4%'>#</th><th style='width:38%'>Current method: detail</th>"
        "<th style='width:16%'>Change</th><th style='width:4%'>#</th>"
        "<th style='width:38%'>New method: detail</th></tr>"
    )
    questions = " ".join(q for _, q in QUESTIONS)
    return (
        f'<main class="sheet jobs"><section class="breakdown">'
        f"<h2>Job breakdown: target condition #{target.seq}</h2>"
        f"<table>{head}{''.join(rows)}</table>"
        f'<p class="note">Each detail questioned: {html.escape(questions)} '
        "Change: eliminate, combine, rearrange, simplify.</p>"
        "</section></main>\n"
    )
