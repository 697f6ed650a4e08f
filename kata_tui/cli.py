"""The ``kata`` command: parse arguments, open the store, start the app or a tool.

Every failure a person can cause (a typo, a missing board, an unreadable
directory) ends as one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kata_tui import __version__
from kata_tui.domain.clock import Clock
from kata_tui.domain.errors import KataError
from kata_tui.domain.model import Role
from kata_tui.domain.text import visible
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir, default_data_dir, slugify
from kata_tui.store.session import login_name

COMMANDS = ("demo", "check", "follow", "export", "import")
EXIT_USAGE = 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        help="data directory (default: $KATA_DATA, else your user data directory)",
    )
    parser.add_argument(
        "--role",
        choices=[r.value.replace(" ", "-") for r in Role],
        default=None,
        help="who is typing in this session (stamped on every change; default: learner)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kata",
        description="Toyota Kata storyboard and coaching-kata card in the terminal. "
        "Commands: demo, check, follow BOARD, export BOARD, import FILE.",
        epilog="Run 'kata COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"kata-tui {__version__}")
    _common(parser)
    parser.add_argument("board", nargs="?", help="open this board directly")
    return parser


def build_command_parser(command: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"kata {command}")
    _common(parser)
    if command == "demo":
        parser.description = (
            "Create sample boards (in a new temporary directory unless --data) and open them."
        )
        parser.add_argument(
            "--no-open", action="store_true", help="only create the data; print its directory"
        )
    elif command == "check":
        parser.description = "Validate every board file; one line per problem; exit 1 if any."
    elif command == "follow":
        parser.description = "Watch a board read-only as a cycle runs in another session."
        parser.add_argument("board")
    elif command == "export":
        parser.description = "Write a board as Markdown, HTML, CSV (experiments) or JSON."
        parser.add_argument("board")
        parser.add_argument("--format", choices=["md", "html", "csv", "json"], default="md")
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    elif command == "import":
        parser.description = "Read a board from kata-tui JSON (as written by export)."
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="name", help="board name to import as")
        parser.add_argument(
            "--replace", action="store_true", help="overwrite an existing board of that name"
        )
    return parser


def _editor(role: str | None) -> Editor:
    value = (role or Role.LEARNER.value).replace("-", " ")
    return Editor(login_name(), Role(value))


def _data_dir(args: argparse.Namespace, *, create: bool) -> DataDir:
    return DataDir.open(args.data or default_data_dir(), create=create)


def _run_app(
    data: DataDir, editor: Editor, clock: Clock, slug: str | None, *, follow: bool = False
) -> int:
    from kata_tui.ui import startup_gc  # imports no Textual

    with startup_gc.paused():
        from kata_tui.ui.app import KataApp  # Textual loads only when a screen is needed

        if slug is not None:
            data.board(slug).load()  # a missing or broken board is a one-line error here
        app = KataApp(data, editor=editor, clock=clock, board=slug, follow=follow)
        app.run()
    return app.return_code or 0


def cmd_demo(args: argparse.Namespace, clock: Clock) -> int:
    import tempfile

    from kata_tui.domain.demo import demo_boards

    path = Path(tempfile.mkdtemp(prefix="kata-demo-")) if args.data is None else args.data
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
        return 0
    print(f"sample data in {path}", file=sys.stderr)
    return _run_app(data, _editor(args.role), clock, None)


def cmd_check(args: argparse.Namespace) -> int:
    data = _data_dir(args, create=False)
    problems = data.check()
    for problem in problems:
        # a file name in a shared directory is anyone's text: one line, no escapes
        print(visible(f"{problem.path}: {problem.message}", one_line=True))
    if not problems:
        print(f"{len(data.slugs())} boards, all good", file=sys.stderr)
    return 1 if problems else 0


def cmd_export(args: argparse.Namespace, clock: Clock) -> int:
    from kata_tui.export.formats import render, write_output

    data = _data_dir(args, create=False)
    story = data.load(data.check_slug(args.board))
    text = render(story, args.format, today=clock.today())
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_output(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, clock: Clock) -> int:
    from kata_tui.export.importer import import_file, read_export

    if not (args.data or default_data_dir()).exists():
        read_export(args.file)  # a refused import must not leave a new directory behind
    data = _data_dir(args, create=True)
    slug = import_file(
        data,
        args.file,
        name=args.name,
        replace=args.replace,
        editor=_editor(args.role),
        at=clock.now(),
    )
    print(f"imported as {slug} in {data.path}", file=sys.stderr)
    return 0


def dispatch(argv: Sequence[str]) -> int:
    if argv and argv[0] in COMMANDS:
        command = argv[0]
        args = build_command_parser(command).parse_args(argv[1:])
        clock = Clock.from_env()  # after parsing: --help works whatever KATA_TODAY says
        if command == "demo":
            return cmd_demo(args, clock)
        if command == "check":
            return cmd_check(args)
        if command == "export":
            return cmd_export(args, clock)
        if command == "import":
            return cmd_import(args, clock)
        data = _data_dir(args, create=False)
        return _run_app(
            data,
            _editor(args.role or "second-coach"),
            clock,
            data.check_slug(args.board),
            follow=True,
        )
    args = build_parser().parse_args(argv)
    clock = Clock.from_env()
    data = _data_dir(args, create=True)
    slug = data.check_slug(args.board) if args.board else None
    return _run_app(data, _editor(args.role), clock, slug)


def _one_line(text: str) -> str:
    """A message for stderr: one line, whatever paths or names it quotes."""
    return visible(text.strip(), one_line=True)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return dispatch(argv)
    except UsageError as exc:
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
