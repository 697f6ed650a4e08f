"""Markdown, CSV and the printable HTML of the demo plant match reviewed golden files.

The demo data is deterministic for a given date; record ids are random, and
no format contains them, so the goldens need no normalising. The test
only compares; after a deliberate change, regenerate them with
``python -m tests.export.update_golden`` and review the diff.
"""

from __future__ import annotations

import pytest

from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.conftest import TODAY
from tests.export.conftest import GOLDEN, SLUGS


@pytest.mark.parametrize("fmt", ["md", "csv", "html"])
@pytest.mark.parametrize("slug", SLUGS)
def test_matches_golden(stories: dict[str, Storyboard], slug: str, fmt: str) -> None:
    story = stories[slug]
    text = render(story, fmt, today=TODAY)
    for record_id in [story.board.id, *(t.id for t in story.targets)]:
        assert record_id not in text  # ids are random: a golden must not depend on them
    golden = GOLDEN / f"{slug}.{fmt}"
    assert text.encode("utf-8") == golden.read_bytes()
