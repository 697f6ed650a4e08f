"""One command for mutation testing: ``python -m tests.mutation.run [MUTANT_NAMES...]``.

Runs ``mutmut run`` (configured in pyproject.toml, [tool.mutmut]) from the
repository root, then prints the score per package (tests/mutation/score.py).
``--max-children N`` (default 2) sets how many mutants run at once; names
or patterns such as ``"kata_tui.export.*"`` run a sample. A second run only
retests mutants whose function changed; delete ./mutants to start over.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.mutation.score import counts, report

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    mutmut = shutil.which("mutmut") or str(Path(sys.executable).with_name("mutmut"))
    if not Path(mutmut).exists():
        print("mutmut is not installed: pip install -e '.[test,mutation]'", file=sys.stderr)
        return 2
    if "--max-children" not in argv:
        argv = ["--max-children", "2", *argv]
    run = subprocess.run([mutmut, "run", *argv], cwd=REPO, check=False)
    print(report(counts(REPO / "mutants")))
    return run.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
