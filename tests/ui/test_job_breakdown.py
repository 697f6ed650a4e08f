"""The job breakdown screen (J on the board, TWI Job Methods), by keys: the current and
target condition's breakdowns side by side, each key's change saved at once and read
back from the file, one-key changes taken back with ctrl+z, user text shown as typed,
and what another session saves shown without a key."""

from __future__ import annotations

from kata_tui.domain.job_methods import BreakdownOf, Change, JobDetail, breakdown
from kata_tui.domain.model import Board, Editor, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.screens.help import HelpScreen
from kata_tui.ui.screens.job_breakdown import JobBreakdownScreen, SideList
from tests.ui.screen_text import screen_grid, widget_text
from tests.ui.test_footer import footer_text
from tests.ui.test_help import shown

CURRENT, TARGET = BreakdownOf.CURRENT, BreakdownOf.TARGET
TARGET_CONDITION = TargetCondition(1, pattern="One cover a minute", actual_pattern="Two a minute")


def new_board(data: DataDir, clock, *details: JobDetail, target: bool = True) -> None:
    data.create(
        Storyboard(
            board=Board("lea", "tom", "Covers at takt", focus_process="cover line"),
            targets=(TARGET_CONDITION,) if target else (),
            job_details=details,
        ),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="lea",
    )


def detail(position: int, text: str, of: BreakdownOf = CURRENT, **fields) -> JobDetail:
    return JobDetail(TARGET_CONDITION.id, of, position, text, **fields)


def stored(data: DataDir) -> Storyboard:
    return DataDir.open(data.path).load("lea")


def texts(story: Storyboard, of: BreakdownOf) -> list[str]:
    return [d.text for d in breakdown(story, TARGET_CONDITION.id, of)]


def other_session(data: DataDir, clock, user: str = "anna") -> BoardSession:
    """A second writer on the same directory, as another process would be."""
    return BoardSession(DataDir.open(data.path), "lea", Editor(user, Role.COACH), clock)


def undo_offered(screen) -> bool:
    """ctrl+z is in the key line, enabled."""
    found = screen.active_bindings.get("ctrl+z")
    return found is not None and found.enabled and found.binding.show


def side_text(app, of: BreakdownOf) -> list[str]:
    """The lines one side shows on screen, heading first, trailing blanks dropped."""
    screen = app.screen
    assert isinstance(screen, JobBreakdownScreen)
    lines = widget_text(app, screen.query_one(f"#jm-{of}")).splitlines()
    return [line.strip(" \u2502") for line in lines if line.strip(" \u2502")]


def notes_text(app) -> list[str]:
    screen = app.screen
    return [line.rstrip() for line in widget_text(app, screen.query_one("#jm-detail")).splitlines()]


async def open_breakdown(pilot) -> JobBreakdownScreen:
    await pilot.pause()
    await pilot.press("J")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, JobBreakdownScreen)
    return screen


async def test_a_grasping_board_says_why_in_one_line(data, clock, make_app, notices) -> None:
    new_board(data, clock, target=False)
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("J")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        (said,) = notices
        assert said.startswith("No target condition yet: a job breakdown describes")
        assert "\n" not in said
    assert stored(data).job_details == ()


