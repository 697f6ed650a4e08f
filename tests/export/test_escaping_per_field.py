"""Every typed field, in every place each export shows it, is escaped: checked one by one.

One board carries a different hostile payload in each text field: a leading
``=`` (a spreadsheet formula), HTML tags and quotes, Rich markup, a table pipe,
a ``#`` and an escape sequence. Each (format, field) pair is its own test, and
each looks in the one column or place that field belongs to, so a single
field left unescaped fails by name instead of hiding among the others.
The expected texts are written out here, not taken from the exporters.
"""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, datetime

import pytest

from kata_tui.domain.job_methods import BreakdownOf, Change, JobDetail
from kata_tui.domain.model import (
    Answer,
    Board,
    CoachingCycle,
    Experiment,
    Metric,
    Obstacle,
    ObstacleStatus,
    Reading,
    Role,
    Stamp,
    TargetCondition,
)
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.csv_export import HEADER
from kata_tui.export.formats import render
from tests.conftest import TODAY


def payload(tag: str) -> str:
    return f'=<i>{tag}</i> [b red]{tag}[/] "&" | # \x1b[31m'


def shown(tag: str) -> str:
    """The payload with its escape character spelled out, as every export shows it."""
    return f'=<i>{tag}</i> [b red]{tag}[/] "&" | # ^[[31m'


def md(text: str, *, at_start: bool = True) -> str:
    """Markdown that shows ``text`` literally (a leading ``=`` would underline a heading)."""
    out = re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", text)
    return "\\" + out if at_start and out.startswith("=") else out


def _story() -> Storyboard:
    p = payload
    target = TargetCondition(
        seq=1,
        achieve_by=date(2026, 12, 20),
        metrics=(Metric(p("Qmetric"), p("Qunit"), 25.0),),
        pattern=p("Qpattern"),
        actual_pattern=p("Qactual"),
    )
    obstacle = Obstacle(target.id, p("Qobstacle"), TODAY, status=ObstacleStatus.WORKING, number=1)
    stamp = Stamp(p("Qstampby"), Role.COACH, datetime(2026, 11, 22, 9, 0))
    step = Experiment(
        target.id,
        1,
        TODAY,
        p("Qstep"),
        expected=p("Qexpected"),
        obstacle_id=obstacle.id,
        happened=p("Qhappened"),
        learned=p("Qlearned"),
        stamp=stamp,
    )
    cycle = CoachingCycle(
        target.id,
        TODAY,
        p("Qcyclecoach"),
        p("Qcyclelearner"),
        datetime(2026, 11, 23, 9, 0),
        ended=datetime(2026, 11, 23, 9, 20),
        second_coach=p("Qsecond"),
        answers=(Answer("q1", p("Qanswer"), by=p("Qanswerby")),),
        reflection=p("Qreflection"),
        second_coach_feedback=p("Qfeedback"),
    )
    board = Board(
        p("Qlearner"),
        p("Qcoach"),
        p("Qchallenge"),
        set_by=p("Qsetby"),
        focus_process=p("Qfocus"),
    )
    detail = JobDetail(
        target.id, BreakdownOf.CURRENT, 1, p("Qdetail"), why=p("Qwhy"), what=p("Qwhat"),
        where=p("Qwhere"), when=p("Qwhen"), who=p("Qwho"), how=p("Qhow"),
        change=Change.SIMPLIFY, proposal=p("Qproposal"),
    )  # fmt: skip
    new = JobDetail(target.id, BreakdownOf.TARGET, 1, p("Qnewdetail"), from_id=detail.id)
    return Storyboard(
        board=board,
        targets=(target,),
        job_details=(detail, new),
        readings=(
            Reading(target.id, TODAY, p("Qmetric"), 30.0),
            Reading(target.id, TODAY, p("Qreading"), 31.0),
        ),
        obstacles=(obstacle,),
        experiments=(step,),
        cycles=(cycle,),
        slug="hostile",
    )


STORY = _story()
TAGS = [
    "Qlearner", "Qcoach", "Qchallenge", "Qsetby", "Qfocus", "Qmetric", "Qunit", "Qpattern",
    "Qactual", "Qreading", "Qobstacle", "Qstep", "Qexpected", "Qhappened", "Qlearned",
    "Qstampby", "Qcyclecoach", "Qcyclelearner", "Qsecond", "Qanswer", "Qanswerby",
    "Qreflection", "Qfeedback", "Qdetail", "Qwhy", "Qwhat", "Qwhere", "Qwhen", "Qwho", "Qhow",
    "Qproposal", "Qnewdetail",
]  # fmt: skip


# -- CSV: one row per step; every cell compared whole ---------------------------------

