"""The complete board as versioned JSON: the only format the importer reads.

Every field is described in FORMAT.md next to this file. The ``board`` part is
the store's own codec, so an export carries exactly what a board file holds.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kata_tui import __version__
from kata_tui.domain.codec import encode_storyboard
from kata_tui.domain.storyboard import Storyboard

FORMAT_NAME = "kata-tui-board"
VERSION = 1
FIELDS = ("format", "version", "exported", "generator", "slug", "board")
"""Top-level fields, in the order they are written."""


def document(story: Storyboard, today: date) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": VERSION,
        "exported": today.isoformat(),
        "generator": f"kata-tui {__version__}",
        "slug": story.slug,
        "board": encode_storyboard(story),
    }


def render_json(story: Storyboard, today: date) -> str:
    """Readable UTF-8; all-ASCII escapes only if the board holds text UTF-8 cannot carry."""
    doc = document(story, today)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, kept exactly as \udxxx
        text = json.dumps(doc, indent=2) + "\n"
    return text
