"""A whole coaching cycle by keyboard, asserting what the store holds afterwards."""

from __future__ import annotations

from datetime import date

from kata_tui.domain.model import Board, ObstacleKind, ObstacleStatus, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.confirm import ConfirmScreen
from kata_tui.ui.screens.cycle_choice import CycleChoiceScreen
from kata_tui.ui.screens.form import FormScreen
from tests.conftest import TODAY


class Keys:
    """Presses keys and counts those that are not typed text."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.count = 0

    async def press(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)


async def test_full_cycle_on_fresh_board_within_key_budget(data, clock, make_app, tmp_path):
    data.create(
        Storyboard(
            board=Board("lea", "tom", "Ship every order on time"),
            targets=(TargetCondition(seq=1),),  # as the new-board form makes it
        ),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="lea",
    )
    app = make_app(data, board="lea", user="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        keys = Keys(pilot)
        await keys.press("c")
        await keys.type("Orders packed in 2 hours")  # q1
        await keys.press("enter")
        await keys.type("Packing takes 4 hours")  # q2
        await keys.press("enter")
        await keys.press("enter", "enter", "enter", "enter")  # R1-R4: no step yet
        await keys.type("Labels printed late")  # q3
        await keys.press("enter")
        await keys.type("Print labels at 6:00")  # q4 step
        await keys.press("enter")
        await keys.type("Labels ready at 6:30")  # q4 expectation
        await keys.press("enter")
        await keys.type("tomorrow")  # q5, then the end-of-cycle form opens
        await keys.press("enter")
        await pilot.pause()
        await keys.type("Let her find the obstacle")
        await keys.press("ctrl+s")
        await pilot.pause()
        assert keys.count <= 25
        assert app.screen.card.position == ""

    story = DataDir.open(data.path).load("lea")
    target = story.target
    assert target.pattern == "Orders packed in 2 hours"
    assert target.actual_pattern == "Packing takes 4 hours"
    assert target.next_go_see == date(2026, 11, 24)
    (obstacle,) = story.obstacles_for()
    assert obstacle.text == "Labels printed late"
    assert obstacle.status is ObstacleStatus.WORKING
    (step,) = story.experiments_for()
    assert (step.number, step.step, step.expected) == (
        1,
        "Print labels at 6:00",
        "Labels ready at 6:30",
    )
    assert step.obstacle_id == obstacle.id and step.day == TODAY
    (cycle,) = story.cycles
    assert not cycle.running
    assert cycle.minutes == 0
    assert cycle.reflection == "Let her find the obstacle"
    assert (cycle.coach, cycle.learner, cycle.day) == ("tom", "lea", TODAY)
    assert [a.key for a in cycle.answers] == ["q1", "q2", "q3", "q4", "q5"]
    assert {a.by for a in cycle.answers} == {"lea"}
    assert cycle.answer("q4") == "Print labels at 6:00\nexpect: Labels ready at 6:30"
    assert cycle.stamp.by == "lea" and cycle.stamp.role is Role.LEARNER


async def test_cycle_on_demo_board_reflects_and_reads(demo_data, make_app):
    before = demo_data.load("maria")
    threshold = before.threshold()
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "enter")  # q1: keep the target
        await pilot.press("enter")  # q2: keep the actual condition, go to the reading
        await pilot.press(*"24.5", "enter")
        # q2 asks the other metric in turn, on its own line: a value and a time of day
        context = str(app.screen.card.query_one("#card-context").render())
        assert context.startswith("Reading 2 of 2: steps done to standard, %; target 90")
        assert app.screen.card.position == "q2"
        await pilot.press(*"85 14:30", "enter")
        await pilot.press("enter", "enter")  # R1, R2
        await pilot.press("ctrl+u", *"Clamping took 4 min", "enter")  # R3
        await pilot.press("ctrl+u", *"Shims belong with the die", "enter")  # R4
        await pilot.press(*"3", "enter")  # q3: work on obstacle 3
        await pilot.press(*"Label each shim", "enter", *"No wrong shim", "enter")
        await pilot.press(*"fri", "enter")
        await pilot.pause()
        await pilot.press("escape")  # the end form: cancel keeps the cycle running
        await pilot.pause()
        assert app.screen.card.position == "q5"
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

    story = DataDir.open(demo_data.path).load("maria")
    reflected = story.find(type(threshold), threshold.id)
    assert (reflected.happened, reflected.learned) == (
        "Clamping took 4 min",
        "Shims belong with the die",
    )
    assert story.latest_reading().value == 24.5
    assert story.latest_reading().day == TODAY
    (done,) = [r for r in story.readings_for() if r.metric == "steps done to standard"]
    assert (done.value, done.day, done.time) == (85, TODAY, "14:30")
    picked = before.obstacles_for()[2]
    assert story.working_obstacle().id == picked.id
    assert [o.status for o in story.obstacles_for()].count(ObstacleStatus.WORKING) == 1
    new = story.last_experiment()
    assert (new.step, new.expected, new.obstacle_id) == (
        "Label each shim",
        "No wrong shim",
        picked.id,
    )
    assert story.target.next_go_see == date(2026, 11, 27)
    cycle = story.last_cycle()
    assert cycle.day == TODAY and cycle.answer("r3") == "Clamping took 4 min"
    assert story.running_cycle() is None
    # each reading is in the cycle record with what it meant
    assert [(a.text, a.meaning) for a in cycle.answers if a.key == "q2"] == [
        ("reading: 24.5", "reading 24.5 min on 2026-11-23"),
        (
            "reading steps done to standard: 85 14:30",
            "reading steps done to standard 85 % on 2026-11-23 14:30",
        ),
    ]


async def test_previous_and_next_keys_move_and_save_position(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "pagedown", "pagedown", "pagedown", "pageup")
        await pilot.pause()
        screen = app.screen
        assert screen.card.position == "r1"
        asked = [s for s in screen.sections if s.asked]
        assert [s.SECTION for s in asked] == ["experiments"]
        story = DataDir.open(demo_data.path).load("maria")
        assert story.running_cycle().position == "r1"


async def test_bad_date_keeps_text_and_question(demo_data, make_app, notices):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *["pagedown"] * 8)
        assert app.screen.card.position == "q5"
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        assert app.screen.card.position == "q5"
        assert app.screen.card.texts()[0] == "someday"
        assert any("not a date" in m for m in notices)
    assert DataDir.open(demo_data.path).load("maria").target.next_go_see == date(2026, 11, 24)


async def test_step_not_taken_in_one_key(demo_data, make_app):
    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "pagedown", "pagedown", "ctrl+o")
        await pilot.pause()
        await pilot.press(*"Die 7 at the toolmaker", "ctrl+s")  # ctrl+o asks why
        await pilot.pause()
    story = DataDir.open(demo_data.path).load("maria")
    added = [o for o in story.obstacles_for() if o.id not in {x.id for x in before.obstacles}]
    assert len(added) == 1 and added[0].kind is ObstacleKind.IMPLEMENTATION
    step = story.find(type(before.threshold()), before.threshold().id)
    assert step.not_taken and not step.is_open and added[0].step_id == step.id


async def test_quit_with_answer_typed_asks_first(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "pagedown", *"not yet entered", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, CycleChoiceScreen)  # the cycle first: pause or end
        await pilot.press("escape", "ctrl+q", "p")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # then the text not entered
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.card.texts()[0].endswith("not yet entered")


async def test_quit_mid_cycle_without_typing_asks_only_about_the_cycle(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "pagedown", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, CycleChoiceScreen)
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.return_code == 0
    cycle = DataDir.open(demo_data.path).load("maria").running_cycle()
    assert cycle is not None and cycle.paused and cycle.driver is None


async def test_escape_at_the_reflection_then_e_edits_the_step_reflected_on(demo_data, make_app):
    story = demo_data.load("maria")
    step = story.threshold() or story.last_experiment()
    assert step is not None and step.id != story.experiments_for()[0].id
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "pagedown", "pagedown")  # R1: what was your last step?
        await pilot.press("escape", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["step"] == step.step


async def test_text_typed_before_the_screen_moves_on_goes_to_the_next_answer(demo_data, make_app):
    """A quick typist (or a laggy SSH link) sends the next answer before the screen
    has handled Enter: it must land in the next answer, not be lost or mixed in."""
    step = demo_data.load("maria").threshold()
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *["pagedown"] * 4)  # R3: what actually happened?
        await pilot.pause()
        screen = app.screen
        assert screen.card.position == "r3"
        answer = screen.card.query_one("#answer")
        answer.value = "Cart came late"
        answer.cursor_position = len(answer.value)
        await answer.action_submit()  # Enter, not handled yet ...
        answer.insert_text_at_cursor("Call the forklift first")  # ... when this arrives
        await pilot.pause()
        assert screen.card.position == "r4"
        assert screen.card.texts()[0] == "Call the forklift first"
        await pilot.press("enter")
        await pilot.pause()
    stored = DataDir.open(demo_data.path).load("maria").find(type(step), step.id)
    assert stored.happened == "Cart came late"
    assert stored.learned == "Call the forklift first"


async def test_enter_pressed_again_before_the_screen_moved_on_answers_once(demo_data, make_app):
    before = len(demo_data.load("maria").readings)
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", "enter", "enter", *"25.5")  # q2, on the reading line
        await pilot.pause()
        reading = app.screen.card.query_one("#second")
        await reading.action_submit()
        await reading.action_submit()  # a second Enter, before the first is handled
        await pilot.pause()
        assert app.screen.card.position == "q2"  # asking the process metric's reading
        await pilot.press("enter")  # skipped
        await pilot.pause()
        assert app.screen.card.position == "r1"
    readings = DataDir.open(demo_data.path).load("maria").readings
    assert len(readings) == before + 1
