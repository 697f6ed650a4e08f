"""Two people, one cycle (issue 11): real processes on one data directory.

Each test runs the real ``kata`` program in a pseudo-terminal (one or two of
them) and, where a second person only saves, a ``BoardSession`` in this
process. They assert what the apps show and what is stored, re-read with a
fresh ``DataDir``. Waits are failure bounds, never measured; the gaps between
two people's saves are the ones the issue reports (a fresh read by the poll
happens after half a second).
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Iterator

import pytest

from kata_tui.domain import cycle as cycle_rules
from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Experiment, ObstacleStatus, Role
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from tests.conftest import TODAY
from tests.ui.pty_app import CTRL_S, ENTER, TAB, PtyApp, running

pytestmark = pytest.mark.slow

BOARD = "maria"
CARD = "Coaching Kata"
FORM = "ctrl+s: save"
CTRL_Q = "\x11"
CTRL_T = "\x14"
PGDN = "\x1b[6~"
CONFLICT = "Conflict"
REFUSED = "answer not saved"
"""The notice of an answer typed against a cycle that ended, moved on or changed driver."""


def _token(word: str) -> str:
    return f"{word}-{uuid.uuid4().hex[:6]}"


def _fresh(data: DataDir) -> Storyboard:
    return BoardSession(
        DataDir.open(data.path, create=False),
        BOARD,
        Editor("reader", Role.LEARNER),
        Clock.fixed(TODAY),
    ).story


def _session(data: DataDir, user: str, role: Role) -> BoardSession:
    return BoardSession(data, BOARD, Editor(user, role), Clock.fixed(TODAY))


def _app(data: DataDir, user: str, *args: str) -> Iterator[PtyApp]:
    return running([*args, BOARD, "--data", str(data.path)], env={"USER": user})


def _question(app: PtyApp, label: str, since: int) -> None:
    """Wait until the card marks question ``label`` (e.g. ``R3`` or ``4``): ``>R3 ``, ``> 4 ``."""
    app.wait_for(f">{label:>2} ", since=since)
    app.settle()


def _start_cycle(app: PtyApp) -> None:
    app.wait_for(CARD)
    app.settle()
    mark = app.mark()
    app.send("c")
    _question(app, "1", mark)


def _page_to(app: PtyApp, label: str, pages: int) -> None:
    mark = app.mark()
    for _ in range(pages):
        app.send(PGDN)
        time.sleep(0.05)
    _question(app, label, mark)


def _clear_line(app: PtyApp) -> None:
    """Empty the answer line (it may be prefilled with what the board holds)."""
    app.send("\x15")  # ctrl+u: delete to the start of the line
    app.send("\x0b")  # ctrl+k: delete to the end
    app.settle()


# -- lost update through the card ---------------------------------------------------


@pytest.mark.parametrize(
    "gap",
    [
        0.0,
        0.8,
        6.0,
    ],
)
def test_a_form_save_then_a_card_answer_on_the_same_field_is_a_conflict(
    demo_data: DataDir, gap: float
) -> None:
    """The learner saves step 8's "what happened"; ``gap`` seconds later the coach, at R3
    with an answer typed, presses Enter: the dialog shows both, nothing is replaced."""
    step = _fresh(demo_data).threshold()
    assert step is not None and not step.happened
    learner_text = _token("learner")
    coach_text = _token("coach")
    with _app(demo_data, "ptycoach", "--role", "coach") as app:
        _start_cycle(app)
        _page_to(app, "R3", 4)  # 1 -> 2 -> R1 -> R2 -> R3
        _clear_line(app)
        app.type(coach_text)
        app.settle()

        learner = _session(demo_data, "learnerx", Role.LEARNER)
        current = learner.story.find(Experiment, step.id)
        assert current is not None
        learner.save(dataclasses.replace(current, happened=learner_text))
        time.sleep(gap)

        mark = app.mark()
        app.send(ENTER)
        app.wait_for(CONFLICT, learner_text, coach_text, "learnerx", since=mark)
        # Nothing is saved until the coach chooses.
        stored = _fresh(demo_data).find(Experiment, step.id)
        assert stored is not None and stored.happened == learner_text
        app.send("t")  # take theirs: the learner's words stay
        app.settle()

    stored = _fresh(demo_data).find(Experiment, step.id)
    assert stored is not None and stored.happened == learner_text


@pytest.mark.parametrize("gap", [0.0, 6.0])
def test_a_card_answer_then_a_form_save_on_the_same_field_is_a_conflict(
    demo_data: DataDir, gap: float
) -> None:
    """The other order: the learner's form is open on step 8 when the coach's answer
    lands; ``gap`` seconds later the learner saves: the dialog shows both."""
    learner_text = _token("learner")
    coach_text = _token("coach")
    step = _fresh(demo_data).threshold()
    assert step is not None
    with _app(demo_data, "learnerx") as app:
        app.wait_for(CARD)
        app.settle()
        for _ in range(4):  # challenge -> target -> current -> obstacles -> experiments
            app.send(TAB)
            app.settle()
        app.send("j" * 12)  # down to the newest step, the threshold
        app.settle()
        mark = app.mark()
        app.send(ENTER)
        app.wait_for(FORM, step.step, since=mark)
        app.settle()

        coach = _session(demo_data, "othercoach", Role.COACH)
        started = cycle_rules.start_cycle(coach.story, coach.clock.now())
        coach.save(*started.records)
        cycle = coach.story.running_cycle()
        answered = cycle_rules.answer(
            coach.story, "r3", coach_text, TODAY, "othercoach", cycle=cycle
        )
        coach.save(*answered.records)
        time.sleep(gap)

        app.send(TAB)  # from step to expected ...
        app.send(TAB)  # ... to what happened
        app.settle()
        app.type(learner_text)
        mark = app.mark()
        app.send(CTRL_S)
        app.wait_for(CONFLICT, learner_text, coach_text, "othercoach", since=mark)
        stored = _fresh(demo_data).find(Experiment, step.id)
        assert stored is not None and stored.happened == coach_text

    stored = _fresh(demo_data).find(Experiment, step.id)
    assert stored is not None and stored.happened == coach_text


# -- one shared cycle ---------------------------------------------------------------


def test_a_second_session_sees_the_running_cycle_and_both_enters_give_one_answer(
    demo_data: DataDir,
) -> None:
    """A learner's login joins the coach's cycle at question 4: it shows who drives; taking
    over is recorded; the coach's Enter is then refused and kept; one step, one Q4 answer."""
    coach_step = _token("coachstep")
    learner_step = _token("learnerstep")
    setup = _session(demo_data, "ptycoach", Role.COACH)
    last = setup.story.threshold()
    assert last is not None  # closed, so question 4 may open the next step
    setup.save(dataclasses.replace(last, happened="Cart late", learned="Stage it earlier"))
    with _app(demo_data, "ptycoach", "--role", "coach") as coach:
        _start_cycle(coach)
        _page_to(coach, "4", 7)  # 1 2 R1 R2 R3 R4 3 4
        coach.type(coach_step)
        coach.settle()
        with _app(demo_data, "learnerx") as learner:
            learner.wait_for(CARD, "ptycoach (coach) drives")
            learner.settle()
            mark = learner.mark()
            learner.send("c")
            learner.wait_for("take over", since=mark)
            mark = learner.mark()
            coach_mark = coach.mark()
            learner.send("d")
            _question(learner, "4", mark)
            learner.type(learner_step)
            learner.settle()
            mark = learner.mark()
            learner.send(ENTER)
            learner.wait_for("expect", since=mark)  # the expectation line of question 4
            learner.settle()
            learner.type("faster")
            learner.send(ENTER)
            coach.wait_for("learnerx (learner) drives", since=coach_mark)
            mark = coach.mark()
            coach.send(ENTER)  # to the expectation line ...
            coach.settle()
            coach.send(ENTER)  # ... and the answer
            coach.wait_for(REFUSED, since=mark)
            learner.settle()

    story = _fresh(demo_data)
    cycle = story.running_cycle()
    assert cycle is not None
    assert [a.text.splitlines()[0] for a in cycle.answers if a.key == "q4"] == [learner_step]
    steps = [e.step for e in story.experiments_for()]
    assert learner_step in steps and coach_step not in steps
    assert [(d.by, d.role) for d in cycle.drivers] == [
        ("ptycoach", Role.COACH),
        ("learnerx", Role.LEARNER),
    ]


