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
