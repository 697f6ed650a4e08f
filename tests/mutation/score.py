"""Mutation score per package from mutmut's results: ``python -m tests.mutation.score``.

``--survivors`` also lists the surviving mutants per function; ``--sample``
counts only the mutants of the last random sample (tests/mutation/run.py,
``--sample N``) and gives each score's 95% margin. Reads the
``mutants/**/*.py.meta`` files ``mutmut run`` leaves behind (one
exit code per mutant) and prints, for kata_tui/domain, store and export,
how many mutants were killed, survived, had no test reaching them, timed
out or were not run yet. The score counts a timeout as killed (the mutant
changed behaviour enough to hang a test) and a mutant no test reaches as
not killed.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

PACKAGES = ("kata_tui.domain", "kata_tui.store", "kata_tui.export")
SAMPLE = "sample.txt"
"""The last random sample's mutant names, one a line, inside ./mutants."""
KILLED = {1, 3}
SURVIVED = {0}
NO_TESTS = {5, 33}
TIMEOUT = {24, -24, 36, 152, 255}


def _status(code: int | None) -> str:
    if code is None:
        return "not run"
    for name, codes in (
        ("killed", KILLED),
        ("survived", SURVIVED),
        ("no tests", NO_TESTS),
        ("timeout", TIMEOUT),
    ):
        if code in codes:
            return name
    return "other"


def _codes(root: Path) -> dict[str, int | None]:
    """Every generated mutant's exit code (None: not run yet)."""
    out: dict[str, int | None] = {}
    for meta in sorted((root / "kata_tui").rglob("*.py.meta")):
        out.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return out


def all_names(root: Path) -> list[str]:
    """The names of every mutant generated under ``root`` (none before a first run)."""
    return sorted(_codes(root)) if (root / "kata_tui").is_dir() else []


def counts(root: Path, only: set[str] | None = None) -> dict[str, Counter[str]]:
    """Mutant statuses per package (of the names in ``only``, when given)."""
    out: dict[str, Counter[str]] = {package: Counter() for package in PACKAGES}
    for name, code in _codes(root).items():
        if only is None or name in only:
            package = next((p for p in PACKAGES if name.startswith(p + ".")), None)
            if package is not None:
                out[package][_status(code)] += 1
    return out


def margin(killed: int, ran: int) -> float:
    """Half the 95% confidence interval of a score measured on a random sample, in %."""
    if ran == 0:
        return 0.0
    p = killed / ran
    return 196 * (p * (1 - p) / ran) ** 0.5


def report(by_package: dict[str, Counter[str]], *, sampled: bool = False) -> str:
    """A markdown table; ``sampled`` adds each score's 95% margin (a random sample)."""
    head = "| package | mutants | killed | timeout | survived | no tests | not run | score |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|"]
    total: Counter[str] = Counter()
    for package, c in [*by_package.items(), ("all three", None)]:
        if c is None:
            c = total
        else:
            total.update(c)
        ran = c["killed"] + c["timeout"] + c["survived"] + c["no tests"] + c["other"]
        dead = c["killed"] + c["timeout"]
        score = f"{100 * dead / ran:.1f}%" if ran else "-"
        if sampled and ran:
            score += f" ± {margin(dead, ran):.1f}"
        lines.append(
            f"| {package} | {sum(c.values())} | {c['killed']} | {c['timeout']} | "
            f"{c['survived']} | {c['no tests']} | {c['not run']} | {score} |"
        )
    return "\n".join(lines)


def survivors(root: Path, only: set[str] | None = None) -> dict[str, int]:
    """Surviving mutants per function (``module.function``: how many)."""
    out: Counter[str] = Counter()
    for name, code in _codes(root).items():
        if code in SURVIVED and (only is None or name in only):
            out[name.rsplit("__mutmut_", 1)[0]] += 1
    return dict(sorted(out.items()))


def main() -> int:
    args = sys.argv[1:]
    listing = "--survivors" in args
    sampled = "--sample" in args
    args = [a for a in args if a not in ("--survivors", "--sample")]
    root = Path(args[0]) if args else Path("mutants")
    if not root.is_dir():
        print(f"no {root}/: run mutmut first (README, Mutation testing)", file=sys.stderr)
        return 2
    only = None
    if sampled:
        if not (root / SAMPLE).is_file():
            print(f"no {root / SAMPLE}: run a sample first (--sample N)", file=sys.stderr)
            return 2
        only = set((root / SAMPLE).read_text(encoding="utf-8").split())
    print(report(counts(root, only), sampled=sampled))
    if listing:
        for function, count in survivors(root, only).items():
            print(f"{count:4}  {function}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
