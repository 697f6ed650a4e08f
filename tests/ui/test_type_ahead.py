"""Keys that arrive in one burst (a quick typist, a paste, an SSH link that sends
what was typed in one packet) land in the field they were typed for.

Only a real terminal shows it: Pilot hands keys over one at a time, while here
the whole burst is one write to the pseudo-terminal, as it is over SSH.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kata_tui.store.datadir import DataDir
from tests.ui.pty_app import CTRL_S, ENTER, TAB, running


def _new_board_in_one_burst(data: Path, between: str) -> None:
    with running(["--data", str(data)]) as app:
        app.wait_for("No boards yet")
        app.send("n")
        app.wait_for("Better is")
        app.settle()
        app.send(between.join(("Ann", "Tom", "Pack line 3 at takt", "line 3 packing")))
        app.settle()
        app.send(CTRL_S)
        for _ in range(100):
            if (data / "ann.json").exists():
                break
            time.sleep(0.1)


@pytest.mark.slow
@pytest.mark.parametrize("key", [TAB, ENTER], ids=["tab", "enter"])
def test_fields_typed_in_one_burst_keep_their_words(tmp_path: Path, key: str) -> None:
    _new_board_in_one_burst(tmp_path, key)
    board = DataDir.open(tmp_path).load("ann").board
    assert (board.learner, board.coach) == ("Ann", "Tom")
    assert board.challenge == "Pack line 3 at takt"
    assert board.focus_process == "line 3 packing"
