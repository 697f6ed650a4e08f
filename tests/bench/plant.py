"""A plant-scale data directory for the benchmark, built with the real store API.

200 boards of 300 experiments each (60,000 in all), coaching cycles from 20
up to 100 on the largest boards, three metrics on each target condition (two
outcome metrics and a process metric, every one with readings, some at a time
of day), plus two boards kept for the save benchmark
(10 and 300 experiments) in the same directory. Building takes a minute or
so; the result is cached in a directory keyed by ``VERSION`` and a hash of
the code that shapes the files, so reruns start at once and a change to the
file format rebuilds it.

Run on its own to build (or find) the directory and print its path::

    python -m tests.bench.plant [BOARDS]
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kata_tui.domain.demo import SCENARIOS, demo_board
from kata_tui.domain.model import Better, Metric, MetricKind, Reading, Role
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir

VERSION = 3
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0)

BOARDS = 200
EXPERIMENTS_PER_BOARD = 300
MAX_CYCLES = 100
LARGEST = "maria0"
"""A board of the largest shape (300 experiments, 100 cycles): the one the app opens."""
SAVE_SMALL = "save-10"
SAVE_LARGE = "save-300"
"""Boards only the save benchmark writes to, so the app's boards stay as built."""

_SHAPING_CODE = (
    "tests/bench/plant.py",
    "kata_tui/domain/demo.py",
    "kata_tui/domain/model.py",
    "kata_tui/domain/codec.py",
    "kata_tui/domain/summary.py",
    "kata_tui/domain/cadence.py",
    "kata_tui/store/board_file.py",
)
_DONE = ".bench-complete"
_PRISTINE = ".pristine"
"""Copies of the boards the benchmark writes to (the app starting a cycle
writes too), put back before each run so every run sees the same board."""


@dataclass(frozen=True, slots=True)
class Plant:
    path: Path
    boards: int
    experiments: int
    largest: str
    save_small: str
    save_large: str
    built_seconds: float | None
    """None when the cached directory was reused."""

    def reset(self, slug: str) -> None:
        """Put a board back as built, dropping whatever runs saved to it."""
        tmp = self.path / f".{slug}.json.reset.tmp"
        shutil.copyfile(self.path / _PRISTINE / f"{slug}.json", tmp)
        os.replace(tmp, self.path / f"{slug}.json")
        with contextlib.suppress(FileNotFoundError):
            (self.path / f".{slug}.json.last-good").unlink()


def cycles_for(index: int) -> int:
    """Every fourth board is of the largest shape; the rest spread from 20 to 99."""
    return MAX_CYCLES if index % 4 == 0 else 20 + (index * 37) % 80


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def _code_key() -> str:
    digest = hashlib.sha256(f"v{VERSION}-{EXPERIMENTS_PER_BOARD}".encode())
    root = _repo_root()
    for name in _SHAPING_CODE:
        path = root / name
        if path.exists():
            digest.update(path.read_bytes())
    return f"plant-v{VERSION}-{digest.hexdigest()[:12]}"


def cache_key(boards: int = BOARDS) -> str:
    """The plant's directory name: the code that shapes its files, and its size."""
    return f"{_code_key()}-{boards}"


def cache_root() -> Path:
    env = os.environ.get("KATA_BENCH_CACHE", "").strip()
    return Path(env) if env else Path.home() / ".cache" / "kata-tui-bench"


EXTRA_OUTCOME = Metric("scrap per shift", "pcs", 2, MetricKind.OUTCOME, Better.LOWER)
"""A second outcome metric on every target condition of the plant's boards."""


def several_metrics(story: Storyboard) -> Storyboard:
    """``story`` with three metrics on each target condition, each read whenever the
    demo read the outcome: the process metric (already defined, never read by the
    demo) and a second outcome metric, read at a time of day."""
    targets = tuple(
        dataclasses.replace(t, metrics=(*t.metrics, EXTRA_OUTCOME)) for t in story.targets
    )
    process = next(m for m in story.targets[0].metrics if m.kind is MetricKind.PROCESS)
    extra: list[Reading] = []
    seqs = {t.id: story.next_reading_seq(t.id) for t in story.targets}
    for n, reading in enumerate(story.readings):
        for metric, value, at in (
            (process.name, 80.0 + n % 15, ""),
            (EXTRA_OUTCOME.name, float(n % 5), f"{6 + n % 12:02d}:30"),
        ):
            extra.append(
                Reading(
                    reading.target_id,
                    reading.day,
                    metric,
                    value,
                    seq=seqs[reading.target_id],
                    time=at,
                )
            )
            seqs[reading.target_id] += 1
    return dataclasses.replace(story, targets=targets, readings=(*story.readings, *extra))


def _build(path: Path, boards: int) -> int:
    data = DataDir.open(path)
    editor = Editor("bench", Role.COACH)
    total = 0
    for i in range(boards):
        scenario = SCENARIOS[i % len(SCENARIOS)]
        scenario = dataclasses.replace(scenario, learner=f"{scenario.learner}{i // len(SCENARIOS)}")
        story = demo_board(
            scenario, TODAY, seed=i, experiments=EXPERIMENTS_PER_BOARD, cycles=cycles_for(i)
        )
        story = several_metrics(story)
        data.create(story, editor, NOW, slug=scenario.learner)
        total += len(story.experiments)
    for slug, experiments, cycles in ((SAVE_SMALL, 10, None), (SAVE_LARGE, 300, MAX_CYCLES)):
        scenario = dataclasses.replace(SCENARIOS[0], learner=slug.replace("-", ""))
        story = several_metrics(
            demo_board(scenario, TODAY, seed=0, experiments=experiments, cycles=cycles)
        )
        data.create(story, editor, NOW, slug=slug)
    (path / _PRISTINE).mkdir()
    for slug in (LARGEST, SAVE_SMALL, SAVE_LARGE):
        shutil.copyfile(path / f"{slug}.json", path / _PRISTINE / f"{slug}.json")
    return total


def ensure_plant(*, boards: int = BOARDS, quiet: bool = False) -> Plant:
    """The cached plant directory of ``boards`` boards, built first if missing or incomplete.

    Plants of other sizes built from the same code stay cached beside it.
    """
    path = cache_root() / cache_key(boards)
    built: float | None = None
    if not (path / _DONE).exists():
        if path.exists():
            shutil.rmtree(path)
        for old in cache_root().glob("plant-v*"):
            if old.is_dir() and not old.name.startswith(f"{_code_key()}-"):
                shutil.rmtree(old)  # stale plants: a code change made them obsolete
        if not quiet:
            print(f"building plant data in {path} (once) ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        tmp = path.with_name(path.name + ".building")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        total = _build(tmp, boards)
        (tmp / _DONE).write_text(f"{total}\n")
        os.replace(tmp, path)
        built = time.perf_counter() - started
    total = int((path / _DONE).read_text().strip())
    return Plant(
        path=path,
        boards=boards,
        experiments=total,
        largest=LARGEST,
        save_small=SAVE_SMALL,
        save_large=SAVE_LARGE,
        built_seconds=built,
    )


if __name__ == "__main__":
    plant = ensure_plant(boards=int(sys.argv[1]) if len(sys.argv) > 1 else BOARDS)
    print(plant.path)
