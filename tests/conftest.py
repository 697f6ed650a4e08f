"""Shared fixtures: a fixed date, a fresh data directory, demo boards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.demo import demo_boards
from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir

TODAY = date(2026, 11, 23)


@pytest.fixture
def clock() -> Clock:
    return Clock.fixed(TODAY)


@pytest.fixture
def editor() -> Editor:
    return Editor("tester", Role.LEARNER)


@pytest.fixture
def data(tmp_path: Path) -> DataDir:
    return DataDir.open(tmp_path / "data")


@pytest.fixture
def demo_data(data: DataDir, clock: Clock) -> DataDir:
    """The built-in sample plant, as ``kata demo`` creates it, on TODAY."""
    writer = Editor("demo", Role.COACH)
    for story in demo_boards(TODAY):
        data.create(story, writer, clock.now())
    return data
