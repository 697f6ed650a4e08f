"""A board grasping the current condition (Starter Kata): no target condition yet,
and none is made by accident; the board and the dashboard say which phase it is in."""

from __future__ import annotations

from kata_tui.domain.model import Board, Role
from kata_tui.domain.process import Demand
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.widgets.board_table import BoardTable
from tests.conftest import TODAY


def grasping_board(data: DataDir, clock) -> None:
    data.create(
        Storyboard(
            board=Board("lea", "tom", "One-piece flow on line 3", focus_process="line 3 pack"),
            demand=(Demand(TODAY, 480.0, 450.0, 30.0, "shift"),),
        ),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="lea",
    )


async def test_a_cycle_on_a_grasping_board_is_refused_and_makes_no_target(
    data, clock, make_app, notices
):
    grasping_board(data, clock)
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert "[grasping the current condition]" in board.sub_title
        target = board.sections[1].body(board.story, TODAY)
        assert "D types the customer demand, o times the process's cycles" in str(target)
        # what was found so far shows on the board too: 480 min less 30, 450 units
        assert str(target).splitlines()[-2:] == [
            "Planned cycle time 60.0 s",
            "(takt 64.0 s; 450 per shift)",
        ]
        await pilot.press("c")
        await pilot.pause()
        assert not board.cycle_id
        assert any(m.startswith("Grasping the current condition: no target") for m in notices)
    after = DataDir.open(data.path).load("lea")
    assert after.targets == () and after.cycles == ()
    assert after.revision == 1  # nothing was saved


async def test_setting_the_first_target_ends_the_grasping_phase(data, clock, make_app):
    grasping_board(data, clock)
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        board.sections[0].focus()
        await pilot.press("tab", "e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Boxes packed one by one", "ctrl+s")
        await pilot.pause()
        assert app.screen is board
        assert "grasping" not in board.sub_title
    after = DataDir.open(data.path).load("lea")
    assert [t.pattern for t in after.targets] == ["Boxes packed one by one"]


async def test_the_dashboard_shows_the_grasping_phase(data, clock, make_app):
    grasping_board(data, clock)
    app = make_app(data)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        table = app.screen.query_one("#boards", BoardTable)
        assert table.cell_text("lea", "target").startswith("(grasping the current")


async def test_demand_typed_on_the_board_gives_the_planned_cycle_time(
    data, clock, make_app, notices
):
    data.create(
        Storyboard(board=Board("ken", "tom", "Flow")), Editor("setup", Role.COACH), clock.now(),
        slug="ken",
    )  # fmt: skip
    app = make_app(data, board="ken")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        # 480 min available, 30 min planned losses, 450 units: (480 - 30) * 60 / 450 = 60 s
        await pilot.press("enter", *"480", "enter", "ctrl+u", *"30", "enter", *"450", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "Planned cycle time 60.0 s" in notices
        # no units: no planned cycle time, refused in one line, nothing saved
        await pilot.press("D", "enter", "enter", "enter", "ctrl+u", "0", "ctrl+s")
        await pilot.pause()
    (demand,) = DataDir.open(data.path).load("ken").demand
    assert (demand.available_minutes, demand.planned_losses_minutes, demand.demand) == (
        480.0,
        30.0,
        450.0,
    )
    assert demand.planned_cycle_seconds == 60.0 and demand.day == TODAY
    assert any(m.startswith("no planned cycle time") for m in notices)
