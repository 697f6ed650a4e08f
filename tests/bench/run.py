"""kata-tui against bare Textual, side by side, at plant scale.

Run from the repository root::

    python -m tests.bench.run            # full run, a few minutes on 2 cores
    python -m tests.bench.run --quick    # smoke check of the harness (numbers meaningless)
    python -m tests.bench.run --boards 2000   # ten plants' worth on one server

Both apps run as real processes in a 100x30 pseudo-terminal
(TERM=xterm-256color), interleaved so load on a shared machine hits both
alike. What each measure means precisely:

1. start-up: from just before fork until the last byte written before the
   first SILENCE (0.3 s) without output that begins after every marker of
   the screen has appeared (markers are regexes on the output with escape
   sequences removed). Median of ``--reps`` runs. Bytes to the first paint:
   everything written to the tty until that moment, median of the same runs
   (at 100x30; the plant's board count is on the first line of the report).
2. bytes per character: after reaching an input (``Target.keys``, each
   followed by SETTLE (1 s) of quiet) and IDLE_SECONDS of idle, type
   ``--chars`` characters one at a time, each followed by a wait for
   KEY_SILENCE of quiet; all bytes the app wrote in that phase divided by
   the characters typed.
3. echo latency: for each typed character, time from writing it to the
   first byte the app writes back. Median of all characters.
4. save: ``BoardSession.save`` of one edited Experiment, in this process,
   ``--saves`` times on a 300-experiment / 100-cycle board and on a
   10-experiment board of the same directory (after WARMUP saves).
5. peak memory: VmHWM of each app process (/proc/PID/status) read just
   before it is quit with ctrl+q; median per screen, the larger kata-tui
   one counts.
7. check: a whole ``kata check`` process, start to exit, against
   ``json.loads`` of every board file (read included) in this process,
   right before it, with the files in the page cache for both.
8. learnings: on the dashboard, from the l key to the end of the
   learnings screen's first paint, and until its status line counts every
   board's learnings; the second against the parse time of (7).

Both apps run from compiled bytecode: kata-tui's is compiled first, as pip
does when it installs a package (Textual's was compiled when it was
installed). Without that, a shell with PYTHONDONTWRITEBYTECODE set would
make every kata-tui start compile each of its modules from source, a cost
no installed copy ever pays.

Exit status: 0 when every target holds, 1 when one is missed or could not
be measured, 2 when the harness itself failed.
"""

from __future__ import annotations

import argparse
import codecs
import compileall
import contextlib
import dataclasses
import fcntl
import importlib
import math
import os
import pkgutil
import platform
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``tests.bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bare_app import MARKER as BARE_MARKER
from tests.bench.plant import BOARDS, TODAY, Plant, ensure_plant

# --------------------------------------------------------------------------
# Configuration: how to drive each app. Keys are what a terminal sends:
# "c" the letter, "\t" Tab, "\r" Enter, "\x1b" Escape, "\x06" ctrl+f.
# --------------------------------------------------------------------------

COLS, ROWS = 100, 30
SILENCE = 0.3
"""Quiet that ends a paint."""
KEY_SILENCE = 0.15
"""Quiet after a typed character before the next one is typed."""
SETTLE = 1.0
"""Quiet after each key that reaches the input (starting a cycle saves, then repaints)."""
START_TIMEOUT = 30.0
IDLE_SECONDS = 2.0
"""Idle window with the input focused (a blinking cursor shows up here)."""
WARMUP = 5
TYPED = "cart was at the press 3 of 4 times before the run ended"
CTRL_Q = "\x11"

PLANT_LEARNER = r"\b(?:maria|jonas|aisha|ken)\d+\b"
DASHBOARD_MARKERS: tuple[str, ...] = (PLANT_LEARNER,)
"""The dashboard has painted when a plant learner's name shows."""
BOARD_MARKERS: tuple[str, ...] = (r"Changeover on press",)
"""The largest board has painted when its challenge shows (maria's scenario)."""

