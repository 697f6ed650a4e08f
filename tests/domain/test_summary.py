"""BoardQuery: which boards the dashboard lists, in what order, and what the status says."""

from __future__ import annotations

from datetime import date, timedelta

from kata_tui.domain.summary import ALL, DEFAULT_SORT, SORTS, BoardQuery, BoardSummary, choices

TODAY = date(2026, 11, 23)


def board(slug: str, **fields: object) -> BoardSummary:
    values: dict[str, object] = {
        "learner": slug.title(),
        "coach": "lena",
        "challenge": f"challenge of {slug}",
        "target": "",
        "achieve_by": None,
        "last_cycle": None,
        "next_go_see": None,
        "experiments": 0,
    }
    values.update(fields)
    return BoardSummary(slug=slug, **values)  # type: ignore[arg-type]


BOARDS = [
    board("ann", coach="Lena", experiments=3, next_go_see=TODAY + timedelta(days=2)),
    board("bob", coach="tom", experiments=1, next_go_see=TODAY - timedelta(days=1)),
    board("cem", coach="lena", experiments=7),
    board("dia", coach="Tom", challenge="Scrap on press 4", experiments=1),
]


def slugs(rows: list[BoardSummary]) -> list[str]:
    return [row.slug for row in rows]


def test_the_default_order_puts_the_next_go_and_see_first_and_unknown_last() -> None:
    query = BoardQuery()
    assert query.sort == DEFAULT_SORT == "go_see"
    assert slugs(query.apply(BOARDS, TODAY)) == ["bob", "ann", "cem", "dia"]


def test_an_open_follow_up_due_before_the_go_and_see_orders_the_board() -> None:
    go_see = TODAY + timedelta(days=2)
    before = board("eva", next_go_see=go_see, next_follow_up=TODAY + timedelta(days=1))
    same_day = board("fay", next_go_see=go_see, next_follow_up=go_see)
    later = board("gus", next_go_see=TODAY - timedelta(days=3), next_follow_up=go_see)
    alone = board("hal", next_follow_up=TODAY + timedelta(days=5))
    assert [s.follow_up_first() for s in (before, same_day, later, alone)] == [
        True,
        False,  # due the same day: the go-and-see shows
        False,
        True,
    ]
    assert [s.next_due() for s in (before, same_day, later, alone)] == [
        TODAY + timedelta(days=1),
        go_see,
        TODAY - timedelta(days=3),
        TODAY + timedelta(days=5),
    ]
    assert board("ivy").next_due() is None and not board("ivy").follow_up_first()
    shown = BoardQuery().apply([*BOARDS, before, same_day, later, alone], TODAY)
    assert slugs(shown) == ["gus", "bob", "eva", "ann", "fay", "hal", "cem", "dia"]


def test_reversed_keeps_boards_without_a_value_last() -> None:
    assert slugs(BoardQuery().reversed().apply(BOARDS, TODAY)) == ["ann", "bob", "cem", "dia"]


def test_ties_are_broken_by_slug_and_next_sort_steps_round_the_keys() -> None:
    query = BoardQuery(sort="experiments")
    assert slugs(query.apply(BOARDS, TODAY)) == ["bob", "dia", "ann", "cem"]
    keys = list(SORTS)
    stepped = BoardQuery(reverse=True)
    for _ in keys:
        stepped = stepped.next_sort()
        assert stepped == BoardQuery(sort=stepped.sort)  # a new order starts unreversed
    assert stepped.sort == DEFAULT_SORT
    assert BoardQuery(sort=keys[-1]).next_sort().sort == keys[0]


def test_text_filter_matches_learner_coach_or_challenge_in_any_case() -> None:
    assert slugs(BoardQuery(text="  PRESS ").apply(BOARDS, TODAY)) == ["dia"]
    assert slugs(BoardQuery(text="TOM", sort="learner").apply(BOARDS, TODAY)) == ["bob", "dia"]
    assert BoardQuery(text="zebra").apply(BOARDS, TODAY) == []


def test_coach_filter_cycles_through_each_coach_once_whatever_the_case() -> None:
    assert choices(b.coach for b in BOARDS) == [ALL, "Lena", "tom"]
    query = BoardQuery(sort="learner")
    seen = []
    for _ in range(3):
        query = query.next_coach(BOARDS)
        seen.append((query.coach, slugs(query.apply(BOARDS, TODAY))))
    assert seen == [("Lena", ["ann", "cem"]), ("tom", ["bob", "dia"]), (ALL, slugs(BOARDS))]


def test_learner_filter_and_cleared() -> None:
    query = BoardQuery(text="x", coach="lena").next_learner(BOARDS)
    assert query.learner == "Ann"
    assert slugs(BoardQuery(learner="aNN").apply(BOARDS, TODAY)) == ["ann"]
    assert slugs(BoardQuery(learner="Ann", coach="tom").apply(BOARDS, TODAY)) == []
    assert query.filtered
    cleared = query.cleared()
    assert not cleared.filtered
    assert (cleared.sort, cleared.reverse) == (query.sort, query.reverse)


def test_the_query_is_a_value() -> None:
    query = BoardQuery()
    query.next_sort()
    query.reversed()
    assert query == BoardQuery()
    assert hash(query) == hash(BoardQuery())


def test_describe_names_the_order_and_every_filter() -> None:
    query = BoardQuery(sort="due", reverse=True, text=" jon ", coach="lena", learner="Ann")
    assert query.describe(1, 4) == (
        "1 of 4 boards  |  sorted by days left (reversed)  |  coach: lena  |  "
        "learner: Ann  |  filter: jon"
    )
    assert BoardQuery().describe(4, 4) == "4 of 4 boards  |  sorted by next go-and-see"


def test_every_order_puts_boards_without_a_value_last_by_slug() -> None:
    boards = [
        board("ann", target="Zeta", achieve_by=TODAY + timedelta(days=9)),
        board("bob", target="", achieve_by=None),
        board("cem", target="alpha", achieve_by=TODAY - timedelta(days=2)),
        board("abe", target="", achieve_by=None),
    ]
    assert slugs(BoardQuery(sort="target").apply(boards, TODAY)) == ["cem", "ann", "abe", "bob"]
    assert slugs(BoardQuery(sort="target", reverse=True).apply(boards, TODAY)) == [
        "ann", "cem", "abe", "bob"
    ]  # fmt: skip
    assert slugs(BoardQuery(sort="due").apply(boards, TODAY)) == ["cem", "ann", "abe", "bob"]
    assert slugs(BoardQuery(sort="since").apply(boards, TODAY)) == ["abe", "ann", "bob", "cem"]


def test_a_cleared_query_lists_every_board_and_says_no_filter() -> None:
    query = BoardQuery(sort="learner", text="tom", coach="Lena", learner="Ann").cleared()
    assert query == BoardQuery(sort="learner")
    assert (query.next_coach(BOARDS).coach, query.next_learner(BOARDS).learner) == ("Lena", "Ann")
    assert slugs(query.apply(BOARDS, TODAY)) == ["ann", "bob", "cem", "dia"]
    assert query.describe(4, 4) == "4 of 4 boards  |  sorted by learner"
    coach_only = BoardQuery(sort="learner", coach="lena")
    assert slugs(coach_only.apply(BOARDS, TODAY)) == ["ann", "cem"]
