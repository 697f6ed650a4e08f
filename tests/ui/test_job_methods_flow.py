"""TWI Job Methods as one whole flow at 80x24, keyboard only: the job broken down into
its details (step 1), every detail questioned with notes (step 2), the new method
proposed (eliminate, combine, simplify; step 3), the target condition's breakdown
started from the current one and read side by side, a detail new in the new
method added and moved into place; then the record checked field by field and the
Markdown export line by line."""

from __future__ import annotations

from kata_tui.domain.job_methods import BreakdownOf, Change, JobDetail, breakdown
from kata_tui.domain.model import Board, Editor, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.board_screen import BoardScreen
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.screens.job_breakdown import JobBreakdownScreen
from tests.conftest import TODAY
from tests.ui.test_job_breakdown import notes_text, side_text

CURRENT, TARGET = BreakdownOf.CURRENT, BreakdownOf.TARGET
CHANGES = list(Change)

DETAILS = [
    (
        "Walk to the rack for a cover",
        ("covers are kept there", "get a cover", "rack by the wall", "each unit", "the fitter",
         "on foot, 6 m"),
        Change.ELIMINATE,
        "covers in a chute at the bench",
    ),
    (
        "Pick 4 screws",
        ("the cover needs 4", "hold the cover", "bin on the bench", "before fitting",
         "the fitter", "by hand"),
        Change.KEEP,
        "",
    ),
    (
        "Fit the cover",
        ("closes the unit", "protect the board", "at the bench", "after the screws",
         "the fitter", "hold it square"),
        Change.SIMPLIFY,
        "Fit the cover in a jig",
    ),
    (
        "Drive the screws one by one",
        ("holds the cover", "fasten it", "at the bench", "last", "the fitter",
         "one screw at a time"),
        Change.COMBINE,
        "Drive all 4 with a 4-spindle driver",
    ),
]  # fmt: skip
"""Each detail as typed: its words, the six questions' notes, the change, the proposal."""


async def type_detail(pilot, text: str, notes: tuple[str, ...], change: Change, proposal: str):
    """a, then the form field by field with Enter: Enter on the proposal saves."""
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen)
    await pilot.press(*text, "enter")
    for note in notes:
        await pilot.press(*note, "enter")
    if change is not Change.KEEP:
        await pilot.press("down")  # opens the choices on "keep"
        await pilot.pause()
        await pilot.press(*["down"] * CHANGES.index(change), "enter")
        await pilot.pause()
    await pilot.press("enter", *proposal, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, JobBreakdownScreen)


