"""A record changed at two plants, merged by kata sync (real git): the next person
to open the board gets the conflict dialog with both versions, and decides."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from textual.widgets import Static

from kata_tui.domain.model import Experiment
from kata_tui.store.datadir import DataDir
from kata_tui.store.sync import init, sync
from kata_tui.ui.screens.conflict import ConflictScreen, comparison
from tests.store.sync_helpers import (
    NOW,
    bare_remote,
    edit_experiment,
    editor,
    git_identity,  # noqa: F401  (autouse fixture: a clean machine's git)
    plant_dir,
    session,
)
from tests.ui.conftest import AppFactory


def two_versions(tmp_path: Path) -> tuple[DataDir, str]:
    remote = bare_remote(tmp_path)
    north, south = plant_dir(tmp_path, "north", boards=1), plant_dir(tmp_path, "south")
    init(north, remote, editor("ana"), NOW, plant="north")
    init(south, remote, editor("ben"), NOW, plant="south")
    rid = edit_experiment(north, "board0", 1, "ana", "north: the cart waits at press 2")
    edit_experiment(south, "board0", 1, "ben", "south: the forklift is the bottleneck")
    sync(north, "ana")
    sync(south, "ben")
    return DataDir.open(south.path), rid


async def test_opening_the_board_shows_both_versions_and_the_choice_lands(
    tmp_path: Path, make_app: AppFactory
) -> None:
    data, rid = two_versions(tmp_path)
    app = make_app(data, "board0", user="cara")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConflictScreen)
        title = str(screen.query_one("#conflict-title", Static).render())
        assert "Conflict from sync: ben (coach) and ana (coach)" in title
        console = Console(width=100, record=True)
        console.print(comparison(screen.error))
        table = console.export_text()
        assert "north: the cart waits" in table
        assert "south: the forklift is" in table
        await pilot.press("m")  # take the other version
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    s = session(data, "board0", "x")
    assert s.pending() == ()
    shown = s.story.find(Experiment, rid)
    assert shown is not None
    assert shown.learned == "north: the cart waits at press 2"
    assert shown.stamp is not None and shown.stamp.by == "cara"


async def test_keeping_the_boards_version_drops_the_other(
    tmp_path: Path, make_app: AppFactory
) -> None:
    data, rid = two_versions(tmp_path)
    app = make_app(data, "board0", user="cara")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    s = session(data, "board0", "x")
    assert s.pending() == ()
    shown = s.story.find(Experiment, rid)
    assert shown is not None and shown.learned == "south: the forklift is the bottleneck"