async def test_delete_move_and_start_are_each_taken_back_by_ctrl_z(data, clock, make_app, notices):
    new_board(
        data,
        clock,
        detail(1, "Walk to the rack"),
        detail(2, "Pick screws", change=Change.ELIMINATE),
        detail(3, "Fit the cover", proposal="Fit with the jig", change=Change.SIMPLIFY),
    )
    before = stored(data).job_details
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_breakdown(pilot)
        assert not undo_offered(screen)
        # no target breakdown yet: nothing is marked eliminated on its side
        assert side_text(app, TARGET) == ["Target condition: none (T starts it)"]
        # d deletes at once, says so, and offers ctrl+z
        await pilot.press("down", "d")
        await pilot.pause()
        assert texts(stored(data), CURRENT) == ["Walk to the rack", "Fit the cover"]
        assert notices[-1] == "Deleted: Pick screws; ctrl+z undoes it."
        assert undo_offered(screen)
        await pilot.press("ctrl+z")
        await pilot.pause()
        story = stored(data)
        assert texts(story, CURRENT) == ["Walk to the rack", "Pick screws", "Fit the cover"]
        back = story.find(JobDetail, before[1].id)
        assert back is not None and back.change is Change.ELIMINATE and back.position == 2
        # shift+down moves the highlighted detail, the cursor goes with it
        await pilot.press("up", "shift+down")
        await pilot.pause()
        assert texts(stored(data), CURRENT) == ["Pick screws", "Walk to the rack", "Fit the cover"]
        assert screen.highlighted().text == "Walk to the rack"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert texts(stored(data), CURRENT) == ["Walk to the rack", "Pick screws", "Fit the cover"]
        # at the top, shift+up says so in one line and changes nothing
        await pilot.press("shift+up")
        await pilot.pause()
        assert notices[-1] == "Detail already first."
        # T starts the target breakdown: the eliminated detail left out, a proposal taken
        await pilot.press("T")
        await pilot.pause()
        assert texts(stored(data), TARGET) == ["Walk to the rack", "Fit with the jig"]
        assert side_text(app, TARGET)[1:] == [
            "1     Walk to the rack",
            "(eliminated)",
            "2     Fit with the jig",
        ]
        # a second T is refused in one line: the target side has details
        await pilot.press("T")
        await pilot.pause()
        assert notices[-1] == (
            "Not started: the target condition's breakdown already has 2 details."
        )
        await pilot.press("ctrl+z")  # takes back the start (the refusal changed nothing)
        await pilot.pause()
        assert texts(stored(data), TARGET) == []
    after = stored(data).job_details
    assert sorted((d.id, d.text, d.position, d.change) for d in after) == sorted(
        (d.id, d.text, d.position, d.change) for d in before
    )


async def test_ctrl_z_never_undoes_over_another_sessions_change(data, clock, make_app):
    first = detail(1, "Walk to the rack")
    new_board(data, clock, first, detail(2, "Pick screws"))
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_breakdown(pilot)
        await pilot.press("shift+down")
        await pilot.pause()
        assert undo_offered(screen)
        other = other_session(data, clock)
        moved = other.story.find(JobDetail, first.id)
        other.save(JobDetail(**{**_fields(moved), "why": "screws are there"}))
        await pilot.pause(1.0)
        assert not undo_offered(screen)
        await pilot.press("ctrl+z")
        await pilot.pause()
    kept = stored(data).find(JobDetail, first.id)
    assert kept.why == "screws are there" and kept.position == 2


def _fields(record) -> dict:
    from dataclasses import fields

    return {f.name: getattr(record, f.name) for f in fields(record)}


async def test_the_highlighted_details_questions_notes_and_change_show_below(
    data, clock, make_app, notices
) -> None:
    new_board(
        data,
        clock,
        detail(1, "Walk to the rack", why="screws are kept there", who="the fitter"),
        detail(2, "Fit the cover", change=Change.COMBINE, proposal="with the screws"),
    )
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_breakdown(pilot)
        assert notes_text(app) == [
            "Current condition, detail 1: Walk to the rack",
            "Why is it necessary? screws are kept there",
            "What is its purpose? -",
            "Where should it be done? -",
            "When should it be done? -",
            "Who is best qualified to do it? the fitter",
            "How is the best way to do it? -",
            "Change: keep",
        ]
        await pilot.press("down")
        await pilot.pause()
        assert notes_text(app)[0] == "Current condition, detail 2: Fit the cover"
        assert notes_text(app)[-1] == "Change: combine: with the screws"
        assert side_text(app, CURRENT) == [
            "Current condition: 2 details",
            "1     Walk to the rack",
            "2 [C] Fit the cover",
        ]
        # Left on the left side stays there: it goes to the current condition, not across
        await pilot.press("left")
        await pilot.pause()
        assert notes_text(app)[0] == "Current condition, detail 2: Fit the cover"
        # the other side: nothing there yet, and the keys say what to do
        await pilot.press("right", "right")
        await pilot.pause()
        assert side_text(app, TARGET) == ["Target condition: none (T starts it)"]
        assert notes_text(app)[0] == (
            "No target breakdown yet: T starts it from the current one, a adds a detail."
        )
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, JobBreakdownScreen)
        assert notices[-1] == "No detail here: a adds one."


