"""The board picker / coach dashboard, driven with the keyboard alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from textual.widgets import Input, OptionList, Static

from kata_tui.domain.demo import demo_boards
from kata_tui.domain.model import Better, Board, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.summary import SORTS
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens import board_list
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.confirm import ConfirmScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.widgets.board_table import BoardTable
from tests.conftest import TODAY


def rows(app) -> list[str]:
    return app.screen.query_one("#boards", BoardTable).slugs


def cell(app, slug: str, column: str) -> str:
    return app.screen.query_one("#boards", BoardTable).cell_text(slug, column)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_empty_directory_says_press_n(data, make_app):
    app = make_app(data)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, BoardListScreen)
        assert "Press n to create the first storyboard" in text_of(app, "#empty")


async def test_create_board_end_to_end(data, make_app):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, FormScreen)
        for text in (
            "Ann [bold]",
            "Tom",
            "Pack line 3 at takt",
            "line 3 packing",
            "Boxes taped before the scan",
            "+4w",
            "pack time",
            "s",
            "42,5",
        ):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.press("enter")  # "Better is: lower" as offered
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        slug = app.screen.session.slug

    fresh = DataDir.open(data.path, create=False)
    assert fresh.slugs() == [slug] == ["ann-bold"]
    story = fresh.load(slug)
    assert story.board.learner == "Ann [bold]"
    assert story.board.coach == "Tom"
    assert story.board.challenge == "Pack line 3 at takt"
    assert story.board.focus_process == "line 3 packing"
    target = story.target
    assert target is not None and target.seq == 1
    assert target.pattern == "Boxes taped before the scan"
    assert target.achieve_by == TODAY + timedelta(weeks=4)
    (metric,) = target.metrics
    assert (metric.name, metric.unit, metric.target, metric.better) == (
        "pack time",
        "s",
        42.5,
        Better.LOWER,
    )
    assert story.board.stamp is not None and story.board.stamp.by == "tester"


async def test_new_board_bad_date_keeps_form_and_text(data, make_app):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        for text in ("Ann", "Tom", "Pack line 3", "", "pattern", "someday"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        errors = [str(e.content) for e in form.query(".form-error") if e.display]
        assert len(errors) == 1 and "not a date: 'someday'" in errors[0]
        assert form.values()["learner"] == "Ann"
        assert data.slugs() == []
        # focus went back to the bad field: fix it and save
        await pilot.press("ctrl+u", *"fri", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    story = DataDir.open(data.path).load("ann")
    assert story.target is not None and story.target.achieve_by == TODAY + timedelta(days=4)


async def test_a_new_board_may_leave_the_target_condition_for_later(data, make_app):
    """Challenge and focus process first; no target condition typed: the board starts
    grasping the current condition, with no empty target condition made."""
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        for text in ("Ann", "Tom", "Pack line 3 at takt", "line 3 packing"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert "[grasping the current condition]" in app.screen.sub_title
    story = DataDir.open(data.path).load("ann")
    assert story.board.focus_process == "line 3 packing"
    assert story.targets == ()


async def test_new_board_needs_a_learner(data, make_app):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        errors = [str(e.content) for e in app.screen.query(".form-error") if e.display]
        assert "the learner's name is needed" in errors
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
    assert DataDir.open(data.path).slugs() == []


async def test_escape_on_new_board_saves_nothing(data, make_app):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Ann", "enter", *"Tom", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
    assert DataDir.open(data.path).slugs() == []


async def test_lists_every_board_with_its_columns(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(120, 40)):
        assert sorted(rows(app)) == ["aisha", "jonas", "ken", "maria"]
        story = demo_data.load("maria")
        assert cell(app, "maria", "learner") == "maria"
        assert cell(app, "maria", "coach") == story.board.coach
        assert cell(app, "maria", "experiments") == str(len(story.experiments))
        target = story.target
        assert target is not None and target.achieve_by is not None
        assert cell(app, "maria", "due") == f"{(target.achieve_by - TODAY).days}d"
        assert cell(app, "maria", "target").startswith(target.pattern[:10])


async def test_overdue_go_see_is_marked_in_text(demo_data, make_app, clock):
    story = demo_data.load("ken")
    target = story.target
    assert target is not None
    late = replace(target, next_go_see=TODAY - timedelta(days=3))
    demo_data.board("ken").commit([late], Editor("tom", Role.COACH), clock.now())
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)):
        assert cell(app, "ken", "go_see") == "! 20 Nov"
        assert rows(app)[0] == "ken"  # overdue first in the default order
        assert "! 2026-11-20 overdue" in text_of(app, "#details")


async def test_sorting_by_column_and_reverse(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        experiments = {s: len(demo_data.load(s).experiments) for s in demo_data.slugs()}
        # cycle the sort column round to "Exp"
        keys = [c.key for c in board_list.COLUMNS]
        steps = (keys.index("experiments") - keys.index(board_list.DEFAULT_SORT)) % len(keys)
        await pilot.press(*["s"] * steps)
        assert rows(app) == sorted(experiments, key=experiments.get)
        assert "sorted by experiments" in text_of(app, "#status")
        await pilot.press("S")
        assert rows(app) == sorted(experiments, key=experiments.get, reverse=True)
        assert "(reversed)" in text_of(app, "#status")
        await pilot.press("s")  # on to the cadence: days since the last cycle
        assert "sorted by days since the last cycle" in text_of(app, "#status")
        sorts = list(SORTS)
        await pilot.press(*["s"] * (len(sorts) - sorts.index("since")))
        assert rows(app) == ["aisha", "jonas", "ken", "maria"]  # round to the learner


async def test_filter_by_coach_cycles(demo_data, make_app):
    coaches = {s: demo_data.load(s).board.coach for s in demo_data.slugs()}
    names = sorted(set(coaches.values()))
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        for name in names:
            await pilot.press("C")
            assert sorted(rows(app)) == sorted(s for s, c in coaches.items() if c == name)
            assert f"coach: {name}" in text_of(app, "#status")
        await pilot.press("C")
        assert len(rows(app)) == 4
        await pilot.press("C", "escape")
        assert len(rows(app)) == 4


async def test_filter_by_learner_text_and_key(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"jon")
        assert rows(app) == ["jonas"]
        await pilot.press("enter")  # back to the list, filter kept
        assert isinstance(app.focused, BoardTable)
        assert rows(app) == ["jonas"]
        await pilot.press("escape")
        assert len(rows(app)) == 4
        await pilot.press("L")
        assert rows(app) == ["aisha"]
        await pilot.press("L")
        assert rows(app) == ["jonas"]
        await pilot.press("slash", *"nobody")
        assert rows(app) == []
        assert "No board matches" in text_of(app, "#empty")


async def test_filter_text_matches_coach(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"LENA", "enter")
        lena = [s for s in demo_data.slugs() if demo_data.load(s).board.coach == "lena"]
        assert sorted(rows(app)) == lena


async def test_enter_opens_the_highlighted_board(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        second = rows(app)[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.slug == second


async def test_f_follows_the_highlighted_board(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        first = rows(app)[0]
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.slug == first
        assert app.screen.follow


async def test_c_starts_a_cycle_on_the_highlighted_board_as_on_a_board(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        second = rows(app)[1]
        await pilot.press("down", "c")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.slug == second
        assert not app.screen.follow
        running = demo_data.load(second).running_cycle()
        assert running is not None and running.position == "q1"
        assert isinstance(app.focused, Input) and app.focused.id == "answer"


async def test_list_refreshes_when_coming_back(demo_data, make_app, clock):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        other = DataDir.open(demo_data.path)
        other.create(
            Storyboard(board=Board("zoe", "tom", "Paint shop"), targets=(TargetCondition(1),)),
            Editor("tom", Role.COACH),
            clock.now(),
        )
        app.pop_screen()
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        assert "zoe" in rows(app)


async def test_list_follows_the_directory(demo_data, make_app, clock, monkeypatch):
    monkeypatch.setattr(board_list, "POLL_SECONDS", 0.05)
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "zoe" not in rows(app)
        other = DataDir.open(demo_data.path)
        other.create(
            Storyboard(board=Board("zoe", "tom", "Paint shop"), targets=(TargetCondition(1),)),
            Editor("tom", Role.COACH),
            clock.now(),
        )
        for _ in range(40):
            await pilot.pause(0.05)
            if "zoe" in rows(app):
                break
        assert "zoe" in rows(app)


def _break(data: DataDir, slug: str, clock) -> None:
    """Save once (so a last good copy exists), then garble the file."""
    story = data.load(slug)
    data.board(slug).commit(
        [replace(story.board, focus_process="checked")], Editor("tom", Role.COACH), clock.now()
    )
    data.board(slug).path.write_text('{"_meta": {"1": {"revision": ', encoding="utf-8")


async def test_broken_file_is_shown_and_restored(demo_data, make_app, clock):
    _break(demo_data, "maria", clock)
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "maria" not in rows(app)
        problems = app.screen.query_one("#problems", OptionList)
        assert problems.display and problems.option_count == 1
        line = str(problems.get_option_at_index(0).prompt)
        assert line.startswith("! maria.json: ")
        assert "press R to restore the last good copy" in line
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        assert "maria" in rows(app)
        assert not app.screen.query_one("#problems", OptionList).display

    fresh = DataDir.open(demo_data.path)
    assert fresh.load("maria").board.focus_process != "checked"  # the copy before the save
    aside = [p.name for p in fresh.path.iterdir() if p.name.startswith("maria.json.broken")]
    assert len(aside) == 1


async def test_board_broken_past_its_head_line_is_not_opened(demo_data, make_app, clock):
    _break(demo_data, "maria", clock)
    board = demo_data.board("maria")
    path = board.path
    good_head = board.previous_path.read_text(encoding="utf-8").splitlines(True)[0]
    path.write_text(good_head + '"experiments": {"1": [[[\n}\n', encoding="utf-8")
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "maria" in rows(app)  # its head line reads fine
        while app.screen.selected_slug() != "maria":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        problems = app.screen.query_one("#problems", OptionList)
        line = str(problems.get_option_at_index(0).prompt)
        assert line.startswith("! maria.json: not valid JSON")
        await pilot.press("R", "y")
        await pilot.pause()
        assert not app.screen.query_one("#problems", OptionList).display
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.session.slug == "maria"


async def test_restore_can_be_declined(demo_data, make_app, clock):
    _break(demo_data, "maria", clock)
    broken = demo_data.board("maria").path.read_bytes()
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("R", "n")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
        assert "maria" not in rows(app)
    assert demo_data.board("maria").path.read_bytes() == broken


async def test_broken_file_without_copy_says_so(data, make_app):
    data.path.joinpath("odd.json").write_text("not json at all", encoding="utf-8")
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        problems = app.screen.query_one("#problems", OptionList)
        line = str(problems.get_option_at_index(0).prompt)
        assert line.startswith("! odd.json: ") and "no last good copy" in line
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
    assert data.path.joinpath("odd.json").read_text(encoding="utf-8") == "not json at all"


async def test_user_text_is_shown_literally(data, make_app, clock):
    story = Storyboard(
        board=Board("[b]e[/b]", "x\x1b[3m", "$(rm -rf /) [link=x]y[/link]"),
        targets=(TargetCondition(1, pattern="[red]p[/red]"),),
    )
    data.create(story, Editor("t", Role.COACH), clock.now(), slug="eve")
    app = make_app(data)
    async with app.run_test(size=(120, 40)):
        assert cell(app, "eve", "learner") == "[b]e[/b]"
        assert cell(app, "eve", "coach") == "x^[[3m"
        assert cell(app, "eve", "challenge").startswith("$(rm -rf /) [link=x]")
        assert "[red]p[/red]" in text_of(app, "#details")


# -- snapshots -----------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_picker(snap_compare, demo_data, make_app, size):
    assert snap_compare(make_app(demo_data), terminal_size=size)


def test_snapshot_new_board_form(snap_compare, demo_data, make_app):
    assert snap_compare(make_app(demo_data), terminal_size=(80, 24), press=["n", *"Ann"])


def test_demo_boards_cover_both_coaches():
    # the coach-filter test above needs more than one coach in the sample plant
    assert len({s.board.coach for s in demo_boards(TODAY)}) > 1


async def test_the_filter_line_shows_what_is_typed(demo_data, make_app):
    """The filter's input takes the row beside its label (it was squeezed to one cell)."""
    from textual.widgets import Input

    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"jon")
        await pilot.pause()
        line = app.screen.query_one("#filter-row Input", Input)
        assert line.region.width == 80 - 2 - len("Filter: ")
        assert line.value == "jon"


