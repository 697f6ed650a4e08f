"""Another session saves the board: this one shows it without a key press."""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console

from kata_tui.domain import cycle as cycle_rules
from kata_tui.domain.model import Obstacle, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.conflict import ConflictScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.widgets.sections.body import SectionBody
from tests.conftest import TODAY


def other_session(data: DataDir, clock, user: str = "anna") -> BoardSession:
    """A second writer on the same directory, as another process would be."""
    return BoardSession(DataDir.open(data.path), "maria", Editor(user, Role.COACH), clock)


def body_text(screen: BoardScreen, section: str) -> str:
    """What a section's body shows, as plain text (any width, so nothing is cut)."""
    body = screen.query_one(f"#section-{section} .section-body", SectionBody)
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(body.content)
    return captured.get()


async def test_change_from_another_session_shows_within_a_second(demo_data, clock, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        other = other_session(demo_data, clock)
        target = other.story.target
        other.save(replace(target, pattern="Changeover under 20 min, set by anna"))
        await pilot.pause(1.0)
        assert "set by anna" in body_text(screen, "target")


async def test_refresh_leaves_open_form_and_answer_text_alone(demo_data, clock, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board_screen = app.screen
        await pilot.press("c", "pagedown", "pagedown", "pagedown", "pagedown", *"half typed")
        other = other_session(demo_data, clock)
        other.save(Obstacle(other.story.target.id, "Crane blocked", TODAY))
        await pilot.pause(1.0)
        assert "Crane blocked" in body_text(board_screen, "obstacles")
        assert board_screen.card.texts()[0].endswith("half typed")
        assert board_screen.card.position == "r3"

        await pilot.press("escape", "shift+tab")  # from the record up to the parking lot
        await pilot.press("e", *" EDIT")
        assert isinstance(app.screen, FormScreen)
        form = app.screen
        other.save(Obstacle(other.story.target.id, "Second from anna", TODAY))
        await pilot.pause(1.0)
        assert app.screen is form
        assert form.values()["text"].endswith(" EDIT")
        await pilot.press("ctrl+s")
        await pilot.pause()
    story = DataDir.open(demo_data.path).load("maria")
    texts = [o.text for o in story.obstacles_for()]
    assert "Crane blocked" in texts and "Second from anna" in texts
    assert any(t.endswith(" EDIT") for t in texts)


async def test_same_item_edited_by_both_opens_conflict_dialog(demo_data, clock, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", *" mine")  # the challenge
        other = other_session(demo_data, clock)
        other.save(replace(other.story.board, challenge="Theirs"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
    assert DataDir.open(demo_data.path).load("maria").board.challenge == "Theirs"


async def test_follow_tracks_cycle_run_elsewhere(demo_data, clock, make_app):
    app = make_app(demo_data, board="maria", follow=True, role=Role.SECOND_COACH, user="anna")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.card.position == ""
        coach = other_session(demo_data, clock, user="tom")
        outcome = cycle_rules.start_cycle(coach.story, clock.now())
        coach.save(*outcome.records)
        await pilot.pause(1.0)
        assert screen.card.position == "q1"
        cycle = coach.story.running_cycle()
        coach.save(cycle_rules.move_to(cycle, "q3"))
        await pilot.pause(1.0)
        assert screen.card.position == "q3"
        assert [s.SECTION for s in screen.sections if s.asked] == ["obstacles"]
        assert "Following cycle" in str(screen.card.status)
        # Read-only: from the storyboard (Esc leaves the note line), cycle and edit keys
        # do nothing here.
        await pilot.press("escape", "c", "e", "pagedown")
        await pilot.pause()
        assert screen.card.position == "q3"
        assert isinstance(app.screen, BoardScreen)

        await pilot.press("f")  # stop following: this session may edit again
        await pilot.pause()
        assert not screen.follow
    story = DataDir.open(demo_data.path).load("maria")
    assert story.running_cycle().position == "q3"
