"""Building the app for Pilot and snapshot tests, on a fixed date."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App

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


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notice any app in the test shows, in order, as shown (after the app's
    own ``notify`` spelled out what it quotes). Recorded at Textual's public
    ``App.notify``, which every widget's and screen's ``notify`` calls: a notice
    cleared or timed out since stays in the list."""
    shown: list[str] = []
    notify = App.notify

    def record(app: App, message: str, **kwargs: object) -> None:
        shown.append(message)
        notify(app, message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "notify", record)
    return shown