async def test_a_passed_achieve_by_date_is_worded_as_on_the_board_and_in_exports(
    demo_data, make_app, clock
):
    from kata_tui.export.formats import render

    story = demo_data.load("ken")
    target = story.target
    assert target is not None
    late = replace(target, achieve_by=TODAY - timedelta(days=3))
    demo_data.board("ken").commit([late], Editor("tom", Role.COACH), clock.now())
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.screen.query_one("#boards", BoardTable).cursor_slug != "ken":
            await pilot.press("down")
        assert cell(app, "ken", "due") == "!-3d"
        assert "(by 2026-11-20, ! 3 days overdue)" in text_of(app, "#details")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        from tests.ui.test_board_screen_live import body_text

        assert "(! 3 days overdue)" in body_text(app.screen, "target")
    markdown = render(demo_data.load("ken"), "md", today=TODAY)
    assert "(! 3 days overdue)" in markdown


async def test_better_is_a_choice_of_two_and_enter_goes_through(data, make_app):
    """'Better is' offers higher and lower as a Select (no free text to mistype)."""
    from textual.widgets import Select

    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        for text in ("Ann", "Tom", "Pack line 3", "", "", "", "pack time", "s", "40"):
            await type_text(pilot, text)
            await pilot.press("enter")
        better = app.screen.focused
        assert isinstance(better, Select)
        assert better.value == "lower"
        await pilot.press("down")  # opens the choices
        await pilot.pause()
        await pilot.press("down", "enter")  # higher
        await pilot.pause()
        assert better.value == "higher"
        await pilot.press("enter")  # the last field: saves, as the other fields' Enter
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        slug = app.screen.session.slug
    (metric,) = DataDir.open(data.path, create=False).load(slug).target.metrics
    assert metric.better == Better.HIGHER
