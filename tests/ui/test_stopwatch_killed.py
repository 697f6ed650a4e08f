"""A real ``kata`` process killed mid-observation keeps every cycle marked so far."""

from __future__ import annotations

import os
import signal

from kata_tui.store.datadir import DataDir
from tests.ui.pty_app import ENTER, running
from tests.ui.test_stopwatch import board_with_analysis


def test_a_killed_session_keeps_every_mark(data: DataDir) -> None:
    board_with_analysis(data)
    with running(["lea", "--data", str(data.path)]) as app:
        app.wait_for("grasping the current condition")
        app.settle()
        mark = app.mark()
        app.send("o")
        app.wait_for("Cycle-time observation", since=mark)
        app.settle()
        mark = app.mark()
        app.send(ENTER)
        app.wait_for("Running", since=mark)
        for number in (1, 2, 3):
            mark = app.mark()
            app.send(" ")
            app.wait_for(f"{number} cycles", since=mark)
        assert app.proc is not None
        os.killpg(app.proc.pid, signal.SIGKILL)  # no chance to save anything more
        app.proc.wait(10)
    (seen,) = DataDir.open(data.path).load("lea").observations
    assert len(seen.marks) == 3
    assert all(m.seconds >= 0 for m in seen.marks)
    assert seen.running  # never stopped: left running, as a killed session leaves it
    assert DataDir.open(data.path).check(workers=1) == []