CSV_COLUMNS = {
    "Qlearner": (HEADER.index("learner"), lambda s: "'" + s),
    "Qobstacle": (HEADER.index("obstacle"), lambda s: "'" + s),
    "Qstep": (HEADER.index("step"), lambda s: "'" + s),
    "Qexpected": (HEADER.index("expected"), lambda s: "'" + s),
    "Qhappened": (HEADER.index("what happened"), lambda s: "'" + s),
    "Qlearned": (HEADER.index("what we learned"), lambda s: "'" + s),
    "Qstampby": (HEADER.index("last changed by"), lambda s: "'" + s + " (coach)"),
}


@pytest.fixture(scope="module")
def csv_row() -> list[str]:
    text = render(STORY, "csv", today=TODAY)
    header, *rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    assert len(rows) == 1 and len(rows[0]) == len(header)
    return rows[0]


@pytest.mark.parametrize("tag", list(CSV_COLUMNS))
def test_csv_cell_is_text_never_a_formula_or_an_escape(tag: str, csv_row: list[str]) -> None:
    column, expected = CSV_COLUMNS[tag]
    assert csv_row[column] == expected(shown(tag))


# -- HTML: each field at its own place on the sheet -----------------------------------


def h(tag: str) -> str:
    return html.escape(shown(tag))


HTML_PLACES = {
    "Qlearner": [
        f"<title>Storyboard: {h('Qlearner')}</title>",
        f"<b>Learner:</b> {h('Qlearner')}<",
    ],
    "Qcoach": [f"<b>Coach:</b> {h('Qcoach')}<"],
    "Qfocus": [f"<b>Focus process:</b> {h('Qfocus')}<"],
    "Qsetby": [f"<b>Set by:</b> {h('Qsetby')}<"],
    "Qchallenge": [f'<h2>Challenge</h2><p class="text">{h("Qchallenge")}</p>'],
    "Qpattern": [f'<h3>Intended pattern</h3><p class="text">{h("Qpattern")}</p>'],
    "Qmetric": [
        f"<tr><td>{h('Qmetric')}</td>",
        f"<b>Latest {h('Qmetric')}:</b>",
        f'aria-label="run chart of {h("Qmetric")}"',
    ],
    "Qunit": [f"<td>25 {html.escape(shown('Qunit'))}", f"30 {h('Qunit')} on 2026-11-23"],
    "Qactual": [f'<h3>Actual pattern now</h3><p class="text">{h("Qactual")}</p>'],
    "Qobstacle": [f'<tr class="working"><td>#1 {h("Qobstacle")}</td><td>process</td>'],
    "Qdetail": [f"<tr><td>1</td><td>{h('Qdetail')}<br>"],
    **{
        tag: [f'<br><span class="dim">{word} {h(tag)}</span>']
        for tag, word in (
            ("Qwhy", "Why?"),
            ("Qwhat", "What?"),
            ("Qwhere", "Where?"),
            ("Qwhen", "When?"),
            ("Qwho", "Who?"),
            ("Qhow", "How?"),
        )
    },
    "Qproposal": [f"<td><b>simplify</b>: {h('Qproposal')}</td>"],
    "Qnewdetail": [f"<td>1</td><td>{h('Qnewdetail')}</td></tr>"],
}
HTML_STEP_CELLS = {"Qobstacle": 2, "Qstep": 3, "Qexpected": 4, "Qhappened": 5, "Qlearned": 6}


@pytest.fixture(scope="module")
def page() -> str:
    return render(STORY, "html", today=TODAY)


@pytest.mark.parametrize("tag", list(HTML_PLACES))
def test_html_field_is_escaped_where_it_is_shown(tag: str, page: str) -> None:
    for place in HTML_PLACES[tag]:
        assert place in page
    assert f"<i>{tag}" not in page


@pytest.mark.parametrize("tag", list(HTML_STEP_CELLS))
def test_html_experiment_cell_is_escaped(tag: str, page: str) -> None:
    record = page[page.index('<section class="experiments">') :]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", record)
    cells = re.findall(r"<td>(.*?)</td>", rows[1])  # rows[0] is the header
    assert len(cells) == 7
    number = "#1 " if tag == "Qobstacle" else ""  # the obstacle's lasting number
    assert cells[HTML_STEP_CELLS[tag]] == number + h(tag)


def test_html_has_no_raw_payload_anywhere(page: str) -> None:
    assert "\x1b" not in page and "<i>" not in page and "red]Q" in page


# -- Markdown: each field in its table column or its paragraph -------------------------


