"""The complete board as versioned JSON: the only format the importer reads.

Every field is described in FORMAT.md next to this file. The ``board`` part is
the store's own codec, so an export carries exactly what a board file holds,
versions of records still waiting for a choice after a sync (``pending``) included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from kata_tui import __version__
from kata_tui.domain.codec import encode, encode_storyboard
from kata_tui.domain.model import Record
from kata_tui.domain.storyboard import TABLES, Storyboard
from kata_tui.domain.text import BIDI_CONTROLS

FORMAT_NAME = "kata-tui-board"
VERSION = 1
FIELDS = ("format", "version", "exported", "generator", "slug", "board", "pending")
"""Top-level fields, in the order they are written (``pending`` only when there are some)."""


class PendingVersion(Protocol):
    """Another version of one of the board's records, waiting for a choice (kata sync)."""

    @property
    def record(self) -> Record: ...
    @property
    def origin(self) -> str: ...


def document(
    story: Storyboard, today: date, pending: Sequence[PendingVersion] = ()
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": VERSION,
        "exported": today.isoformat(),
        "generator": f"kata-tui {__version__}",
        "slug": story.slug,
        "board": encode_storyboard(story),
    }
    if pending:
        doc["pending"] = [
            {"table": TABLES[type(p.record)], "record": encode(p.record), "origin": p.origin}
            for p in pending
        ]
    return doc


_HIDDEN = re.compile("[\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")
"""What json.dumps leaves raw with ensure_ascii off and a terminal or editor would
act on: C1 controls (CSI), bidi controls (reordering), lone surrogates."""


def render_json(story: Storyboard, today: date, pending: Sequence[PendingVersion] = ()) -> str:
    """Readable UTF-8, with every control character written as a ``\\uXXXX`` escape.

    The data keeps them exactly (an import gives them back); the text of the
    file holds none, so printing or viewing the export runs none of them.
    """
    doc = document(story, today, pending)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    # they can only stand inside JSON strings, where \\uXXXX means the same
    return _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
