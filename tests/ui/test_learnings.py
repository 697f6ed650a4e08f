import pytest
from textual.widgets import OptionList, Static

from kata_tui.domain.history import Learning, learnings, learnings_across
from kata_tui.domain.model import Experiment
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.learnings import LearningsScreen
from tests.ui.screen_host import ScreenHost


@pytest.fixture
def across(demo_data: DataDir) -> list[Learning]:
    return learnings_across(demo_data.load(slug) for slug in demo_data.slugs())


def host(entries: list[Learning], title: str = "What we learned") -> ScreenHost:
    return ScreenHost(lambda: LearningsScreen(entries, title=title))


def status(app: ScreenHost) -> str:
    return str(app.screen.query_one("#learnings-status", Static).render())


async def test_enter_picks_board_and_experiment(demo_data: DataDir) -> None:
    story = demo_data.load("maria")
    entries = learnings(story)
    app = host(entries)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
    slug, experiment_id = app.results[0]
    assert slug == "maria"
    experiment = story.find(Experiment, experiment_id)
    assert experiment is not None and experiment.learned == entries[2].learned


async def test_search_across_boards_then_pick(demo_data: DataDir, across) -> None:
    app = host(across, "What tom's learners learned")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert status(app).startswith(f"{len(across)} learnings")
        await pilot.press("slash", *"jonas scan", "enter")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        found = [e for e in across if e.matches("jonas scan")]
        assert found and listing.option_count == len(found) < len(across)
        assert status(app).startswith(f"{len(found)} of {len(across)} learnings match")
        await pilot.press("enter")
        await pilot.pause()
    slug, experiment_id = app.results[0]
    assert slug == "jonas"
    story = demo_data.load("jonas")
    experiment = story.find(Experiment, experiment_id)
    assert experiment is not None and "scan" in (experiment.step + experiment.learned).lower()


async def test_escape_clears_search_then_leaves(across) -> None:
    app = host(across)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == len(across)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_no_learnings_yet() -> None:
    app = host([])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert status(app).startswith("Nothing learned yet")
        assert app.results == []


def test_snapshot_learnings_80x24(snap_compare, demo_data) -> None:
    entries = learnings(demo_data.load("maria"))
    assert snap_compare(host(entries, "What maria learned"), terminal_size=(80, 24))


def test_snapshot_learnings_search_80x24(snap_compare, across) -> None:
    assert snap_compare(host(across), terminal_size=(80, 24), press=["slash", *"shim", "enter"])


def test_snapshot_learnings_large(snap_compare, across) -> None:
    assert snap_compare(
        host(across, "What tom's and lena's learners learned"), terminal_size=(120, 40)
    )


async def test_a_plants_worth_fills_as_read_and_lists_the_first_thousand(across) -> None:
    """Ten plants hold 600,000 learnings: the screen opens before they are read,
    fills as boards come in, lists the first LISTED and searches them all."""
    from dataclasses import replace

    from kata_tui.ui.screens.learnings import LISTED

    many = [replace(e, learned=f"{e.learned} #{i}") for i in range(300) for e in across]
    app = ScreenHost(lambda: LearningsScreen([], title="What we learned", boards=9))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert status(app).startswith("Reading 9 boards: 0 learnings so far")
        screen = app.screen
        screen.add(many[:5], [])
        await pilot.pause()
        assert screen.query_one(OptionList).option_count == 5
        screen.add(many[5:], ["broken"])
        screen.finish()
        await pilot.pause()
        assert screen.query_one(OptionList).option_count == LISTED < len(many)
        assert status(app).startswith(f"{len(many)} learnings, oldest first (the first {LISTED}")
        last = many[-1]
        await pilot.press("slash", *f"#{299}", "enter")
        await pilot.pause()
        listing = screen.query_one(OptionList)
        assert listing.option_count == len(across)
        assert any(e.learned == last.learned for e in screen.shown)
