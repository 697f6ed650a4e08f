"""Text people typed cannot break out of its place in any export."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest

from kata_tui.domain.model import Board
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.csv_export import BOM, HEADER
from kata_tui.export.formats import render
from kata_tui.export.importer import read_export
from tests.conftest import TODAY

HOSTILE = [
    '=HYPERLINK("http://evil","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =cmd|' /C calc'!A0",
]


def _with_hostile_steps(story: Storyboard) -> Storyboard:
    """One closed step for each hostile text (more than the demo board has)."""
    last = story.experiments_for()[-1]
    changed = story
    for i, text in enumerate(HOSTILE, start=1):
        step = replace(last, id=f"hostile{i}", number=last.number + i, step=text, learned=text)
        changed = changed.with_record(replace(step, happened="done"))
    return changed


def test_csv_neutralises_formulas(stories: dict[str, Storyboard]) -> None:
    story = _with_hostile_steps(stories["maria"])
    text = render(story, "csv", today=TODAY)
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))
    assert tuple(rows[0]) == HEADER
    assert len(rows) == 1 + len(story.experiments)
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell
    steps = {row[HEADER.index("step")] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil","x")' in steps
    assert "'+1+1" in steps
    assert "'-2+3" in steps
    assert "'@SUM(A1:A2)" in steps
    assert "' =1+1" in steps  # the tab became a space, and the cell is still text
    assert "'^M=1+1" in steps
    assert "'  =cmd|' /C calc'!A0" in steps


def test_csv_keeps_commas_quotes_and_newlines_in_one_cell(
    stories: dict[str, Storyboard],
) -> None:
    story = stories["ken"]
    step = story.experiments_for()[0]
    story = story.with_record(replace(step, happened='Saved 3 s, "maybe"\nsecond line'))
    rows = list(csv.reader(io.StringIO(render(story, "csv", today=TODAY)[1:], newline="")))
    assert 'Saved 3 s, "maybe"\nsecond line' in [row[HEADER.index("what happened")] for row in rows]
    assert all(len(row) == len(HEADER) for row in rows)


def test_markdown_user_text_cannot_change_the_structure(stories: dict[str, Storyboard]) -> None:
    story = stories["maria"]
    target = story.target
    assert target is not None
    obstacle = story.obstacles_for()[0]
    story = story.with_record(replace(obstacle, text="a | b\n# not a heading <script>"))
    story = story.with_record(replace(story.board, challenge="# Big\n1. list\n\x1b[31mred"))
    text = render(story, "md", today=TODAY)
    assert "a \\| b / # not a heading \\<script\\>" in text
    assert "\\# Big  \n1\\. list  \n^\\[\\[31mred" in text
    assert "\x1b" not in text
    # every table row still has the same number of cells as its header
    for block in re.split(r"\n\n", text):
        lines = [line for line in block.splitlines() if line.startswith("| ")]
        if lines:
            counts = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
            assert len(counts) == 1, block
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert "# Big" not in headings


@pytest.mark.parametrize("fmt", ["html"])
def test_html_escapes_user_text(stories: dict[str, Storyboard], fmt: str) -> None:
    story = stories["maria"]
    story = story.with_record(replace(story.board, challenge='<img src="http://x/y.png">&\x07'))
    text = render(story, fmt, today=TODAY)
    assert "&lt;img src=&quot;http://x/y.png&quot;&gt;&amp;^G" in text
    assert "<img" not in text
    assert "http://" not in text.replace("http://x/y.png", "").replace(
        "http://www.w3.org/2000/svg", ""
    )
    assert not re.search(r"(src|href)=\"", text)
    assert "@import" not in text and "url(" not in text


def test_html_page_is_self_contained_a3_landscape(stories: dict[str, Storyboard]) -> None:
    for story in stories.values():
        page = render(story, "html", today=TODAY)
        assert "@page { size: A3 landscape;" in page
        assert "<svg" in page  # the run chart, inline
        assert "<link" not in page and "<script" not in page
        assert not re.search(r"\b(src|href)\s*=", page)


def test_every_format_renders_a_bare_board_and_odd_text(tmp_path) -> None:

    bare = Storyboard(
        board=Board("zoë\ud800", "", "Ümläute, 漢字 and \x1b]0;title\x07"), slug="zoe"
    )
    for fmt in ("md", "html", "csv", "json"):
        text = render(bare, fmt, today=TODAY)
        text.encode("utf-8")  # writable as UTF-8, whatever was typed
        assert "\x1b" not in text and "\x07" not in text
    path = tmp_path / "zoe.json"
    path.write_text(render(bare, "json", today=TODAY), encoding="utf-8")
    _, story = read_export(path)
    assert story.board == bare.board  # the json carries text exactly, even a lone surrogate


def test_exported_numbers_keep_every_digit() -> None:
    from kata_tui.export.common import number

    assert [number(v) for v in (1234567.0, 0.1234567, 25.0, None)] == [
        "1234567",
        "0.1234567",
        "25",
        "",
    ]


BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_bidi_controls_are_neutralised_in_printed_exports(
    stories: dict[str, Storyboard], fmt: str
) -> None:
    """A reading of 41 must not print as 14, nor "gnp.exe" as "exe.png"."""
    story = stories["maria"]
    step = story.experiments_for()[0]
    hostile = f"report\u202egnp.exe {BIDI}"
    story = story.with_record(replace(step, step=hostile, learned=hostile))
    story = story.with_record(replace(story.board, learner="Eve\u202e41", coach=f"\u2066{BIDI}"))
    text = render(story, fmt, today=TODAY)
    assert not set(BIDI) & set(text)
    assert "U+202E" in text and "gnp.exe" in text


def test_json_keeps_bidi_controls_as_data(stories: dict[str, Storyboard], tmp_path) -> None:
    """The JSON export is the board itself: what an import must restore exactly."""
    story = stories["maria"]
    story = story.with_record(replace(story.board, learner=f"Eve\u202e41{BIDI}"))
    path = tmp_path / "maria.json"
    path.write_text(render(story, "json", today=TODAY), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert not set(BIDI) & set(text)
    assert "\\u202e" in text  # escaped: the same JSON string
    _, back = read_export(path)
    assert back.board.learner == f"Eve\u202e41{BIDI}"
