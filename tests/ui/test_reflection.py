from datetime import datetime

from kata_tui.domain.cycle import end_cycle
from kata_tui.domain.model import CoachingCycle
from kata_tui.store.datadir import DataDir
from kata_tui.store.session import BoardSession
from kata_tui.ui.reflection import reflection_form
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.screens.history import EntryView, HistoryScreen
from tests.conftest import TODAY
from tests.ui.screen_host import ScreenHost


async def test_reflection_and_feedback_are_kept_and_shown_in_history(
    demo_data: DataDir, clock, editor
) -> None:
    session = BoardSession(demo_data, "maria", editor, clock)
    target = session.story.target
    assert target is not None
    started = CoachingCycle(target.id, TODAY, "tom", "maria", datetime(2026, 11, 23, 9, 0))
    session.save(started)
    cycle = session.story.find(CoachingCycle, started.id)
    assert cycle is not None
    app = ScreenHost(lambda: reflection_form(cycle, second_coach="anna"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"I asked two questions at once", "tab", "tab")
        await pilot.press(*"Wait for the answer before the next question", "ctrl+s")
        await pilot.pause()
    [values] = app.results
    assert values == {
        "reflection": "I asked two questions at once",
        "second_coach": "anna",
        "feedback": "Wait for the answer before the next question",
    }
    session.save(end_cycle(cycle, datetime(2026, 11, 23, 9, 20), **values))

    stored = DataDir.open(demo_data.path).load("maria")
    kept = stored.find(CoachingCycle, cycle.id)
    assert kept is not None and kept.minutes == 20
    assert kept.reflection == "I asked two questions at once"
    assert kept.second_coach_feedback == "Wait for the answer before the next question"

    history = ScreenHost(lambda: HistoryScreen(stored, TODAY))
    async with history.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        last = list(history.screen.query(EntryView))[-1]
        texts = [line.text for line in last.entry.lines]
        assert "I asked two questions at once" in texts
        assert "Wait for the answer before the next question" in texts
        assert "second coach anna; 20 min" in last.entry.title