def test_an_answer_typed_after_the_cycle_ended_is_refused_and_kept(
    demo_data: DataDir, clock: Clock
) -> None:
    """At Q5 with a date typed, the cycle is ended elsewhere (with its own go-and-see date):
    Enter is refused with a notice, the date stays on the line, the stored date stays."""
    with _app(demo_data, "ptycoach", "--role", "coach") as app:
        _start_cycle(app)
        _page_to(app, "5", 8)
        app.type("+9d")
        app.settle()

        other = _session(demo_data, "othercoach", Role.COACH)
        cycle = other.story.running_cycle()
        target = other.story.target
        assert cycle is not None and target is not None
        chosen = TODAY.replace(day=26)
        taken = cycle_rules.take_over(cycle, other.editor.user, other.editor.role, clock.now())
        other.save(taken)
        other.save(
            dataclasses.replace(target, next_go_see=chosen),
            cycle_rules.end_cycle(other.story.running_cycle(), clock.now()),  # type: ignore[arg-type]
        )
        time.sleep(1.0)  # the app has read the board again

        mark = app.mark()
        app.send(ENTER)
        app.wait_for(REFUSED, "+9d", since=mark)

    story = _fresh(demo_data)
    assert story.target is not None and story.target.next_go_see == chosen
    assert story.running_cycle() is None


