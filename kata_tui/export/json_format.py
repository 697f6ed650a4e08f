"""The complete board as versioned JSON: the only format the importer reads.

Every field is described in FORMAT.md next to this file. The ``board`` part is
the store's own codec, so an export carries exactly what a board file holds.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from kata_tui import __version__
from kata_tui.domain.codec import encode_storyboard
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import BIDI_CONTROLS

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


_HIDDEN = re.compile("[\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")
"""What json.dumps leaves raw with ensure_ascii off and a terminal or editor would
act on: C1 controls (CSI), bidi controls (reordering), lone surrogates."""


def render_json(story: Storyboard, today: date) -> str:
    """Readable UTF-8, with every control character written as a ``\\uXXXX`` escape.

    The data keeps them exactly (an import gives them back); the text of the
    file holds none, so printing or viewing the export runs none of them.
    """
    doc = document(story, today)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    # they can only stand inside JSON strings, where \\uXXXX means the same
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
