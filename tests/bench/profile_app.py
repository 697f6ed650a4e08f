"""Where kata-tui's start-up (or a key) spends its time, on the plant data.

Runs the app under cProfile in the same 100x30 pseudo-terminal as the
benchmark, waits for the paint, quits with ctrl+q and prints the heaviest
functions. From the repository root::

    python -m tests.bench.profile_app board           # the largest board
    python -m tests.bench.profile_app dashboard
    python -m tests.bench.profile_app board --keys c  # also profile starting a cycle

The raw profile stays in /tmp/kata-bench-SCREEN.prof (snakeviz, pstats).
With ``--pyinstrument`` (``pip install pyinstrument``) the profile samples
wall time instead, with far less overhead than cProfile, and the call tree
goes to /tmp/kata-bench-SCREEN.txt.
"""

from __future__ import annotations

import argparse
import codecs
import pstats
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.plant import ensure_plant
from tests.bench.run import BOARD_MARKERS, DASHBOARD_MARKERS, SETTLE, running


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.profile_app")
    parser.add_argument("screen", choices=["board", "dashboard"])
    parser.add_argument("--keys", default="", help=r"keys to press after the paint, e.g. 'c'")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--pyinstrument", action="store_true", help="sample wall time instead")
    parser.add_argument(
        "--show-all", action="store_true", help="with --pyinstrument: no hidden library frames"
    )
    args = parser.parse_args()
    plant = ensure_plant()
    plant.reset(plant.largest)
    out = Path(f"/tmp/kata-bench-{args.screen}.{'txt' if args.pyinstrument else 'prof'}")
    out.unlink(missing_ok=True)
    extra = [plant.largest] if args.screen == "board" else []
    profiler = (
        ["pyinstrument", "-r", "text", "-o", str(out), *(["--show-all"] if args.show_all else [])]
        if args.pyinstrument
        else ["cProfile", "-o", str(out)]
    )
    argv = [
        sys.executable,
        "-m",
        *profiler,
        "-m",
        "kata_tui.cli",
        "--data",
        str(plant.path),
        *extra,
    ]
    markers = BOARD_MARKERS if args.screen == "board" else DASHBOARD_MARKERS
    with running(argv) as session:
        ready = session.wait_paint(markers)
        print(f"painted after {ready - session.t_spawn:.2f} s (under the profiler)")
        for key in codecs.decode(args.keys, "unicode_escape"):
            mark = len(session.chunks)
            sent = session.send(key)
            done = session.wait_paint(since=mark, silence=SETTLE, timeout=30)
            print(f"key {key!r} repainted after {done - sent:.2f} s")
        session.quit()
    plant.reset(plant.largest)
    if not out.exists():
        print("no profile written (the app did not quit cleanly)", file=sys.stderr)
        return 2
    if args.pyinstrument:
        print(out.read_text())
        return 0
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(r"kata_tui", args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
