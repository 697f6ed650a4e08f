"""Mutation score per package from mutmut's results: ``python -m tests.mutation.score``.

``--survivors`` also lists the surviving mutants per function. Reads the
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


def counts(root: Path) -> dict[str, Counter[str]]:
    """Mutant statuses per package."""
    out: dict[str, Counter[str]] = {package: Counter() for package in PACKAGES}
    for meta in sorted((root / "kata_tui").rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for name, code in codes.items():
            package = next((p for p in PACKAGES if name.startswith(p + ".")), None)
            if package is not None:
                out[package][_status(code)] += 1
    return out


def report(by_package: dict[str, Counter[str]]) -> str:
    head = "| package | mutants | killed | timeout | survived | no tests | not run | score |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|"]
    total: Counter[str] = Counter()
    for package, c in [*by_package.items(), ("all three", None)]:
        if c is None:
            c = total
        else:
            total.update(c)
        ran = c["killed"] + c["timeout"] + c["survived"] + c["no tests"] + c["other"]
        score = f"{100 * (c['killed'] + c['timeout']) / ran:.1f}%" if ran else "-"
        lines.append(
            f"| {package} | {sum(c.values())} | {c['killed']} | {c['timeout']} | "
            f"{c['survived']} | {c['no tests']} | {c['not run']} | {score} |"
        )
    return "\n".join(lines)


def survivors(root: Path) -> dict[str, int]:
    """Surviving mutants per function (``module.function``: how many)."""
    out: Counter[str] = Counter()
    for meta in sorted((root / "kata_tui").rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for name, code in codes.items():
            if code in SURVIVED:
                out[name.rsplit("__mutmut_", 1)[0]] += 1
    return dict(sorted(out.items()))


def main() -> int:
    args = sys.argv[1:]
    listing = "--survivors" in args
    args = [a for a in args if a != "--survivors"]
    root = Path(args[0]) if args else Path("mutants")
    if not root.is_dir():
        print(f"no {root}/: run mutmut first (README, Mutation testing)", file=sys.stderr)
        return 2
    print(report(counts(root)))
    if listing:
        for function, count in survivors(root).items():
            print(f"{count:4}  {function}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
