"""Helpers for store tests that run real writer processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

WORKER = Path(__file__).with_name("_worker.py")
REPO = Path(__file__).resolve().parents[2]
PROCESS_TIMEOUT = 60 * float(os.environ.get("KATA_TEST_SLOWDOWN", "1"))
"""How long a kata or worker process may take. A process started under mutmut
compiles its mutated copy (every mutant of a module in one file, no bytecode
kept) and runs niced on a shared machine: tests.mutation.run sets
KATA_TEST_SLOWDOWN so a slow start is not taken for a failure."""


def worker_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def start_worker(*args: str, **popen: Any) -> subprocess.Popen[str]:
    """A writer process (tests/store/_worker.py) with its acks on a text stdout pipe."""
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=worker_env(),
        cwd=REPO,
        **popen,
    )


def run_worker(
    *args: str, timeout: float = PROCESS_TIMEOUT, **popen: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WORKER), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        **{"env": worker_env(), **popen},
    )


def kata(*args: str, env: dict[str, str] | None = None, **run: Any) -> subprocess.CompletedProcess:
    """The ``kata`` command in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "kata_tui.cli", *args],
        capture_output=True,
        text=True,
        env=env or worker_env(),
        cwd=REPO,
        timeout=PROCESS_TIMEOUT,
        **run,
    )


def as_nobody() -> dict[str, Any] | None:
    """Worker arguments that make it drop root to uid 65534, so permission bits bind.

    None when not root (then chmod alone binds). The worker drops after its
    imports, because the interpreter may live where nobody cannot read.
    """
    if os.geteuid() != 0:
        return None
    return {"env": {**worker_env(), "KATA_TEST_UID": "65534"}}
