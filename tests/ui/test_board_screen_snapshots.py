"""The board screen as people see it, on the demo board "maria" and the fixed date."""

from __future__ import annotations


def test_board_80x24(snap_compare, demo_data, make_app) -> None:
    assert snap_compare(make_app(demo_data, board="maria"), terminal_size=(80, 24))


def test_board_120x40(snap_compare, demo_data, make_app) -> None:
    assert snap_compare(make_app(demo_data, board="maria"), terminal_size=(120, 40))


def test_board_mid_cycle_80x24(snap_compare, demo_data, make_app) -> None:
    """Question 3 asked: the parking lot highlighted, the answer line half typed."""
    keys = ["c", *["pagedown"] * 6, *"Forklift late"]
    assert snap_compare(make_app(demo_data, board="maria"), terminal_size=(80, 24), press=keys)


def test_board_mid_cycle_120x40(snap_compare, demo_data, make_app) -> None:
    """The back of the card: the threshold step shown on the card and in the record."""
    keys = ["c", "pagedown", "pagedown", "pagedown", "pagedown"]
    assert snap_compare(make_app(demo_data, board="maria"), terminal_size=(120, 40), press=keys)


def test_board_follow_80x24(snap_compare, demo_data, make_app) -> None:
    assert snap_compare(make_app(demo_data, board="maria", follow=True), terminal_size=(80, 24))


def test_board_mid_cycle_no_color_80x24(snap_compare, demo_data, make_app, monkeypatch) -> None:
    """NO_COLOR: the current question (">" and reverse) and focus still show."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_data, board="maria")
    assert snap_compare(app, terminal_size=(80, 24), press=["c", "pagedown"])


def test_board_card_hidden_120x40(snap_compare, demo_data, make_app) -> None:
    """z: the card put away, every section at a glance across the full width."""
    assert snap_compare(make_app(demo_data, board="maria"), terminal_size=(120, 40), press=["z"])


def test_board_overview_80x24(snap_compare, demo_data, make_app) -> None:
    """z at 80x24: all five sections on one screen, each trimmed to what matters now."""
    assert snap_compare(make_app(demo_data, board="maria"), terminal_size=(80, 24), press=["z"])