KATA_TYPING_KEYS: tuple[str, ...] | None = None
"""Keys that reach an answer input on the largest board. None: find the
board screen's start-a-coaching-cycle binding, else the dashboard's filter
binding (then typing happens on the dashboard). ``--kata-keys`` overrides."""
KATA_TYPING_ON_BOARD: bool = True
"""With KATA_TYPING_KEYS set: True types on the largest board, False on the dashboard."""

TARGETS = {
    "startup": 1.3,
    "bytes": 1.2,
    "latency": 1.5,
    "save_p95_ms": 15.0,
    "save_scale": 3.0,
    "memory": 1.5,
    "import_scale": 2.0,
    "check": 3.0,
    "learnings_first_s": 1.0,
    "learnings_done": 3.0,
    "paint_bytes": 1.0,
}
IMPORT_SIZES = (2000, 8000, 16000)
"""Records in the boards ``kata import`` reads for measure 6 (16,000 is near the 16 MB cap)."""
LEARNINGS_FIRST = (r"What we learned", r"learned: ")
"""The learnings screen's first paint with a learning on it."""
LEARNINGS_DONE = (r"\d+ learnings, oldest first",)
"""Every board read: the status line counts them all."""

_KEY_BYTES = {
    "enter": "\r",
    "tab": "\t",
    "space": " ",
    "escape": "\x1b",
    "slash": "/",
    "question_mark": "?",
    "full_stop": ".",
    "colon": ":",
    "plus": "+",
    "minus": "-",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
}

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][0-9A-Za-z]"  # charset
    r"|\x1b[@-Z\\-_=>78]"  # other two-byte
)


def screen_text(data: bytes) -> str:
    """Output with escape sequences removed: text runs stay contiguous."""
    return _ESCAPES.sub("", data.decode("utf-8", "replace"))


class HarnessError(Exception):
    pass


# --------------------------------------------------------------------------
# One app in a pseudo-terminal
# --------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "COLUMNS", "LINES", "KATA_DATA") and not k.startswith("TEXTUAL")
    }
    env.update(TERM="xterm-256color", USER="bench", KATA_TODAY=TODAY.isoformat())
    return env


