"""One command for mutation testing: ``python -m tests.mutation.run [MUTANT_NAMES...]``.

Runs ``mutmut run`` (configured in pyproject.toml, [tool.mutmut]) from the
repository root, then prints the score per package (tests/mutation/score.py).
``--max-children N`` (default 2) sets how many mutants run at once; names
or patterns such as ``"kata_tui.export.*"`` run a part. A second run only
retests mutants whose function changed; delete ./mutants to start over.

``--sample N`` runs N mutants drawn at random from each package (``--seed S``
picks the draw, default 19; ``--package kata_tui.store`` draws from that
package alone): a whole run takes hours on two cores, and a random sample
estimates each package's score with a stated margin, where a part chosen by
hand would not. The draw is kept in ./mutants/sample.txt, so
``python -m tests.mutation.score --sample`` reports the same mutants again.
"""

from __future__ import annotations

import compileall
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from tests.mutation.score import PACKAGES, SAMPLE, all_names, counts, report

REPO = Path(__file__).resolve().parents[2]
NONE = "kata_tui.x_no_such_function__mutmut_0"
"""A name no mutant has: ``mutmut run`` with it generates every mutant and
collects which tests reach which function, then stops (it finds nothing to
run), so a sample can be drawn from the code as it is."""


def _option(argv: list[str], name: str, default: str | None) -> tuple[str | None, list[str]]:
    if name not in argv:
        return default, argv
    at = argv.index(name)
    if at + 1 >= len(argv):
        raise SystemExit(f"{name} needs a value")
    return argv[at + 1], argv[:at] + argv[at + 2 :]


def draw(
    root: Path, per_package: int, seed: int, packages: tuple[str, ...] = PACKAGES
) -> list[str]:
    """``per_package`` mutant names at random from each package, the same for one seed."""
    rng = random.Random(seed)
    names = all_names(root)
    chosen: list[str] = []
    for package in packages:
        pool = sorted(n for n in names if n.startswith(package + "."))
        chosen += sorted(rng.sample(pool, min(per_package, len(pool))))
    return chosen


def refresh_data_files(root: Path, repo: Path = REPO) -> None:
    """Copy the package's files other than Python source into ``root`` again when
    they changed: mutmut regenerates changed modules but keeps a stale copy of
    any other file (FORMAT.md, the stylesheets), and tests read those."""
    for source in (repo / "kata_tui").rglob("*"):
        if source.suffix == ".py" or "__pycache__" in source.parts or not source.is_file():
            continue
        copy = root / source.relative_to(repo)
        if copy.parent.is_dir() and (not copy.exists() or copy.read_bytes() != source.read_bytes()):
            shutil.copy2(source, copy)


def main(argv: list[str]) -> int:
    mutmut = shutil.which("mutmut") or str(Path(sys.executable).with_name("mutmut"))
    if not Path(mutmut).exists():
        print("mutmut is not installed: pip install -e '.[test,mutation]'", file=sys.stderr)
        return 2
    children, argv = _option(argv, "--max-children", "2")
    size, argv = _option(argv, "--sample", None)
    seed, argv = _option(argv, "--seed", "19")
    package, argv = _option(argv, "--package", None)
    packages = PACKAGES if package is None else (package,)
    if not set(packages) <= set(PACKAGES):
        print(f"--package is one of {', '.join(PACKAGES)}", file=sys.stderr)
        return 2
    run_with = [mutmut, "run", "--max-children", str(children)]
    # Processes the tests start import the mutated copy from source: give them time.
    os.environ.setdefault("KATA_TEST_SLOWDOWN", "10")
    only: set[str] | None = None
    root = REPO / "mutants"
    refresh_data_files(root)
    print("generating the mutants and which tests reach them", flush=True)
    made = subprocess.run([*run_with, NONE], cwd=REPO, capture_output=True, check=False)
    said = made.stdout.decode(errors="replace") + made.stderr.decode(errors="replace")
    if "nothing matches" not in said:
        sys.stdout.buffer.write(made.stdout)
        sys.stderr.buffer.write(made.stderr)
        return made.returncode or 2
    # The processes tests start (kata, writers) keep no bytecode: compiled once here,
    # the mutated copy (every mutant of a module in one file) loads in a second
    # instead of compiling anew in each of them.
    compileall.compile_dir(str(root / "kata_tui"), quiet=1)
    if size is not None:
        names = draw(root, int(size), int(str(seed)), packages)
        if not names:
            print("no mutants were generated", file=sys.stderr)
            return 2
        (root / SAMPLE).write_text("\n".join(names) + "\n", encoding="utf-8")
        argv = [*argv, *names]
        only = set(names)
    run = subprocess.run([*run_with, *argv], cwd=REPO, check=False)
    print(report(counts(REPO / "mutants", only=only), sampled=only is not None))
    return run.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
