"""The cadence of practice on the dashboard and on the board, by keyboard.

The figures themselves are checked by hand in tests/domain/test_cadence.py;
here: what the coach sees of them, and that the dashboard sorts by them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Static

from kata_tui.domain.cadence import board_facts, cadence, cadence_words
from kata_tui.domain.summary import SORTS, summarize
from kata_tui.ui.board_rows import CADENCE, PLAN
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.board_table import BoardTable
from kata_tui.ui.widgets.sections import ChallengeSection
from kata_tui.ui.widgets.sections.body import SectionBody
from tests.conftest import TODAY
from tests.ui.screen_text import widget_text


def table(app) -> BoardTable:
    return app.screen.query_one("#boards", BoardTable)


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).content)


def to_sort(key: str) -> list[str]:
    """The ``s`` presses from the default order to ``key``."""
    sorts = list(SORTS)
    return ["s"] * ((sorts.index(key) - sorts.index("go_see")) % len(sorts))


async def test_wide_dashboard_shows_the_cadence_columns_beside_the_plan(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(140, 30)):
        keys = table(app).column_keys
        assert set(CADENCE) <= set(keys) and set(PLAN) <= set(keys)
        maria = demo_data.load("maria")
        figures = cadence(board_facts(maria), TODAY)
        assert figures.days_since_cycle == 4 and figures.cycles_per_week == 1.25
        assert table(app).cell_text("maria", "since") == "4d"
        assert table(app).cell_text("maria", "cycles_week") == "1.25"
        assert table(app).cell_text("maria", "experiments_week") == "1.25"
        assert table(app).cell_text("maria", "go_see_kept") == (
            f"{figures.go_see_kept}/{figures.go_see_due}"
        )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_sorting_by_a_cadence_figure_shows_the_cadence(demo_data, make_app, size):
    app = make_app(demo_data)
    async with app.run_test(size=size) as pilot:
        keys = table(app).column_keys
        assert not set(CADENCE) & set(keys)  # the plan's dates by default
        await pilot.press(*to_sort("since"))
        assert "sorted by days since the last cycle" in status(app)
        keys = table(app).column_keys
        assert set(CADENCE) <= set(keys) and not set(PLAN) & set(keys)
        since = {
            slug: summarize(demo_data.load(slug)).cadence(TODAY).days_since_cycle
            for slug in demo_data.slugs()
        }
        assert table(app).slugs == sorted(since, key=since.get)
        assert [table(app).cell_text(s, "since") for s in table(app).slugs] == [
            "4d", "5d", "8d", "15d"
        ]  # fmt: skip
        await pilot.press("S")  # longest without a cycle first
        assert table(app).slugs == sorted(since, key=since.get, reverse=True)
        for key in ("cycles_week", "experiments_week", "cycle_minutes", "go_see_kept"):
            await pilot.press("s")
            assert f"sorted by {SORTS[key][0]}" in status(app)
            values = [SORTS[key][1](summarize(demo_data.load(s)), TODAY) for s in table(app).slugs]
            assert values == sorted(values)
        await pilot.press("s")  # round to the learner: the plan's columns are back
        assert set(PLAN) <= set(table(app).column_keys)


async def test_the_board_and_the_dashboard_say_the_same_cadence(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(120, 40)) as pilot:
        while table(app).cursor_slug != "maria":
            await pilot.press("down")
        words = cadence_words(summarize(demo_data.load("maria")).cadence(TODAY))
        assert words.startswith("last cycle 4 days ago; a week over 4 weeks: 1.25 cycles")
        details = str(app.screen.query_one("#details", Static).content)
        assert f"Cadence: {words}" in details
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        body = app.screen.query_one(ChallengeSection).query_one(SectionBody)
        shown = " ".join(widget_text(app, body).split())
        assert " ".join(f"Cadence: {words}".split()) in shown
