"""A board file that cannot be read while a screen follows it: the reason is said
once, not at every tick of the poll, and said again if it breaks again after a
good read (the board screen and the job breakdown share this)."""

from __future__ import annotations

import pytest

from tests.ui.test_job_breakdown import new_board, open_breakdown


@pytest.mark.parametrize("screen", ["board", "job breakdown"])
async def test_a_failing_read_is_said_once_until_a_read_succeeds(
    data, clock, make_app, notices, screen
) -> None:
    new_board(data, clock)
    path = data.path / "lea.json"
    good = path.read_bytes()
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        if screen == "job breakdown":
            await open_breakdown(pilot)
        before = len(notices)
        for round_ in (1, 2):
            path.unlink()  # moved away by hand, say: every read fails alike
            await pilot.pause(2.5)  # several ticks of the poll
            failed = [n for n in notices[before:] if "lea" in n]
            assert len(failed) == round_, notices[before:]
            path.write_bytes(good)
            await pilot.pause(1.5)
        assert len([n for n in notices[before:] if "lea" in n]) == 2
