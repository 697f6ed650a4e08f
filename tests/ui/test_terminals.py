"""Every main screen as it reaches the terminal, under the settings of real terminals.

A plant's people log in from the Linux console (TERM=linux, a console font of
a few hundred glyphs), from terminals set to no colour (NO_COLOR) and from
non-UTF-8 locales (LANG=C). Snapshots cannot show what those terminals get:
these tests run the real ``kata`` in a pseudo-terminal, visit each main screen
by keys, and check the raw bytes written for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from rich.cells import cell_len

from kata_tui.store.datadir import DataDir
from kata_tui.ui.glyphs import in_console_font, stand_in
from kata_tui.ui.terminal import Glyphs
from tests.ui.pty_app import CTRL_Q, ENTER, ESCAPE, running, screen_text

pytestmark = pytest.mark.slow

TOUR = (
    ("board list", "", "maria"),
    ("new board form", "n", "Better is"),
    ("board list again", ESCAPE, "maria"),
    ("board", ENTER, "Coaching Kata"),
    ("close target dialog", "t", "Closing target condition"),
    ("board from close target", ESCAPE, "Close target"),
    ("stopwatch", "o", "Cycle-time observation"),
    ("board from stopwatch", ESCAPE, "Close target"),
    ("process analysis", "P", "Process steps"),
    ("board from process analysis", ESCAPE, "Close target"),
    ("job breakdown", "J", "Job breakdown"),
    ("board from job breakdown", ESCAPE, "Close target"),
    ("whole board", "z", "Tab: all"),
    ("card back", "z", "Coaching Kata"),
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
    ("leaving mid-cycle", CTRL_Q, "keep it running"),
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
        app.send("p")  # the cycle the tour started is paused, and the app ends
        assert app.proc is not None and app.proc.wait(10) == 0


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


def off_repertoire(raw: bytes, allowed: Callable[[str], bool]) -> str:
    """The characters written outside escape sequences that ``allowed`` refuses."""
    return "".join(sorted({c for c in screen_text(raw) if not allowed(c) and c not in "\r\n"}))


def in_lat15(char: str) -> bool:
    """ASCII, Latin-1, Latin-9's letters, and the light and double box-drawing lines."""
    return in_console_font(char)


def test_the_console_font_repertoire() -> None:
    assert all(in_lat15(c) for c in "aZ~ é£ÿ€ ─│┌┘╔═║╝╟╪")
    assert not any(in_lat15(c) for c in "—…▀▄▁▊▎▔⏎━┃╭┄█")


@pytest.mark.parametrize("no_color", ["", "1"])
def test_the_linux_console_gets_only_characters_its_font_has(
    demo_data: DataDir, no_color: str
) -> None:
    env = {"TERM": "linux", "NO_COLOR": no_color}
    for name, raw in tour(demo_data, env):
        assert not off_repertoire(raw, in_lat15), name
        if no_color:
            assert not colour_codes(raw), name


@pytest.mark.parametrize(
    ("env", "args"),
    [
        ({"LANG": "C"}, ()),
        ({"LC_ALL": "C", "LANG": "C.UTF-8"}, ()),
        ({"LANG": "C.UTF-8", "TERM": "linux", "NO_COLOR": "1"}, ("--ascii",)),
    ],
)
def test_a_terminal_that_is_not_utf8_gets_pure_ascii(
    demo_data: DataDir, env: dict[str, str], args: tuple[str, ...]
) -> None:
    bordered = []
    for name, raw in tour(demo_data, env, *args):
        assert raw.isascii(), f"{name}: {off_repertoire(raw, str.isascii)!r}"
        if "+-" in screen_text(raw):
            bordered.append(name)
    assert {"board", "help", "edit form", "export dialog"} <= set(bordered)


def test_a_utf8_terminal_keeps_its_lines(demo_data: DataDir) -> None:
    name, raw = next(iter(tour(demo_data, {"LANG": "C.UTF-8"})))
    assert "─" in screen_text(raw), name


@pytest.mark.parametrize(
    ("glyphs", "text", "shown"),
    [
        ("ascii", "Zoë — café…", "Zoe - cafe."),
        ("ascii", "┌─╥━┐│╰", "+-+-+|+"),
        ("ascii", "▔▁▊▎▀▄█⏎", "-_||-_ <"),
        ("ascii", "工場 ok", "???? ok"),
        ("console", "Zoë — café…", "Zoë - café."),
        ("console", "┏━┓┃╰╌╯", "┌─┐│└─┘"),
        ("console", "▔▁▊▎⏎őŁ", "¯_││<o?"),
    ],
)
def test_stand_ins_keep_the_width(glyphs: Glyphs, text: str, shown: str) -> None:
    table = str.maketrans({c: stand_in(c, glyphs) for c in set(text)})
    assert text.translate(table) == shown
    assert cell_len(shown) == cell_len(text)