async def test_text_typed_is_shown_as_typed_never_markup_or_a_control(data, clock, make_app):
    new_board(data, clock, detail(1, "Press [bold]hard[/] \x1b[31mred", why="[link=x]y[/link]"))
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_breakdown(pilot)
        screen_text = "\n".join(screen_grid(app))
        assert "1     Press [bold]hard[/] ^[[31mred" in screen_text
        assert "Why is it necessary? [link=x]y[/link]" in screen_text
        # typed in the form: kept exactly, shown the same way
        await pilot.press("a", *"Tighten [i]4[/i] screws", "ctrl+s")
        await pilot.pause()
        assert "2     Tighten [i]4[/i] screws" in "\n".join(screen_grid(app))
    assert texts(stored(data), CURRENT)[1] == "Tighten [i]4[/i] screws"


async def test_another_sessions_new_detail_appears_without_a_key(data, clock, make_app):
    new_board(data, clock, detail(1, "Walk to the rack"))
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_breakdown(pilot)
        other = other_session(data, clock)
        other.save(detail(2, "Pick screws"))
        await pilot.pause(1.2)
        assert side_text(app, CURRENT)[1:] == ["1     Walk to the rack", "2     Pick screws"]
        assert notes_text(app)[0] == "Current condition, detail 1: Walk to the rack"


async def test_an_empty_detail_is_refused_in_the_form(data, clock, make_app, notices) -> None:
    new_board(data, clock)
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_breakdown(pilot)
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        errors = [str(e.render()) for e in app.screen.query(".form-error") if e.display]
        assert errors == ["the detail is needed"]
        await pilot.press("escape", "T")  # nothing to start the target breakdown from
        await pilot.pause()
        assert notices[-1] == "Not started: no current breakdown to start from."
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    assert stored(data).job_details == ()


