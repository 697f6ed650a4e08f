"""What the exports say about a board's history of target conditions: earlier
wordings kept by a deliberate change, an achievement recorded against the
readings, closed and archived boards, readings of several metrics, and the
empty board. Each fragment is what a reader of the export relies on; the
golden files' demo boards carry none of these cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from kata_tui.domain.codec import check_storyboard
from kata_tui.domain.model import (
    Answer,
    Better,
    Board,
    CoachingCycle,
    CycleNote,
    EarlierVersion,
    Experiment,
    Metric,
    MetricKind,
    NoteKind,
    Obstacle,
    ObstacleKind,
    Reading,
    Role,
    Stamp,
    TargetCondition,
    TargetStatus,
)
from kata_tui.domain.process import Demand
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.html import render_html
from kata_tui.export.markdown import render_markdown
from tests.conftest import TODAY

OUTCOME = Metric("changeover", "min", 20, MetricKind.OUTCOME, Better.LOWER)
PROCESS = Metric("steps to standard", "%", 90, MetricKind.PROCESS, Better.HIGHER)


def _story() -> Storyboard:
    first = TargetCondition(
        seq=1,
        achieve_by=date(2026, 10, 31),
        metrics=(OUTCOME,),
        pattern="Dies staged",
        status=TargetStatus.ACHIEVED,
        closed_on=date(2026, 11, 2),
        summary="Staging pays",
        override="the last reading was one bad day",
        earlier=(
            EarlierVersion("pattern", "Dies *staged* early", date(2026, 10, 5), "tom"),
            EarlierVersion("achieve_by", "", date(2026, 10, 6)),
        ),
    )
    second = TargetCondition(
        seq=2, achieve_by=date(2026, 12, 20), metrics=(OUTCOME,), status=TargetStatus.CLOSED
    )
    third = TargetCondition(
        seq=3,
        achieve_by=date(2026, 12, 31),
        metrics=(OUTCOME, PROCESS),
        pattern="No bolts",
        earlier=(
            EarlierVersion("pattern", "Fewer bolts", date(2026, 11, 10), "ana"),
            EarlierVersion("achieve_by", "2026-12-15", date(2026, 11, 12), "tom"),
        ),
    )
    step = Experiment(
        third.id, 1, date(2026, 11, 21), "Try magnets", "faster", not_taken="none in stock"
    )
    obstacle = Obstacle(
        third.id,
        "No magnets",
        date(2026, 11, 21),
        number=1,
        kind=ObstacleKind.IMPLEMENTATION,
        step_id=step.id,
    )
    story = Storyboard(
        board=Board("lea", "tom", "Changeover under 10 min", archived=True),
        targets=(first, second, third),
        experiments=(step,),
        obstacles=(obstacle,),
        readings=(
            Reading(third.id, date(2026, 11, 20), "changeover", 18, seq=1),
            Reading(third.id, date(2026, 11, 21), "steps to standard", 85, seq=2),
            Reading(third.id, date(2026, 11, 22), "uptime", 7, seq=3),  # on no metric
        ),
    )
    check_storyboard(story)
    return story


def test_markdown_keeps_earlier_versions_and_the_override_in_order() -> None:
    text = render_markdown(_story(), TODAY)
    assert (
        "## Target condition 3 (active)\n\n"
        "achieve by 2026-12-31 (38 days left)\n\n"
        "**Intended operating pattern:**\n\nNo bolts\n\n"
        "**Earlier versions:**\n\n"
        "- intended pattern until 2026-11-10 (replaced by ana): Fewer bolts\n"
        "- achieve-by date until 2026-11-12 (replaced by tom): 2026-12-15\n\n"
        "| Metric | Kind | Target | Better |\n"
    ) in text
    assert (
        "### Target condition 1 (achieved)\n\n"
        "achieve by 2026-10-31, closed 2026-11-02\n\n"
        "**Intended operating pattern:**\n\nDies staged\n\n"
        "**What we learned on the way (summary reflection):**\n\nStaging pays\n\n"
        "Closed as achieved although the readings missed: the last reading was one bad day\n\n"
        "**Earlier versions:**\n\n"
        "- intended pattern until 2026-10-05 (replaced by tom): Dies \\*staged\\* early\n"
        "- achieve-by date until 2026-10-06: -\n\n"
        "| Metric | Kind | Target | Better |\n"
    ) in text
    assert "### Target condition 2 (closed)\n\nachieve by 2026-12-20\n\n" in text
    # The earlier targets have none of these; each says so.
    for empty in ("_No readings yet._", "_No obstacles parked._", "_No experiments yet._"):
        assert text.count(f"\n\n{empty}\n\n") == 2, empty
    assert text.count("Earlier versions") == 2
    assert text.count("Closed as achieved although") == 1


def test_markdown_readings_say_whether_each_met_its_metric() -> None:
    text = render_markdown(_story(), TODAY)
    assert (
        "| Date | Metric | Value | At target |\n"
        "| --- | --- | --- | --- |\n"
        "| 2026-11-20 | changeover | 18 min | yes |\n"
        "| 2026-11-21 | steps to standard | 85 % | no |\n"
        "| 2026-11-22 | uptime | 7 |  |\n"
    ) in text
    # An obstacle parked because a step could not be taken names that step.
    assert "| 1 | 2026-11-21 | No magnets (step 1 not taken) | implementation | parked |" in text


def test_the_sheet_names_the_last_change_the_other_targets_and_the_archive() -> None:
    page = render_html(_story(), TODAY)
    assert "<h2>Challenge (archived)</h2>" in page
    assert (
        '<p class="text">No bolts</p><p class="note">2 earlier version(s); last replaced: '
        "achieve-by date until 2026-11-12: 2026-12-15</p><h3>Metrics</h3>"
    ) in page
    assert '<p class="note">Other target conditions: #1 achieved 2026-11-02; #2 closed</p>' in page
    # The latest reading of the outcome metric, not of whatever was read last.
    assert "<p><b>Latest changeover:</b> 18 min on 2026-11-20</p>" in page
    assert "<span>0 coaching cycles</span>" in page


def test_the_sheet_of_a_board_not_archived_and_its_earlier_pattern() -> None:
    story = _story()
    target = story.targets[2]
    only = Storyboard(
        board=Board("lea", "tom", "c"),
        targets=(
            TargetCondition(
                seq=1,
                pattern="new",
                earlier=(EarlierVersion("pattern", "<old> & odd", date(2026, 11, 1)),),
                id=target.id,
            ),
        ),
    )
    page = render_html(only, TODAY)
    assert "<h2>Challenge</h2>" in page
    assert (
        '<p class="note">1 earlier version(s); last replaced: intended pattern until '
        "2026-11-01: &lt;old&gt; &amp; odd</p>"
    ) in page
    assert "Other target conditions" not in page


def test_the_sheet_of_an_empty_board_says_so_in_every_section() -> None:
    page = render_html(Storyboard(board=Board("lea", "tom", "c")), TODAY)
    assert (
        '<section class="target"><h2>Target condition</h2>'
        "<p>No target condition yet: grasping the current condition.</p></section>"
        '<section class="current"><h2>Current condition</h2></section>'
        '<section class="obstacles"><h2>Obstacle parking lot</h2>'
        "<p>No obstacles parked.</p></section>"
        '<section class="experiments"><h2>Experiment record</h2>'
        "<p>No experiments yet.</p></section>"
        '<div class="footer"><span>0 coaching cycles</span>'
    ) in page


def test_a_target_with_no_readings_says_so() -> None:
    target = TargetCondition(seq=1, metrics=(OUTCOME,))
    page = render_html(Storyboard(board=Board("a", "b", "c"), targets=(target,)), TODAY)
    assert '<p class="text"></p><p><b>changeover:</b> no readings yet.</p>' in page
    bare = TargetCondition(seq=1)
    page = render_html(Storyboard(board=Board("a", "b", "c"), targets=(bare,)), TODAY)
    assert '<p class="text"></p><p>No readings yet.</p></section>' in page


def _sheet_of_steps(lines: list[int]) -> str:
    """A sheet whose steps (oldest first) each take that many lines in the step column."""
    target = TargetCondition(seq=1)
    steps = tuple(
        Experiment(
            target.id,
            n,
            date(2026, 11, n),
            "s" * (30 * (height - 1) + 1),  # one character onto its last line
            happened="ok",
            learned="ok",
        )
        for n, height in enumerate(lines, start=1)
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,), experiments=steps)
    return render_html(story, TODAY)


def test_the_record_keeps_the_newest_rows_that_fill_its_lines_exactly() -> None:
    """26 lines hold a row of n lines at n + 0.4: four rows of 5 and one of 4 fill
    them exactly, so that fifth row is shown; a sixth is left out."""
    page = _sheet_of_steps([1, 4, 5, 5, 5, 5])
    assert "<h2>Experiment record <small>(newest 5 of 6 steps)</small></h2>" in page
    page = _sheet_of_steps([1, 5, 5, 5, 5, 5])
    assert "<h2>Experiment record <small>(newest 4 of 6 steps)</small></h2>" in page
    page = _sheet_of_steps([1, 1, 1, 1, 1, 1])
    assert "<h2>Experiment record</h2>" in page


def test_line_breaks_and_the_obstacle_column_count_toward_a_rows_height() -> None:
    target = TargetCondition(seq=1)
    tall = Obstacle(target.id, "o" * (27 * 4 + 1), date(2026, 11, 1), number=1)  # 5 lines
    by_breaks = tuple(
        Experiment(target.id, n, date(2026, 11, n), "1\n2\n3\n4\n5", happened="ok", learned="ok")
        for n in range(1, 7)
    )
    by_obstacle = tuple(
        Experiment(
            target.id, n, date(2026, 11, n), "s", obstacle_id=tall.id, happened="ok", learned="ok"
        )
        for n in range(1, 7)
    )
    for steps in (by_breaks, by_obstacle):
        story = Storyboard(
            board=Board("a", "b", "c"), targets=(target,), obstacles=(tall,), experiments=steps
        )
        page = render_html(story, TODAY)
        assert "<h2>Experiment record <small>(newest 4 of 6 steps)</small></h2>" in page


def test_the_sheet_shows_the_outcome_metric_first_whatever_the_order_typed() -> None:
    target = TargetCondition(seq=1, metrics=(PROCESS, OUTCOME))
    readings = (
        Reading(target.id, date(2026, 11, 20), "steps to standard", 85, seq=1),
        Reading(target.id, date(2026, 11, 21), "changeover", 18, seq=2),
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,), readings=readings)
    page = render_html(story, TODAY)
    assert page.index("<b>Latest changeover:</b>") < page.index("<b>Latest steps to standard:")


def test_markdown_cycles_show_the_second_coachs_notes_and_unknown_keys_as_typed() -> None:
    story = _story()
    at = datetime(2026, 11, 20, 9, 30)
    cycle = CoachingCycle(
        story.targets[2].id,
        at.date(),
        "tom",
        "lea",
        at,
        ended=at + timedelta(minutes=18),
        answers=(Answer("q3", "2", "lea"), Answer("zz", "from another card", "lea")),
    )
    earlier = at - timedelta(days=1)
    lost = CoachingCycle("no-such-target", earlier.date(), "tom", "lea", earlier)
    stamp = Stamp("ana", Role.SECOND_COACH, at)
    notes = (
        CycleNote(cycle.id, "Asked twice", at + timedelta(minutes=1), "q3", stamp=stamp),
        CycleNote(cycle.id, "No card shown", at + timedelta(minutes=2), "", NoteKind.FEEDBACK),
        CycleNote(cycle.id, "Odd key", at + timedelta(minutes=3), "zz", stamp=stamp),
    )
    text = render_markdown(replace(story, cycles=(cycle, lost), notes=notes), TODAY)
    assert "- Target condition: 3\n" in text
    assert "- Target condition: ?\n" in text  # a cycle whose target is not on the board
    assert "| zz | from another card |   | lea |" in text
    assert (
        "**Second coach's notes:**\n\n"
        "| At | Kind | Note | By |\n"
        "| --- | --- | --- | --- |\n"
        "| 3 | observation | Asked twice | ana (second coach) |\n"
        "| \\- | feedback | No card shown |   |\n"
        "| zz | observation | Odd key | ana (second coach) |\n\n---\n"
    ) in text
    assert text.count("Second coach's notes") == 1  # only the cycle that has notes


def test_markdown_of_a_board_with_no_cycles_and_an_empty_pattern() -> None:
    text = render_markdown(_story(), TODAY)
    assert "## Coaching cycles\n\n_No coaching cycles yet._\n\n---\n" in text
    assert "**Actual pattern now:**\n\n_(empty)_\n\n" in text
    assert "## Challenge\n\nChangeover under 10 min\n\n" in text


def test_markdown_heading_of_an_archived_board_and_of_one_with_no_target() -> None:
    text = render_markdown(_story(), TODAY)
    assert text.startswith(
        "# Storyboard: lea\n\nCoach: tom. Exported 2026-11-23 from kata-tui (archived board).\n\n"
    )
    bare = render_markdown(Storyboard(board=Board("lea", "tom", "c")), TODAY)
    assert bare.startswith("# Storyboard: lea\n\nCoach: tom. Exported 2026-11-23 from kata-tui.\n")
    assert (
        "- Focus process: -\n- Horizon: -\n- Set by: -\n- Board started: -\n\n"
        "_No target condition yet._\n\n## Coaching cycles\n"
    ) in bare


def test_the_sheet_of_a_board_grasping_its_process_with_demand_only_says_so() -> None:
    story = Storyboard(
        board=Board("a", "b", "c"), demand=(Demand(date(2026, 11, 1), 480.0, 450.0, 30.0),)
    )
    page = render_html(story, TODAY)
    assert "<p>No steps or observations yet.</p>" in page


def test_an_earlier_version_of_a_field_not_named_here_shows_its_key() -> None:
    """A board written by a newer kata-tui may keep earlier versions of other fields."""
    target = TargetCondition(
        seq=1, earlier=(EarlierVersion("focus", "<welding>", date(2026, 11, 1), "ana"),)
    )
    story = Storyboard(board=Board("a", "b", "c"), targets=(target,))
    assert "last replaced: focus until 2026-11-01: &lt;welding&gt;</p>" in render_html(story, TODAY)
    assert "- focus until 2026-11-01 (replaced by ana): \\<welding\\>\n" in render_markdown(
        story, TODAY
    )
