"""Editing every storyboard section by keyboard; each edit is saved at once."""

from __future__ import annotations

from datetime import date

from kata_tui.domain.model import ObstacleKind, ObstacleStatus
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen
from tests.conftest import TODAY


def stored(data: DataDir, slug: str = "maria"):
    return DataDir.open(data.path).load(slug)


async def open_section(pilot, tabs: int) -> BoardScreen:
    await pilot.pause()
    await pilot.press(*["tab"] * tabs)
    screen = pilot.app.screen
    assert isinstance(screen, BoardScreen)
    return screen


async def test_edit_challenge(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 0)
        await pilot.press("e")
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*" daily", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    board = stored(demo_data).board
    assert board.challenge.endswith("every day daily")
    assert board.stamp.by == "tester"


async def test_escape_cancels_without_change(demo_data, make_app):
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 1)
        await pilot.press("e", *"lost words", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    after = stored(demo_data)
    assert after.target == before.target
    assert after.revision == before.revision


async def test_edit_target_condition_and_metric(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 1)
        await pilot.press("e", *" (two shifts)", "tab", "ctrl+u", *"+1w")
        await pilot.press("tab", "tab", "tab", "ctrl+u", *"22", "ctrl+s")
        await pilot.pause()
    target = stored(demo_data).target
    assert target.pattern.endswith("(two shifts)")
    assert target.achieve_by == date(2026, 11, 30)
    assert target.outcome.target == 22
    assert [m.name for m in target.metrics] == ["changeover time", "steps done to standard"]


async def test_bad_date_in_form_keeps_it_open(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 1)
        await pilot.press("e", "tab", "ctrl+u", *"someday", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
    assert stored(demo_data).target.achieve_by == date(2026, 12, 14)


async def test_edit_actual_condition_and_add_reading(demo_data, make_app):
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 2)
        await pilot.press("e", "ctrl+a", "ctrl+k", *"New actual", "ctrl+s")
        await pilot.pause()
        # value, date, time of day (none), metric (the outcome's, offered first)
        await pilot.press("r", *"27.5", "enter", "ctrl+u", *"yesterday", "enter", "enter")
        await pilot.press("enter")
        await pilot.pause()
    story = stored(demo_data)
    assert story.target.actual_pattern.endswith("New actual")
    assert len(story.readings) == len(before.readings) + 1
    (latest,) = [r for r in story.readings if before.find(type(r), r.id) is None]
    assert (latest.day, latest.value, latest.metric) == (
        date(2026, 11, 22),
        27.5,
        "changeover time",
    )


async def test_a_reading_of_the_process_metric_with_a_time_of_day(demo_data, make_app):
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 2)
        await pilot.press("r", *"85", "enter", "enter", *"9:30", "enter")
        await pilot.press("ctrl+u", *"steps", "ctrl+s")  # the start of its name is enough
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    story = stored(demo_data)
    (new,) = [r for r in story.readings if before.find(type(r), r.id) is None]
    assert (new.metric, new.value, new.day, new.time) == (
        "steps done to standard",
        85,
        TODAY,
        "09:30",
    )
    assert new.seq == before.next_reading_seq()  # entered last: the latest of its day


async def test_a_reading_of_no_metric_of_the_target_is_refused(demo_data, make_app):
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 2)
        await pilot.press("r", *"3", "enter", "enter", *"25:00", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        errors = [str(e.render()) for e in app.screen.query(".form-error") if e.display]
        assert errors == ["not a time of day: '25:00' (try 14:00 or 9:30)"]
        await pilot.press("ctrl+u", "enter", "ctrl+u", *"scrap", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        errors = [str(e.render()) for e in app.screen.query(".form-error") if e.display]
        assert errors == ["not a metric of the target condition: 'scrap'"]
    assert stored(demo_data).readings == before.readings


async def test_correct_a_reading_metric_and_time(demo_data, make_app):
    before = demo_data.load("maria").readings_for()[-1]
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 2)
        await pilot.press("enter", "enter", "enter", *"7:15", "enter")  # value, date kept
        await pilot.press("ctrl+u", *"steps done to standard", "ctrl+s")
        await pilot.pause()
    after = stored(demo_data).find(type(before), before.id)
    assert (after.value, after.day, after.time, after.metric) == (
        before.value,
        before.day,
        "07:15",
        "steps done to standard",
    )
    assert after.seq == before.seq  # a correction keeps its place in the order of entry


async def test_edit_reading(demo_data, make_app):
    before = demo_data.load("maria").readings_for()[-1]
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 2)
        await pilot.press("enter", "ctrl+u", *"30", "ctrl+s")  # starts on the value
        await pilot.pause()
    after = stored(demo_data).find(type(before), before.id)
    assert after.value == 30 and after.day == before.day


