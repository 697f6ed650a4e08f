"""The ``kata`` command: parse arguments, open the store, start the app or a tool.

Every failure a person can cause (a typo, an empty value, a missing board, an
unreadable directory, no terminal) ends as one line on stderr and exit status
2, never a traceback.

The command line is argparse with one subparser per command. A command is one
entry in ``COMMANDS``: a function that adds its arguments and a function that
runs it. The global options (``GLOBAL_OPTIONS``) are accepted before the
command and after it. ``kata BOARD`` is short for ``kata open BOARD`` when
BOARD is not a command's name; ``kata open NAME`` opens any board, ``check``
and ``demo`` too.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from kata_tui import __version__
from kata_tui.domain.clock import Clock
from kata_tui.domain.errors import KataError
from kata_tui.domain.model import Editor, Role
from kata_tui.domain.text import visible
from kata_tui.settings import ROLES, Settings, resolve
from kata_tui.store.datadir import DataDir, slugify
from kata_tui.store.session import login_name

EXIT_USAGE = 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


# -- values --------------------------------------------------------------------------


def _given(text: str, what: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError(f"empty {what}")
    return text


def directory(text: str) -> Path:
    """A directory argument: an empty one would mean the current directory by accident."""
    return Path(_given(text, "directory name"))


def file_path(text: str) -> Path:
    return Path(_given(text, "file name"))


def board_name(text: str) -> str:
    return _given(text, "board name")


# -- global options ------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    flags: tuple[str, ...]
    options: dict[str, Any]

    @property
    def takes_value(self) -> bool:
        return self.options.get("action") not in ("store_true", "store_false")


GLOBAL_OPTIONS = (
    Option(
        ("--data",),
        dict(
            metavar="DIR",
            type=directory,
            help="data directory (default: $KATA_DATA, else the config files' data, "
            "else your user data directory; see kata config)",
        ),
    ),
    Option(
        ("--ascii",),
        dict(
            action="store_true",
            help="draw with ASCII only (automatic when the locale is not UTF-8)",
        ),
    ),
    Option(
        ("--role",),
        dict(
            choices=ROLES,
            help="who is typing in this session, stamped on every change "
            "(default: $KATA_ROLE, else the config files' role, else learner)",
        ),
    ),
)
"""Options every command takes, before or after its name."""


def _add_global_options(parser: argparse.ArgumentParser, *, after_command: bool) -> None:
    for option in GLOBAL_OPTIONS:
        options = dict(option.options)
        if after_command:
            # Given after the command or not at all: a value given before it stays.
            options["default"] = argparse.SUPPRESS
        parser.add_argument(*option.flags, **options)


# -- commands ------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    summary: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    description: str = ""


def _settings(args: argparse.Namespace, default_role: Role = Role.LEARNER) -> Settings:
    flags = {"data": None if args.data is None else str(args.data), "role": args.role}
    return resolve(flags, default_role=default_role.value.replace(" ", "-"))


def _editor(args: argparse.Namespace, default: Role = Role.LEARNER) -> Editor:
    role = _settings(args, default).role.value
    return Editor(login_name(), Role(role.replace("-", " ")))


def _data_path(args: argparse.Namespace) -> Path:
    return _settings(args).data_dir


def _data_dir(args: argparse.Namespace, *, create: bool) -> DataDir:
    return DataDir.open(_data_path(args), create=create)


def _no_terminal() -> str | None:
    """Why the app cannot draw here, or None: it needs a terminal on stdin, stdout
    and stderr (Textual paints on stderr) and a controlling terminal (for keys and
    job control). Without one it would paint escape codes into a pipe or wait for
    keys that never come."""
    for fd, name in ((0, "input"), (1, "output"), (2, "error output")):
        if not os.isatty(fd):
            return f"the {name} is not a terminal"
    try:
        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return "there is no controlling terminal"
    os.close(tty)
    return None


def _require_terminal() -> None:
    reason = _no_terminal()
    if reason is not None:
        raise KataError(
            f"kata needs a terminal: {reason} "
            "(over SSH: ssh -t; for a report: kata check or kata export)"
        )


def _run_app(
    args: argparse.Namespace,
    data: DataDir,
    editor: Editor,
    clock: Clock,
    slug: str | None,
    *,
    follow: bool = False,
) -> int:
    from kata_tui.ui import startup_gc  # imports no Textual
    from kata_tui.ui.terminal import TerminalPolicy  # imports no Textual

    with startup_gc.paused():
        if slug is not None:
            data.board(slug).load()  # a missing or broken board is a one-line error here
        _require_terminal()
        from kata_tui.ui.app import KataApp  # Textual loads only when a screen is needed

        terminal = TerminalPolicy.detect(force_ascii=args.ascii)
        app = KataApp(
            data, editor=editor, clock=clock, board=slug, follow=follow, terminal=terminal
        )
        app.run()
    return app.return_code or 0


def add_open(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "board", nargs="?", type=board_name, help="the board to open (default: the board list)"
    )


def cmd_open(args: argparse.Namespace) -> int:
    clock = Clock.from_env()
    path = _data_path(args)
    if args.board is None and not path.exists():
        _require_terminal()  # before a first run creates the data directory
    data = DataDir.open(path, create=True)
    slug = data.check_slug(args.board) if args.board is not None else None
    return _run_app(args, data, _editor(args), clock, slug)


def add_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-open", action="store_true", help="only create the data; print its directory"
    )


def cmd_demo(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from kata_tui.domain.demo import demo_boards

    clock = Clock.from_env()
    if not args.no_open:
        _require_terminal()  # before any folder is made
    temporary = args.data is None
    path = Path(tempfile.mkdtemp(prefix="kata-demo-")) if temporary else args.data
    try:
        data = DataDir.open(path)
        editor = Editor("demo", Role.COACH)
        kept = 0
        for story in demo_boards(clock.today()):
            slug = slugify(story.board.learner)
            if data.exists(slug):
                kept += 1  # run again on the same directory: open what is there, add no copies
                continue
            data.create(story, editor, clock.now(), slug=slug)
        if kept:
            print(f"kept {kept} sample boards already in {path}", file=sys.stderr)
        if args.no_open:
            print(path)
            temporary = False  # printed for the caller to use: theirs to remove
            return 0
        code = _run_app(args, data, _editor(args), clock, None)
        if temporary:
            print(f"sample data in {path} removed (kata demo --data DIR keeps it)", file=sys.stderr)
        return code
    finally:
        if temporary:
            shutil.rmtree(path, ignore_errors=True)


def cmd_check(args: argparse.Namespace) -> int:
    Clock.from_env()  # a bad KATA_TODAY is reported the same way by every command
    data = _data_dir(args, create=False)
    problems = data.check()
    for problem in problems:
        # a file name in a shared directory is anyone's text: one line, no escapes
        print(visible(f"{problem.path}: {problem.message}", one_line=True))
    if not problems:
        print(f"{len(data.slugs())} boards, all good", file=sys.stderr)
    return 1 if problems else 0


def add_follow(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", type=board_name)


def cmd_follow(args: argparse.Namespace) -> int:
    clock = Clock.from_env()
    data = _data_dir(args, create=False)
    slug = data.check_slug(args.board)
    return _run_app(args, data, _editor(args, Role.SECOND_COACH), clock, slug, follow=True)


def add_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("board", type=board_name)
    formats = ["md", "html", "csv", "cycles", "readings", "json"]
    parser.add_argument("--format", choices=formats, default="md")
    parser.add_argument(
        "-o", "--output", type=file_path, help="file to write (default, or -: stdout)"
    )


def cmd_export(args: argparse.Namespace) -> int:
    from kata_tui.export.formats import render, write_output, write_stream

    clock = Clock.from_env()
    data = _data_dir(args, create=False)
    board = data.board(data.check_slug(args.board))
    story = board.load()
    text = render(
        story, args.format, today=clock.today(), pending=board.pending(), cards=data.cards.find
    )
    if args.output is None or str(args.output) == "-":
        write_stream(sys.stdout, text)
    else:
        write_output(args.output, text, data_dirs=[data.path])
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def add_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=file_path)
    parser.add_argument("--as", dest="name", type=board_name, help="board name to import as")
    parser.add_argument(
        "--replace", action="store_true", help="overwrite an existing board of that name"
    )


def cmd_import(args: argparse.Namespace) -> int:
    from kata_tui.export.importer import import_file, read_export

    clock = Clock.from_env()
    if not _data_path(args).exists():
        read_export(args.file)  # a refused import must not leave a new directory behind
    data = _data_dir(args, create=True)
    slug = import_file(
        data,
        args.file,
        name=args.name,
        replace=args.replace,
        editor=_editor(args),
        at=clock.now(),
    )
    print(f"imported as {slug} in {data.path}", file=sys.stderr)
    warning = data.board(slug).warning  # the last good copy could not be kept
    if warning:
        print(f"kata: {visible(warning, one_line=True)}", file=sys.stderr)
    return 0


def add_sync(parser: argparse.ArgumentParser) -> None:
    from kata_tui import cli_sync

    cli_sync.add_arguments(parser)


def cmd_sync(args: argparse.Namespace) -> int:
    from kata_tui import cli_sync

    return cli_sync.run(
        args, lambda create: _data_dir(args, create=create), _editor(args), Clock.from_env()
    )


def cmd_config(args: argparse.Namespace) -> int:
    """Each setting, its value and where it came from; then the files looked at."""
    flags = {"data": None if args.data is None else str(args.data), "role": args.role}
    settings = resolve(flags, read_files=True)
    for name, setting in (("data", settings.data), ("role", settings.role)):
        print(visible(f"{name} = {setting.value}    ({setting.source})", one_line=True))
    for kind, path in zip(("user", "system"), settings.files, strict=True):
        state = "found" if path.is_file() else "not found"
        print(visible(f"{kind} config: {path} ({state})", one_line=True))
    return 0


COMMANDS: dict[str, Command] = {
    "open": Command("open a board by name, whatever the name", add_open, cmd_open),
    "demo": Command(
        "open sample boards (in a temporary directory, removed on exit, unless --data)",
        add_demo,
        cmd_demo,
    ),
    "check": Command(
        "validate every board file; one line per problem; exit 1 if any",
        lambda parser: None,
        cmd_check,
    ),
    "follow": Command(
        "watch a board read-only as a cycle runs in another session", add_follow, cmd_follow
    ),
    "export": Command(
        "write a board as Markdown, HTML, CSV (experiments) or JSON", add_export, cmd_export
    ),
    "import": Command(
        "read a board from kata-tui JSON (as written by export)", add_import, cmd_import
    ),
    "sync": Command(
        "keep plant servers in step through git: sync, sync init REMOTE, sync status",
        add_sync,
        cmd_sync,
    ),
    "config": Command(
        "print each setting (data directory, role) and where it came from",
        lambda parser: None,
        cmd_config,
    ),
}
"""Every subcommand: a new one is one entry here and two functions."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kata",
        usage="kata [options] [BOARD | COMMAND ...]",
        description="Toyota Kata storyboard and coaching-kata card in the terminal. "
        "kata opens the board list, kata BOARD one board.",
        epilog="Options before the command work after it too. "
        "Run 'kata COMMAND --help' for a command's options.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"kata-tui {__version__}")
    _add_global_options(parser, after_command=False)
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = commands.add_parser(
            name,
            prog=f"kata {name}",
            help=command.summary,
            description=command.description or command.summary[:1].upper() + command.summary[1:],
            allow_abbrev=False,
        )
        command.add_arguments(sub)
        _add_global_options(sub, after_command=True)
    parser.set_defaults(command=None, board=None)
    return parser


def with_command(argv: Sequence[str]) -> list[str]:
    """``argv`` with ``open`` put before a board name given without a command."""
    argv = list(argv)
    value_flags = {flag for option in GLOBAL_OPTIONS if option.takes_value for flag in option.flags}
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":  # ``kata -- check``: what follows is a board name
            return [*argv[:i], "open", *argv[i:]]
        if word.startswith("-") and word != "-":
            i += 2 if word in value_flags else 1
            continue
        if word in COMMANDS:
            return argv
        return [*argv[:i], "open", *argv[i:]]
    return argv


def dispatch(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(with_command(argv))
    command = COMMANDS[args.command or "open"]
    return command.run(args)


def _one_line(text: str) -> str:
    """A message for stderr: one line, whatever paths or names it quotes."""
    return visible(text.strip(), one_line=True)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return dispatch(argv)
    except (UsageError, argparse.ArgumentError) as exc:
        print(f"kata: {_one_line(str(exc))} (see kata --help)", file=sys.stderr)
    except KataError as exc:
        print(f"kata: {_one_line(str(exc))}", file=sys.stderr)
    except OSError as exc:
        # a file-system refusal the store did not foresee: still one line
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"kata: {_one_line(f'{where}{exc.strerror or exc}')}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
