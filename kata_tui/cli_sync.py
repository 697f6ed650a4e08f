"""``kata sync``: the command line of plant servers kept in step through git.

``kata sync`` commits, merges and sends; ``kata sync init REMOTE [--plant NAME]``
sets a data directory up; ``kata sync status`` says what a sync would send and
receive; ``kata sync plant [NAME]`` says or sets this server's plant. The work
is in ``kata_tui.store.sync``; this only parses and prints.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Editor
from kata_tui.domain.text import visible
from kata_tui.store.datadir import DataDir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Keep plant servers in step through git: 'kata sync' commits the boards changed "
        "here, merges what changed elsewhere record by record, and sends it all; "
        "'kata sync init REMOTE' sets the data directory up; 'kata sync status' tells "
        "what a sync would send and receive; 'kata sync plant NAME' names this server's "
        "plant (shown on its boards), 'kata sync plant' says it."
    )
    parser.add_argument(
        "action", nargs="?", choices=["init", "status", "plant"], help="default: sync"
    )
    parser.add_argument(
        "remote",
        nargs="?",
        metavar="REMOTE|NAME",
        help="with init: any git URL or path; with plant: the plant name",
    )
    parser.add_argument("--plant", help="with init: this server's plant name, shown on boards")


def run(
    args: argparse.Namespace, open_data: Callable[[bool], DataDir], editor: Editor, clock: Clock
) -> int:
    """``open_data(create)``: the data directory (init may create it)."""
    from kata_tui.store.sync import init, status, sync

    if args.action == "plant" and not args.plant:
        return _plant(open_data(False), args.remote, editor, clock)
    if args.action != "init" and (args.remote or args.plant):
        raise argparse.ArgumentError(None, "REMOTE and --plant go with 'kata sync init'")
    if args.action == "init" and not args.remote:
        raise argparse.ArgumentError(None, "kata sync init needs a REMOTE (a git URL or path)")
    data = open_data(args.action == "init")
    if args.action == "init":
        lines = init(data, args.remote, editor, clock.now(), plant=args.plant).lines
    elif args.action == "status":
        lines = status(data, editor.user)
    else:
        lines = sync(data, editor.user).lines
    out = sys.stdout if args.action == "status" else sys.stderr
    for line in lines:
        print(visible(line, one_line=True), file=out)
    return 0


def _plant(data: DataDir, name: str | None, editor: Editor, clock: Clock) -> int:
    """Say this server's plant, or name it: boards started here from now on carry
    it, and so do those that had none; a board that has one keeps it (it may
    have come from another plant)."""
    if name is None:
        print(visible(data.plant, one_line=True) or "no plant set (kata sync plant NAME sets one)")
        return 0
    data.set_plant(name)
    count = data.stamp_plant(data.plant, editor, clock.now())
    print(f"plant {data.plant} set on {count} board(s)", file=sys.stderr)
    return 0
