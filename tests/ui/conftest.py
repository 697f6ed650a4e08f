"""Building the app for Pilot and snapshot tests, on a fixed date."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.app import KataApp

AppFactory = Callable[..., KataApp]


@pytest.fixture
def make_app(clock: Clock) -> AppFactory:
    """``make_app(data, board=None, follow=False, role=Role.LEARNER)``."""

    def build(
        data: DataDir,
        board: str | None = None,
        *,
        follow: bool = False,
        role: Role = Role.LEARNER,
        user: str = "tester",
    ) -> KataApp:
        return KataApp(data, editor=Editor(user, role), clock=clock, board=board, follow=follow)

    return build
