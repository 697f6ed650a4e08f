from dataclasses import replace

import pytest
from textual.widgets import TextArea

from kata_tui.domain.clock import Clock
from kata_tui.domain.model import Experiment, Role
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import ConflictError
from kata_tui.store.session import BoardSession
from kata_tui.ui.screens.conflict import ConflictScreen, differing
from kata_tui.ui.screens.form import FormScreen
from tests.ui.screen_host import ScreenHost


class Race:
    """Two sessions on one data directory editing the same open step."""

    def __init__(self, data: DataDir, clock: Clock) -> None:
        self.data = data
        self.anna = BoardSession(data, "maria", Editor("anna", Role.COACH), clock)
        self.maria = BoardSession(data, "maria", Editor("maria", Role.LEARNER), clock)
        step = self.maria.story.threshold()
        assert step is not None
        self.step_id = step.id
        self.anna.save(replace(step, happened="Cart was there at 10:05"))
        mine = replace(step, happened="Cart came late", learned="Forklift is the bottleneck")
        with pytest.raises(ConflictError) as caught:
            self.maria.save(mine)
        self.error = caught.value

    def stored(self) -> Experiment:
        step = DataDir.open(self.data.path).load("maria").find(Experiment, self.step_id)
        assert step is not None
        return step


@pytest.fixture
def race(demo_data: DataDir, clock: Clock) -> Race:
    return Race(demo_data, clock)


def host(race: Race) -> ScreenHost:
    return ScreenHost(lambda: ConflictScreen(race.error))


def test_a_real_conflict_carries_both_versions(race: Race) -> None:
    assert race.error.theirs.happened == "Cart was there at 10:05"  # type: ignore[union-attr]
    assert race.error.mine.happened == "Cart came late"  # type: ignore[union-attr]
    assert differing(race.error.mine, race.error.theirs) == ["happened", "learned"]


async def test_keep_mine_saves_mine_over_theirs(race: Race) -> None:
    app = host(race)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "m")
        await pilot.pause()
    [record] = app.results
    assert record.rev == race.error.theirs.rev
    race.maria.save(record)
    stored = race.stored()
    assert (stored.happened, stored.learned) == ("Cart came late", "Forklift is the bottleneck")


async def test_take_theirs_keeps_their_field_and_my_change_to_another(race: Race) -> None:
    """Per field: only "what happened" was changed by both; my "what we learned" stays."""
    app = host(race)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
    [record] = app.results
    race.maria.save(record)
    stored = race.stored()
    assert (stored.happened, stored.learned) == (
        "Cart was there at 10:05",
        "Forklift is the bottleneck",
    )


async def test_take_theirs_saves_nothing_when_i_changed_nothing_else(
    demo_data: DataDir, clock: Clock
) -> None:
    anna = BoardSession(demo_data, "maria", Editor("anna", Role.COACH), clock)
    maria = BoardSession(demo_data, "maria", Editor("maria", Role.LEARNER), clock)
    step = maria.story.threshold()
    assert step is not None
    anna.save(replace(step, happened="theirs"))
    with pytest.raises(ConflictError) as caught:
        maria.save(replace(step, happened="mine"))
    app = ScreenHost(lambda: ConflictScreen(caught.value))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
    assert app.results == [None]


async def test_keep_mine_overrides_only_the_fields_both_changed(
    demo_data: DataDir, clock: Clock
) -> None:
    """The other's change to a field I did not touch survives "keep mine"."""
    anna = BoardSession(demo_data, "maria", Editor("anna", Role.COACH), clock)
    maria = BoardSession(demo_data, "maria", Editor("maria", Role.LEARNER), clock)
    step = maria.story.threshold()
    assert step is not None
    anna.save(replace(step, happened="theirs", expected="their expectation"))
    with pytest.raises(ConflictError) as caught:
        maria.save(replace(step, happened="mine"))
    app = ScreenHost(lambda: ConflictScreen(caught.value))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
    [record] = app.results
    maria.save(record)
    stored = DataDir.open(demo_data.path).load("maria").find(Experiment, step.id)
    assert stored is not None
    assert (stored.happened, stored.expected) == ("mine", "their expectation")


async def test_merge_by_hand_edits_mine_and_lands_on_disk(race: Race) -> None:
    app = host(race)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        area = app.screen.focused
        assert isinstance(area, TextArea) and area.text == "Cart came late"
        # Both versions in view: theirs under the field, with who wrote it.
        notes = [str(w.render()) for w in app.screen.query(".form-note")]
        assert notes == ["anna: Cart was there at 10:05"]
        await pilot.press(*" at 10:05 (anna); late on 2 of 4")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [record] = app.results
    assert record.rev == race.error.theirs.rev
    race.maria.save(record)
    stored = race.stored()
    assert stored.happened == "Cart came late at 10:05 (anna); late on 2 of 4"
    assert stored.learned == "Forklift is the bottleneck"
    assert stored.stamp is not None and stored.stamp.by == "maria"


async def test_cancelled_merge_returns_to_the_choice(race: Race) -> None:
    app = host(race)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        assert app.results == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen), "Escape must not drop either version"


def test_snapshot_conflict_80x24(snap_compare, race: Race) -> None:
    assert snap_compare(host(race), terminal_size=(80, 24))


def test_snapshot_conflict_large(snap_compare, race: Race) -> None:
    assert snap_compare(host(race), terminal_size=(120, 40))


def test_merge_fields_for_a_cycle_cover_answers_and_keep_who_said_them(demo_data) -> None:
    from kata_tui.domain.model import Answer
    from kata_tui.ui.screens.conflict import merge_fields, merged

    cycle = demo_data.load("maria").cycles_in_order()[-1]
    mine = replace(cycle, answers=(Answer("q1", "under 25 min", "maria"),), reflection="mine")
    theirs = replace(
        cycle, rev=cycle.rev + 1, answers=(Answer("q2", "32 min today", "tom"),), reflection=""
    )
    fields = {f.key: f for f in merge_fields(mine, theirs)}
    assert fields["answers.q1"].value == "under 25 min"
    assert fields["answers.q2"].value == ""
    assert fields["answers.q2"].label.startswith("!")
    assert "position" not in fields
    values = {key: f.value for key, f in fields.items()}
    values["answers.q2"] = "32 min today"
    out = merged(mine, theirs, values)
    assert out.rev == theirs.rev and out.reflection == "mine"
    assert out.answers == (
        Answer("q1", "under 25 min", "maria"),
        Answer("q2", "32 min today", "tom"),
    )
