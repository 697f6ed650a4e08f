"""The whole storyboard at a glance (issue 15), by keyboard, on the demo board "maria".

At 120x40 every section shows at once, each trimmed to what matters now;
``z`` puts the card away (the storyboard full width) and brings it back; at
80x24 ``z`` shows all five sections on one screen; a coaching cycle runs
through with the card away, its question and answer line in a strip.
"""

from __future__ import annotations

from datetime import date

import pytest

from kata_tui.domain.model import ObstacleStatus
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.widgets.card import KataCard
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.sections import (
    ExperimentsSection,
    ObstaclesSection,
    StorySection,
)
from kata_tui.ui.widgets.storyboard_pane import StoryboardPane
from tests.conftest import TODAY
from tests.ui.screen_text import screen_grid, widget_text

TITLES = (
    "Challenge",
    "Target condition",
    "Current condition",
    "Obstacle parking lot",
    "Experiment record",
)
KEY_CONTENT = (
    "Changeover on press line 2",  # the challenge
    "Cadence: last cycle 4 days ago",
    "#2 achieve by: 14 Dec (21 days left)",  # the current target condition
    "next go-and-see: 24 Nov",
    "Outcome: changeover time <= 25 min   latest 29.1 on 23 Nov",
    "Latest changeover time: 29.1 (23 Nov), 29.1 (21 Nov), 31 (19 Nov)",  # latest readings
    "* 2. Bolts need a different wrench per die  (working on)",  # the obstacle worked on
    "2 parked",  # and the parked count
    "> 4 19 Nov o2  Fit quick clamps",  # the threshold of knowledge
    "3 15 Nov o2  Keep die 4's shims",  # the steps before it
)


def screen(app) -> str:
    return "\n".join(screen_grid(app))


def all_five_in_view(app, content: tuple[str, ...] = KEY_CONTENT) -> None:
    """Every section whole inside the storyboard's view, nothing to scroll to."""
    pane = app.screen.query_one(StoryboardPane)
    assert pane.max_scroll_y == 0, f"the storyboard scrolls by {pane.max_scroll_y} rows"
    shown = screen(app)
    for section, title in zip(pane.query(StorySection), TITLES, strict=True):
        assert pane.region.contains_region(section.region), title
        assert title in shown
    for text in content:
        assert text in shown, text


async def test_120x40_shows_all_five_sections_trimmed_beside_the_card(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        all_five_in_view(app)
        assert "changeover time (min)" in screen(app)  # the run chart
        assert app.screen.query_one(KataCard).region.width > 0
        assert "(Tab: all)" in screen(app)  # trimmed sections say how to see all


async def test_a_trimmed_section_shows_all_once_focused(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lot = app.screen.query_one(ObstaclesSection)
        assert "1. We do not know" not in widget_text(app, lot)
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert app.focused is lot
        shown = widget_text(app, lot)
        assert "1. We do not know" in shown and "(cleared)" in shown
        assert "(Tab: all)" not in shown
        await pilot.press("tab")  # the experiment record: the whole table
        await pilot.pause()
        record = app.screen.query_one(ExperimentsSection)
        assert "expected" in widget_text(app, record)  # the table's header
        assert "1. We do not know" not in widget_text(app, lot)  # trimmed again


async def test_z_hides_the_card_and_brings_it_back(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "z Whole board" in widget_text(app, app.screen.query_one(Footer))
        card, pane = app.screen.query_one(KataCard), app.screen.query_one(StoryboardPane)
        await pilot.press("z")
        await pilot.pause()
        assert not card.display or card.region.width == 0
        assert pane.region.width == 120
        assert "Coaching Kata" not in screen(app)
        all_five_in_view(app)
        await pilot.press("z")
        await pilot.pause()
        assert card.region.width > 0 and pane.region.width < 120
        assert "Coaching Kata" in screen(app)


async def test_z_at_80x24_shows_all_five_sections_on_one_screen(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(StoryboardPane)
        assert pane.max_scroll_y > 0  # beside the card, the storyboard scrolls
        await pilot.press("z")
        await pilot.pause()
        all_five_in_view(app)
        await pilot.press("z")
        await pilot.pause()
        assert "Coaching Kata" in screen(app)


async def test_z_is_not_offered_where_the_card_and_board_take_turns(demo_data, make_app):
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.screen.check_action("toggle_card", ()) is False
        await pilot.press("z")
        await pilot.pause()
        assert not app.screen.card_hidden


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_whole_cycle_runs_by_keyboard_with_the_card_away(demo_data, make_app, size):
    before = demo_data.load("maria")
    threshold = before.threshold()
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and app.screen.card_hidden
        await pilot.press("c")
        await pilot.pause()
        card = app.screen.query_one(KataCard)
        # the card is a strip below the storyboard, the full width
        assert card.region.width == size[0] and card.region.y > 1
        assert "What is the target condition?" in screen(app)
        await pilot.press("enter")  # q1: keep the target
        await pilot.press("enter")  # q2: keep the actual condition, go to the reading
        await pilot.press(*"24.5", "enter")
        await pilot.press("enter")  # q2 asks the other metric's reading: skipped
        await pilot.press("enter", "enter")  # R1, R2
        await pilot.press("ctrl+u", *"Clamping took 4 min", "enter")  # R3
        await pilot.press("ctrl+u", *"Shims belong with the die", "enter")  # R4
        await pilot.press(*"3", "enter")  # q3: work on obstacle 3
        await pilot.press(*"Label each shim", "enter", *"No wrong shim", "enter")
        await pilot.pause()
        assert "How quickly can we go and see" in screen(app)
        await pilot.press(*"fri", "enter")
        await pilot.pause()
        await pilot.press("escape")  # the end form: cancel keeps the cycle running
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.card_hidden  # still away, and the strip goes with the cycle
        assert not card.display or card.region.width == 0
        all_five_in_view(app, ("Cadence: last cycle today", "> 5 23 Nov o3  Label each shim"))

    story = DataDir.open(demo_data.path).load("maria")
    reflected = story.find(type(threshold), threshold.id)
    assert (reflected.happened, reflected.learned) == (
        "Clamping took 4 min",
        "Shims belong with the die",
    )
    assert story.latest_reading().value == 24.5 and story.latest_reading().day == TODAY
    assert story.working_obstacle().id == before.obstacles_for()[2].id
    assert [o.status for o in story.obstacles_for()].count(ObstacleStatus.WORKING) == 1
    new = story.last_experiment()
    assert (new.step, new.expected) == ("Label each shim", "No wrong shim")
    assert story.target.next_go_see == date(2026, 11, 27)
    assert story.running_cycle() is None and story.last_cycle().answer("r3")


@pytest.mark.parametrize("slug", ["aisha", "jonas", "ken", "maria"])
async def test_every_demo_board_fits_at_120x40_and_with_z_at_80x24(demo_data, make_app, slug):
    for size, keys in (((120, 40), []), ((80, 24), ["z"])):
        app = make_app(demo_data, board=slug)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            all_five_in_view(app, content=("threshold of knowledge", "parked", "Cadence:"))