def test_w_then_p_in_one_write_is_not_a_conflict_with_oneself(demo_data: DataDir) -> None:
    """Fast keys on a parked obstacle: work on it, then park it, in one read of the keyboard."""
    before = _fresh(demo_data).obstacles_for()
    parked = next(i for i, o in enumerate(before) if o.status is ObstacleStatus.PARKED)
    worked = next(i for i, o in enumerate(before) if o.status is ObstacleStatus.WORKING)
    with _app(demo_data, "learnerx") as app:
        app.wait_for(CARD)
        app.settle()
        for _ in range(3):
            app.send(TAB)
            app.settle()
        app.send("j" * parked)  # the first parked obstacle
        app.settle()
        mark = app.mark()
        app.send("wp")
        app.settle(quiet=1.0)
        assert CONFLICT not in app.text(since=mark)
        assert app.quit() == 0

    after = {o.id: o for o in _fresh(demo_data).obstacles_for()}
    assert after[before[parked].id].status is ObstacleStatus.PARKED
    assert after[before[worked].id].status is ObstacleStatus.PARKED  # w parked the one worked on
    assert after[before[parked].id].rev == before[parked].rev + 2


# -- leaving mid-cycle --------------------------------------------------------------


def test_quitting_mid_cycle_asks_and_pause_keeps_it_running(demo_data: DataDir) -> None:
    answer = _token("pattern")
    with _app(demo_data, "ptycoach", "--role", "coach") as app:
        _start_cycle(app)
        _clear_line(app)
        app.type(answer)
        mark = app.mark()
        app.send(ENTER)
        _question(app, "2", mark)
        mark = app.mark()
        app.send(CTRL_Q)
        app.wait_for("keep it running", since=mark)
        app.send("p")
        assert app.proc is not None and app.proc.wait(10) == 0

    cycle = _fresh(demo_data).running_cycle()
    assert cycle is not None and cycle.paused
    assert cycle.driver is None


def test_quitting_mid_cycle_can_end_it(demo_data: DataDir) -> None:
    answer = _token("pattern")
    with _app(demo_data, "ptycoach", "--role", "coach") as app:
        _start_cycle(app)
        _clear_line(app)
        app.type(answer)
        mark = app.mark()
        app.send(ENTER)
        _question(app, "2", mark)
        mark = app.mark()
        app.send(CTRL_Q)
        app.wait_for("keep it running", since=mark)
        mark = app.mark()
        app.send("e")
        app.wait_for(FORM, since=mark)  # the coach's reflection, as with ctrl+t
        app.settle()
        app.send(CTRL_S)
        assert app.proc is not None and app.proc.wait(10) == 0

    story = _fresh(demo_data)
    assert story.running_cycle() is None
    last = story.last_cycle()
    assert last is not None and answer in last.answer("q1")


def test_a_cycle_ended_without_an_answer_leaves_no_record(demo_data: DataDir) -> None:
    before = len(_fresh(demo_data).cycles)
    with _app(demo_data, "ptycoach", "--role", "coach") as app:
        _start_cycle(app)
        mark = app.mark()
        app.send(CTRL_T)  # no reflection asked: there is nothing to reflect on
        app.wait_for("no cycle recorded", "c: start a cycle", since=mark)
        assert app.quit() == 0
    assert len(_fresh(demo_data).cycles) == before


# -- a second coach in the loop ------------------------------------------------------


def test_follower_sees_every_answer_and_its_observations_land_beside_the_coachs(
    demo_data: DataDir,
) -> None:
    """A second coach follows; the coach answers R1..R3 while the second coach types an
    observation: the follower shows each answer, both are stored, nobody gets a conflict."""
    r1 = _token("r1said")
    r3 = _token("r3said")
    note = _token("observed")
    with _app(demo_data, "ptycoach", "--role", "coach") as coach:
        _start_cycle(coach)
        _page_to(coach, "R1", 2)
        with _app(demo_data, "second", "follow", "--role", "second-coach") as follower:
            follower.wait_for(CARD, "ptycoach (coach) drives")
            follower.settle()
            mark = follower.mark()
            coach.type(r1)
            coach.send(ENTER)
            follower.wait_for(r1, since=mark)  # R1's answer shows as it lands
            _question(coach, "R2", 0)
            coach.send(ENTER)
            _clear_line(coach)
            coach.type(r3)
            follower.type(note)  # typed while the coach answers
            coach.send(ENTER)
            follower.send(ENTER)
            follower.wait_for(r3, since=mark)
            coach.settle()
            follower.settle()
            assert CONFLICT not in coach.text() and CONFLICT not in follower.text()

    story = _fresh(demo_data)
    cycle = story.running_cycle()
    assert cycle is not None
    assert r1 in cycle.answer("r1") and r3 in cycle.answer("r3")
    notes = [n for n in story.notes if n.cycle_id == cycle.id]
    assert [(n.text, n.stamp.by, n.stamp.role) for n in notes if n.stamp] == [
        (note, "second", Role.SECOND_COACH)
    ]