@dataclass
class Session:
    """A process on the slave side of a fresh pty; output is timestamped as read."""

    argv: Sequence[str]
    t_spawn: float = 0.0
    pid: int = 0
    fd: int = -1
    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    eof: bool = False
    reaped: bool = False
    status: int | None = None
    peak_kb: int | None = None
    clean_quit: bool = False
    cpu_seconds: float | None = None
    """user + system time of the whole run: a check on wall times taken under load."""

    def start(self) -> Session:
        env = child_env()
        winsize = struct.pack("HHHH", ROWS, COLS, 0, 0)
        self.t_spawn = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # child: size the terminal, then become the app
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                os.execve(self.argv[0], list(self.argv), env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        return self

    # -- reading --------------------------------------------------------------

    def pump(self, timeout: float) -> bool:
        """Read what arrives within ``timeout``; False if nothing did."""
        if self.eof:
            if timeout > 0:
                time.sleep(min(timeout, 0.05))
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            data = b""
        if not data:
            self.eof = True
            return False
        self.chunks.append((time.perf_counter(), data))
        return True

    def output(self, start: int = 0) -> bytes:
        return b"".join(c for _, c in self.chunks[start:])

    def tail_text(self, n: int = 600) -> str:
        return screen_text(self.output())[-n:]

    def wait_paint(
        self,
        markers: Sequence[str] = (),
        *,
        since: int = 0,
        timeout: float = START_TIMEOUT,
        silence: float = SILENCE,
    ) -> float:
        """Time of the last byte before ``silence``, once every marker has shown."""
        patterns = [re.compile(m) for m in markers]
        deadline = time.perf_counter() + timeout
        seen = not patterns
        checked = since
        text = ""
        while True:
            now = time.perf_counter()
            if not seen and len(self.chunks) > checked:
                text += screen_text(self.output(checked))
                checked = len(self.chunks)
                seen = all(p.search(text) for p in patterns)
            if seen:
                last = self.chunks[-1][0] if len(self.chunks) > since else None
                if last is not None and now - last >= silence:
                    return last
                wait = silence if last is None else last + silence - now
                self.pump(min(wait, deadline - now))
            else:
                self.pump(min(0.5, deadline - now))
            if self.eof:
                raise HarnessError(
                    f"{' '.join(self.argv[1:])}: exited before painting; screen: "
                    f"{self.tail_text()!r}"
                )
            if time.perf_counter() > deadline:
                missing = [p.pattern for p in patterns if not p.search(text)]
                raise HarnessError(
                    f"{' '.join(self.argv[1:])}: no paint within {timeout:.0f} s "
                    f"(missing markers {missing}); screen: {self.tail_text()!r}"
                )

    def quiet(self, silence: float, timeout: float) -> None:
        """Drain output until ``silence`` passes without any."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and not self.eof:
            if not self.pump(min(silence, deadline - time.perf_counter())):
                return

    def send(self, keys: str) -> float:
        t = time.perf_counter()
        os.write(self.fd, keys.encode())
        return t

    # -- ending -----------------------------------------------------------------

    def _reap(self, flags: int) -> bool:
        if self.reaped:
            return True
        pid, status, usage = os.wait4(self.pid, flags)
        if pid == 0:
            return False
        self.reaped = True
        self.status = status
        self.cpu_seconds = usage.ru_utime + usage.ru_stime
        return True

    def _wait_exit(self, timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self._reap(os.WNOHANG):
                return True
            self.pump(0.05)
        return self._reap(os.WNOHANG)

    def read_peak(self) -> None:
        """VmHWM: the peak resident set of the app itself.

        Not ``ru_maxrss`` from wait4: Linux carries the forking parent's peak
        over into the child's across exec, so it would report the harness.
        """
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.peak_kb = int(line.split()[1])

    def quit(self) -> None:
        """ctrl+q; if asked about the running cycle, pause it (p); if a 'lose unsaved
        text?' question stays up, answer y; then Escape."""
        self.read_peak()
        for keys in (CTRL_Q, "p", "y", "\x1b" + CTRL_Q):
            if self.reaped:
                break
            with contextlib.suppress(OSError):
                self.send(keys)
            if self._wait_exit(3.0):
                self.clean_quit = os.waitstatus_to_exitcode(self.status or 0) == 0
                return

    def close(self) -> None:
        """Never leave a process behind: kill the session's group if still there."""
        if not self.reaped and self.pid:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.pid, sig)
                if self._wait_exit(1.0):
                    break
            if not self.reaped:
                self._reap(0)
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


@contextlib.contextmanager
def running(argv: Sequence[str]) -> Iterator[Session]:
    session = Session(argv).start()
    try:
        yield session
    finally:
        session.close()


# --------------------------------------------------------------------------
# The apps and how to reach an input in each
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    argv: tuple[str, ...]
    markers: tuple[str, ...]
    keys: tuple[str, ...] = ()
    """Sent one at a time, each followed by a paint, to reach the input."""


def bare_target(rows: int) -> Target:
    script = str(Path(__file__).with_name("bare_app.py"))
    return Target("bare", (sys.executable, script, str(rows)), (re.escape(BARE_MARKER),))


def compile_kata() -> None:
    """Bytecode for every kata-tui module, as an install would leave it."""
    import kata_tui

    root = Path(kata_tui.__file__).resolve().parent
    if not compileall.compile_dir(str(root), quiet=1):
        raise HarnessError(f"kata-tui does not compile: python -m compileall {root}")


def kata_argv(plant: Plant, *args: str) -> tuple[str, ...]:
    return (sys.executable, "-m", "kata_tui.cli", "--data", str(plant.path), *args)


def key_bytes(key: str) -> str:
    """A Textual key name as a terminal sends it."""
    key = key.strip()
    if len(key) == 1:
        return key
    if key.startswith("ctrl+") and len(key) == 6 and key[5].isalpha():
        return chr(ord(key[5].lower()) - 96)
    if key.startswith("shift+") and len(key) == 7:
        return key[6].upper()
    if key in _KEY_BYTES:
        return _KEY_BYTES[key]
    raise HarnessError(f"don't know the bytes for key {key!r}: set KATA_TYPING_KEYS in run.py")


