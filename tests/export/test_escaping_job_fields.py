"""Every typed field of a job breakdown detail (TWI Job Methods), escaped in its place:
the sheet's cell and the Markdown's list item, each field checked by name."""

from __future__ import annotations

import html

import pytest

from kata_tui.domain.job_methods import BreakdownOf, Change, JobDetail
from kata_tui.domain.model import Board, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.conftest import TODAY
from tests.export.test_escaping_per_field import md, payload, shown

QUESTIONS = {
    "why": "Why is it necessary?",
    "what": "What is its purpose?",
    "where": "Where should it be done?",
    "when": "When should it be done?",
    "who": "Who is best qualified to do it?",
    "how": "How is the best way to do it?",
}
"""Written out here (TWI's six questions), not read from the code."""


def _story() -> Storyboard:
    target = TargetCondition(seq=1)
    notes = {name: payload(f"J{name}") for name in QUESTIONS}
    detail = JobDetail(
        target.id,
        BreakdownOf.CURRENT,
        1,
        payload("Jtext"),
        change=Change.SIMPLIFY,
        proposal=payload("Jproposal"),
        **notes,
    )
    return Storyboard(board=Board("a", "b", "c"), targets=(target,), job_details=(detail,))


STORY = _story()
FIELDS = ["text", *QUESTIONS, "proposal"]


@pytest.fixture(scope="module")
def sheet() -> str:
    page = render(STORY, "html", today=TODAY)
    return page[page.index('<main class="sheet jobs">') :]


@pytest.fixture(scope="module")
def markdown() -> str:
    return render(STORY, "md", today=TODAY)


@pytest.mark.parametrize("field", FIELDS)
def test_the_sheet_shows_each_detail_field_escaped(field: str, sheet: str) -> None:
    tag = f"J{field}"
    escaped = html.escape(shown(tag))
    if field == "text":
        assert f"<td>1</td><td>{escaped}<br>" in sheet
    elif field == "proposal":
        assert f"<td><b>simplify</b>: {escaped}</td>" in sheet
    else:
        assert f'<br><span class="dim">{field.capitalize()}? {escaped}</span>' in sheet
    assert f"<i>{tag}" not in sheet and "\x1b" not in sheet


@pytest.mark.parametrize("field", FIELDS)
def test_the_markdown_shows_each_detail_field_escaped(field: str, markdown: str) -> None:
    tag = f"J{field}"
    if field == "text":
        assert f"\n1. {md(shown(tag))}\n" in markdown
    elif field == "proposal":
        assert f"\n   - Proposal: {md(shown(tag))}\n" in markdown
    else:
        assert f"\n   - {QUESTIONS[field]} {md(shown(tag))}\n" in markdown
    assert f"[b red]{tag}" not in markdown and "\x1b" not in markdown