def _table(text: str, first_header: str) -> list[list[str]]:
    """The body rows of the table whose header starts with ``first_header``, split on
    unescaped pipes."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("| "):
            break
        rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


MD_CELLS = {
    # tag: (first header of the table, column, expected cell)
    "Qmetric": ("Metric", 0, md(shown("Qmetric"))),
    "Qunit": ("Metric", 2, "25 " + md(shown("Qunit"), at_start=False)),
    "Qreading": ("Date", 1, md(shown("Qreading"))),
    "Qobstacle": ("No.", 2, md(shown("Qobstacle"))),
    "Qstep": ("#", 3, md(shown("Qstep"))),
    "Qexpected": ("#", 4, md(shown("Qexpected"))),
    "Qhappened": ("#", 5, md(shown("Qhappened"))),
    "Qlearned": ("#", 6, md(shown("Qlearned"))),
    "Qanswer": ("Question", 1, md(shown("Qanswer"))),
    "Qanswerby": ("Question", 3, md(shown("Qanswerby"))),
}
MD_PLACES = {
    "Qlearner": f"\n# Storyboard: {md(shown('Qlearner'))}\n",
    "Qcoach": f"\nCoach: {md(shown('Qcoach'))}. Exported",
    "Qchallenge": f"\n## Challenge\n\n{md(shown('Qchallenge'))}\n",
    "Qfocus": f"\n- Focus process: {md(shown('Qfocus'))}\n",
    "Qsetby": f"\n- Set by: {md(shown('Qsetby'))}\n",
    "Qpattern": f"\n**Intended operating pattern:**\n\n{md(shown('Qpattern'))}\n",
    "Qactual": f"\n**Actual pattern now:**\n\n{md(shown('Qactual'))}\n",
    "Qcyclecoach": f": coach {md(shown('Qcyclecoach'), at_start=False)}, learner ",
    "Qcyclelearner": f", learner {md(shown('Qcyclelearner'), at_start=False)}, 20 min\n",
    "Qsecond": f"\n- Second coach: {md(shown('Qsecond'))}\n",
    "Qreflection": f"\n**Coach's reflection:**\n\n{md(shown('Qreflection'))}\n",
    "Qfeedback": f"\n**Second coach's feedback:**\n\n{md(shown('Qfeedback'))}\n",
    "Qdetail": f"\n**Job breakdown: current condition**\n\n1. {md(shown('Qdetail'))}\n",
    "Qwhy": f"\n   - Why is it necessary? {md(shown('Qwhy'))}\n",
    "Qwhat": f"\n   - What is its purpose? {md(shown('Qwhat'))}\n",
    "Qwhere": f"\n   - Where should it be done? {md(shown('Qwhere'))}\n",
    "Qwhen": f"\n   - When should it be done? {md(shown('Qwhen'))}\n",
    "Qwho": f"\n   - Who is best qualified to do it? {md(shown('Qwho'))}\n",
    "Qhow": f"\n   - How is the best way to do it? {md(shown('Qhow'))}\n",
    "Qproposal": f"\n   - Change: simplify\n   - Proposal: {md(shown('Qproposal'))}\n",
    "Qnewdetail": f"\n**Job breakdown: target condition**\n\n1. {md(shown('Qnewdetail'))}\n",
}


@pytest.fixture(scope="module")
def markdown() -> str:
    return "\n" + render(STORY, "md", today=TODAY)


@pytest.mark.parametrize("tag", list(MD_CELLS))
def test_markdown_cell_is_escaped_and_stays_in_its_column(tag: str, markdown: str) -> None:
    header, column, expected = MD_CELLS[tag]
    rows = _table(markdown, header)
    assert expected in [row[column] for row in rows]


def test_markdown_obstacle_column_of_the_experiment_record(markdown: str) -> None:
    assert _table(markdown, "#")[0][2] == "\\#1 " + md(shown("Qobstacle"), at_start=False)


def test_markdown_reading_of_the_outcome_metric(markdown: str) -> None:
    assert md(shown("Qmetric")) in [row[1] for row in _table(markdown, "Date")]


@pytest.mark.parametrize("tag", list(MD_PLACES))
def test_markdown_text_is_escaped_where_it_is_shown(tag: str, markdown: str) -> None:
    assert MD_PLACES[tag] in markdown
    assert f"[b red]{tag}" not in markdown and f"<i>{tag}" not in markdown


def test_every_field_is_covered() -> None:
    """A field added to the board must get its own check above."""
    covered = set(CSV_COLUMNS) | set(HTML_PLACES) | set(MD_CELLS) | set(MD_PLACES)
    assert covered == set(TAGS)
    json_text = render(STORY, "json", today=TODAY)
    for tag in TAGS:  # and the payload really is in the board under test
        assert f"<i>{tag}</i>" in json_text