def _screen_bindings() -> list[tuple[str, str, str, str]]:
    """(screen class, first key, action, description) of every kata-tui screen."""
    from textual.binding import Binding
    from textual.screen import Screen

    import kata_tui.ui.screens as screens

    found: list[tuple[str, str, str, str]] = []
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"kata_tui.ui.screens.{info.name}")
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, Screen)):
                continue
            if obj.__module__ != module.__name__:
                continue
            for b in obj.BINDINGS:
                if isinstance(b, Binding):
                    key, action, desc = b.key, b.action, b.description
                else:
                    key, action, desc = b[0], b[1], b[2] if len(b) > 2 else ""
                found.append((obj.__name__, key.split(",")[0], action, desc or ""))
    return found


def kata_typing_target(plant: Plant, keys_override: str | None) -> tuple[Target | None, str]:
    """Where to type in kata-tui, and how that was decided."""
    if keys_override is not None:
        keys = tuple(codecs.decode(keys_override, "unicode_escape"))
        return _typing_on(plant, keys, KATA_TYPING_ON_BOARD), "keys from --kata-keys"
    if KATA_TYPING_KEYS is not None:
        return _typing_on(plant, KATA_TYPING_KEYS, KATA_TYPING_ON_BOARD), "KATA_TYPING_KEYS"
    bindings = _screen_bindings()
    for screen, key, action, desc in bindings:
        words = f"{action} {desc}".lower()
        if "cycle" in words and ("start" in words or "begin" in words or "new" in words):
            how = f"{screen} binding {key!r} ({action})"
            return _typing_on(plant, (key_bytes(key),), True), how
    for screen, key, action, desc in bindings:
        if "filter" in f"{action} {desc}".lower() and "board" not in screen.lower()[:5]:
            how = f"{screen} binding {key!r} ({action}) on the dashboard"
            return _typing_on(plant, (key_bytes(key),), False), how
    return None, "no start-cycle or filter binding found on any screen"


def _typing_on(plant: Plant, keys: tuple[str, ...], on_board: bool) -> Target:
    if on_board:
        return Target("kata board", kata_argv(plant, plant.largest), BOARD_MARKERS, keys)
    return Target("kata dashboard", kata_argv(plant), DASHBOARD_MARKERS, keys)


# --------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------


@dataclass
class Startup:
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    unclean: int = 0
    paint_bytes: list[int] = field(default_factory=list)
    """Bytes written to the tty until the first screen had painted (over a slow link,
    the time to a usable screen)."""


def measure_startup(target: Target, into: Startup, reset: Callable[[], None]) -> None:
    reset()
    with running(target.argv) as s:
        ready = s.wait_paint(target.markers)
        into.seconds.append(ready - s.t_spawn)
        into.paint_bytes.append(sum(len(chunk) for at, chunk in s.chunks if at <= ready))
        s.quit()
    if s.peak_kb is not None:
        into.peak_kb.append(s.peak_kb)
    if s.cpu_seconds is not None and s.clean_quit:
        into.cpu_seconds.append(s.cpu_seconds)
    if not s.clean_quit:
        into.unclean += 1


@dataclass
class Typing:
    chars: int = 0
    bytes: int = 0
    latencies: list[float] = field(default_factory=list)
    idle_bytes: int = 0
    idle_seconds: float = 0.0
    peak_kb: list[int] = field(default_factory=list)
    echoed: bool = True
    unclean: int = 0
    note: str = ""
    key_seconds: list[float] = field(default_factory=list)
    """From each key that reaches the input to the end of its repaint."""


