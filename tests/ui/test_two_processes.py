"""Two processes on one data directory, as on a plant server.

Each test runs the real ``kata`` program in a pseudo-terminal and, in this
process, a second session that saves through the store. They assert what the
app shows (its terminal output) and what is stored (re-read with a fresh
``DataDir``). Waits are failure bounds, never measured.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

import pytest

from kata_tui.domain import cycle as cycle_rules
from kata_tui.domain.clock import Clock
from kata_tui.domain.model import CoachingCycle, Obstacle, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from tests.conftest import TODAY
from tests.ui.pty_app import CTRL_Q, CTRL_S, ENTER, TAB, PtyApp, running

pytestmark = pytest.mark.slow

BOARD = "maria"
CARD = "Coaching Kata"
"""The card's border title: the board screen has painted."""
FORM = "ctrl+s: save"
"""The hint line of the (obstacle) form."""
NEW_GO_SEE = date(2026, 11, 30)


def _token(word: str) -> str:
    """Text no demo board holds, short enough never to wrap at 100 columns."""
    return f"{word}-{uuid.uuid4().hex[:6]}"


def _writer(data: DataDir, clock: Clock) -> BoardSession:
    """The other process's session: a coach saving through the storage protocol."""
    return BoardSession(data, BOARD, Editor("othercoach", Role.COACH), clock)


def _fresh(data: DataDir) -> BoardSession:
    """What is on disk now, read as a newcomer would."""
    return BoardSession(
        DataDir.open(data.path, create=False),
        BOARD,
        Editor("reader", Role.LEARNER),
        Clock.fixed(TODAY),
    )


def _obstacle_texts(data: DataDir) -> list[str]:
    return [o.text for o in _fresh(data).story.obstacles_for()]


def _to_obstacles(app: PtyApp) -> None:
    """From the board screen's first section, Tab to the obstacle parking lot."""
    for _ in range(3):  # challenge -> target -> current condition -> obstacles
        app.send(TAB)
        app.settle()


def test_follower_shows_what_another_process_saves(demo_data: DataDir, clock: Clock) -> None:
    """``kata follow`` shows a cycle moving and an obstacle added elsewhere, without a key."""
    with running(["follow", BOARD, "--data", str(demo_data.path)]) as app:
        app.wait_for(CARD, "read-only")
        app.settle()
        before = _fresh(demo_data).story.revision

        writer = _writer(demo_data, clock)
        text = _token("follow")
        started = cycle_rules.start_cycle(writer.story, clock.now())
        running_cycle = started.records[-1]
        assert isinstance(running_cycle, CoachingCycle)
        target = writer.story.target
        assert target is not None
        mark = app.mark()
        writer.save(
            *started.records[:-1],
            cycle_rules.move_to(running_cycle, "q3"),
            Obstacle(target.id, text, TODAY),
        )

        # The card follows to question 3 and the parking lot shows the new obstacle.
        shown = app.wait_for(text, "Following cycle", since=mark)
        assert "> 3 What obstacles" in shown

        assert app.quit() == 0

    stored = _fresh(demo_data).story
    assert text in [o.text for o in stored.obstacles_for()]
    running_now = stored.running_cycle()
    assert running_now is not None and running_now.position == "q3"
    # The follower only watched: the writer's one save is the only change on disk.
    assert stored.revision == writer.story.revision
    assert stored.revision > before


def test_app_saves_what_is_typed_for_another_process_to_read(demo_data: DataDir) -> None:
    """Keys typed into the real app land on disk at once, stamped with who typed them."""
    text = _token("typed")
    with running([BOARD, "--data", str(demo_data.path)], env={"USER": "learnerx"}) as app:
        app.wait_for(CARD)
        app.settle()
        _to_obstacles(app)
        mark = app.mark()
        app.send("a")  # the parking lot's "Add" key: the obstacle form
        app.wait_for(FORM, since=mark)
        app.settle()
        app.type(text)
        app.settle()
        mark = app.mark()
        app.send(CTRL_S)
        app.wait_for("Obstacle parking lot", since=mark)  # the form closed: back on the board
        app.settle()

        # Saved at once: another process sees it while the app still runs.
        stored = [o for o in _fresh(demo_data).story.obstacles_for() if o.text == text]
        assert len(stored) == 1
        assert stored[0].stamp is not None
        assert (stored[0].stamp.by, stored[0].stamp.role) == ("learnerx", Role.LEARNER)

        assert app.quit() == 0

    assert _obstacle_texts(demo_data).count(text) == 1


