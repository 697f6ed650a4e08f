"""The coach's reflection and the second coach's feedback, typed at the end of a cycle
(ctrl+t), are saved with it and shown in history (h): all by keys."""

from kata_tui.domain.model import CoachingCycle
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.form import FormScreen
from kata_tui.ui.screens.history import EntryView, HistoryScreen


async def test_reflection_and_feedback_are_kept_and_shown_in_history(
    demo_data: DataDir, make_app, clock
) -> None:
    before = {c.id for c in demo_data.load("maria").cycles}
    app = make_app(demo_data, board="maria")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c", *"Changeover under 10 min", "enter", "ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"I asked two questions at once", "tab", *"anna", "tab")
        await pilot.press(*"Wait for the answer before the next question", "ctrl+s")
        await pilot.pause()
        assert app.screen.card.position == ""  # the cycle is over

        stored = DataDir.open(demo_data.path).load("maria")
        [kept] = [c for c in stored.cycles if c.id not in before]
        assert isinstance(kept, CoachingCycle) and not kept.running
        assert (kept.reflection, kept.second_coach, kept.second_coach_feedback) == (
            "I asked two questions at once",
            "anna",
            "Wait for the answer before the next question",
        )

        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        day = clock.today().isoformat()
        [entry] = [
            v.entry
            for v in app.screen.query(EntryView)
            if v.entry.title.startswith(f"Coaching cycle {day}: coach ")
        ]
        assert ", second coach anna; 0 min, target condition" in entry.title
        texts = [line.text for line in entry.lines]
        assert texts[-2:] == [
            "I asked two questions at once",
            "Wait for the answer before the next question",
        ]
