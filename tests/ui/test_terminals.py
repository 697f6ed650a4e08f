"""Every main screen as it reaches the terminal, under the settings of real terminals.

A plant's people log in from the Linux console (TERM=linux, a console font of
a few hundred glyphs), from terminals set to no colour (NO_COLOR) and from
non-UTF-8 locales (LANG=C). Snapshots cannot show what those terminals get:
these tests run the real ``kata`` in a pseudo-terminal, visit each main screen
by keys, and check the raw bytes written for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kata_tui.store.datadir import DataDir
from tests.ui.pty_app import ENTER, ESCAPE, running

pytestmark = pytest.mark.slow

TOUR = (
    ("board list", "", "maria"),
    ("new board form", "n", "Better is"),
    ("board list again", ESCAPE, "maria"),
    ("board", ENTER, "Coaching Kata"),
    ("running cycle", "c", "target condition?"),
    ("storyboard", ESCAPE, "Obstacle parking lot"),
    ("history", "h", "Coaching cycle"),
    ("board from history", ESCAPE, "Obstacle parking lot"),
    ("learnings", "l", "learned"),
    ("board from learnings", ESCAPE, "Obstacle parking lot"),
    ("export dialog", "X", "Esc to close"),
    ("board from export", ESCAPE, "Obstacle parking lot"),
    ("help", "?", "Copy selected text"),
    ("board from help", ESCAPE, "Obstacle parking lot"),
    ("edit form", "e", "ctrl+s: save"),
    ("board from the form", ESCAPE, "Obstacle parking lot"),
)
"""(screen, keys that open it, text it shows): the main screens, each once."""


def tour(data: DataDir, env: dict[str, str], *args: str) -> Iterator[tuple[str, bytes]]:
    """(screen, the raw bytes written to show it) for each screen of ``TOUR``."""
    with running(["--data", str(data.path), *args], env=env) as app:
        for name, keys, marker in TOUR:
            mark = app.mark()
            app.send(keys)
            app.wait_for(marker, since=mark if keys else 0)
            app.settle()
            yield name, app.raw(mark)
        assert app.quit() == 0


_SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
_COLOUR = {*range(30, 38), *range(40, 48), *range(90, 98), *range(100, 108), 38, 48, 58}
"""SGR parameters that set a colour (39 and 49, back to the default, set none)."""


def colour_codes(raw: bytes) -> list[str]:
    """Every SGR sequence in ``raw`` that sets a foreground, background or underline colour."""
    found = []
    for match in _SGR.finditer(raw):
        params = re.split(rb"[;:]", match.group(1))
        if any(p and int(p) in _COLOUR for p in params):
            found.append(match.group(0).decode("ascii", "replace"))
    return found


def test_colour_codes_are_recognised() -> None:
    assert colour_codes(b"\x1b[1;7mA\x1b[39;49m\x1b[0m") == []
    assert colour_codes(b"\x1b[31mA\x1b[38;2;1;2;3mB\x1b[48;5;7mC\x1b[1;97mD") == [
        "\x1b[31m",
        "\x1b[38;2;1;2;3m",
        "\x1b[48;5;7m",
        "\x1b[1;97m",
    ]


@pytest.mark.parametrize("value", ["1", "yes"])
def test_no_color_sends_no_colour_code_on_any_screen(demo_data: DataDir, value: str) -> None:
    for name, raw in tour(demo_data, {"NO_COLOR": value}):
        found = colour_codes(raw)
        assert not found, f"{name}: {len(found)} colour codes, e.g. {sorted(set(found))[:5]}"


def test_an_empty_no_color_keeps_the_colours(demo_data: DataDir) -> None:
    """no-color.org: NO_COLOR counts only when it is not empty."""
    name, raw = next(iter(tour(demo_data, {"NO_COLOR": ""})))
    assert colour_codes(raw), name
