"""Boards of several plants in one data directory (brought by kata sync): the
dashboard shows each board's plant, filters on it, and learnings span plants."""

from __future__ import annotations

from dataclasses import replace

from kata_tui.domain.clock import Clock
from kata_tui.domain.demo import demo_boards
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.learnings import LearningsScreen, learning_text
from kata_tui.ui.widgets.board_table import BoardTable


def plant_boards(data: DataDir, clock: Clock, editor: Editor) -> DataDir:
    for story, plant in zip(
        demo_boards(clock.today()), ("north", "north", "south", "south"), strict=False
    ):
        story = replace(story, board=replace(story.board, plant=plant))
        data.create(story, editor, clock.now())
    return data


async def test_the_dashboard_shows_and_filters_by_plant(data, clock, editor, make_app) -> None:
    plant_boards(data, clock, editor)
    app = make_app(data)
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#boards", BoardTable)
        plants = {slug: table.cell_text(slug, "plant") for slug in table.slugs}
        assert sorted(plants.values()) == ["north", "north", "south", "south"]
        await pilot.press("slash", *"south", "enter")
        await pilot.pause()
        assert {plants[s] for s in table.slugs} == {"south"}
        assert len(table.slugs) == 2


async def test_no_plant_column_on_a_server_of_one_plant(demo_data, make_app) -> None:
    app = make_app(demo_data)
    async with app.run_test(size=(120, 30)):
        table = app.screen.query_one("#boards", BoardTable)
        assert "plant" not in [c.key for c in table.columns]


async def test_learnings_span_the_plants_and_name_them(data, clock, editor, make_app) -> None:
    plant_boards(data, clock, editor)
    app = make_app(data)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("l")
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, LearningsScreen):
                break
        screen = app.screen
        assert isinstance(screen, LearningsScreen)
        entries = screen.entries
        assert {e.plant for e in entries} == {"north", "south"}
        assert " at south, " in learning_text(next(e for e in entries if e.plant == "south")).plain
