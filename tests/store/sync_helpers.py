"""Two plant servers and a bare central repository in a temporary folder, real git."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.demo import SCENARIOS, demo_board
from kata_tui.domain.model import Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)
CLOCK = Clock.fixed(TODAY)


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A clean machine: no user's git config, no identity; sync must set its own."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        for what in ("NAME", "EMAIL"):
            monkeypatch.delenv(f"GIT_{who}_{what}", raising=False)
    (tmp_path / "home").mkdir()


def editor(user: str) -> Editor:
    return Editor(user, Role.COACH)


def bare_remote(tmp_path: Path) -> str:
    remote = tmp_path / "central.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    return str(remote)


def plant_dir(tmp_path: Path, name: str, boards: int = 0) -> DataDir:
    data = DataDir.open(tmp_path / name)
    for i in range(boards):
        scenario = SCENARIOS[i % len(SCENARIOS)]
        story = demo_board(scenario, TODAY, seed=i, experiments=4, cycles=2)
        data.create(story, editor("setup"), NOW, slug=f"board{i}")
    return data


def session(data: DataDir, slug: str, user: str) -> BoardSession:
    return BoardSession(DataDir.open(data.path, create=False), slug, editor(user), CLOCK)


def edit_experiment(data: DataDir, slug: str, index: int, user: str, learned: str) -> str:
    s = session(data, slug, user)
    experiment = sorted(s.story.experiments, key=lambda e: e.number)[index]
    s.save(dataclasses.replace(experiment, learned=learned))
    return experiment.id


def git(path: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(path), *args], check=True, capture_output=True, text=True, env=os.environ
    ).stdout