async def test_obstacles_add_pick_and_clear(demo_data, make_app):
    before = demo_data.load("maria").obstacles_for()
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 3)
        await pilot.press("a", *"Shims missing", "enter", "ctrl+u", *"impl", "enter", "enter")
        await pilot.pause()
        await pilot.press("down", "w")  # work on obstacle 2
        await pilot.pause()
        await pilot.press("up", "x")  # clear obstacle 1
        await pilot.pause()
    story = stored(demo_data)
    obstacles = story.obstacles_for()
    added = [o for o in obstacles if o.text == "Shims missing"]
    assert len(added) == 1 and added[0].kind is ObstacleKind.IMPLEMENTATION
    assert added[0].added == TODAY and added[0].status is ObstacleStatus.PARKED
    assert story.working_obstacle().id == before[1].id
    assert story.find(type(before[0]), before[0].id).status is ObstacleStatus.CLEARED


async def test_edit_obstacle_text(demo_data, make_app):
    first = demo_data.load("maria").obstacles_for()[0]
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 3)
        await pilot.press("e", *" (all dies)", "ctrl+s")
        await pilot.pause()
    assert stored(demo_data).find(type(first), first.id).text == first.text + " (all dies)"


async def test_experiments_add_and_edit(demo_data, make_app):
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 4)
        await pilot.press("e", "tab", "tab", *"It worked", "ctrl+s")  # step 1: what happened
        await pilot.pause()
        # step 4, the open one, gets its result: only then may a new step be added
        await pilot.press("down", "down", "down", "e", "tab", "tab", *"4 min", "tab")
        await pilot.press(*"Shims first", "ctrl+s")
        await pilot.pause()
        await pilot.press("a", *"Try a shim rack", "enter", *"Shims found in 1 min", "ctrl+s")
        await pilot.pause()
    story = stored(demo_data)
    new = story.last_experiment()
    assert new.number == before.next_experiment_number()
    assert (new.step, new.expected, new.day) == ("Try a shim rack", "Shims found in 1 min", TODAY)
    assert new.obstacle_id == before.working_obstacle().id
    first = story.experiments_for()[0]
    assert first.happened == before.experiments_for()[0].happened + "It worked"


async def test_follow_mode_is_read_only(demo_data, make_app):
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria", follow=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 0)
        await pilot.press("e", "c")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.card.position == ""
    assert stored(demo_data).revision == before.revision


async def test_tabbing_to_a_section_shows_its_title(demo_data, make_app):
    """At 80x24 the storyboard scrolls: a section reached by Tab shows its title,
    so the learner sees what is focused: nothing is cut off unreadably."""
    app = make_app(demo_data, board="aisha")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(4):  # target, current condition, obstacles, experiments
            await pilot.press("tab")
            await pilot.pause()
            await pilot.pause()
            section = app.focused
            storyboard = app.screen.query_one("#storyboard")
            top = section.virtual_region.y
            assert storyboard.scroll_y <= top < storyboard.scroll_y + storyboard.size.height


async def test_adding_to_a_board_without_target_says_to_set_one_first(
    data, clock, make_app, notices
):
    from kata_tui.domain.model import Board, Role
    from kata_tui.domain.storyboard import Storyboard
    from kata_tui.store.board_file import Editor

    data.create(
        Storyboard(board=Board("lea", "tom", "Ship every order on time")),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="lea",
    )
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        # the actual pattern, an obstacle, a step (a reading is of the outcome before
        # the first target condition: tests/ui/test_process_analysis.py)
        for presses, key in ((2, "e"), (3, "a"), (4, "a")):
            board.sections[0].focus()
            await pilot.press(*["tab"] * presses, key)
            await pilot.pause()
            assert app.screen is board  # no form opened
        assert notices.count("Set a target condition first (e on Target condition).") == 3


async def test_the_reading_form_starts_on_the_value(demo_data, make_app):
    """The value is what a reading is for; today's date is right most of the time."""
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 2)
        await pilot.press("r", *"27.5", "ctrl+s")
        await pilot.pause()
    story = stored(demo_data)
    assert len(story.readings) == len(before.readings) + 1
    latest = story.readings_for()[-1]
    assert (latest.day, latest.value) == (TODAY, 27.5)


async def test_a_form_refused_as_a_whole_stays_open_with_what_was_typed(demo_data, make_app):
    before = demo_data.load("maria").target
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, 1)
        await pilot.press("e", *" (two shifts)", "tab", "tab", "ctrl+u")
        await pilot.press(*"steps done to standard", "ctrl+s")  # the process metric's name
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        errors = [str(e.render()) for e in form.query(".form-error") if e.display]
        assert errors == ["two metrics named 'steps done to standard': readings are kept by name"]
        assert form.values()["pattern"].endswith("(two shifts)")
        await pilot.press("ctrl+u", *"changeover time", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    target = stored(demo_data).target
    assert target.pattern == before.pattern + " (two shifts)"
