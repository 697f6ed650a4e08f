"""The printed sheet of a board grasping the current condition: its limits and its footer."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from kata_tui.domain.model import TargetCondition
from kata_tui.domain.process import Mark, Observation, ProcessStep
from kata_tui.export.formats import render
from tests.export.grasping import DAY, grasping_board

AT = datetime(2026, 10, 1, 9, 0)


def test_the_block_diagram_is_cut_at_600_characters_with_the_mark() -> None:
    name = "S" * 599  # "[" + name + "]" is 601 characters: one too many
    story = replace(grasping_board(), steps=(ProcessStep(DAY, 1, name),))
    page = render(story, "html", today=DAY)
    assert f'<p class="text"><b>Steps:</b> [{"S" * 598}~</p>' in page
    shorter = replace(story, steps=(ProcessStep(DAY, 1, name[:-1]),))  # 600: shown whole
    assert f"<b>Steps:</b> [{'S' * 598}]</p>" in render(shorter, "html", today=DAY)


def test_what_was_observed_is_cut_at_80_characters_in_its_heading() -> None:
    seen = Observation(DAY, "W" * 100, AT, marks=(Mark(60.0, AT.replace(minute=1)),))
    page = render(replace(grasping_board(), observations=(seen,)), "html", today=DAY)
    assert f"<h3>Cycle times: {'W' * 79}~, 2026-10-01 09:00: 1 cycles," in page
    empty = replace(seen, what="E" * 81, marks=())
    page = render(replace(grasping_board(), observations=(empty,)), "html", today=DAY)
    assert f"<h3>Cycle times: {'E' * 79}~, 2026-10-01 09:00</h3><p>No cycles marked.</p>" in page


def test_the_footer_of_a_grasping_sheet_counts_cycles_and_names_no_analysis_elsewhere() -> None:
    page = render(grasping_board(), "html", today=DAY)
    assert '<div class="footer"><span>0 coaching cycles</span>' in page
    assert "all of it in the Markdown export" not in page  # it is on this very sheet
    with_target = grasping_board().with_record(TargetCondition(seq=1))
    assert (
        '<div class="footer"><span>0 coaching cycles; Process analysis: planned cycle time '
        "60.0 s, 4 steps, 8 observations (all of it in the Markdown export)</span>"
    ) in render(with_target, "html", today=DAY)
