"""Helpers for the export tests: demo boards as stored, and directory snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.datadir import DataDir

GOLDEN = Path(__file__).parent / "golden"
SLUGS = ("maria", "jonas", "aisha", "ken")


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file's name and bytes: equal before and after means nothing was written."""
    return {
        str(p.relative_to(directory)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(directory.rglob("*"))
    }


@pytest.fixture
def stories(demo_data: DataDir) -> dict[str, Storyboard]:
    return {slug: demo_data.load(slug) for slug in SLUGS}
