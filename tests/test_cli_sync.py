"""``kata sync`` from the command line, on real git: one line per outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from kata_tui.cli import main
from kata_tui.store.datadir import DataDir
from tests.store.sync_helpers import bare_remote, git, git_identity, plant_dir  # noqa: F401


def test_init_sync_and_status_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "ana")
    remote = bare_remote(tmp_path)
    north = plant_dir(tmp_path, "north", boards=2)
    assert main(["sync", "init", remote, "--data", str(north.path), "--plant", "north"]) == 0
    err = capsys.readouterr().err
    assert "plant north set on 2 board(s)" in err and "sent to" in err
    south = tmp_path / "south"  # a new server: init creates its data directory
    assert main(["sync", "init", remote, "--data", str(south), "--plant", "south"]) == 0
    assert DataDir.open(south).slugs() == ["board0", "board1"]
    capsys.readouterr()
    assert main(["sync", "status", "--data", str(south)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["to send: nothing", "to receive: nothing"]
    assert main(["sync", "--data", str(south)]) == 0
    assert "up to date" in capsys.readouterr().err
    assert git(north.path, "log", "-1", "--format=%an").strip() == "ana"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sync", "init"], "kata sync init needs a REMOTE"),
        (["sync", "status", "somewhere"], "REMOTE and --plant go with 'kata sync init'"),
        (["sync"], "is not synced yet: run kata sync init REMOTE first"),
    ],
)
def test_mistakes_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    plant_dir(tmp_path, "d")
    assert main([*argv, "--data", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_server_names_its_plant_without_a_sync(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plant is set per server: later than ``sync init``, or with no git at all."""
    data = plant_dir(tmp_path, "d", boards=2)
    assert main(["sync", "plant", "--data", str(data.path)]) == 0
    assert capsys.readouterr().out == "no plant set (kata sync plant NAME sets one)\n"
    assert main(["sync", "plant", "north", "--data", str(data.path)]) == 0
    assert "plant north set on 2 board(s)" in capsys.readouterr().err
    assert {DataDir(data.path).load(s).board.plant for s in ("board0", "board1")} == {"north"}
    assert main(["sync", "plant", "--data", str(data.path)]) == 0
    assert capsys.readouterr().out == "north\n"
    assert not (data.path / ".git").exists()
    # a second name is this server's from now on; boards already named keep theirs
    assert main(["sync", "plant", "south", "--data", str(data.path)]) == 0
    assert "plant south set on 0 board(s)" in capsys.readouterr().err
    assert DataDir(data.path).plant == "south"
    assert DataDir(data.path).load("board0").board.plant == "north"


@pytest.mark.parametrize("name", ["North Plant", "_x", "a/b"])
def test_a_plant_name_that_is_not_one_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    data = plant_dir(tmp_path, "d", boards=1)
    assert main(["sync", "plant", name, "--data", str(data.path)]) == 2
    err = capsys.readouterr().err
    assert "is not a plant name" in err and err.count("\n") == 1
    assert DataDir(data.path).plant == ""
