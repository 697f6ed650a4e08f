"""Stored text never reaches the terminal as a control sequence (issue 13, faults 2 and 9).

A name or a text in a board file is anyone's: an import, a hand edit or a
neighbour's session can put escape sequences and bidi controls in it. The
real program in a real pty is the proof: the bytes it writes must never hold
them, on the board, in its header, in ``kata follow`` and in the edit forms
that are pre-filled with the stored text.
"""

from __future__ import annotations

import pytest

from kata_tui.domain.model import Board, Experiment, Metric, Obstacle, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.ui.pty_app import ESCAPE, running

PAYLOAD = (
    "\x1b]52;c;SGVsbG8=\x07"  # clipboard write
    "\x1b]8;;http://evil.example/\x07link\x1b]8;;\x07"  # hyperlink
    "\x9b31m"  # C1 CSI
    "\x1b]0;pwned\x07"  # window title
    "\x1b[2J"  # screen clear
    "\u202egnp.exe\u202c \u2066x\u2069"  # bidi override and isolate
)
MARKERS = {
    "OSC 52": b"\x1b]52;c;SGVs",
    "OSC 8": b"\x1b]8;;http://evil",
    "C1 CSI": "\x9b31m".encode(),
    "OSC 0": b"\x1b]0;pwned",
    "RLO": "\u202e".encode(),
    "LRI": "\u2066".encode(),
}


def hostile_board(data: DataDir) -> None:
    target = TargetCondition(
        seq=1, pattern="p" + PAYLOAD, metrics=(Metric("m" + PAYLOAD, "u" + PAYLOAD),)
    )
    story = Storyboard(
        board=Board(
            "Eve" + PAYLOAD,
            "Mallory" + PAYLOAD,
            "c" + PAYLOAD,
            set_by="s" + PAYLOAD,
            focus_process="f" + PAYLOAD,
        ),
        targets=(target,),
        obstacles=(Obstacle(target.id, "o" + PAYLOAD, TODAY),),
        experiments=(Experiment(target.id, 1, TODAY, "step" + PAYLOAD, expected="e" + PAYLOAD),),
    )
    data.create(story, Editor("setup", Role.COACH), TODAY_AT, slug="eve")


TODAY_AT = __import__("datetime").datetime(2026, 11, 23, 9, 0)


def leaked(raw: bytes) -> list[str]:
    return [name for name, marker in MARKERS.items() if marker in raw]


@pytest.mark.slow
@pytest.mark.parametrize("follow", [False, True], ids=["board", "follow"])
def test_no_stored_control_sequence_reaches_the_terminal(data: DataDir, follow: bool) -> None:
    hostile_board(data)
    args = ["follow", "eve"] if follow else ["eve"]
    with running([*args, "--data", str(data.path)]) as app:
        app.wait_for("Eve", "Mallory")
        if not follow:
            app.settle()
            mark = app.mark()
            app.send("e")  # the challenge form: every field pre-filled with stored text
            app.wait_for("Focus process", since=mark)
            app.settle()
            app.send(ESCAPE)
            app.settle()
        assert app.quit() == 0
        raw = app.raw()
    assert leaked(raw) == []
    assert "^[]52;c;SGVsbG8=" in app.text()  # shown, spelled out


async def test_a_form_shows_stored_controls_spelled_out_and_keeps_them_if_untouched(
    data: DataDir, make_app
) -> None:
    from textual.widgets import Input, TextArea

    from kata_tui.ui.screens.form import FormScreen

    hostile_board(data)
    app = make_app(data, board="eve")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        shown = [w.value for w in form.query(Input)] + [w.text for w in form.query(TextArea)]
        assert all("\x1b" not in text and "\u202e" not in text for text in shown)
        assert any("^[]52;c;SGVsbG8=^G" in text and "<U+202E>" in text for text in shown)
        assert not form.is_dirty
        await pilot.press("ctrl+s")  # nothing touched: nothing changes
        await pilot.pause()
    board = DataDir.open(data.path).load("eve").board
    assert board.learner == "Eve" + PAYLOAD
    assert board.challenge == "c" + PAYLOAD


async def test_forty_nines_in_the_reading_form_are_refused_and_the_board_still_opens(
    demo_data: DataDir, make_app
) -> None:
    """Fault 3: a reading the run chart could not draw bricked the board."""
    from kata_tui.ui.screens.board_screen import BoardScreen
    from kata_tui.ui.screens.form import FormScreen

    before = demo_data.load("maria")
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", "r", *("9" * 40), "ctrl+s")  # the value comes first
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # kept open with the reason shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    assert DataDir.open(demo_data.path).load("maria").readings == before.readings
    app = make_app(DataDir.open(demo_data.path), board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
