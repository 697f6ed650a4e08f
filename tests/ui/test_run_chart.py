from dataclasses import replace
from datetime import timedelta

from kata_tui.domain.model import Metric, MetricKind, Reading, TargetStatus
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.targets import reach_target
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from kata_tui.ui.widgets.run_chart import RunChart
from kata_tui.ui.widgets.sections.current import CurrentSection
from kata_tui.ui.widgets.sections.target import TargetSection
from tests.conftest import TODAY
from tests.ui.screen_host import WidgetHost


def host(*stories: Storyboard) -> WidgetHost:
    return WidgetHost(*(RunChart(s) for s in stories), css=["run_chart.tcss"])


def without_readings(story: Storyboard) -> Storyboard:
    return replace(story, readings=())


async def test_chart_fits_its_box_and_shows_target_line(demo_data: DataDir) -> None:
    app = host(demo_data.load("maria"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(RunChart)
        lines = chart.lines
        # one chart per metric: the outcome's, then the process metric's in one line
        assert chart.outer_size.width <= 40 and chart.outer_size.height == len(lines) + 2
        assert any(line.lstrip().startswith("25 |") and "---" in line for line in lines)
        assert lines[5].startswith("* reading  - target 25 min")
        assert lines[6:] == [
            "steps done to standard (%)",
            "No readings yet; - target 90 %",
        ]
        assert "changeover time (min)" in str(chart.border_title)


async def test_new_reading_saved_elsewhere_shows_after_update_story(
    demo_data: DataDir, clock, editor
) -> None:
    writer = BoardSession(demo_data, "maria", editor, clock)
    app = host(writer.story)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(RunChart)
        before = chart.lines
        target = writer.story.target
        assert target is not None and target.outcome is not None
        reading = Reading(target.id, TODAY, target.outcome.name, 21.5)
        stored = writer.save(reading)
        chart.update_story(stored)
        await pilot.pause()
        after = chart.lines
        assert after != before

        def points(lines: list[str]) -> int:
            return sum(line.count("*") for line in lines[:3])

        assert points(after) == points(before) + 1  # the new point, on the target line
        assert after[2].count("*") == before[2].count("*") + 1
        assert "23 Nov" in after[4]


async def test_no_readings_then_no_target(demo_data: DataDir) -> None:
    maria = demo_data.load("maria")
    records = reach_target(
        maria,
        TargetStatus.ACHIEVED,
        pattern="next",
        achieve_by=None,
        outcome_target=18,
        today=TODAY,
    )
    fresh = maria.with_record(records[0]).with_record(records[1])
    app = host(fresh)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(RunChart)
        # the chart runs on across the target conditions: the new one's line starts
        assert any(line.lstrip().startswith("18 |") for line in chart.lines)
        assert chart.lines[5] == "* reading  - target 18 min  : new TC"
        assert chart.lines[-1] == "No readings yet; - target 90 %"
        chart.update_story(Storyboard(board=maria.board))
        await pilot.pause()
        assert chart.lines[0].startswith("No target condition")


def test_snapshot_run_chart_80x24(snap_compare, demo_data) -> None:
    stories = [demo_data.load("maria"), without_readings(demo_data.load("aisha"))]
    assert snap_compare(host(*stories), terminal_size=(80, 24))


def test_snapshot_run_chart_one_reading_large(snap_compare, demo_data) -> None:
    jonas = demo_data.load("jonas")
    target = jonas.target
    assert target is not None
    one = [r for r in jonas.readings_for(target.id)][-1:]
    story = replace(jonas, readings=tuple(one))
    late = replace(one[0], day=one[0].day + timedelta(days=1), value=0.8)
    assert snap_compare(
        host(story, story.with_record(late), demo_data.load("ken")), terminal_size=(120, 40)
    )


def test_the_target_section_shows_every_metric_by_kind_with_its_latest_reading(demo_data):
    maria = demo_data.load("maria")
    target = maria.target
    assert target is not None
    scrap = Metric("scrap", "pcs", 2, MetricKind.OUTCOME)
    target = replace(target, metrics=(*target.metrics, scrap))
    story = maria.with_record(target)
    story = story.with_record(Reading(target.id, TODAY, "steps done to standard", 92.0))
    story = story.with_record(Reading(target.id, TODAY, "scrap", 3.0, seq=99))
    lines = TargetSection().body(story, TODAY).plain.splitlines()
    metrics = [line for line in lines if line.startswith(("Outcome", "Process"))]
    assert metrics == [
        "Outcome: changeover time <= 25 min   latest 29.1 on 23 Nov",
        "Process: steps done to standard >= 90 %   latest 92 on 23 Nov (reached)",
        "Outcome: scrap <= 2 pcs   latest 3 on 23 Nov",
    ]


def test_the_current_condition_lists_a_reading_with_its_time_of_day(demo_data):
    maria = demo_data.load("maria")
    target = maria.target
    assert target is not None
    late = Reading(target.id, TODAY, "steps done to standard", 85.0, seq=99, time="14:30")
    story = maria.with_record(late)
    section = CurrentSection()
    section.items = section.list_items(story)
    lines = section.body(story, TODAY).plain.splitlines()
    assert lines[2] == "23 Nov 14:30  85  steps done to standard"
