"""The printed storyboard: headless Chromium prints each demo board on ONE A3 page.

Needs Debian's ``chromium`` and ``poppler-utils`` (pdfinfo, pdftotext);
``.ci/run`` installs them. Without them the test skips, except in CI
(``CI=true``), where a missing printer is a failure, not a pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.bench.plant import several_metrics
from tests.conftest import TODAY
from tests.export.conftest import SLUGS

SECTIONS = (
    "CHALLENGE",
    "TARGET CONDITION",
    "CURRENT CONDITION",
    "OBSTACLE PARKING LOT",
    "EXPERIMENT RECORD",
)


def _tools() -> tuple[str, str, str]:
    names = ("chromium", "pdfinfo", "pdftotext")
    found = [shutil.which(name) for name in names]
    if not all(found):
        missing = [n for n, p in zip(names, found, strict=True) if not p]
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must print the storyboard; missing: {', '.join(missing)}")
        pytest.skip(f"needs {', '.join(missing)} (apt-get install chromium poppler-utils)")
    return found[0], found[1], found[2]  # type: ignore[return-value]


def print_to_pdf(html: str, tmp_path: Path) -> tuple[int, str, str]:
    """Page count, page size line and text of the page Chromium prints."""
    chromium, pdfinfo, pdftotext = _tools()
    page = tmp_path / "board.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / "board.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    info = subprocess.run(
        [pdfinfo, str(pdf)], capture_output=True, text=True, timeout=30, check=True
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1)  # type: ignore[union-attr]
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    return pages, size, text


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_demo_board_prints_on_one_landscape_a3_page(
    stories: dict[str, Storyboard], tmp_path: Path, slug: str
) -> None:
    story = stories[slug]
    pages, size, text = print_to_pdf(render(story, "html", today=TODAY), tmp_path)
    assert pages == 1
    assert "A3" in size
    width, height = (float(v) for v in re.findall(r"[\d.]+", size)[:2])
    assert width > height  # landscape
    flat = words(text)
    for title in SECTIONS:
        assert title in flat
    target = story.target
    assert target is not None
    # the text of every section, not only its title
    assert words(story.board.challenge)[:40] in flat
    assert words(target.pattern)[:30] in flat
    assert words(target.actual_pattern)[:30] in flat
    assert story.working_obstacle() is not None
    assert words(story.working_obstacle().text)[:20] in flat  # type: ignore[union-attr]
    threshold = story.threshold()
    assert threshold is not None
    assert words(threshold.step)[:20] in flat


@pytest.mark.slow
def test_a_long_record_still_prints_on_one_page(
    stories: dict[str, Storyboard], tmp_path: Path
) -> None:
    story = stories["ken"]
    step = story.experiments_for()[-1]
    for n in range(2, 40):
        story = story.with_record(
            replace(step, id=f"extra{n}", number=step.number + n, step="Long step text " * 30)
        )
    story = story.with_record(replace(story.board, challenge="A very long challenge " * 100))
    pages, _, text = print_to_pdf(render(story, "html", today=TODAY), tmp_path)
    assert pages == 1
    assert "EXPERIMENT RECORD" in words(text)
    assert "EXPERIMENT RECORD (newest" in words(text)
    assert f"{step.number + 39} " in words(text)  # the newest step is on the sheet


@pytest.mark.slow
def test_a_board_with_three_metrics_prints_their_charts_on_one_page(
    stories: dict[str, Storyboard], tmp_path: Path
) -> None:
    """The plant's shape: two outcome metrics and a process metric, all read."""
    story = several_metrics(stories["maria"])
    html = render(story, "html", today=TODAY)
    assert html.count("<svg") == 3
    pages, _, text = print_to_pdf(html, tmp_path)
    assert pages == 1
    flat = words(text)
    for name in ("changeover time", "steps done to standard", "scrap per shift"):
        assert f"Latest {name}:" in flat
    # every chart is on the sheet down to its dates line (the first reading's day)
    assert flat.count("2026-10-24") == 3
    assert "EXPERIMENT RECORD" in flat
