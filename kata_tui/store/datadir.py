"""The data directory: one board file per storyboard, shared on a plant server.

Two people on two boards never contend, because each board has its own file
and lock. Board names (slugs) are plain file names checked here, and a board
file that is a symlink leading out of the directory is refused.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kata_tui.domain.card import CardRef
from kata_tui.domain.card_sets import CardSetError
from kata_tui.domain.errors import InvalidInput, KataError
from kata_tui.domain.model import Editor
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.summary import BoardSummary
from kata_tui.store.board_file import BoardFile
from kata_tui.store.cards import CardLibrary
from kata_tui.store.errors import BoardFileError, BoardNotFound, StoreError
from kata_tui.store.files import atomic_write, locked, read_text_and_stat

if TYPE_CHECKING:
    from kata_tui.domain.history import Learning

SUFFIX = ".json"
PLANT_FILE = ".kata-plant"
"""This server's plant name (one line), stamped on the boards started here."""
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""A board name, matched whole (fullmatch: `$` would let a trailing newline through)."""


def default_data_dir() -> Path:
    """``KATA_DATA`` if set, else the platform's user data directory."""
    env = os.environ.get("KATA_DATA", "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs  # 10 ms: only when no directory was given

    return Path(platformdirs.user_data_dir("kata-tui", appauthor=False))


def slugify(*parts: str) -> str:
    """A file-safe board name from people's names and words."""
    text = "-".join(p for p in parts if p).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:48].rstrip("-") or "board"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing ``kata check`` reports."""

    path: Path
    message: str


PARALLEL_CHECK = 64
"""From this many boards ``check`` uses a process per core: below it, starting
the pool costs more than it saves."""


def _workers(boards: int) -> int:
    """Processes to read ``boards`` boards with: one per core this process may run
    on (at most 4), on a busy server too, where the scheduler shares the cores
    among runnable processes (2,002 boards on 2 cores at a load average of
    about 10 took 53 and 60 s with two processes against 69 and 66 s with one;
    at about 8, 40 s against 35 s: a pool does not slow a busy server much,
    and should about halve it on an idle one)."""
    if boards < PARALLEL_CHECK:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def _check_boards(path: Path, slugs: list[str]) -> list[Problem]:
    """Load each board once, keeping nothing; one ``Problem`` per failure."""
    data = DataDir(path)
    problems: list[Problem] = []
    for slug in slugs:
        try:
            missing = card_missing(data.cards, data.board(slug).load().board.card_ref)
        except BoardFileError as exc:
            problems.append(Problem(exc.path, exc.reason))
        except StoreError as exc:
            problems.append(Problem(path / f"{slug}{SUFFIX}", str(exc)))
        else:
            if missing:
                problems.append(Problem(path / f"{slug}{SUFFIX}", missing))
        finally:
            data._files.clear()
    return problems


def card_missing(cards: CardLibrary, ref: CardRef) -> str:
    """Why the card set a board names cannot run its next cycle here ("" if it can)."""
    named = f"the board's card set {ref.name!r} ({ref.language})"
    try:
        cards.get(ref)
    except CardSetError as error:
        if error.line == 0:  # no file of that name and language
            return f"{named} is not on this server"
        return f"{named} cannot be used: {error}"
    return ""


LEARNING_TABLES = ("targets", "experiments")
"""What a board's learnings are made of (with its board record): its other
tables, most of its file, are not parsed for them."""


def _learnings_of(path: Path, slugs: list[str]) -> tuple[list[Learning], list[str]]:
    """Every learning of these boards in the order the screen lists them (so its
    final sort of all the groups is a merge of sorted runs), and the boards that
    did not load."""
    from kata_tui.domain.history import learnings, order

    data = DataDir(path)
    found: list[Learning] = []
    failed: list[str] = []
    for slug in slugs:
        try:
            found.extend(learnings(data.board(slug).load_part(LEARNING_TABLES)))
        except KataError:
            failed.append(slug)
        finally:
            data._files.clear()
    found.sort(key=order)
    return found, failed


def _learning_rows_of(path: Path, slugs: list[str]) -> tuple[list[tuple[Any, ...]], list[str]]:
    """``_learnings_of`` for a process of a pool: each learning as a plain tuple of
    its fields, which crosses between processes in a fifth of the time."""
    from kata_tui.domain.history import Learning

    found, failed = _learnings_of(path, slugs)
    fields = attrgetter(*(f.name for f in dataclasses.fields(Learning)))
    return [fields(item) for item in found], failed


class DataDir:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._files: dict[str, BoardFile] = {}
        self._cards: CardLibrary | None = None

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> DataDir:
        """The directory, created (honouring the umask) if ``create``; else it must exist."""
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise StoreError(f"{path}: cannot open data directory ({exc.strerror})") from None
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise StoreError(f"{path}: not a directory")
        if info is None:
            if not create:
                raise StoreError(f"{path}: no such data directory")
            try:
                # never world-writable, whatever the umask
                path.mkdir(mode=0o775, parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create data directory ({exc.strerror})") from None
        if not os.access(path, os.R_OK | os.X_OK):
            raise StoreError(f"{path}: data directory is not readable")
        return cls(path)

    # -- boards -------------------------------------------------------------

    @property
    def cards(self) -> CardLibrary:
        """The card sets boards here can use (shipped, and ``cards/`` in this directory)."""
        if self._cards is None:
            self._cards = CardLibrary(self.path)
        return self._cards

    def check_slug(self, slug: str) -> str:
        name = slug.removesuffix(SUFFIX)
        if not _SLUG.fullmatch(name):
            raise InvalidInput(
                f"{slug!r} is not a board name (lower-case letters, digits, - and _)"
            )
        return name

    def board(self, slug: str) -> BoardFile:
        """The board file for ``slug``; refuses names and links that lead elsewhere."""
        name = self.check_slug(slug)
        path = self.path / f"{name}{SUFFIX}"
        if path.is_symlink():
            # realpath, not resolve: a link loop must be refused, not raised
            target = Path(os.path.realpath(path))
            if target.parent != Path(os.path.realpath(self.path)):
                raise BoardFileError(path, "is a link out of the data directory; refused")
            raise BoardFileError(path, "is a symbolic link; refused")
        cached = self._files.get(name)
        if cached is not None:
            return cached
        board = BoardFile(path)
        self._files[name] = board
        return board

    def exists(self, slug: str) -> bool:
        """Whether the name is taken (a link counts, even a refused or dangling one)."""
        path = self.path / f"{self.check_slug(slug)}{SUFFIX}"
        return path.exists() or path.is_symlink()

    def slugs(self) -> list[str]:
        names = []
        try:
            entries = list(os.scandir(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot list data directory ({exc.strerror})") from None
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.endswith(SUFFIX):
                continue
            name = entry.name.removesuffix(SUFFIX)
            if _SLUG.fullmatch(name):
                names.append(name)
        return sorted(names)

    def signature(self) -> tuple[object, ...]:
        """A cheap fingerprint of the board files (names, sizes, mtimes): one stat per
        file, so the board list can poll for boards others created or saved."""
        try:
            entries = sorted(os.scandir(self.path), key=lambda e: e.name)
            stats = []
            for entry in entries:
                if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):
                    info = entry.stat()
                    stats.append((entry.name, info.st_size, info.st_mtime_ns))
            return tuple(stats)
        except OSError:
            return ()

    def path_of(self, slug: str) -> Path:
        """Where the board file of ``slug`` is (or would be); checks nothing."""
        return self.path / f"{slug}{SUFFIX}"

    def stamp(self, slug: str) -> tuple[int, int] | None:
        """Size and mtime of the board file, None if it cannot be looked at: whether
        a file that failed to open has changed since."""
        try:
            info = self.path_of(slug).stat()
        except OSError:
            return None
        return info.st_size, info.st_mtime_ns

    def load_apart(self, slugs: Iterable[str]) -> Iterator[tuple[str, Storyboard | None]]:
        """Each board read in full through store objects of its own, so a worker thread
        may call it (this directory's board caches belong to the thread that made it)
        and nothing read stays in memory afterwards; an unreadable board gives None."""
        own = DataDir(self.path)
        for slug in slugs:
            try:
                yield slug, own.load(slug)
            except KataError:
                yield slug, None

    def learnings_apart(
        self, slugs: list[str], *, workers: int | None = None
    ) -> Iterator[tuple[list[Learning], list[str]]]:
        """The learnings of the boards, a group of boards at a time as they are read,
        with the names of those that did not load. Many boards are read by a pool
        of processes, one per core; a small first group comes back at once, so the
        first learnings show while the rest are read. Nothing decoded is kept."""
        if workers is None:
            workers = _workers(len(slugs))
        first = min(len(slugs), 4 * workers)
        size = max(1, -(-(len(slugs) - first) // (workers * 8)))
        chunks = [slugs[i : i + 4] for i in range(0, first, 4)]
        chunks += [slugs[i : i + size] for i in range(first, len(slugs), size)]
        if workers <= 1:
            for chunk in chunks:
                yield _learnings_of(self.path, chunk)
            return
        from concurrent.futures import ProcessPoolExecutor, as_completed

        from kata_tui.domain.history import Learning

        with ProcessPoolExecutor(workers) as pool:
            for done in as_completed(
                [pool.submit(_learning_rows_of, self.path, c) for c in chunks]
            ):
                rows, failed = done.result()
                yield [Learning(*row) for row in rows], failed

    def summaries(self) -> tuple[list[BoardSummary], list[Problem]]:
        """Every board's summary (head line only), and the files that failed."""
        out: list[BoardSummary] = []
        problems: list[Problem] = []
        for slug in self.slugs():
            try:
                out.append(self.board(slug).summary())
            except (BoardFileError, BoardNotFound) as exc:
                problems.append(Problem(self.path / f"{slug}{SUFFIX}", str(exc)))
        return out, problems

    def load(self, slug: str) -> Storyboard:
        return self.board(slug).load()

    def free_slug(self, *parts: str) -> str:
        base = slugify(*parts)
        slug = base
        n = 2
        while self.exists(slug):
            slug = f"{base}-{n}"
            n += 1
        return slug

    def create(self, story: Storyboard, editor: Editor, at: datetime, slug: str = "") -> Storyboard:
        slug = slug or self.free_slug(story.board.learner)
        if not story.board.plant and self.plant:
            story = dataclasses.replace(
                story, board=dataclasses.replace(story.board, plant=self.plant)
            )
        return self.board(slug).create(story, editor, at)

    # -- the plant ----------------------------------------------------------------

    @property
    def plant(self) -> str:
        """This server's plant name ('' when none is set)."""
        try:
            return (self.path / PLANT_FILE).read_text("utf-8").strip()[:64]
        except (OSError, UnicodeDecodeError):
            return ""

    def set_plant(self, name: str) -> None:
        name = name.strip()
        if not _SLUG.fullmatch(name):
            raise InvalidInput(
                f"{name!r} is not a plant name (lower-case letters, digits, - and _)"
            )
        atomic_write(self.path / PLANT_FILE, f"{name}\n".encode())

    def stamp_plant(self, name: str, editor: Editor, at: datetime) -> int:
        """Set ``name`` as the plant of every board that has none; how many were set."""
        count = 0
        for slug in self.slugs():
            board = self.board(slug)
            try:
                story = board.load()
            except StoreError:
                continue  # kata check reports it; a broken board is never written
            if not story.board.plant:
                board.commit([dataclasses.replace(story.board, plant=name)], editor, at)
                count += 1
        return count

    def check(self, *, workers: int | None = None) -> list[Problem]:
        """Fully load every board, and read every card set; each failure is one problem line.

        Boards are independent files, so many of them are checked by a pool of
        processes, one per core (``workers`` says how many; 1: in this process).
        No decoded board is kept: 2,000 of them would not fit in memory.
        """
        slugs = self.slugs()
        if workers is None:
            workers = _workers(len(slugs))
        problems: list[Problem] = []
        if workers <= 1:
            problems = _check_boards(self.path, slugs)
        else:
            from concurrent.futures import ProcessPoolExecutor

            size = max(1, -(-len(slugs) // (workers * 8)))  # 8 chunks a worker: even finish
            chunks = [slugs[i : i + size] for i in range(0, len(slugs), size)]
            with ProcessPoolExecutor(workers) as pool:
                for found in pool.map(_check_boards, [self.path] * len(chunks), chunks):
                    problems.extend(found)
        for entry in sorted(os.scandir(self.path), key=lambda e: e.name):
            name = entry.name
            if (
                name.endswith(SUFFIX)
                and not name.startswith(".")
                and not _SLUG.fullmatch(name.removesuffix(SUFFIX))
            ):
                problems.append(Problem(Path(entry.path), "file name is not a board name; ignored"))
        for refused in self.cards.problems():  # the card sets, shipped and the plant's own
            problems.append(Problem(Path(refused.where), f"line {refused.line}: {refused.reason}"))
        return problems

    # -- recovery -------------------------------------------------------------

    def last_good(self, slug: str) -> Path | None:
        """The copy of the board as it was before its last save, if there is one."""
        board = self.board(slug)
        return board.previous_path if board.previous_path.exists() else None

    def set_aside(self, slug: str, at: datetime) -> Path:
        """Move a broken board file to a new name, never overwriting anything."""
        board = self.board(slug)
        with locked(board.lock_path):
            return board.set_aside(at)

    def restore_last_good(self, slug: str, at: datetime) -> Path | None:
        """Set the current file aside and put the last good copy in its place.

        Returns where the current file went (None if there was none). The
        last good copy is opened once (never through a link, only a regular
        file) and what is checked is exactly what is written; it must itself
        load, or nothing is touched.
        """
        board = self.board(slug)
        previous = board.previous_path
        with locked(board.lock_path):
            try:
                text, _ = read_text_and_stat(previous)
                BoardFile(previous).parse(text)
            except FileNotFoundError:
                raise StoreError(f"{slug}: no last good copy to restore") from None
            except (BoardFileError, BoardNotFound) as exc:
                raise StoreError(
                    f"{slug}: the last good copy is not usable either ({exc})"
                ) from None
            aside = None
            if board.path.exists() or board.path.is_symlink():
                aside = board.set_aside(at)
            atomic_write(board.path, text.encode("utf-8"))
        return aside
