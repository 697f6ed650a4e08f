"""Two people, one cycle, driven by keys in one app while another session saves (issue 11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from textual.widgets import Input, Static

from kata_tui.domain import cycle as cycle_rules
from kata_tui.domain.clock import Clock
from kata_tui.domain.model import CoachingCycle, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.cycle_choice import CycleChoiceScreen


def _coach(data: DataDir, clock: Clock, user: str = "tom") -> BoardSession:
    return BoardSession(DataDir.open(data.path), "maria", Editor(user, Role.COACH), clock)


def _context(screen: BoardScreen) -> str:
    return str(screen.card.query_one("#card-context", Static).render())


async def test_follower_shows_each_answer_and_saves_its_own_note(demo_data, clock, make_app):
    app = make_app(demo_data, board="maria", follow=True, role=Role.SECOND_COACH, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        coach = _coach(demo_data, clock)
        coach.save(*cycle_rules.start_cycle(coach.story, clock.now(), "tom").records)
        await pilot.pause(1.0)
        assert "tom (coach) drives" in str(screen.card.status)
        cycle = coach.story.running_cycle()
        said = cycle_rules.answer(
            coach.story, "r1", "Marked the die", clock.today(), "tom", cycle=cycle
        )
        coach.save(*said.records)
        await pilot.pause(1.0)
        assert "R1: Marked the die" in _context(screen)
        line = screen.card.query_one("#answer", Input)
        assert screen.focused is line
        await pilot.press(*"asks two at once", "enter")
        await pilot.pause()
    story = DataDir.open(demo_data.path).load("maria")
    [note] = story.notes
    assert note.text == "asks two at once" and note.cycle_id == cycle.id
    assert note.stamp is not None and (note.stamp.by, note.stamp.role) == (
        "anna",
        Role.SECOND_COACH,
    )
    assert story.running_cycle().answer("r1") == "Marked the die"


async def test_c_on_a_running_cycle_offers_follow_or_drive(demo_data, clock, make_app):
    coach = _coach(demo_data, clock)
    coach.save(*cycle_rules.start_cycle(coach.story, clock.now(), "tom").records)
    app = make_app(demo_data, board="maria", user="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "tom (coach) drives" in str(screen.card.status)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CycleChoiceScreen)
        await pilot.press("d")
        await pilot.pause()
        assert screen.driving and screen.card.position == "q1"
    cycle = DataDir.open(demo_data.path).load("maria").running_cycle()
    assert [d.by for d in cycle.drivers] == ["tom", "maria"]


async def test_the_old_driver_is_told_and_its_answer_refused(demo_data, clock, make_app):
    app = make_app(demo_data, board="maria", user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("c")
        await pilot.pause()
        assert screen.driving
        await pilot.press(*" more")
        learner = _coach(demo_data, clock, "maria")
        running = learner.story.running_cycle()
        learner.save(cycle_rules.take_over(running, "maria", Role.LEARNER, clock.now()))
        await pilot.pause(1.0)
        assert not screen.driving
        assert "maria (learner) drives" in str(screen.card.status)
        shown: list[str] = []
        app.notify = lambda message, **kw: shown.append(message)  # type: ignore[method-assign]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.card.texts()[0].endswith(" more")
        assert shown == [
            "Not taken, maria (learner) drives the cycle now: answer not saved "
            "(it stays on the line)."
        ]
    stored = DataDir.open(demo_data.path).load("maria").running_cycle()
    assert stored.answers == ()


async def test_an_interrupted_cycle_offers_end_or_afresh(demo_data, clock, make_app):
    coach = _coach(demo_data, clock)
    old = clock.now() - timedelta(days=1)
    started = cycle_rules.start_cycle(coach.story, old, "tom").records
    cycle = started[-1]
    assert isinstance(cycle, CoachingCycle)
    coach.save(
        *started[:-1],
        replace(
            cycle,
            answers=cycle_rules.answer(coach.story, "q1", "x", clock.today(), "tom", cycle=cycle)
            .records[-1]
            .answers,
        ),
    )
    app = make_app(demo_data, board="maria", user="tom", role=Role.COACH)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "Interrupted" in str(screen.card.status)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CycleChoiceScreen)
        await pilot.press("n")
        await pilot.pause()
        assert screen.driving and screen.live_cycle().id != cycle.id
    story = DataDir.open(demo_data.path).load("maria")
    ended = story.find(CoachingCycle, cycle.id)
    assert ended is not None and not ended.running
