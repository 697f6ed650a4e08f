"""Regenerate the reviewed golden exports: ``python -m tests.export.update_golden``.

Run it only after a deliberate change to an export, then review ``git diff
tests/export/golden`` before committing. The test run itself never writes
them (tests/export/test_golden.py only compares).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kata_tui.domain.clock import Clock
from kata_tui.domain.demo import demo_boards
from kata_tui.domain.model import Role
from kata_tui.export.formats import render
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.export.conftest import GOLDEN, SLUGS
from tests.export.grasping import DAY, FORMATS, SUFFIX, grasping_board
from tests.export.job_breakdown import FORMATS as JOB_FORMATS
from tests.export.job_breakdown import job_board


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = DataDir.open(Path(tmp) / "data")
        for story in demo_boards(TODAY):  # as the demo_data fixture stores them
            data.create(story, Editor("demo", Role.COACH), Clock.fixed(TODAY).now())
        for slug in SLUGS:
            story = data.load(slug)
            for fmt in ("md", "csv", "html"):
                path = GOLDEN / f"{slug}.{fmt}"
                path.write_bytes(render(story, fmt, today=TODAY).encode("utf-8"))
                print(path)
    for fmt in FORMATS:
        path = GOLDEN / f"grasping.{SUFFIX[fmt]}"
        path.write_bytes(render(grasping_board(), fmt, today=DAY).encode("utf-8"))
        print(path)
    for fmt in JOB_FORMATS:
        path = GOLDEN / f"jobs.{fmt}"
        path.write_bytes(render(job_board(), fmt, today=TODAY).encode("utf-8"))
        print(path)


if __name__ == "__main__":
    main()
