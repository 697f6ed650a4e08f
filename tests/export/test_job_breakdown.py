"""Job breakdowns in the exports: the Markdown lists both breakdowns under their
target condition with every note and change; the printed sheet gets a second
page with the two side by side. Golden files of tests/export/job_breakdown.py's
board, and the rules each checked on its own."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from pathlib import Path

import pytest

from kata_tui.domain.job_methods import BreakdownOf, Change, JobDetail
from kata_tui.export.formats import render
from tests.conftest import TODAY
from tests.export.conftest import GOLDEN
from tests.export.job_breakdown import FORMATS, job_board

STORY = job_board()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_job_board_matches_its_golden_file(fmt: str) -> None:
    text = render(STORY, fmt, today=TODAY)
    assert text.encode("utf-8") == (GOLDEN / f"jobs.{fmt}").read_bytes()
    for record_id in ("c1", STORY.target.id):
        assert f'"{record_id}"' not in text and f">{record_id}<" not in text


def _section(markdown: str, title: str) -> list[str]:
    """The lines of the breakdown titled ``title`` under the current target condition."""
    lines = markdown.splitlines()
    start = lines.index(title) + 2
    end = lines.index("", start)
    return lines[start:end]


def test_markdown_lists_the_current_breakdown_with_its_notes_and_changes() -> None:
    markdown = render(STORY, "md", today=TODAY)
    assert _section(markdown, "**Job breakdown: current condition**") == [
        "1. Fetch the die from the rack",
        "   - Why is it necessary? The next job needs it",
        "   - What is its purpose? Die at the press",
        "   - Where should it be done? Rack by the wall, 30 m away",
        "   - When should it be done? After the last part",
        "   - Who is best qualified to do it? Operator",
        "   - How is the best way to do it? Crane and pallet truck",
        "   - Change: simplify",
        "   - Proposal: Die waits on a cart beside the press",
        "2. Walk to the tool crib for the wrench",
        "   - Why is it necessary? Not necessary: the wrench could hang at the press",
        "   - Change: eliminate",
        "   - Proposal: Wrench on a shadow board",
        "3. Unbolt the old die",
        "   - How is the best way to do it? 4 bolts, one at a time",
        "   - Change: combine",
        "   - Proposal: Unbolt while the new die is brought",
        "4. Bolt the new die",
        "   - Who is best qualified to do it? The operator",
        "   - Change: rearrange",
    ]


def test_markdown_lists_the_new_method_under_the_intended_pattern() -> None:
    markdown = render(STORY, "md", today=TODAY)
    assert _section(markdown, "**Job breakdown: target condition**") == [
        "1. Die waits on a cart beside the press",
        "   - From current detail 1",
        "2. Unbolt while the new die is brought",
        "   - From current detail 3",
        "3. Bolt the new die",
        "   - From current detail 4",
        "4. Check the first part",
    ]
    order = [
        markdown.index(mark)
        for mark in (
            "**Intended operating pattern:**",
            "**Job breakdown: target condition**",
            "**Actual pattern now:**",
            "**Job breakdown: current condition**",
            "## Obstacle parking lot",
            "1. Wait for the die cart",  # the earlier target condition's own
        )
    ]
    assert order == sorted(order)


def test_markdown_says_nothing_of_a_breakdown_a_target_condition_lacks() -> None:
    current_only = replace(
        STORY, job_details=tuple(d for d in STORY.job_details if d.of is BreakdownOf.CURRENT)
    )
    markdown = render(current_only, "md", today=TODAY)
    assert "Job breakdown: target condition" not in markdown
    assert markdown.count("**Job breakdown: current condition**") == 2
    none = render(replace(STORY, job_details=()), "md", today=TODAY)
    assert "Job breakdown" not in none


def test_a_tenth_detail_keeps_its_notes_in_its_list_item() -> None:
    tid = STORY.target.id
    details = tuple(
        JobDetail(tid, BreakdownOf.CURRENT, n, f"detail {n}", why=f"reason {n}", id=f"d{n}")
        for n in range(1, 11)
    )
    markdown = render(replace(STORY, job_details=details), "md", today=TODAY)
    assert "9. detail 9\n   - Why is it necessary? reason 9\n10. detail 10\n" in markdown
    assert "10. detail 10\n    - Why is it necessary? reason 10\n" in markdown


def test_markdown_never_shows_a_keep_or_an_empty_proposal() -> None:
    tid = STORY.target.id
    plain = JobDetail(tid, BreakdownOf.CURRENT, 1, "Fetch", proposal="  ", why=" ", id="p")
    markdown = render(replace(STORY, job_details=(plain,)), "md", today=TODAY)
    assert _section(markdown, "**Job breakdown: current condition**") == ["1. Fetch"]
    kept = replace(plain, proposal="Use the cart")
    markdown = render(replace(STORY, job_details=(kept,)), "md", today=TODAY)
    lines = _section(markdown, "**Job breakdown: current condition**")
    assert lines == ["1. Fetch", "   - Proposal: Use the cart"]


# -- the printed sheet -----------------------------------------------------------------


def _rows(page: str) -> list[list[str]]:
    sheet = page[page.index('<main class="sheet jobs">') :]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", sheet)
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows[1:]]


def test_the_sheet_puts_each_detail_beside_the_one_started_from_it() -> None:
    page = render(STORY, "html", today=TODAY)
    assert page.count('<main class="sheet jobs">') == 1
    assert page.index('<main class="sheet">') < page.index('<main class="sheet jobs">')
    assert "<h2>Job breakdown: target condition #2</h2>" in page
    rows = _rows(page)
    shown = [[re.sub(r"<br>.*", "", c) for c in row] for row in rows]
    assert shown == [
        ["1", "Fetch the die from the rack",
         "<b>simplify</b>: Die waits on a cart beside the press",
         "1", "Die waits on a cart beside the press"],
        ["2", "Walk to the tool crib for the wrench", "<b>eliminate</b>: Wrench on a shadow board",
         "", ""],
        ["3", "Unbolt the old die", "<b>combine</b>: Unbolt while the new die is brought",
         "2", "Unbolt while the new die is brought"],
        ["4", "Bolt the new die", "<b>rearrange</b>", "3", "Bolt the new die"],
        ["", "", "", "4", "Check the first part"],
    ]  # fmt: skip
    assert rows[0][1] == (
        'Fetch the die from the rack<br><span class="dim">Why? The next job needs it</span>'
        '<br><span class="dim">What? Die at the press</span>'
        '<br><span class="dim">Where? Rack by the wall, 30 m away</span>'
        '<br><span class="dim">When? After the last part</span>'
        '<br><span class="dim">Who? Operator</span>'
        '<br><span class="dim">How? Crane and pallet truck</span>'
    )
    assert re.findall(r"<tr( class=\"eliminated\")?><td>", page[page.index("sheet jobs") :]) == [
        "",
        ' class="eliminated"',
        "",
        "",
        "",
    ]
    assert ".sheet.jobs {" in page and "break-before: page" in page


def test_a_proposal_without_a_change_and_a_keep_without_one() -> None:
    tid = STORY.target.id
    details = (
        JobDetail(tid, BreakdownOf.CURRENT, 1, "a", proposal="try the cart", id="a"),
        JobDetail(tid, BreakdownOf.CURRENT, 2, "b", change=Change.KEEP, id="b"),
        JobDetail(tid, BreakdownOf.CURRENT, 3, "c", change=Change.SIMPLIFY, proposal=" ", id="c"),
    )
    rows = _rows(render(replace(STORY, job_details=details), "html", today=TODAY))
    assert [row[2] for row in rows] == ["try the cart", "", "<b>simplify</b>"]


def test_no_sheet_and_no_extra_style_without_a_breakdown_of_the_current_target() -> None:
    earlier_only = replace(
        STORY, job_details=tuple(d for d in STORY.job_details if d.target_id != STORY.target.id)
    )
    page = render(earlier_only, "html", today=TODAY)
    assert "sheet jobs" not in page and ".sheet.jobs" not in page
    bare = render(replace(STORY, job_details=()), "html", today=TODAY)
    assert page == bare


def test_every_field_of_a_detail_is_documented_in_its_section_of_format_md() -> None:
    documented = (Path(__file__).parents[2] / "kata_tui/export/FORMAT.md").read_text()
    section = documented[documented.index("### `job_details`") :]
    section = section[: section.index("\n## ")]
    for field in dataclasses.fields(JobDetail):
        if field.name not in ("id", "rev", "stamp"):  # documented for every record
            assert f"| `{field.name}` |" in section, field.name
    for value in [*BreakdownOf, *Change]:
        assert f'`"{value}"`' in section
    assert "`job_details`" in documented[: documented.index("### `board`")]


def test_a_long_cell_is_cut_at_220_characters_and_blank_notes_are_left_out() -> None:
    tid = STORY.target.id
    long = "x" * 300  # one word: cut inside it
    details = (
        JobDetail(tid, BreakdownOf.CURRENT, 1, long, why=" \t", how=long, proposal=long,
                  change=Change.SIMPLIFY, id="a"),
        JobDetail(tid, BreakdownOf.TARGET, 1, long, from_id="a", id="b"),
    )  # fmt: skip
    (row,) = _rows(render(replace(STORY, job_details=details), "html", today=TODAY))
    cut = "x" * 219 + "~"
    assert row == ["1", f'{cut}<br><span class="dim">How? {cut}</span>',
                   f"<b>simplify</b>: {cut}", "1", cut]  # fmt: skip
    # the Markdown carries every character
    markdown = render(replace(STORY, job_details=details), "md", today=TODAY)
    assert f"1. {long}\n   - How is the best way to do it? {long}\n" in markdown
