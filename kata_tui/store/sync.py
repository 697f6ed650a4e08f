"""``kata sync``: plant servers kept in step through git (the system's git command).

The data directory is a git working tree whose remote is a shared repository
(a bare one on a central server, reached over SSH or a path). Git is the
transport, the history and the backup; kata-tui adds two things to it:

- its merge driver (``kata_tui.store.merge``), so boards merge record by
  record with a save's rules;
- the way merged boards reach the data directory: git never writes a board
  there. The merge is made in git's object store (``git merge-tree``), and each
  merged board is written through the store's lock and atomic write, merged
  once more with whatever a session saved meanwhile. Running sessions see it
  as any other change, and a board saved during a sync is never overwritten.

Boards that do not load are never committed, and a board missing here (set
aside as broken) is never committed as deleted: a broken file at one plant
cannot spread. Every failure is one line; the data directory stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kata_tui.domain.storyboard import TABLES
from kata_tui.store.board_file import Editor, parse_board
from kata_tui.store.datadir import SUFFIX, DataDir
from kata_tui.store.errors import BoardFileError, LockTimeout, StoreError
from kata_tui.store.files import atomic_write, locked
from kata_tui.store.merge import ORIGIN_ENV, MergeRefused, merge_boards

BRANCH = "main"
REMOTE = "origin"
SYNC_LOCK = ".kata-sync.lock"
"""Held for a whole sync: two syncs on one server never interleave."""
NETWORK_TIMEOUT = 120
ATTRIBUTES = "*.json merge=kata-board\n"
IGNORED = """\
# kata-tui: only board files (NAME.json) are shared between plants.
# locks of boards and of kata sync
.*.lock
# temporary files of saves in progress
.*.tmp
# each board's copy from before its last save (restored from the board list)
.*.last-good
# files that did not load, set aside
*.broken-*
# this server's plant name
.kata-plant
"""


class SyncError(StoreError):
    """One line: what failed, and that the data directory is as it was."""


@dataclass
class SyncReport:
    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)


def _git_env(user: str, plant: str) -> dict[str, str]:
    email = f"{user}@{plant or 'kata'}"
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME=user,
        GIT_AUTHOR_EMAIL=email,
        GIT_COMMITTER_NAME=user,
        GIT_COMMITTER_EMAIL=email,
        GIT_TERMINAL_PROMPT="0",  # from cron: fail, never wait for a password
        GIT_SSH_COMMAND=env.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes"),
        LC_ALL="C",  # git's messages are matched below
    )
    return env


class Repo:
    """The data directory as a git working tree, driven through the git command."""

    def __init__(self, data: DataDir, user: str) -> None:
        if shutil.which("git") is None:
            raise SyncError(
                "kata sync needs git: install the git command line (apt-get install git)"
            )
        self.data = data
        self.path = data.path
        self.user = user
        self.env = _git_env(user, data.plant)

    def run(
        self,
        *args: str,
        check: bool = True,
        input: bytes | None = None,
        timeout: float = 60,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        try:
            done = subprocess.run(
                ["git", "-C", str(self.path), *args],
                input=input,
                capture_output=True,
                env=env or self.env,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SyncError(f"git {args[0]} took over {timeout:.0f} s; stopped") from None
        if check and done.returncode != 0:
            raise SyncError(f"git {args[0]} failed: {_first_line(done.stderr)}")
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.decode("utf-8", "replace").strip()

    def rev(self, name: str) -> str | None:
        done = self.run("rev-parse", "--verify", "-q", f"{name}^{{commit}}", check=False)
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    def blob(self, commit: str, path: str) -> bytes | None:
        done = self.run("cat-file", "blob", f"{commit}:{path}", check=False)
        return done.stdout if done.returncode == 0 else None

    @property
    def is_repo(self) -> bool:
        return (self.path / ".git").is_dir()

    def remote_url(self) -> str:
        done = self.run("remote", "get-url", REMOTE, check=False)
        return done.stdout.decode().strip()

    def configure(self) -> None:
        """The merge driver, run by this very Python (a venv's too)."""
        driver = f"{shlex.quote(sys.executable)} -m kata_tui.store.merge %O %A %B %P"
        self.run("config", "merge.kata-board.name", "kata-tui boards, record by record")
        self.run("config", "merge.kata-board.driver", driver)
        self.run("config", "commit.gpgsign", "false")
        self.run("config", "core.autocrlf", "false")  # boards are bytes, never converted

    def fetch(self) -> None:
        done = self.run("fetch", "-q", REMOTE, check=False, timeout=NETWORK_TIMEOUT)
        if done.returncode != 0:
            raise SyncError(
                f"cannot fetch from {self.remote_url()}: {_first_line(done.stderr)}; "
                "nothing sent or received, the data directory is as it was"
            )

    def remote_head(self) -> str | None:
        return self.rev(f"refs/remotes/{REMOTE}/{BRANCH}")

    def merge_base(self, ours: str, theirs: str, then: str) -> str:
        """The newest commit both histories hold; a SyncError naming the remote, then
        ``then``, when they hold none (another group's repository)."""
        base = self.run("merge-base", ours, theirs, check=False)
        if base.returncode != 0:
            raise SyncError(
                f"{self.remote_url()} holds a history unrelated to this data directory's{then}"
            )
        return base.stdout.decode().strip()


def _first_line(stderr: bytes) -> str:
    lines = [
        line.strip().removeprefix("fatal: ").removeprefix("error: ")
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.strip() and not line.startswith("hint:")
    ]
    return lines[0] if lines else "no reason given"


def _refusal(stderr: bytes) -> str:
    """Why the remote refused a push: what its hook said, else git's reason
    (``! [remote rejected] HEAD -> main (pre-receive hook declined)``)."""
    lines = stderr.decode("utf-8", "replace").splitlines()
    said = [line[7:].strip() for line in lines if line.startswith("remote:") and line[7:].strip()]
    if said:
        return said[0]
    for line in lines:
        if "[remote rejected]" in line and "(" in line:
            return line[line.index("(") + 1 :].rstrip(")").strip()
    return "no reason given"


def _is_board(name: str) -> bool:
    return "/" not in name and name.endswith(SUFFIX) and not name.startswith(".")


def _records(text: bytes | None, path: Path) -> dict[str, int] | None:
    """record id -> rev of a board version; None if it does not load."""
    if text is None:
        return {}
    try:
        story, _ = parse_board(text.decode("utf-8"), path)
    except (BoardFileError, UnicodeDecodeError):
        return None
    return {r.id: r.rev for kind in TABLES for r in story.records(kind)}


def _changed_records(old: dict[str, int], new: dict[str, int]) -> int:
    return sum(1 for rid, rev in new.items() if old.get(rid) != rev) + len(old.keys() - new)


# -- init ------------------------------------------------------------------------------------


def init(
    data: DataDir, remote: str, editor: Editor, at: datetime, *, plant: str | None = None
) -> SyncReport:
    """Make ``data`` a working tree tracking ``remote``, then sync once."""
    report = SyncReport()
    if Path(remote).exists():  # a path: git runs in the data directory, not here
        remote = str(Path(remote).resolve())
    if plant is not None:
        data.set_plant(plant)
    repo = Repo(data, editor.user)
    with locked(data.path / SYNC_LOCK, timeout=NETWORK_TIMEOUT):
        if repo.is_repo:
            url = repo.remote_url()
            if url and url != remote:
                raise SyncError(f"{data.path} already syncs with {url}; nothing changed")
        else:
            repo.run("init", "-q")
            repo.run("symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
        if not repo.remote_url():
            repo.run("remote", "add", REMOTE, remote)
        repo.configure()
        # written here, committed by _sync_locked's first commit with the boards
        for name, text in ((".gitattributes", ATTRIBUTES), (".gitignore", IGNORED)):
            target = data.path / name
            if not target.exists() or target.read_text() != text:
                atomic_write(target, text.encode())
        report.say(f"{data.path} syncs with {remote}" + (f" as plant {plant}" if plant else ""))
        if plant:
            stamped = data.stamp_plant(plant, editor, at)
            if stamped:
                report.say(f"plant {plant} set on {stamped} board(s)")
        _sync_locked(repo, report, first=True)
    return report


# -- sync ------------------------------------------------------------------------------------


def sync(data: DataDir, user: str) -> SyncReport:
    """Commit what changed here, merge what changed elsewhere, send it all."""
    repo = Repo(data, user)
    if not repo.is_repo:
        raise SyncError(f"{data.path} is not synced yet: run kata sync init REMOTE first")
    report = SyncReport()
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(locked(data.path / SYNC_LOCK, timeout=1.0))
        except LockTimeout:
            raise SyncError(
                "another kata sync is running on this data directory; nothing done, try later"
            ) from None
        repo.configure()
        _sync_locked(repo, report)
    return report


def _commit_local(repo: Repo, report: SyncReport, message_head: str) -> bool:
    """Stage every board that changed here and loads; commit. True if a commit was made."""
    head = repo.rev("HEAD")
    status = repo.run("status", "--porcelain=v1", "-z", "--untracked-files=all").stdout
    changed: list[str] = []
    for entry in status.decode("utf-8", "replace").split("\0"):
        if len(entry) < 4:
            continue
        code, name = entry[:2], entry[3:]
        if name in (".gitattributes", ".gitignore") or (_is_board(name) and "D" not in code):
            changed.append(name)
        elif _is_board(name):
            report.say(f"{name}: missing here (set aside?); not sent as deleted")
    counts: list[str] = []
    for name in changed:
        path = repo.path / name
        try:
            text = path.read_bytes()
        except OSError as exc:
            report.say(f"{name}: not sent ({exc.strerror})")
            continue
        if _is_board(name):
            new = _records(text, path)
            if new is None:
                report.say(f"{name}: not sent: it does not load (see kata check)")
                continue
            old = _records(repo.blob(head, name), path) if head else {}
            n = _changed_records(old or {}, new)
            label = name.removesuffix(SUFFIX)
            counts.append(
                f"{label} ({n} record{'s' if n != 1 else ''})" if old else f"{label} (new)"
            )
        sha = repo.run("hash-object", "-w", "--stdin", input=text).stdout.decode().strip()
        repo.run("update-index", "--add", "--cacheinfo", f"100644,{sha},{name}")
    if repo.run("diff", "--cached", "--quiet", check=False).returncode == 0 and head:
        return False
    message = f"{message_head}: " + (", ".join(counts) if counts else "set-up")
    repo.run("commit", "-q", "--no-verify", "-m", message)
    report.say(f"committed: {', '.join(counts) if counts else 'set-up'}")
    return True


def _sync_locked(repo: Repo, report: SyncReport, *, first: bool = False) -> None:
    where = f"kata sync by {repo.user}" + (f" at {repo.data.plant}" if repo.data.plant else "")
    if first:
        repo.fetch()
        theirs = repo.remote_head()
        if theirs is not None and repo.rev("HEAD") is None:
            _join(repo, theirs, report)
    _commit_local(repo, report, where)
    for _attempt in range(3):
        repo.fetch()
        theirs = repo.remote_head()
        ours = repo.rev("HEAD")
        if theirs is not None and ours is not None and theirs != ours:
            _merge(repo, ours, theirs, report, where)
        if repo.rev("HEAD") == repo.remote_head():
            report.say("up to date with " + repo.remote_url())
            return
        pushed = repo.run(
            "push", "-q", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False, timeout=NETWORK_TIMEOUT
        )
        if pushed.returncode == 0:
            report.say(f"sent to {repo.remote_url()}")
            return
        reason = _first_line(pushed.stderr)
        said = pushed.stderr.decode("utf-8", "replace")
        if "but expected" in said:
            continue  # another push moved the branch between the remote's answer and ours
        if "[remote rejected]" in said:
            # the remote's own refusal (a hook, permissions, a full disk): no retry helps
            raise SyncError(
                f"push to {repo.remote_url()} refused by the remote: "
                f"{_refusal(pushed.stderr)}; "
                "the boards here are merged and committed, the next kata sync sends them"
            )
        if "rejected" not in said:
            raise SyncError(
                f"push to {repo.remote_url()} failed: {reason}; "
                "the boards here are merged and committed, the next kata sync sends them"
            )
    raise SyncError(
        f"push to {repo.remote_url()} rejected three times (others are syncing); "
        "the boards here are merged and committed, the next kata sync sends them"
    )


def _join(repo: Repo, theirs: str, report: SyncReport) -> None:
    """A data directory joining an existing remote: its boards and the remote's become one.

    Checked whole before anything is written: a board of the same name at both
    that is not the same board stops the set-up.
    """
    names = repo.out("ls-tree", "--name-only", theirs).splitlines()
    plan: list[tuple[str, bytes, bytes | None]] = []
    for name in names:
        if not _is_board(name):
            continue
        remote_text = repo.blob(theirs, name) or b""
        path = repo.path / name
        try:
            live = path.read_bytes()
        except FileNotFoundError:
            plan.append((name, remote_text, None))
            continue
        try:
            merged = merge_boards(
                None,
                live.decode("utf-8"),
                remote_text.decode("utf-8"),
                path,
                origin=repo.remote_url(),
            )
        except (MergeRefused, UnicodeDecodeError) as exc:
            raise SyncError(f"cannot join {repo.remote_url()}: {exc}; nothing changed") from None
        plan.append((name, merged.text, live))
    for name, text, live in plan:
        _write_board(repo, name, text, base=live, expect_missing=live is None, report=report)
    repo.run("update-ref", f"refs/heads/{BRANCH}", theirs)
    repo.run("reset", "-q")
    report.say(f"joined {repo.remote_url()}: {len(plan)} board(s) from there")


def _merge(repo: Repo, ours: str, theirs: str, report: SyncReport, where: str) -> None:
    common = repo.merge_base(
        ours, theirs, " (another group's repository, or re-created?); nothing changed"
    )
    if common == theirs:
        return  # nothing new there
    if common == ours:  # nothing new here: theirs as it is, no merge commit
        _apply(repo, ours, theirs, report)
        return
    env = dict(repo.env, **{ORIGIN_ENV: repo.remote_url()})
    merged = repo.run(
        "merge-tree",
        "--write-tree",
        "--no-messages",
        "--name-only",
        ours,
        theirs,
        check=False,
        env=env,
    )
    if merged.returncode != 0:
        lines = merged.stdout.decode("utf-8", "replace").splitlines()
        refused = [
            line.removeprefix("kata merge: ")
            for line in merged.stderr.decode("utf-8", "replace").splitlines()
            if line.startswith("kata merge: ")
        ]
        why = "; ".join(refused) or f"conflicts in {', '.join(lines[1:]) or 'the merge'}"
        raise SyncError(f"merge stopped: {why}; nothing changed here")
    tree = merged.stdout.decode().splitlines()[0].strip()
    commit = repo.out(
        "commit-tree", tree, "-p", ours, "-p", theirs, "-m", f"{where}: merged {repo.remote_url()}"
    )
    _apply(repo, ours, commit, report)


def _apply(repo: Repo, ours: str, commit: str, report: SyncReport) -> None:
    """Bring the data directory from ``ours`` to ``commit``: each board through the
    store's protocol (merged with what was saved since ``ours``), then the branch."""
    diff = repo.run("diff", "--no-renames", "--name-status", "-z", ours, commit).stdout
    parts = diff.decode("utf-8", "replace").split("\0")
    received: list[str] = []
    for status, name in zip(parts[0::2], parts[1::2], strict=False):
        if status == "D":
            report.say(f"{name}: removed at another plant; kept here")
            continue
        text = repo.blob(commit, name)
        if text is None:
            continue
        if _is_board(name):
            _write_board(repo, name, text, base=repo.blob(ours, name), report=report)
            received.append(name.removesuffix(SUFFIX))
        else:
            atomic_write(repo.path / name, text)
    repo.run("reset", "-q", commit)  # the branch and index move; the files are written
    if received:
        report.say(f"received: {', '.join(received)}")


def _write_board(
    repo: Repo,
    name: str,
    text: bytes,
    *,
    base: bytes | None,
    report: SyncReport,
    expect_missing: bool = False,
) -> None:
    """A merged board into the data directory, under the board's lock, by atomic replace.

    ``base`` is the version this sync started from: if the file is no longer
    that (a session saved since), the session's changes are merged in too.
    """
    board = repo.data.board(name.removesuffix(SUFFIX))
    with locked(board.lock_path):
        try:
            live = board.path.read_bytes()
        except FileNotFoundError:
            live = None
        if live is None and not expect_missing and base is not None:
            report.say(f"{name}: missing here (set aside?); the merged version is kept in git")
            return
        if live is not None and live != base and live != text:
            try:
                text = merge_boards(
                    base.decode("utf-8") if base else None,
                    live.decode("utf-8"),
                    text.decode("utf-8"),
                    board.path,
                    origin=repo.remote_url(),
                ).text
            except (MergeRefused, UnicodeDecodeError) as exc:
                report.say(f"{name}: not updated here: {exc}")
                return
        if live != text:
            atomic_write(board.path, text, keep_previous=board.previous_path if live else None)


# -- status ----------------------------------------------------------------------------------


def status(data: DataDir, user: str) -> list[str]:
    """What a sync would send and receive (after a fetch); the data directory is not touched."""
    repo = Repo(data, user)
    if not repo.is_repo:
        raise SyncError(f"{data.path} is not synced yet: run kata sync init REMOTE first")
    repo.fetch()
    lines = [f"remote: {repo.remote_url()}"]
    porcelain = repo.run("status", "--porcelain=v1", "-z", "--untracked-files=all").stdout
    local = sorted(
        e[3:].removesuffix(SUFFIX)
        for e in porcelain.decode("utf-8", "replace").split("\0")
        if len(e) > 3 and _is_board(e[3:]) and "D" not in e[:2]
    )
    ours, theirs = repo.rev("HEAD"), repo.remote_head()
    unsent: list[str] = []
    incoming: list[str] = []
    if ours and theirs:
        common = repo.merge_base(ours, theirs, "; a sync would stop there")
        unsent = _boards_between(repo, common, ours)
        incoming = _boards_between(repo, common, theirs)
    elif ours:
        unsent = _boards_between(repo, None, ours)
    elif theirs:
        incoming = _boards_between(repo, None, theirs)
    send = sorted(set(local) | set(unsent))
    lines.append("to send: " + (", ".join(send) if send else "nothing"))
    lines.append("to receive: " + (", ".join(incoming) if incoming else "nothing"))
    return lines


def _boards_between(repo: Repo, old: str | None, new: str) -> list[str]:
    args: Sequence[str] = (
        ("diff", "--name-only", old, new) if old else ("ls-tree", "--name-only", new)
    )
    return [n.removesuffix(SUFFIX) for n in repo.out(*args).splitlines() if _is_board(n)]
