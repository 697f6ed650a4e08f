"""The real ``kata`` program in a pseudo-terminal, for tests with two processes.

Pilot runs the app inside the test process; a plant server runs several
separate processes on one data directory. ``PtyApp`` starts ``python -m
kata_tui.cli`` on the slave side of a fresh pty of a fixed size, reads what
it paints on a background thread (so a full pty buffer never stalls the app),
and lets a test wait for text to appear with the escape sequences removed.
Timeouts here are failure bounds only: nothing measures how long anything took.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

COLS, ROWS = 100, 30
TODAY = "2026-11-23"
WAIT = 10.0
"""Longest wait for something to show before a test fails (never an assertion)."""

CTRL_Q = "\x11"
CTRL_S = "\x13"
ENTER = "\r"
TAB = "\t"
ESCAPE = "\x1b"

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()][0-9A-Za-z]"  # character set selection
    r"|\x1b[@-Z\\-_=>78]"  # other two-byte sequences
)


def screen_text(data: bytes) -> str:
    """What was written, without escape sequences: runs of text stay contiguous."""
    return _ESCAPES.sub("", data.decode("utf-8", "replace"))


def _child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "COLUMNS", "LINES", "KATA_DATA", "KATA_ROLE")
        and not key.startswith("TEXTUAL")
    }
    env.update(TERM="xterm-256color", KATA_TODAY=TODAY, USER="ptyuser", LANG="C.UTF-8")
    env.update(KATA_SYSTEM_CONFIG=os.devnull)  # a plant's /etc/kata-tui/config.toml stays out
    env.update(extra)
    return env


def _take_terminal() -> None:
    """In the child, after setsid: make the pty its controlling terminal, like a login."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    def __init__(self, args: Sequence[str], *, env: dict[str, str] | None = None) -> None:
        self.argv = [sys.executable, "-m", "kata_tui.cli", *args]
        self.env = _child_env(env or {})
        self.proc: subprocess.Popen[bytes] | None = None
        self.fd = -1
        self._out = bytearray()
        self._lock = threading.Lock()
        self._reader: threading.Thread | None = None

    # -- starting and reading ------------------------------------------------------

    def start(self) -> PtyApp:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        try:
            self.proc = subprocess.Popen(
                self.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self.env,
                cwd=Path(__file__).resolve().parents[2],
                start_new_session=True,
                preexec_fn=_take_terminal,
            )
        finally:
            os.close(slave)
        self.fd = master
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:  # EIO: the app closed its side
                return
            if not chunk:
                return
            with self._lock:
                self._out += chunk

    def mark(self) -> int:
        """A place in the output: ``wait_for(..., since=mark)`` looks only after it."""
        with self._lock:
            return len(self._out)

    def raw(self, since: int = 0) -> bytes:
        """The bytes written since ``since``, escape sequences and all."""
        with self._lock:
            return bytes(self._out[since:])

    def text(self, since: int = 0) -> str:
        with self._lock:
            data = bytes(self._out[since:])
        return screen_text(data)

    def wait_for(self, *needles: str, since: int = 0, timeout: float = WAIT) -> str:
        """The output since ``since`` once every needle shows in it; AssertionError if not."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.text(since)
            if all(needle in text for needle in needles):
                return text
            if self.proc is not None and self.proc.poll() is not None:
                time.sleep(0.1)  # let the reader drain what the app wrote last
                text = self.text(since)
                if all(needle in text for needle in needles):
                    return text
                missing = [n for n in needles if n not in text]
                raise AssertionError(
                    f"app exited ({self.proc.returncode}) before showing {missing}; "
                    f"last output: {text[-800:]!r}"
                )
            if time.monotonic() > deadline:
                missing = [n for n in needles if n not in text]
                raise AssertionError(
                    f"not shown within {timeout:g} s: {missing}; last output: {text[-800:]!r}"
                )
            time.sleep(0.05)

    def settle(self, quiet: float = 0.4, timeout: float = WAIT) -> None:
        """Wait until the app has written nothing for ``quiet`` seconds (a paint ended)."""
        deadline = time.monotonic() + timeout
        last = self.mark()
        still_since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.mark()
            if now != last:
                last, still_since = now, time.monotonic()
            elif time.monotonic() - still_since >= quiet:
                return

    # -- keys ----------------------------------------------------------------------

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def type(self, text: str) -> None:
        """Printable text, one key at a time as a person types."""
        for char in text:
            self.send(char)
            time.sleep(0.01)

    # -- ending --------------------------------------------------------------------

    def quit(self, timeout: float = WAIT) -> int:
        """ctrl+q, then the exit status (AssertionError if the app does not exit)."""
        assert self.proc is not None
        self.send(CTRL_Q)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"app did not exit on ctrl+q; last output: {self.text()[-800:]!r}"
            ) from None

    def close(self) -> None:
        """Never leave the app behind: kill its session if it still runs."""
        if self.proc is not None and self.proc.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, sig)
                try:
                    self.proc.wait(2)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self._reader is not None:
            self._reader.join(2)  # the app is gone: its read ends with EIO
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


@contextlib.contextmanager
def running(args: Sequence[str], *, env: dict[str, str] | None = None) -> Iterator[PtyApp]:
    app = PtyApp(args, env=env).start()
    try:
        yield app
    finally:
        app.close()
