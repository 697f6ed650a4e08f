"""The JSON export is readable text: one field a line, two spaces a level, letters as typed."""

from __future__ import annotations

from kata_tui.domain.model import Board
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.conftest import TODAY


def test_the_json_export_is_indented_one_field_a_line() -> None:
    story = Storyboard(board=Board("Jürgen", "Zoë", "Lieferung in 2 h"), slug="jurgen")
    text = render(story, "json", today=TODAY)
    lines = text.splitlines()
    assert lines[:6] == [
        "{",
        '  "format": "kata-tui-board",',
        '  "version": 1,',
        '  "exported": "2026-11-23",',
        lines[4],  # the generator names this kata-tui's version
        '  "slug": "jurgen",',
    ]
    assert lines[4].startswith('  "generator": "kata-tui ')
    assert lines[6:10] == [
        '  "board": {',
        '    "board": [',
        "      {",
        '        "learner": "Jürgen",',
    ]
    assert text.endswith("}\n")