def test_editing_a_record_another_process_changed_shows_the_conflict(
    demo_data: DataDir, clock: Clock
) -> None:
    """Both edit obstacle 1: the app's save gets the conflict dialog; keeping mine stores it."""
    original = _fresh(demo_data).story.obstacles_for()[0]
    theirs = _token("theirs")
    mine = _token("mine")
    with running([BOARD, "--data", str(demo_data.path)]) as app:
        app.wait_for(CARD)
        app.settle()
        _to_obstacles(app)
        mark = app.mark()
        app.send(ENTER)  # edit the obstacle under the cursor (the first)
        app.wait_for(FORM, since=mark)
        app.settle()

        # Meanwhile the other process saves the same obstacle.
        writer = _writer(demo_data, clock)
        current = writer.story.find(Obstacle, original.id)
        assert current is not None
        writer.save(dataclasses.replace(current, text=f"{current.text} {theirs}"))

        app.type(f" {mine}")
        mark = app.mark()
        app.send(CTRL_S)
        # Both versions shown (the dialog may paint over more than one write), and
        # who saved first is named.
        app.wait_for("Conflict", "theirs (saved)", theirs, mine, "othercoach", since=mark)

        # Nothing was overwritten before the choice: the other version is on disk.
        assert _fresh(demo_data).story.find(Obstacle, original.id).text.endswith(theirs)  # type: ignore[union-attr]

        mark = app.mark()
        app.send("m")  # keep mine
        app.wait_for(CARD, since=mark)
        app.settle()
        assert app.quit() == 0

    stored = _fresh(demo_data).story.find(Obstacle, original.id)
    assert stored is not None
    assert stored.text == f"{original.text} {mine}"
    assert stored.rev > current.rev


def test_a_change_saved_elsewhere_leaves_the_typed_answer_alone(
    demo_data: DataDir, clock: Clock
) -> None:
    """Mid-answer, another process moves the go-and-see date: the app shows it, the half-typed
    answer stays, and saving the answer keeps both changes."""
    target = _fresh(demo_data).story.target
    assert target is not None and target.next_go_see != NEW_GO_SEE
    typed = _token("typed")
    with running([BOARD, "--data", str(demo_data.path)]) as app:
        app.wait_for(CARD)
        app.settle()
        mark = app.mark()
        app.send("c")  # start a cycle: question 1, an empty answer line
        app.wait_for("Cycle:", since=mark)
        app.settle()
        app.type(f" {typed}")
        app.settle()

        writer = _writer(demo_data, clock)
        current = writer.story.target
        assert current is not None
        mark = app.mark()
        writer.save(dataclasses.replace(current, next_go_see=NEW_GO_SEE))
        app.wait_for("Next go-and-see: 30 Nov", since=mark)  # shown without a key press
        app.settle()

        mark = app.mark()
        app.send(ENTER)  # the answer line still holds what was typed: Enter saves it
        app.wait_for("> 2 What is the actual", since=mark)
        app.settle()
        mark = app.mark()
        app.send(CTRL_Q)  # mid-cycle: asked to pause or end it
        app.wait_for("keep it running", since=mark)
        app.send("p")
        assert app.proc is not None and app.proc.wait(10) == 0

    story = _fresh(demo_data).story
    stored = story.target
    assert stored is not None
    assert stored.pattern == target.pattern  # answered, not edited: the answer is the cycle's
    assert story.running_cycle().answer("q1") == typed
    assert stored.next_go_see == NEW_GO_SEE
