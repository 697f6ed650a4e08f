"""What the terminal can show: colour or not, and which characters.

Chosen once at start from the environment (and ``kata --ascii``), then
applied through app-level mechanisms, so screens need not know:

- colour: ``NO_COLOR`` with any non-empty value (no-color.org) means no colour
  code at all. Textual's own handling turns colours grey (its ``Monochrome``
  filter, still truecolour codes) unless the app runs with ANSI colours, in
  which case its ``NoColor`` filter drops every colour; the app asks for that.
  Focus and state then show through bold, reverse, underline and markers.
- characters (``glyphs``):
  - ``unicode``: everything Textual draws;
  - ``console``: the Linux console (``TERM=linux``), whose fonts (Lat15) hold
    ASCII, Latin-1 and the light and double box-drawing lines, but no block
    elements (scrollbars, tall/wide borders), no arrows or ``⏎``;
  - ``ascii``: a terminal whose locale is not UTF-8 (``LANG=C``), or forced
    with ``kata --ascii``: borders drawn with ``+ - |`` and nothing past ASCII.
"""

from __future__ import annotations

import codecs
import locale
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Glyphs = Literal["unicode", "console", "ascii"]


def colour_wanted(env: Mapping[str, str]) -> bool:
    """False when NO_COLOR is set to anything but the empty string."""
    return not env.get("NO_COLOR", "")


def locale_is_utf8(env: Mapping[str, str]) -> bool:
    """Whether the locale kata was started in writes UTF-8.

    Python hides a C or POSIX locale from itself (PEP 538 sets LC_CTYPE to
    C.UTF-8, PEP 540 turns on UTF-8 mode), so the locale variables no longer
    tell; UTF-8 mode switched on without PYTHONUTF8 means the locale was C.
    """
    if sys.flags.utf8_mode:
        return env.get("PYTHONUTF8", "") == "1"
    return codecs.lookup(locale.getpreferredencoding(False)).name == "utf-8"


@dataclass(frozen=True)
class TerminalPolicy:
    colour: bool = True
    glyphs: Glyphs = "unicode"

    @classmethod
    def detect(
        cls, env: Mapping[str, str] | None = None, *, force_ascii: bool = False
    ) -> TerminalPolicy:
        env = os.environ if env is None else env
        if force_ascii or not locale_is_utf8(env):
            glyphs: Glyphs = "ascii"
        elif env.get("TERM", "") == "linux":
            glyphs = "console"
        else:
            glyphs = "unicode"
        return cls(colour=colour_wanted(env), glyphs=glyphs)
