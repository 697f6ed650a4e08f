"""The process analysis's tables in a real board file: saved, checked, refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Board, Editor, Role
from kata_tui.domain.process import Demand, Mark, Observation, ProcessStep
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession

DAY = date(2026, 10, 1)
AT = datetime(2026, 10, 1, 9, 0)
ANA = Editor("ana", Role.LEARNER)


def _analysed_board(path: Path) -> DataDir:
    data = DataDir.open(path)
    step = ProcessStep(DAY, 1, "press", waits_after="tote of 12", machine_seconds=52.0)
    story = Storyboard(
        board=Board("ana", "ben", "one-piece flow", focus_process="press line"),
        demand=(Demand(DAY, 480.0, 450.0, 30.0, "shift"),),
        steps=(step,),
    )
    data.create(story, ANA, AT, slug="ana")
    return data


def test_a_board_with_an_analysis_and_no_target_passes_check_and_reloads(tmp_path: Path) -> None:
    data = _analysed_board(tmp_path)
    assert data.check(workers=1) == []
    story = data.load("ana")
    assert story.targets == ()
    assert story.planned_cycle_seconds == 60.0
    assert [s.name for s in story.steps_in_order()] == ["press"]


def test_each_mark_saved_is_in_the_file_for_the_next_reader(tmp_path: Path) -> None:
    data = _analysed_board(tmp_path)
    session = BoardSession(data, "ana", ANA, Clock.fixed(DAY))
    seen = Observation(DAY, "press operator", AT, step_id=session.story.steps[0].id)
    session.save(seen)
    for i, seconds in enumerate((61.2, 58.8)):
        seen = session.story.find(Observation, seen.id)
        assert seen is not None
        mark = Mark(seconds, datetime(2026, 10, 1, 9, 1 + i))
        session.save(replace(seen, marks=(*seen.marks, mark)))
        # another process reads the file afresh after every mark
        assert DataDir.open(tmp_path).load("ana").observations[0].times == [61.2, 58.8][: i + 1]
    assert data.check(workers=1) == []


def test_check_refuses_a_malformed_analysis_in_one_line(tmp_path: Path) -> None:
    data = _analysed_board(tmp_path)
    path = tmp_path / "ana.json"
    text = path.read_text()
    assert '"demand":450.0' in text
    path.write_text(text.replace('"demand":450.0', '"demand":-450.0'))
    problems = data.check(workers=1)
    assert [(p.path, p.message) for p in problems] == [
        (path, "not valid board data: demand[0].demand: negative demand")
    ]
