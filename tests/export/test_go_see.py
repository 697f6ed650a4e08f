"""The next go-and-see on the sheet and in the Markdown: its date and time when set,
no line at all when not."""

from __future__ import annotations

from datetime import date

from kata_tui.domain.model import Board, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from tests.conftest import TODAY


def _exports(target: TargetCondition) -> tuple[str, str]:
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,))
    return render(story, "html", today=TODAY), render(story, "md", today=TODAY)


def test_a_go_and_see_shows_its_date_and_time() -> None:
    page, markdown = _exports(
        TargetCondition(seq=1, next_go_see=date(2026, 11, 27), next_go_see_time="14:00")
    )
    assert "<p><b>Next go-and-see:</b> 2026-11-27 14:00</p>" in page
    assert "\nNext go-and-see: 2026-11-27 14:00\n" in markdown
    page, markdown = _exports(TargetCondition(seq=1, next_go_see=date(2026, 11, 27)))
    assert "<p><b>Next go-and-see:</b> 2026-11-27</p>" in page
    assert "\nNext go-and-see: 2026-11-27\n" in markdown


def test_no_go_and_see_set_leaves_no_line() -> None:
    page, markdown = _exports(TargetCondition(seq=1))
    assert "go-and-see" not in page.lower()
    assert "go-and-see" not in markdown.lower()
