"""TWI Job Relations' step 4, check results, by keys: the board shows the open
follow-up, `F` marks it checked with what the check showed, and it is no longer
due on the board or the dashboard; the check is kept in the record, history,
the Markdown export and a JSON export imported elsewhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kata_tui.domain.history import history
from kata_tui.domain.model import Board, CoachingCycle, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from kata_tui.export.importer import import_file
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen
from tests.conftest import TODAY
from tests.ui.screen_text import screen_grid

SETUP = Editor("setup", Role.COACH)
DUE = date(2026, 11, 21)  # two days before TODAY: overdue


def board_with_a_follow_up(data: DataDir, clock) -> CoachingCycle:
    target = TargetCondition(seq=1)
    cycle = CoachingCycle(
        target.id,
        date(2026, 11, 14),
        "tom",
        "lea",
        datetime(2026, 11, 14, 9),
        ended=datetime(2026, 11, 14, 9, 20),
        card="twi-job-relations",
        follow_up=DUE,
    )
    story = Storyboard(
        board=Board("lea", "tom", "Ship every order on time"),
        targets=(target,),
        cycles=(cycle,),
    )
    data.create(story, SETUP, clock.now(), slug="lea")
    return cycle


def details(app) -> str:
    return str(app.screen.query_one("#details").content)


async def test_f_marks_the_follow_up_checked_and_it_is_no_longer_due(
    data, clock, make_app, tmp_path, notices
) -> None:
    cycle = board_with_a_follow_up(data, clock)
    app = make_app(data, user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        assert "Follow-up due: ! 2026-11-21 overdue" in details(app)
        await pilot.press("enter")  # open the board
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        shown = "\n".join(screen_grid(app))
        assert "Follow-up: 21 Nov, ! 2 days overdue" in shown
        assert "(F: checked)" in shown
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "Follow-up of 2026-11-21 checked" in "\n".join(screen_grid(app))
        await pilot.press("ctrl+s")  # what the check showed is required
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Swaps agreed; Ana no longer covers", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "Follow-up" not in "\n".join(screen_grid(app))
        assert "Follow-up of 2026-11-21 checked" in notices, notices
        await pilot.press("F")  # nothing open: the key does nothing
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        assert "Follow-up" not in details(app)

    story = DataDir.open(data.path).load("lea")
    (saved,) = story.cycles
    assert saved.follow_up == DUE
    assert saved.follow_up_checked == TODAY
    assert saved.follow_up_result == "Swaps agreed; Ana no longer covers"
    assert replace(saved, follow_up_checked=None, follow_up_result="", rev=0, stamp=None) == (
        replace(cycle, rev=0, stamp=None)
    )
    assert saved.stamp is not None and (saved.stamp.by, saved.stamp.role) == ("tom", Role.COACH)

    lines = {(line.label, line.text) for entry in history(story) for line in entry.lines}
    assert ("Follow-up checked 2026-11-23", "Swaps agreed; Ana no longer covers") in lines
    markdown = render(story, "md", today=TODAY, cards=data.cards.find)
    assert "**Follow-up checked 2026-11-23:**\n\nSwaps agreed; Ana no longer covers\n" in markdown

    path = tmp_path / "lea-export.json"
    path.write_text(render(story, "json", today=TODAY))
    other = DataDir.open(tmp_path / "other")
    slug = import_file(other, path, name=None, replace=False, editor=SETUP, at=clock.now())
    (moved,) = other.load(slug).cycles
    assert (moved.follow_up_checked, moved.follow_up_result) == (
        TODAY,
        "Swaps agreed; Ana no longer covers",
    )
    (summaries, _problems) = other.summaries()
    assert [s.next_follow_up for s in summaries] == [None]