async def test_help_lists_the_keys_of_the_breakdown_and_the_board_names_j(
    data, clock, make_app
) -> None:
    new_board(data, clock)
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "J Job breakdown (TWI Job Methods)" in shown(app, "#help-keys")
        await pilot.press("escape")
        await open_breakdown(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        keys = shown(app, "#help-keys")
        for binding in JobBreakdownScreen.BINDINGS:
            if binding.action != "undo":  # listed only while there is a change to undo
                assert binding.tooltip in keys, binding
        assert "The current condition's side (Right: the target's; Tab: the other)" in keys
        assert "The target condition's side" in keys


async def test_two_apps_on_one_data_directory(data, clock, make_app) -> None:
    """Two people, two apps, one board: details edited at once in both are both kept,
    a detail added in one shows in the other, and one field changed by both is the
    conflict dialog, never a silent overwrite."""
    from kata_tui.ui.screens.conflict import ConflictScreen

    new_board(data, clock, detail(1, "Walk to the rack"), detail(2, "Pick screws"))
    lea = make_app(data, board="lea", user="lea")
    tom = make_app(data, board="lea", user="tom", role=Role.COACH)
    async with lea.run_test(size=(80, 24)) as at_lea, tom.run_test(size=(80, 24)) as at_tom:
        await open_breakdown(at_lea)
        await open_breakdown(at_tom)
        # both open a form at once: lea on detail 1, tom on detail 2
        await at_lea.press("e", "enter", *"screws are there")
        await at_tom.press("down", "e", *["enter"] * 6, *"all 4 in one grip")
        await at_lea.press("ctrl+s")
        await at_lea.pause()
        await at_tom.press("ctrl+s")
        await at_tom.pause()
        assert isinstance(tom.screen, JobBreakdownScreen)
        story = stored(data)
        walk, pick = breakdown(story, TARGET_CONDITION.id, CURRENT)
        assert (walk.why, walk.stamp.by) == ("screws are there", "lea")
        assert (pick.how, pick.stamp.by) == ("all 4 in one grip", "tom")
        # what tom adds shows at lea's without a key, and the edit lea saw too
        await at_tom.press("a", *"Fit the cover", "ctrl+s")
        await at_tom.pause()
        await at_lea.pause(1.2)
        assert side_text(lea, CURRENT)[1:] == [
            "1     Walk to the rack",
            "2     Pick screws",
            "3     Fit the cover",
        ]
        await at_tom.press("up", "up")  # from the detail tom just added
        await at_tom.pause()
        assert notes_text(tom)[1] == "Why is it necessary? screws are there"
        # one field changed by both: the second to save gets the dialog, nothing lost
        await at_lea.press("e", "enter", "ctrl+u", *"lea's reason")
        await at_tom.press("e", "enter", "ctrl+u", *"tom's reason")
        await at_tom.press("ctrl+s")
        await at_tom.pause()
        await at_lea.press("ctrl+s")
        await at_lea.pause()
        assert isinstance(lea.screen, ConflictScreen)
        assert stored(data).find(JobDetail, walk.id).why == "tom's reason"
        await at_lea.press("m")  # keep mine: chosen, never silent
        await at_lea.pause()
        assert stored(data).find(JobDetail, walk.id).why == "lea's reason"


async def test_the_board_names_each_breakdown_under_the_pattern_it_describes(
    data, clock, make_app
) -> None:
    from tests.ui.test_board_screen_live import body_text

    new_board(data, clock, detail(1, "Walk to the rack"), detail(2, "Pick screws"))
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        assert "Job breakdown: 2 details (J)" in body_text(board, "current")
        assert "Job breakdown" not in body_text(board, "target")  # none yet
        await pilot.press("J", "T", "escape")
        await pilot.pause()
        assert app.screen is board
        assert "Job breakdown: 2 details (J)" in body_text(board, "target")
        lines = body_text(board, "target").splitlines()
        assert lines.index("Job breakdown: 2 details (J)") == 2  # under the pattern


LONG = "the screws are kept in the bin on the far side of the bench, behind the jig"


async def test_long_text_is_cut_between_words_and_shown_longer_when_widened(
    data, clock, make_app, notices
) -> None:
    walk = detail(1, "Walk to the rack for the covers of the day", why=LONG)
    new_board(data, clock, walk, detail(2, "Pick screws"))
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_breakdown(pilot)
        assert side_text(app, CURRENT)[1] == "1     Walk to the rack for the covers~"
        assert notes_text(app)[1] == (
            "Why is it necessary? the screws are kept in the bin on the far side of the~"
        )
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert side_text(app, CURRENT)[1] == "1     Walk to the rack for the covers of the day"
        assert notes_text(app)[1] == f"Why is it necessary? {LONG}"
        await pilot.press("shift+down")  # the notice names it in one short line
        await pilot.pause()
        assert notices[-1] == (
            "Moved down: Walk to the rack for the covers of the~; ctrl+z undoes it."
        )


async def test_the_command_palette_offers_every_key_of_the_breakdown(data, clock, make_app) -> None:
    new_board(data, clock, detail(1, "Walk to the rack"))
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_breakdown(pilot)
        offered = {command.title for command in app.get_system_commands(screen)}
        for binding in JobBreakdownScreen.BINDINGS:
            if binding.action != "undo":
                assert binding.tooltip in offered, binding
        assert "The current condition's side (Right: the target's; Tab: the other)" in offered


async def test_no_letter_changes_the_breakdown_without_an_undo(data, clock, make_app) -> None:
    """Each letter bound on the screen, pressed with no field focused, on either side:
    it writes nothing, or it offers ctrl+z, which puts every detail back (as the
    board's letters do, tests/ui/test_no_command_by_accident.py)."""
    from tests.ui.test_no_command_by_accident import _letters

    new_board(data, clock, detail(1, "Walk to the rack", proposal="chute"), detail(2, "Pick"))

    def content() -> list[tuple]:
        return sorted((d.id, d.of, d.position, d.text) for d in stored(data).job_details)

    before = content()
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_breakdown(pilot)
        letters = _letters(JobBreakdownScreen.BINDINGS, SideList.BINDINGS)
        assert set(letters) == {"a", "e", "d", "T"}
        for side in ("left", "right"):
            for letter in letters:
                await pilot.press(side, letter)
                await pilot.pause()
                if content() != before:
                    assert app.screen is screen and undo_offered(screen), (side, letter)
                    await pilot.press("ctrl+z")
                    await pilot.pause()
                    assert content() == before, (side, letter)
                if app.screen is not screen:  # a form: left without saving
                    await pilot.press("escape")
                    await pilot.pause()
                assert app.screen is screen
    assert content() == before


async def test_the_key_line_says_what_the_move_keys_do(data, clock, make_app) -> None:
    new_board(data, clock, detail(1, "Walk to the rack"), detail(2, "Pick 4 screws"))
    app = make_app(data, board="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_breakdown(pilot)
        line = footer_text(app)
        assert len(line) == 80 and line.endswith("Esc Back ^p palette")
        # the up move fits whole at 80 columns; the down move is left out whole, never cut
        assert "S-Up Move up " in line and "S-Dn" not in line
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "S-Up Move up S-Dn Move down " in footer_text(app)
