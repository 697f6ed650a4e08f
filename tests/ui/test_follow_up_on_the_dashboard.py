"""An open Job Relations follow-up is due on the dashboard like a go-and-see: by
keys at 80x24, the Go-see column shows whichever is due first, a follow-up
marked ``F`` (and ``!`` once past), the list sorts by that date, and once `F`
on the board marks the follow-up checked the column shows the go-and-see again."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kata_tui.domain.model import Board, CoachingCycle, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.board_table import BoardTable
from tests.conftest import TODAY
from tests.ui.screen_text import screen_grid

SETUP = Editor("setup", Role.COACH)
FOLLOW_UP = TODAY - timedelta(days=2)  # 21 Nov: overdue
LEA_GO_SEE = TODAY + timedelta(days=10)  # 3 Dec
MAX_GO_SEE = TODAY + timedelta(days=2)  # 25 Nov


def boards(data: DataDir, clock) -> None:
    """lea: go-and-see 3 Dec, a follow-up due 21 Nov; max: go-and-see 25 Nov."""
    lea_target = TargetCondition(seq=1, pattern="One piece flow", next_go_see=LEA_GO_SEE)
    follow_up = CoachingCycle(
        lea_target.id,
        date(2026, 11, 14),
        "tom",
        "lea",
        datetime(2026, 11, 14, 9),
        ended=datetime(2026, 11, 14, 9, 20),
        card="twi-job-relations",
        follow_up=FOLLOW_UP,
    )
    lea = Storyboard(
        board=Board("lea", "tom", "Ship every order on time"),
        targets=(lea_target,),
        cycles=(follow_up,),
    )
    data.create(lea, SETUP, clock.now(), slug="lea")
    max_target = TargetCondition(seq=1, pattern="Kanban", next_go_see=MAX_GO_SEE)
    other = Storyboard(board=Board("max", "tom", "No stock-outs"), targets=(max_target,))
    data.create(other, SETUP, clock.now(), slug="max")


def table(app) -> BoardTable:
    return app.screen.query_one("#boards", BoardTable)


async def test_an_open_follow_up_due_first_shows_and_sorts_in_the_go_see_column(
    data, clock, make_app
) -> None:
    boards(data, clock)
    app = make_app(data, user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        assert table(app).slugs == ["lea", "max"]  # 21 Nov before 25 Nov
        assert table(app).cell_text("lea", "go_see") == "!F 21 Nov"
        assert table(app).cell_text("max", "go_see") == "25 Nov"
        grid = "\n".join(screen_grid(app))
        assert "!F 21 Nov" in grid and "Ship every order on time" in grid
        await pilot.press("S")  # the other way round
        assert table(app).slugs == ["max", "lea"]
        await pilot.press("S")
        await pilot.press("enter")  # lea, at the top
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("F", *"Swaps agreed", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        assert table(app).slugs == ["max", "lea"]  # 25 Nov before 3 Dec
        assert table(app).cell_text("lea", "go_see") == "3 Dec"
        grid = "\n".join(screen_grid(app))
        assert "F 21 Nov" not in grid and "3 Dec" in grid
