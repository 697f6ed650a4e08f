"""Shared fixtures: a fixed date, a fresh data directory, demo boards."""

from __future__ import annotations

import asyncio
import inspect
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.demo import demo_boards
from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir

TODAY = date(2026, 11, 23)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot tests) in a fresh event loop each.

    Textual's Pilot needs only a running loop; this keeps pytest-asyncio out
    of the dependencies.
    """
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True


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


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A directory other users can reach (pytest's own tmp is private to root), for
    tests that drop privileges to check permissions."""
    path = Path(tempfile.mkdtemp(prefix="kata-test-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)
