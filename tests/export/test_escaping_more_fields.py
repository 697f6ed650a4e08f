"""The fields tests/export/test_escaping_per_field.py leaves out, each checked in its place.

The process analysis (steps, where work waits, what was observed, each
cycle's note, the demand's period, readings before the first target
condition), a step's reason for not being taken, a field's earlier version,
and every column of the readings and observed-cycles spreadsheets. Same
payload, same rule: the expected text is written out here, not taken from
the exporters.
"""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, datetime

import pytest

from kata_tui.domain.model import (
    BEFORE_FIRST_TARGET,
    Board,
    CoachingCycle,
    CycleNote,
    EarlierVersion,
    Experiment,
    Reading,
    Role,
    Stamp,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.csv_export import HEADER
from kata_tui.export.cycles_csv import HEADER as CYCLES_HEADER
from kata_tui.export.formats import render
from kata_tui.export.readings_csv import HEADER as READINGS_HEADER
from tests.conftest import TODAY
from tests.export.test_escaping_per_field import STORY, md, payload, shown

DAY = date(2026, 10, 1)
AT = datetime(2026, 10, 1, 9, 0)


def h(tag: str) -> str:
    return html.escape(shown(tag))


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def _grasping() -> Storyboard:
    p = payload
    step = ProcessStep(DAY, 1, p("Pstep"), p("Pwaits"), 30.0)
    seen = Observation(
        DAY, p("Pwhat"), AT, step_id=step.id, marks=(Mark(31.5, AT.replace(minute=1), p("Pnote")),)
    )
    return Storyboard(
        board=Board(p("Plearner"), "ben", "c"),
        demand=(Demand(DAY, 480.0, 450.0, 30.0, p("Pperiod")),),
        steps=(step,),
        observations=(seen,),
        readings=(Reading(BEFORE_FIRST_TARGET, DAY, p("Pmetric"), 41.0, seq=1),),
    )


GRASPING = _grasping()


# -- the spreadsheets: every text column, cell by cell ---------------------------------


def test_every_text_column_of_the_observed_cycles_is_text() -> None:
    header, row = _rows(render(GRASPING, "cycles", today=DAY))
    assert header == list(CYCLES_HEADER)
    assert row[CYCLES_HEADER.index("learner")] == "'" + shown("Plearner")
    assert row[CYCLES_HEADER.index("observed")] == "'" + shown("Pwhat")
    assert row[CYCLES_HEADER.index("process step")] == "1 " + shown("Pstep")
    assert row[CYCLES_HEADER.index("note")] == "'" + shown("Pnote")


def test_every_text_column_of_the_readings_is_text() -> None:
    rows = _rows(render(STORY, "readings", today=TODAY))
    assert rows[0] == list(READINGS_HEADER)
    on_target = next(r for r in rows[1:] if r[READINGS_HEADER.index("unit")])
    assert on_target[READINGS_HEADER.index("learner")] == "'" + shown("Qlearner")
    assert on_target[READINGS_HEADER.index("metric")] == "'" + shown("Qmetric")
    assert on_target[READINGS_HEADER.index("unit")] == "'" + shown("Qunit")
    other = [r[READINGS_HEADER.index("metric")] for r in rows[1:] if r is not on_target]
    assert other == ["'" + shown("Qreading")]
    [_, before] = _rows(render(GRASPING, "readings", today=DAY))
    assert before[READINGS_HEADER.index("metric")] == "'" + shown("Pmetric")


def _not_taken() -> Storyboard:
    target = TargetCondition(seq=1)
    step = Experiment(target.id, 1, TODAY, "s", "e", not_taken=payload("Nreason"))
    return Storyboard(board=Board("a", "b", "c"), targets=(target,), experiments=(step,))


def test_the_reason_a_step_was_not_taken_is_text_in_every_export() -> None:
    [_, row] = _rows(render(_not_taken(), "csv", today=TODAY))
    assert row[HEADER.index("not taken because")] == "'" + shown("Nreason")
    page = render(_not_taken(), "html", today=TODAY)
    assert f"<td>not taken: {h('Nreason')}</td>" in page
    assert "<i>Nreason" not in page and "\x1b" not in page
    markdown = render(_not_taken(), "md", today=TODAY)
    assert f"not taken: {md(shown('Nreason'), at_start=False)}" in markdown
    assert "\x1b" not in markdown


# -- the printed sheet: the process analysis and earlier versions ----------------------


@pytest.fixture(scope="module")
def sheet() -> str:
    return render(GRASPING, "html", today=DAY)


def test_the_sheets_process_analysis_shows_each_field_escaped(sheet: str) -> None:
    table = sheet[sheet.index("<th>Waits</th>") :]
    cells = re.findall(r"<td>(.*?)</td>", table[: table.index("</table>")])
    assert (cells[1], cells[5]) == (h("Pstep"), h("Pwaits"))
    assert f"<b>Steps:</b> [{h('Pstep')}] &gt; ({h('Pwaits')})</p>" in sheet
    assert f"<h3>Cycle times: {h('Pwhat')}, 2026-10-01 09:00: 1 cycles," in sheet
    assert f'<p class="note">* cycle 1: {h("Pnote")}</p>' in sheet
    assert f"<p>Demand 450 per {h('Pperiod')}: 480 min" in sheet
    assert f"<b>Outcome so far, {h('Pmetric')}:</b> 41 on 2026-10-01" in sheet
    assert f'aria-label="run chart of {h("Pmetric")}"' in sheet
    assert f"<b>Learner:</b> {h('Plearner')}<" in sheet
    assert "\x1b" not in sheet and "<i>P" not in sheet


def test_an_earlier_version_of_a_field_is_escaped_on_the_sheet() -> None:
    target = TargetCondition(
        seq=1,
        pattern="now",
        earlier=(EarlierVersion("pattern", payload("Eearlier"), date(2026, 11, 20)),),
    )
    page = render(Storyboard(board=Board("a", "b", "c"), targets=(target,)), "html", today=TODAY)
    assert f"intended pattern until 2026-11-20: {h('Eearlier')}</p>" in page
    assert "<i>Eearlier" not in page and "\x1b" not in page


# -- Markdown: the process analysis ----------------------------------------------------


def test_the_markdown_process_analysis_shows_each_field_escaped() -> None:
    text = render(GRASPING, "md", today=DAY)
    assert f"| 1 | {md(shown('Pstep'))} | 30.0 s |" in text
    assert f"| {md(shown('Pwaits'))} |" in text
    assert f"\n### Cycle times: {md(shown('Pwhat'))}, 2026-10-01 09:00\n" in text
    assert f"| 1 | 31.5 s | 09:01:00 | {md(shown('Pnote'))} |" in text
    assert f"450 units per {md(shown('Pperiod'))}; available" in text
    assert f"first target condition: {md(shown('Pmetric'))} 41 (" in text
    assert text.startswith(f"# Storyboard: {md(shown('Plearner'))}\n")
    assert "\x1b" not in text and "<i>P" not in text


# -- Markdown: a closed target condition's words, earlier versions, a follower's notes --


def _closed_and_noted() -> Storyboard:
    p = payload
    target = TargetCondition(
        seq=1,
        pattern="now",
        status=TargetStatus.ACHIEVED,
        closed_on=TODAY,
        summary=p("Msummary"),
        override=p("Moverride"),
        earlier=(EarlierVersion("pattern", p("Mearlier"), date(2026, 11, 20), by=p("Mby")),),
    )
    cycle = CoachingCycle(target.id, TODAY, "tom", "lea", AT, ended=datetime(2026, 10, 1, 9, 20))
    note = CycleNote(
        cycle.id,
        p("Mnote"),
        AT,
        question="q2",
        stamp=Stamp(p("Mnoteby"), Role.SECOND_COACH, AT),
    )
    return Storyboard(board=Board("a", "b", "c"), targets=(target,), cycles=(cycle,), notes=(note,))


def test_the_markdown_shows_a_closed_targets_words_and_a_followers_notes_escaped() -> None:
    text = render(_closed_and_noted(), "md", today=TODAY)
    summary = "**What we learned on the way (summary reflection):**"
    assert f"\n{summary}\n\n{md(shown('Msummary'))}\n" in text
    assert (
        f"\nClosed as achieved although the readings missed: {md(shown('Moverride'))}\n"
    ) in text
    assert (
        f"\n- intended pattern until 2026-11-20 (replaced by {md(shown('Mby'))}): "
        f"{md(shown('Mearlier'))}\n"
    ) in text
    assert f"| {md(shown('Mnote'))} | {md(shown('Mnoteby'))} (second coach) |" in text
    assert "\x1b" not in text and "<i>M" not in text
