"""TWI Job Methods: a job breakdown of a target condition's current and target pattern.

Worked examples of the four-step method on a die change (break down, question,
propose, start the new method from the old), the side-by-side rows proven on
random breakdowns (Hypothesis), and every refusal in one line naming the field.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kata_tui.domain.codec import (
    MAX_TEXT,
    check_storyboard,
    decode,
    decode_storyboard,
    encode,
    encode_storyboard,
)
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.job_methods import (
    NOTES,
    QUESTIONS,
    BreakdownOf,
    Change,
    JobDetail,
    add_detail,
    breakdown,
    check_detail,
    detail_text,
    moved,
    positions_settled,
    side_by_side,
    start_target_from_current,
)
from kata_tui.domain.model import Board, Role, Stamp, TargetCondition
from kata_tui.domain.storyboard import TABLES, Storyboard
from tests.conftest import TODAY

CURRENT, TARGET = BreakdownOf.CURRENT, BreakdownOf.TARGET
TC = TargetCondition(seq=1, pattern="Die change in under 10 min", id="tc1")
OTHER = TargetCondition(seq=2, pattern="Next one", id="tc2")
BOARD = Board("Maria", "Tom", "Die change in 5 min", id="board")


def story_of(*details: JobDetail) -> Storyboard:
    return Storyboard(board=BOARD, targets=(TC, OTHER), job_details=details)


def current(position: int, text: str, **fields: object) -> JobDetail:
    return JobDetail("tc1", CURRENT, position, text, id=f"c{position}", **fields)  # type: ignore[arg-type]


def target(position: int, text: str, **fields: object) -> JobDetail:
    return JobDetail("tc1", TARGET, position, text, id=f"t{position}", **fields)  # type: ignore[arg-type]


DIE_CHANGE = (
    current(1, "Fetch the die from the rack", why="the next job needs it",
            change=Change.SIMPLIFY, proposal="Die waits on a cart beside the press"),
    current(2, "Walk to the tool crib for the wrench", change=Change.ELIMINATE,
            proposal="Wrench on a shadow board at the press"),
    current(3, "Unbolt the old die", change=Change.COMBINE, proposal=""),
    current(4, "Bolt the new die", where="at the press", who="the operator"),
)  # fmt: skip


# -- the model --------------------------------------------------------------------


def test_the_six_questions_are_twi_step_two_in_order_and_name_fields() -> None:
    assert [name for name, _ in QUESTIONS] == ["why", "what", "where", "when", "who", "how"]
    assert [q for _, q in QUESTIONS] == [
        "Why is it necessary?",
        "What is its purpose?",
        "Where should it be done?",
        "When should it be done?",
        "Who is best qualified to do it?",
        "How is the best way to do it?",
    ]
    assert NOTES == ("why", "what", "where", "when", "who", "how", "proposal")
    detail = JobDetail("tc1", CURRENT, 1, "x")
    assert all(getattr(detail, name) == "" for name in NOTES)
    assert detail.change is Change.KEEP and detail.from_id is None
    assert detail.rev == 0 and detail.stamp is None and len(detail.id) == 12


def test_the_values_as_stored_in_a_file() -> None:
    assert [b.value for b in BreakdownOf] == ["current", "target"]
    assert [c.value for c in Change] == ["keep", "eliminate", "combine", "rearrange", "simplify"]
    assert TABLES[JobDetail] == "job_details"
    assert list(TABLES.values())[-1] == "job_details"


# -- break down the job -------------------------------------------------------------


def test_breakdown_is_one_side_of_one_target_condition_in_position_order() -> None:
    elsewhere = JobDetail("tc2", CURRENT, 1, "other target", id="x1")
    new = JobDetail("tc1", TARGET, 1, "new method", id="x2")
    story = story_of(DIE_CHANGE[3], DIE_CHANGE[1], elsewhere, DIE_CHANGE[0], new, DIE_CHANGE[2])
    assert breakdown(story, "tc1", CURRENT) == list(DIE_CHANGE)
    assert breakdown(story, "tc1", TARGET) == [new]
    assert breakdown(story, "tc2", CURRENT) == [elsewhere]
    assert breakdown(story, "tc2", TARGET) == []


def test_a_detail_is_added_after_the_last_one_of_its_side() -> None:
    story = story_of(current(1, "a"), current(7, "b"), target(2, "c"))
    added = add_detail(story, "tc1", CURRENT, "  Wipe the bolster  ", TODAY)
    assert (added.target_id, added.of, added.position, added.text) == (
        "tc1",
        CURRENT,
        8,
        "Wipe the bolster",
    )
    assert add_detail(story, "tc1", TARGET, "x", TODAY).position == 3
    first = add_detail(story, "tc2", TARGET, "x", TODAY)
    assert (first.target_id, first.of, first.position) == ("tc2", TARGET, 1)
    assert added.id != first.id


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "text: a detail needs its words (what is done)"),
        ("   \t ", "text: a detail needs its words (what is done)"),
        ("Fetch\nthe die", "text: a detail is one line (put the rest in its notes)"),
        ("Fetch\rthe die", "text: a detail is one line (put the rest in its notes)"),
        ("x" * (MAX_TEXT + 1), f"text: longer than {MAX_TEXT} characters"),
    ],
)
def test_a_detail_that_is_not_one_line_of_words_is_refused(typed: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        add_detail(story_of(), "tc1", CURRENT, typed, TODAY)
    assert str(refused.value) == message


def test_the_longest_detail_and_notes_are_accepted() -> None:
    assert detail_text("x" * MAX_TEXT) == "x" * MAX_TEXT
    longest = {name: "y" * MAX_TEXT for name in NOTES}
    detail = JobDetail("tc1", CURRENT, 1, "x" * MAX_TEXT, **longest)  # type: ignore[arg-type]
    assert check_detail(detail) is detail


@pytest.mark.parametrize("name", NOTES)
def test_a_note_or_proposal_past_the_text_limit_is_refused(name: str) -> None:
    detail = replace(JobDetail("tc1", CURRENT, 1, "x"), **{name: "y" * (MAX_TEXT + 1)})
    with pytest.raises(InvalidInput) as refused:
        check_detail(detail)
    assert str(refused.value) == f"{name}: longer than {MAX_TEXT} characters"


def test_positions_count_from_one() -> None:
    assert check_detail(current(1, "x")).position == 1
    with pytest.raises(InvalidInput) as refused:
        check_detail(current(0, "x"))
    assert str(refused.value) == "position: positions count from 1"


# -- moving a detail -------------------------------------------------------------------


def test_moving_a_detail_swaps_it_with_its_neighbour() -> None:
    story = story_of(current(1, "a"), current(3, "b"), current(4, "c"), target(2, "t"))
    up = moved(story, "c3", -1)
    assert [(d.id, d.position) for d in up] == [("c3", 1), ("c1", 3)]
    down = moved(story, "c3", +1)
    assert [(d.id, d.position) for d in down] == [("c3", 4), ("c4", 3)]
    assert [d.text for d in down] == ["b", "c"]  # only the position changes


def test_nothing_moves_past_an_end_or_for_an_unknown_detail() -> None:
    story = story_of(current(1, "a"), current(2, "b"), target(1, "t"))
    assert moved(story, "c1", -1) == []
    assert moved(story, "c2", +1) == []
    assert moved(story, "t1", -1) == [] and moved(story, "t1", +1) == []
    assert moved(story, "nope", +1) == []
    assert moved(story, "c1", 0) == [] and moved(story, "c1", 2) == []


# -- develop the new method ---------------------------------------------------------------


def test_the_target_breakdown_starts_from_the_current_one() -> None:
    story = story_of(*DIE_CHANGE)
    new = start_target_from_current(story, "tc1")
    # the wrench walk is eliminated; the others keep their order, numbered again
    assert [(d.position, d.text, d.from_id) for d in new] == [
        (1, "Die waits on a cart beside the press", "c1"),  # its proposal
        (2, "Unbolt the old die", "c3"),  # no proposal: the detail as it was
        (3, "Bolt the new die", "c4"),
    ]
    assert all(d.target_id == "tc1" and d.of is TARGET for d in new)
    # the notes questioned the old method: they are not copied, nor is the change
    assert all(getattr(d, name) == "" for d in new for name in NOTES)
    assert all(d.change is Change.KEEP for d in new)
    assert len({d.id for d in new} | {d.id for d in DIE_CHANGE}) == 7


def test_a_proposal_of_several_lines_gives_its_first_line() -> None:
    story = story_of(current(1, "a", proposal="\n  Cart at the press  \nand a checklist"))
    assert [d.text for d in start_target_from_current(story, "tc1")] == ["Cart at the press"]
    blank = story_of(current(1, "as is", proposal=" \n "))
    assert [d.text for d in start_target_from_current(blank, "tc1")] == ["as is"]


def test_starting_the_target_breakdown_twice_or_from_nothing_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        start_target_from_current(story_of(*DIE_CHANGE, target(1, "x"), target(2, "y")), "tc1")
    assert str(refused.value) == "the target condition's breakdown already has 2 details"
    with pytest.raises(InvalidInput) as refused:
        start_target_from_current(story_of(JobDetail("tc2", CURRENT, 1, "x")), "tc1")
    assert str(refused.value) == "no current breakdown to start from"


def test_every_detail_eliminated_gives_an_empty_target_breakdown() -> None:
    story = story_of(current(1, "a", change=Change.ELIMINATE))
    assert start_target_from_current(story, "tc1") == []


# -- side by side ---------------------------------------------------------------------------


def test_side_by_side_pairs_each_detail_with_the_one_started_from_it() -> None:
    story = story_of(*DIE_CHANGE)
    started = start_target_from_current(story, "tc1")
    new_step = JobDetail("tc1", TARGET, 4, "Check the first part", id="n1")
    lead = JobDetail("tc1", TARGET, 0 + 1, "Pre-stage", id="n0")
    # the target side as the learner then edits it: a new first detail, one at the end
    renumbered = [replace(d, position=d.position + 1) for d in started]
    rows = side_by_side(
        story_of(*DIE_CHANGE, lead, *renumbered, replace(new_step, position=5)), "tc1"
    )
    shown = [(c.id if c else None, t.text if t else None) for c, t in rows]
    assert shown == [
        (None, "Pre-stage"),
        ("c1", "Die waits on a cart beside the press"),
        ("c2", None),  # eliminated
        ("c3", "Unbolt the old die"),
        ("c4", "Bolt the new die"),
        (None, "Check the first part"),
    ]


def test_a_new_detail_follows_the_target_detail_before_it_not_an_eliminated_one() -> None:
    details = (
        current(1, "A"),
        current(2, "B", change=Change.ELIMINATE),
        current(3, "C"),
        target(1, "A'", from_id="c1"),
        target(2, "N", from_id=None),
        target(3, "M", from_id="gone"),  # started from a detail deleted since: new
        target(4, "C'", from_id="c3"),
    )
    rows = side_by_side(story_of(*details), "tc1")
    assert [(c and c.text, t and t.text) for c, t in rows] == [
        ("A", "A'"),
        (None, "N"),
        (None, "M"),
        ("B", None),
        ("C", "C'"),
    ]


def test_a_rearranged_detail_stays_beside_the_one_it_came_from() -> None:
    details = (
        current(1, "A"),
        current(2, "B"),
        target(1, "B'", from_id="c2"),
        target(2, "A'", from_id="c1"),
        target(3, "twin of B", from_id="c2"),  # a second one from B: shown as new
    )
    rows = side_by_side(story_of(*details), "tc1")
    assert [(c and c.text, t and (t.position, t.text)) for c, t in rows] == [
        ("A", (2, "A'")),
        (None, (3, "twin of B")),
        ("B", (1, "B'")),
    ]


def test_side_by_side_of_nothing_is_no_rows_and_ignores_other_targets() -> None:
    assert side_by_side(story_of(), "tc1") == []
    other = JobDetail("tc2", TARGET, 1, "x", from_id="c1")
    assert side_by_side(story_of(current(1, "A"), other), "tc1") == [(current(1, "A"), None)]


@st.composite
def breakdowns(draw: st.DrawFn) -> Storyboard:
    """A current and a target breakdown: target details started from current ones
    (some twice, some from details deleted since) or new, in any order."""
    n_current = draw(st.integers(0, 6))
    current_positions = draw(
        st.lists(st.integers(1, 40), min_size=n_current, max_size=n_current, unique=True)
    )
    currents = [
        JobDetail("tc1", CURRENT, p, f"c{p}", id=f"c{i}") for i, p in enumerate(current_positions)
    ]
    n_target = draw(st.integers(0, 7))
    target_positions = draw(
        st.lists(st.integers(1, 40), min_size=n_target, max_size=n_target, unique=True)
    )
    sources = st.sampled_from([None, "deleted", *(c.id for c in currents)])
    targets = [
        JobDetail("tc1", TARGET, p, f"t{p}", from_id=draw(sources), id=f"t{i}")
        for i, p in enumerate(target_positions)
    ]
    noise = [
        JobDetail(
            "tc2", TARGET, 1, "elsewhere", from_id=currents[0].id if currents else None, id="z"
        )
    ]
    return story_of(*draw(st.permutations([*currents, *targets, *noise])))


@settings(max_examples=300, deadline=None)
@given(breakdowns())
def test_side_by_side_shows_every_detail_once_and_keeps_the_orders(story: Storyboard) -> None:
    rows = side_by_side(story, "tc1")
    left = [c for c, _ in rows if c is not None]
    right = [t for _, t in rows if t is not None]
    currents, targets = breakdown(story, "tc1", CURRENT), breakdown(story, "tc1", TARGET)
    assert left == currents  # every current detail once, in current order
    assert sorted(t.id for t in right) == sorted(t.id for t in targets)  # every target once
    assert all(c is not None or t is not None for c, t in rows)
    # a pair is a target detail beside the current detail it was started from
    for c, t in rows:
        if c is not None and t is not None:
            assert t.from_id == c.id
    # the first target detail started from a current one is the one beside it
    for c in currents:
        started = [t for t in targets if t.from_id == c.id]
        beside = [t for cc, t in rows if cc is c]
        assert beside == [started[0] if started else None]
    # without crossed pairs (nothing rearranged) the right side is in target order
    paired = [t for c, t in rows if c is not None and t is not None]
    if paired == sorted(paired, key=lambda t: t.position):
        assert right == targets
    # a target detail shown alone comes after the target detail before it
    order = {t.id: i for i, (_, t) in enumerate(rows) if t is not None}
    for before, after in itertools.pairwise(targets):
        if not any(c is not None and t is after for c, t in rows):
            assert order[after.id] > order[before.id]


# -- stored, exported, imported -----------------------------------------------------------------


def test_a_detail_round_trips_with_every_field() -> None:
    stamp = Stamp("anna", Role.LEARNER, datetime(2026, 11, 23, 9, 41, 7))
    detail = JobDetail(
        "tc1", TARGET, 3, "Bolt the new die", why="holds the die", what="safety",
        where="press 4", when="after unbolting", who="operator", how="torque wrench",
        change=Change.REARRANGE, proposal="before the first hit", from_id="c4",
        id="d1", rev=5, stamp=stamp,
    )  # fmt: skip
    data = encode(detail)
    assert data == {
        "target_id": "tc1", "of": "target", "position": 3, "text": "Bolt the new die",
        "why": "holds the die", "what": "safety", "where": "press 4",
        "when": "after unbolting", "who": "operator", "how": "torque wrench",
        "change": "rearrange", "proposal": "before the first hit", "from_id": "c4",
        "id": "d1", "rev": 5,
        "stamp": {"by": "anna", "role": "learner", "at": "2026-11-23T09:41:07"},
    }  # fmt: skip
    assert decode(JobDetail, json.loads(json.dumps(data)), "job_details[0]") == detail
    least = {"target_id": "tc1", "of": "current", "position": 1, "text": "x", "id": "d2"}
    assert decode(JobDetail, least, "d") == JobDetail("tc1", CURRENT, 1, "x", id="d2")


def test_a_board_with_breakdowns_round_trips_in_position_order() -> None:
    story = story_of(*reversed(DIE_CHANGE), target(2, "y", from_id="c1"), target(1, "x"))
    tables = encode_storyboard(story)
    assert [(r["of"], r["position"]) for r in tables["job_details"]] == [
        ("current", 1), ("target", 1), ("current", 2), ("target", 2), ("current", 3), ("current", 4)
    ]  # fmt: skip
    back = decode_storyboard(json.loads(json.dumps(tables)))
    assert sorted(back.job_details, key=lambda d: d.id) == sorted(
        story.job_details, key=lambda d: d.id
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("of", "future", "job_details[0].of: 'future' is not one of: current, target"),
        ("change", "delete", "job_details[0].change: 'delete' is not one of: keep, eliminate, "
                             "combine, rearrange, simplify"),
        ("position", "2", "job_details[0].position: expected a whole number, got '2'"),
        ("why", 7, "job_details[0].why: expected text, got 7"),
        ("proposal", "x" * (MAX_TEXT + 1),
         f"job_details[0].proposal: text longer than {MAX_TEXT} characters"),
        ("text", "", "job_details[0].text: a detail needs its words (what is done)"),
        ("text", "two\nlines",
         "job_details[0].text: a detail is one line (put the rest in its notes)"),
        ("position", 0, "job_details[0].position: positions count from 1"),
        ("target_id", "tc9", "job_details[0].target_id: no target condition 'tc9'"),
        ("from_id", "c2",
         "job_details[0].from_id: only a target condition's detail is started from another"),
        ("colour", "red", "job_details[0].colour: unknown field"),
    ],
)  # fmt: skip
def test_a_bad_detail_is_refused_in_one_line_naming_the_field(
    field: str, value: object, message: str
) -> None:
    tables = encode_storyboard(story_of(current(1, "Fetch the die")))
    tables["job_details"][0][field] = value
    with pytest.raises(InvalidInput) as refused:
        decode_storyboard(tables)
    assert str(refused.value) == message
    assert "\n" not in str(refused.value)


def test_a_missing_required_field_is_refused() -> None:
    tables = encode_storyboard(story_of(current(1, "Fetch the die")))
    del tables["job_details"][0]["text"]
    with pytest.raises(InvalidInput, match=r"^job_details\[0\]\.text: missing$"):
        decode_storyboard(tables)


def test_two_details_at_one_position_of_one_breakdown_are_refused() -> None:
    check_storyboard(story_of(current(1, "a"), target(1, "b"), JobDetail("tc2", CURRENT, 1, "c")))
    with pytest.raises(InvalidInput) as refused:
        check_storyboard(
            story_of(current(1, "a"), current(2, "b"), JobDetail("tc1", CURRENT, 2, "c"))
        )
    assert str(refused.value) == (
        "job_details[2].position: current breakdown already has a detail at 2"
    )


def test_a_duplicate_id_across_tables_is_refused() -> None:
    story = replace(story_of(JobDetail("tc1", CURRENT, 1, "a", id="tc1")))
    with pytest.raises(InvalidInput, match=r"^job_details\[0\]\.id: duplicate or empty id 'tc1'$"):
        check_storyboard(story)


# -- two plants' additions merged (kata sync) ------------------------------------------------


def test_details_sharing_a_position_follow_the_last_in_their_order() -> None:
    details = [
        JobDetail("tc1", CURRENT, 2, "b", id="b2", rev=3),
        JobDetail("tc1", CURRENT, 1, "a", id="a1"),
        JobDetail("tc1", CURRENT, 2, "x", id="a2", rev=1),
        JobDetail("tc1", CURRENT, 4, "d", id="d4"),
        JobDetail("tc1", CURRENT, 2, "y", id="c2"),
        JobDetail("tc1", CURRENT, 3, "e", id="e3"),
        JobDetail("tc1", TARGET, 2, "other side", id="t2"),
        JobDetail("tc2", CURRENT, 2, "other target", id="o2"),
    ]
    # from the first clash on (lowest id keeps 2), the rest follow the last, in order
    moved = positions_settled(details)
    assert [(d.id, d.position, d.rev, d.text) for d in moved] == [
        ("b2", 5, 4, "b"),
        ("c2", 6, 1, "y"),
        ("e3", 7, 1, "e"),
        ("d4", 8, 1, "d"),
    ]
    settled = {d.id: d for d in details} | {d.id: d for d in moved}
    check_storyboard(story_of(*settled.values()))
    assert positions_settled(settled.values()) == []
    assert positions_settled([]) == []


def test_one_plants_new_details_follow_the_others_in_their_own_order() -> None:
    ours = [current(1, "ours 1"), current(2, "ours 2"), current(3, "ours 3")]
    theirs = [
        JobDetail("tc1", CURRENT, 1, "theirs 1", id="z1"),  # no clash: stays
        JobDetail("tc1", CURRENT, 4, "theirs 2", id="a4"),
        JobDetail("tc1", CURRENT, 2, "theirs 0", id="y2"),
    ]
    theirs[0] = replace(theirs[0], position=0)
    moved = positions_settled([*theirs, *ours], later={"z1", "a4", "y2"})
    # theirs at 0 takes no place of ours; from the clash at 2 on theirs follow in order
    assert [(d.id, d.position) for d in moved] == [("y2", 5), ("a4", 6)]
    assert positions_settled([*theirs, *ours], later={"c1", "c2", "c3"}) == [
        replace(ours[1], position=5, rev=1),
        replace(ours[2], position=6, rev=1),
    ]