def measure_typing(target: Target, n: int, into: Typing, reset: Callable[[], None]) -> None:
    reset()
    text = (TYPED * (n // len(TYPED) + 1))[:n]
    with running(target.argv) as s:
        s.wait_paint(target.markers)
        for key in target.keys:
            mark = len(s.chunks)
            sent = s.send(key)
            settled = s.wait_paint(since=mark, timeout=15.0, silence=SETTLE)
            into.key_seconds.append(settled - sent)
        mark = len(s.chunks)
        t_idle = time.perf_counter()
        while time.perf_counter() - t_idle < IDLE_SECONDS:
            s.pump(IDLE_SECONDS - (time.perf_counter() - t_idle))
        into.idle_bytes += len(s.output(mark))
        into.idle_seconds += IDLE_SECONDS
        start = len(s.chunks)
        for ch in text:
            mark = len(s.chunks)
            sent = s.send(ch)
            s.pump(2.0)
            if len(s.chunks) > mark:
                into.latencies.append(s.chunks[mark][0] - sent)
            s.quiet(KEY_SILENCE, 2.0)
        typed = s.output(start)
        into.chars += len(text)
        into.bytes += len(typed)
        tail = text.rstrip()[-6:]
        if tail not in screen_text(typed):
            into.echoed = False
            into.note = f"typed text not echoed; screen: {screen_text(typed)[-200:]!r}"
        s.quit()
    if s.peak_kb is not None:
        into.peak_kb.append(s.peak_kb)
    if not s.clean_quit:
        into.unclean += 1


@dataclass
class Saves:
    slug: str
    ms: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def measure_saves(plant: Plant, slug: str, n: int) -> Saves:
    from kata_tui.domain.clock import Clock
    from kata_tui.domain.model import Role
    from kata_tui.store.board_file import Editor
    from kata_tui.store.datadir import DataDir
    from kata_tui.store.session import BoardSession

    plant.reset(slug)
    data = DataDir.open(plant.path, create=False)
    session = BoardSession(data, slug, Editor("bench", Role.LEARNER), Clock())
    answers = (
        "Cart there 3 of 4 times; forklift busy once",
        "Cart there 4 of 4 times; forklift was free",
    )
    times: list[float] = []
    for i in range(WARMUP + n):
        last = session.story.experiments[-1]
        edited = dataclasses.replace(last, learned=answers[i % 2])
        started = time.perf_counter()
        session.save(edited)
        if i >= WARMUP:
            times.append((time.perf_counter() - started) * 1000)
    return Saves(slug, times)


def measure_imports(sizes: Sequence[int]) -> dict[int, float]:
    """Seconds for ``kata import`` (in this process) of a board with n readings, each size."""
    import tempfile
    from datetime import date, datetime, timedelta

    from kata_tui.domain.model import Board, Metric, Reading, Role, TargetCondition
    from kata_tui.domain.storyboard import Storyboard
    from kata_tui.export.importer import import_file
    from kata_tui.export.json_format import render_json
    from kata_tui.store.board_file import Editor
    from kata_tui.store.datadir import DataDir

    seconds = {}
    for n in sizes:
        target = TargetCondition(seq=1, metrics=(Metric("changeover time", "min"),))
        readings = tuple(
            Reading(target.id, date(2020, 1, 1) + timedelta(days=i % 2500), "changeover time", i)
            for i in range(n)
        )
        story = Storyboard(
            board=Board("learner", "coach", "challenge"),
            targets=(target,),
            readings=readings,
            slug="imported",
        )
        with tempfile.TemporaryDirectory(prefix="kata-bench-import-") as tmp:
            path = Path(tmp) / "board.json"
            path.write_text(render_json(story, date(2026, 11, 23)), encoding="utf-8")
            data = DataDir.open(Path(tmp) / "data")
            started = time.perf_counter()
            import_file(
                data,
                path,
                name=None,
                replace=False,
                editor=Editor("bench", Role.COACH),
                at=datetime(2026, 11, 23, 9, 0),
            )
            seconds[n] = time.perf_counter() - started
    return seconds


def measure_parse(plant: Plant) -> float:
    """Seconds for json.loads (no checks, nothing built) of every board file, read included."""
    import json

    files = sorted(plant.path.glob("*.json"))
    started = time.perf_counter()
    for path in files:
        json.loads(path.read_bytes())
    return time.perf_counter() - started


def measure_check(plant: Plant) -> float:
    """Seconds of a whole ``kata check`` process, start to exit."""
    started = time.perf_counter()
    done = subprocess.run(
        [*kata_argv(plant), "check"], capture_output=True, text=True, env=child_env(), timeout=600
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise HarnessError(f"kata check failed on the plant: {done.stdout[-300:]}{done.stderr}")
    return seconds


@dataclass
class LearningsRun:
    first: float | None
    """From the l key to the end of the learnings screen's first paint (None: not within cap)."""
    done: float | None
    """From the l key until every board's learnings are listed (None: not within cap)."""
    cap: float


def measure_learnings(plant: Plant, cap: float) -> LearningsRun:
    """On the dashboard, press l (learnings of every board listed) and time it;
    a screen not painted within ``cap`` seconds counts as missed, not waited for."""
    first = done = None
    with running(kata_argv(plant)) as s:
        s.wait_paint(DASHBOARD_MARKERS)
        mark = len(s.chunks)
        sent = s.send("l")
        with contextlib.suppress(HarnessError):
            first = s.wait_paint(LEARNINGS_FIRST, since=mark, timeout=cap, silence=0.05) - sent
            left = max(1.0, cap - (time.perf_counter() - sent))
            done = s.wait_paint(LEARNINGS_DONE, since=mark, timeout=left, silence=0.05) - sent
        s.quit()
    return LearningsRun(first, done, cap)


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    kata: str
    bare: str
    ratio: str
    target: str
    ok: bool | None
    """None: could not be measured (counts as missed)."""


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("pass" if ok else "FAIL")


def ratio_row(
    measure: str, kata: float | None, bare: float | None, limit: float, fmt: Callable
) -> Row:
    if kata is None or bare is None or bare <= 0:
        return Row(measure, "-" if kata is None else fmt(kata), "-", "-", f"<= {limit}x", None)
    r = kata / bare
    return Row(measure, fmt(kata), fmt(bare), f"{r:.2f}x", f"<= {limit}x", r <= limit)


def machine() -> list[str]:
    cpu = platform.processor() or "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    try:
        version = metadata.version("textual")
    except metadata.PackageNotFoundError:
        version = "?"
    commit = "?"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        root = Path(__file__).resolve().parents[2]
        commit = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%h"],
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout.strip()
        commit += " + uncommitted changes" if dirty else ""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"cpu: {cpu}, {os.cpu_count()} cores (load average {load})",
        f"python {platform.python_version()}, textual {version}, {platform.system()} "
        f"{platform.release()}, kata-tui at {commit}",
    ]


def print_table(rows: list[Row]) -> None:
    head = ("measure", "kata-tui", "bare Textual", "ratio", "target", "result")
    cells = [head, *((r.measure, r.kata, r.bare, r.ratio, r.target, verdict(r.ok)) for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    for n, line in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def _med(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__)
    parser.add_argument("--reps", type=int, default=9, help="start-ups per screen (median)")
    parser.add_argument("--typing-runs", type=int, default=2, help="typing sessions per app")
    parser.add_argument("--chars", type=int, default=24, help="characters typed per session")
    parser.add_argument("--saves", type=int, default=200, help="saves per board")
    parser.add_argument("--kata-keys", help=r"keys that reach kata-tui's input, e.g. 'c' or '\t'")
    parser.add_argument(
        "--boards", type=int, default=BOARDS, help=f"boards in the plant (default {BOARDS})"
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke check of the harness: 1 rep, few keys"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.reps, args.typing_runs, args.chars, args.saves = 1, 1, 4, 20

    started = time.perf_counter()
    before = machine()
    compile_kata()
    plant = ensure_plant(boards=args.boards)
    built = f"built in {plant.built_seconds:.0f} s" if plant.built_seconds is not None else "cached"
    print(f"plant: {plant.boards} boards, {plant.experiments} experiments ({built}): {plant.path}")

    # (4) saves and (6) imports, in this process, before any app competes for the CPU
    big = measure_saves(plant, plant.save_large, args.saves)
    small = measure_saves(plant, plant.save_small, args.saves)
    imports = measure_imports(IMPORT_SIZES[:1] if args.quick else IMPORT_SIZES)

    def reset() -> None:
        plant.reset(plant.largest)

    # (1) and (5): start-ups, interleaved
    bare = bare_target(plant.boards)
    dash = Target("kata dashboard", kata_argv(plant), DASHBOARD_MARKERS)
    board = Target("kata board", kata_argv(plant, plant.largest), BOARD_MARKERS)
    startups = {t.name: Startup() for t in (bare, dash, board)}
    for rep in range(args.reps):
        for t in (bare, dash, board):
            print(f"  start-up {rep + 1}/{args.reps}: {t.name}", file=sys.stderr, flush=True)
            measure_startup(t, startups[t.name], reset)

    # (2), (3) and (5): typing, interleaved
    kata_typing, how = kata_typing_target(plant, args.kata_keys)
    target_keys = list(kata_typing.keys) if kata_typing else []
    print(f"kata-tui input reached by: {how}")
    bare_typing, kata_typed = Typing(), Typing()
    for run in range(args.typing_runs):
        print(f"  typing {run + 1}/{args.typing_runs}", file=sys.stderr, flush=True)
        measure_typing(bare, args.chars, bare_typing, reset)
        if kata_typing is not None:
            measure_typing(kata_typing, args.chars, kata_typed, reset)
    if not bare_typing.echoed:
        raise HarnessError(f"bare app: {bare_typing.note}")

    # (7) kata check against json.loads of the same files, and (8) learnings of all
    # boards, after the interactive measures (each reads every board file)
    print("  kata check and json.loads", file=sys.stderr, flush=True)
    measure_parse(plant)  # once to bring the files into the page cache, as check finds them
    parse_s = measure_parse(plant)
    check_s = measure_check(plant)
    print("  learnings of every board", file=sys.stderr, flush=True)
    learn = measure_learnings(plant, cap=max(60.0, 10 * parse_s))

    rows: list[Row] = []
    bare_start = _med(startups["bare"].seconds)
    rows.append(
        ratio_row(
            "1. start to painted dashboard (s)",
            _med(startups[dash.name].seconds),
            bare_start,
            TARGETS["startup"],
            lambda v: f"{v:.2f}",
        )
    )
    rows.append(
        ratio_row(
            "1. start to painted largest board (s)",
            _med(startups[board.name].seconds),
            bare_start,
            TARGETS["startup"],
            lambda v: f"{v:.2f}",
        )
    )
    for label, name in (("dashboard", dash.name), ("largest board", board.name)):
        rows.append(
            ratio_row(
                f"1. bytes to the first paint, {label} (KB)",
                _med([float(b) for b in startups[name].paint_bytes]),
                _med([float(b) for b in startups["bare"].paint_bytes]),
                TARGETS["paint_bytes"],
                lambda v: f"{v / 1000:.1f}",
            )
        )
    kata_ok = kata_typing is not None and kata_typed.echoed and kata_typed.chars > 0
    per_char = kata_typed.bytes / kata_typed.chars if kata_ok else None
    rows.append(
        ratio_row(
            "2. bytes to the tty per typed char",
            per_char,
            bare_typing.bytes / bare_typing.chars,
            TARGETS["bytes"],
            lambda v: f"{v:.0f}",
        )
    )
    rows.append(
        ratio_row(
            "3. key to first echoed byte (ms)",
            _med(kata_typed.latencies) * 1000 if kata_ok and kata_typed.latencies else None,
            _med(bare_typing.latencies) * 1000 if bare_typing.latencies else None,
            TARGETS["latency"],
            lambda v: f"{v:.1f}",
        )
    )
    limit = TARGETS["save_p95_ms"]
    rows.append(
        Row(
            f"4. save one answer, {big.slug} p50 / p95 (ms)",
            f"{big.p50:.1f} / {big.p95:.1f}",
            "-",
            "-",
            f"p95 <= {limit:g} ms",
            big.p95 <= limit,
        )
    )
    scale = big.p50 / small.p50
    rows.append(
        Row(
            f"4. save p50, {big.slug} vs {small.slug} (ms)",
            f"{big.p50:.1f} vs {small.p50:.1f}",
            "-",
            f"{scale:.2f}x",
            f"<= {TARGETS['save_scale']:g}x",
            scale <= TARGETS["save_scale"],
        )
    )
    rows.append(
        Row(
            "7. kata check vs json.loads of the files (s)",
            f"{check_s:.2f} vs {parse_s:.2f}",
            "-",
            f"{check_s / parse_s:.2f}x",
            f"<= {TARGETS['check']:g}x",
            check_s <= TARGETS["check"] * parse_s,
        )
    )
    over = f"> {learn.cap:.0f}"
    rows.append(
        Row(
            "8. learnings (L): first screen (s)",
            over if learn.first is None else f"{learn.first:.2f}",
            "-",
            "-",
            f"<= {TARGETS['learnings_first_s']:g} s",
            learn.first is not None and learn.first <= TARGETS["learnings_first_s"],
        )
    )
    rows.append(
        Row(
            "8. learnings (L): all boards vs json.loads (s)",
            f"{over if learn.done is None else f'{learn.done:.2f}'} vs {parse_s:.2f}",
            "-",
            "-" if learn.done is None else f"{learn.done / parse_s:.2f}x",
            f"<= {TARGETS['learnings_done']:g}x",
            learn.done is not None and learn.done <= TARGETS["learnings_done"] * parse_s,
        )
    )
    kata_rss = [
        v
        for v in (
            _med(startups[dash.name].peak_kb),
            _med(startups[board.name].peak_kb),
            _med(kata_typed.peak_kb),
        )
        if v is not None
    ]
    bare_rss = [
        v for v in (_med(startups["bare"].peak_kb), _med(bare_typing.peak_kb)) if v is not None
    ]
    rows.append(
        ratio_row(
            "5. peak memory, VmHWM (MB)",
            max(kata_rss) / 1024 if kata_rss else None,
            max(bare_rss) / 1024 if bare_rss else None,
            TARGETS["memory"],
            lambda v: f"{v:.0f}",
        )
    )

    first, last = min(imports), max(imports)
    growth = (imports[last] / last) / (imports[first] / first)
    rows.append(
        Row(
            "6. import " + " / ".join(f"{n // 1000}k" for n in imports) + " records (s)",
            " / ".join(f"{imports[n]:.2f}" for n in imports),
            "-",
            f"{growth:.2f}x",
            f"per record <= {TARGETS['import_scale']:g}x",
            growth <= TARGETS["import_scale"],
        )
    )

    print()
    print_table(rows)
    print()
    idle = (
        f"{kata_typed.idle_bytes / kata_typed.idle_seconds:.0f}" if kata_typed.idle_seconds else "-"
    )
    print(
        f"idle output with the input focused (bytes/s): kata-tui {idle}, "
        f"bare {bare_typing.idle_bytes / bare_typing.idle_seconds:.0f}"
    )
    if kata_typed.key_seconds:
        spread = ", ".join(f"{v:.2f}" for v in kata_typed.key_seconds)
        print(f"kata-tui keys {target_keys} to the input, until repainted (s): {spread}")
    for name, s in startups.items():
        spread = ", ".join(f"{v:.2f}" for v in s.seconds)
        cpu = _med(s.cpu_seconds)
        cpu_text = f"; cpu user+sys to quit, median {cpu:.2f}" if cpu is not None else ""
        print(f"start-ups {name} (s): {spread}{cpu_text}")
    peaks = {
        "bare start-up": _med(startups["bare"].peak_kb),
        "bare typing": _med(bare_typing.peak_kb),
        "kata dashboard": _med(startups[dash.name].peak_kb),
        "kata board": _med(startups[board.name].peak_kb),
        f"{kata_typing.name if kata_typing else 'kata'} typing": _med(kata_typed.peak_kb),
    }
    print(
        "peak memory (MB): "
        + ", ".join(f"{k} {v / 1024:.1f}" for k, v in peaks.items() if v is not None)
    )
    unclean = sum(s.unclean for s in startups.values()) + kata_typed.unclean + bare_typing.unclean
    if unclean:
        print(f"warning: {unclean} app run(s) did not quit cleanly with ctrl+q (killed)")
    if kata_typing is None:
        print(f"kata-tui typing not measured: {how}; set KATA_TYPING_KEYS in {__file__}")
    elif not kata_typed.echoed:
        print(f"kata-tui typing not measured ({how}): {kata_typed.note}")
    for line in before:
        print(line)
    print(f"benchmark took {time.perf_counter() - started:.0f} s")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except HarnessError as exc:
        print(f"benchmark harness failed: {exc}", file=sys.stderr)
        sys.exit(2)