async def test_break_down_question_improve_and_read_side_by_side(data, clock, make_app) -> None:
    target = TargetCondition(1, pattern="One cover a minute", actual_pattern="Two a minute")
    data.create(
        Storyboard(board=Board("lea", "tom", "Covers at takt"), targets=(target,)),
        Editor("setup", Role.COACH),
        clock.now(),
        slug="lea",
    )
    app = make_app(data, board="lea", user="lea")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("J")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JobBreakdownScreen)

        # -- steps 1 to 3: each detail, its six questions, the change proposed
        for text, notes, change, proposal in DETAILS:
            await type_detail(pilot, text, notes, change, proposal)
        assert side_text(app, CURRENT) == [
            "Current condition: 4 details",
            "1 [E] Walk to the rack for a cover",
            "2     Pick 4 screws",
            "3 [S] Fit the cover",
            "4 [C] Drive the screws one by one",
        ]
        # the cursor is on the detail just added, its notes below
        assert notes_text(app) == [
            "Current condition, detail 4: Drive the screws one by one",
            "Why is it necessary? holds the cover",
            "What is its purpose? fasten it",
            "Where should it be done? at the bench",
            "When should it be done? last",
            "Who is best qualified to do it? the fitter",
            "How is the best way to do it? one screw at a time",
            "Change: combine: Drive all 4 with a 4-spindle driver",
        ]
        # Enter on detail 2 edits it: a better answer to "how"
        await pilot.press("up", "up", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["how"] == "by hand"
        await pilot.press(*["enter"] * 6, "ctrl+u", *"all 4 in one grip", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert notes_text(app)[6] == "How is the best way to do it? all 4 in one grip"

        # -- the target condition's breakdown, started from the current one
        await pilot.press("T")
        await pilot.pause()
        assert side_text(app, TARGET) == [
            "Target condition: 3 details",
            "(eliminated)",
            "1     Pick 4 screws",
            "2     Fit the cover in a jig",
            "3     Drive all 4 with a 4-spindle~",
        ]
        assert screen.focused is screen.side_list(TARGET)
        # a detail new in the new method, added on the target side, moved up one
        await pilot.press("a", *"Put the unit on the conveyor", "ctrl+s")
        await pilot.pause()
        assert screen.highlighted().text == "Put the unit on the conveyor"
        await pilot.press("shift+up")
        await pilot.pause()
        assert side_text(app, TARGET)[-2:] == [
            "3     Put the unit on the conveyor",
            "4     Drive all 4 with a 4-spindle~",
        ]
        # read across: Left goes to the current detail beside it
        await pilot.press("up", "left")
        await pilot.pause()
        assert notes_text(app)[0] == "Current condition, detail 3: Fit the cover"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)

    # -- the record, field by field
    story = DataDir.open(data.path).load("lea")
    now = breakdown(story, target.id, CURRENT)
    assert [(d.position, d.text, d.change, d.proposal) for d in now] == [
        (n, text, change, proposal) for n, (text, _, change, proposal) in enumerate(DETAILS, 1)
    ]
    expected_notes = [list(notes) for _, notes, _, _ in DETAILS]
    expected_notes[1][5] = "all 4 in one grip"
    assert [[d.why, d.what, d.where, d.when, d.who, d.how] for d in now] == expected_notes
    assert all(d.from_id is None and d.target_id == target.id for d in now)
    assert all(d.stamp is not None and d.stamp.by == "lea" for d in story.job_details)
    new = breakdown(story, target.id, TARGET)
    assert [(d.text, d.from_id, d.change) for d in new] == [
        ("Pick 4 screws", now[1].id, Change.KEEP),
        ("Fit the cover in a jig", now[2].id, Change.KEEP),
        ("Put the unit on the conveyor", None, Change.KEEP),
        ("Drive all 4 with a 4-spindle driver", now[3].id, Change.KEEP),
    ]
    assert all(not (d.why or d.what or d.where or d.when or d.who or d.how) for d in new)
    assert len({d.position for d in new}) == 4
    assert isinstance(story.job_details[0], JobDetail)

    # -- the Markdown export, line by line
    md = render(story, "md", today=TODAY).splitlines()
    start = md.index("**Job breakdown: target condition**")
    assert md[start : start + 10] == [
        "**Job breakdown: target condition**",
        "",
        "1. Pick 4 screws",
        "   - From current detail 2",
        "2. Fit the cover in a jig",
        "   - From current detail 3",
        "3. Put the unit on the conveyor",
        "4. Drive all 4 with a 4-spindle driver",
        "   - From current detail 4",
        "",
    ]
    start = md.index("**Job breakdown: current condition**")
    assert md[start : start + 37] == [
        "**Job breakdown: current condition**",
        "",
        "1. Walk to the rack for a cover",
        "   - Why is it necessary? covers are kept there",
        "   - What is its purpose? get a cover",
        "   - Where should it be done? rack by the wall",
        "   - When should it be done? each unit",
        "   - Who is best qualified to do it? the fitter",
        "   - How is the best way to do it? on foot, 6 m",
        "   - Change: eliminate",
        "   - Proposal: covers in a chute at the bench",
        "2. Pick 4 screws",
        "   - Why is it necessary? the cover needs 4",
        "   - What is its purpose? hold the cover",
        "   - Where should it be done? bin on the bench",
        "   - When should it be done? before fitting",
        "   - Who is best qualified to do it? the fitter",
        "   - How is the best way to do it? all 4 in one grip",
        "3. Fit the cover",
        "   - Why is it necessary? closes the unit",
        "   - What is its purpose? protect the board",
        "   - Where should it be done? at the bench",
        "   - When should it be done? after the screws",
        "   - Who is best qualified to do it? the fitter",
        "   - How is the best way to do it? hold it square",
        "   - Change: simplify",
        "   - Proposal: Fit the cover in a jig",
        "4. Drive the screws one by one",
        "   - Why is it necessary? holds the cover",
        "   - What is its purpose? fasten it",
        "   - Where should it be done? at the bench",
        "   - When should it be done? last",
        "   - Who is best qualified to do it? the fitter",
        "   - How is the best way to do it? one screw at a time",
        "   - Change: combine",
        "   - Proposal: Drive all 4 with a 4-spindle driver",
        "",
    ]
