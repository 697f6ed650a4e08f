"""The coaching cycle on a board: who drives it, where its card stands, its answers.

A running cycle is one shared record: one session drives its card (answers,
moves), every other session on the board shows it and its card moves with
the driver's. ``c`` on a running cycle offers to follow it or take over
driving; an answer typed by a session that no longer drives (taken over,
ended elsewhere) is refused and stays on the line. In follow mode the
board is read-only, the card shows the answers as they land, and its line
takes the follower's own notes.

``CycleController`` is held by the board screen: the screen keeps the keys,
the layout and the saving; this holds the cycle's rules as the card lives them
(start, resume, follow, take over, pause, end, answers, moving the card).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kata_tui.domain import cycle as cycle_rules
from kata_tui.domain.card import Lands, QuestionCard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import CoachingCycle, Driver, Metric, Record, Role
from kata_tui.domain.prompts import Prompt, follow_prompt, metric_prompt, prompt_for
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.errors import ConflictError, StoreError
from kata_tui.ui.undo import Undo
from kata_tui.ui.widgets.card import KataCard

if TYPE_CHECKING:
    from kata_tui.ui.screens.board_screen import BoardScreen

START = "the start of the coaching cycle"
"""What ctrl+z takes back right after ``c`` started a cycle."""

_ANSWERED = (Lands.TARGET_PATTERN, Lands.ACTUAL_PATTERN)
"""Questions answered in the learner's words; the board changes only by the coach's key."""


class CycleController:
    """The running cycle as this session takes part in it (driver, follower or neither)."""

    def __init__(self, screen: BoardScreen) -> None:
        self.screen = screen
        self.driver: Driver | None = None
        """This session's entry in that cycle's drivers: it drives while it is the last."""
        self.asked: Storyboard | None = None
        """The board as the current question was asked: the base its answer merges from."""
        self.adoptable: tuple[str, str] | None = None
        """(question key, text) of the last typed answer to question 1 or 2: the coach
        may put it on the board (ctrl+b)."""
        self._warned = ""
        """The cycle whose timer has warned: once per cycle."""
        self.metric_step = 0
        """Question 2 asks the outcome metric's reading with the actual condition (0),
        then each other metric's in turn (1, 2, ...: its place in ``metrics_asked``)."""

    @property
    def card(self) -> QuestionCard:
        """The card set the card shows: the running cycle's, else the board's."""
        return self.screen.card.card

    def lost_driving(self, story: Storyboard) -> None:
        """Someone else took over, paused or ended the cycle this session drove: say so
        once; the card then follows (text on the line stays until Enter is refused)."""
        cycle = story.find(CoachingCycle, self.screen.cycle_id)
        who = cycle.stamp.label() if cycle is not None and cycle.stamp else "another session"
        if cycle is None or not cycle.running:
            message = f"The coaching cycle was ended by {who}."
        elif cycle.driver is not None:
            message = f"{cycle.driver.label()} took over driving the cycle."
        else:
            message = f"The coaching cycle was paused by {who}."
        self.screen.cycle_id = ""
        self.driver = None
        self.screen.notify(message, severity="warning", markup=False)
        self.screen.refresh_bindings()

    def sync_card(self) -> None:
        """The card as this session's part in the running cycle wants it: the driver
        answers; a follower's line takes notes; anyone else's card moves with the
        driver's, read-only, unless it still holds an answer typed while driving."""
        if self.screen.driving:
            self.screen.card.read_only = False
            return
        cycle = self.screen.story.running_cycle()
        pending = self.screen.card.position and self.screen.card.has_text and not self.screen.follow
        if pending and not self.screen.card.read_only:
            return  # refused on Enter, never lost
        self.screen.show_card(cycle.card_ref if cycle is not None else None)
        self.screen.card.read_only = not (self.screen.follow and cycle is not None)
        position = cycle.position if cycle is not None else ""
        if position != self.screen.card.position:
            self.set_position(position)
        if self.screen.follow and cycle is not None:
            prompt = follow_prompt(cycle, card=self.card)
            if self.screen.card.has_text:
                self.screen.card.show_context(prompt.context)
            else:
                self.screen.card.ask(prompt)

    def set_position(self, key: str) -> None:
        if key and not self.card.has(key):
            # The cycle's card set is not here (refused, and said so): this card asks nothing.
            key = ""
        self.metric_step = 0
        self.screen.card.position = key
        self.screen.storyboard.ask_about(self.card.get(key).section if key else None)
        if key and self.screen.driving:
            self.asked = self.screen.story
            self.screen.add_class("-card-view")  # narrow: the card, where the answer is typed
            self.screen.card.ask(prompt_for(self.screen.story, key, self.screen.today, self.card))

    def _metrics(self) -> list[Metric]:
        target = self.screen.story.target
        return cycle_rules.metrics_asked(target) if target is not None else []

    def metric_asked(self) -> Metric | None:
        """The metric question 2 asks a reading of on its own line now (None: the
        question itself, with the outcome metric's reading)."""
        if not self.metric_step:
            return None
        asked = self._metrics()
        return asked[self.metric_step] if self.metric_step < len(asked) else None

    def current_prompt(self) -> Prompt:
        """What the answer line asks now, from the board as it is."""
        story, today = self.screen.story, self.screen.today
        metric = self.metric_asked()
        if metric is not None:
            return metric_prompt(story, metric, self.metric_step + 1, len(self._metrics()), today)
        return prompt_for(story, self.screen.card.position, today, self.card)

    def tick(self) -> None:
        now = self.screen.app.clock.now()
        if self.screen.driving:
            cycle = self.screen.live_cycle()
            assert cycle is not None
            minutes = max(0, int((now - cycle.started).total_seconds() // 60))
            board = self.screen.story.board
            self.screen.card.status = f"Cycle: {minutes} min of ~{board.cycle_minutes}"
            undo = self.screen.undo
            if undo is not None and undo.label == START and undo.holds(self.screen.story):
                self.screen.card.status += "\nctrl+z: undo (nothing kept)"
            if cycle.id != self._warned and cycle_rules.over_time(cycle, board, now):
                self._warned = cycle.id
                self.screen.notify(
                    f"{minutes} minutes: a coaching cycle usually takes about "
                    f"{board.cycle_minutes}. Time to come to question 5?",
                    title="Cycle timer",
                    severity="warning",
                    timeout=10,
                )
            return
        cycle = self.screen.story.running_cycle()
        if cycle is None:
            self.screen.card.status = (
                "Following: no cycle running" if self.screen.follow else "c: start a cycle"
            )
            return
        minutes = max(0, int((now - cycle.started).total_seconds() // 60))
        if cycle_rules.interrupted(cycle, now):
            first = f"Interrupted cycle of {cycle.started:%d %b %H:%M}"
            second = "" if self.screen.follow else "c: end it or start afresh"
        elif self.screen.follow:
            first = f"Following cycle, {minutes} min"
            second = "paused" if cycle.paused else ""
        else:
            first = f"Cycle since {cycle.started:%H:%M}, {minutes} min"
            second = "paused; c: resume" if cycle.paused else "c: follow or drive"
        driver = cycle.driver
        who = f"{driver.label()} drives" if driver is not None else ""
        self.screen.card.status = "\n".join(line for line in (first, who, second) if line)

    def start_cycle(self) -> None:
        """Start a cycle, or, where one runs, offer to follow it or take over driving."""
        running = self.screen.story.running_cycle()
        if running is None:
            self._start_new()
            return
        from kata_tui.ui.screens.cycle_choice import CycleChoice, CycleChoiceScreen

        now = self.screen.app.clock.now()
        started = f"started {running.started:%d %b %H:%M}"
        if cycle_rules.interrupted(running, now):
            title = "An interrupted coaching cycle"
            text = f"A cycle {started} was never ended."
            choices: tuple[CycleChoice, ...] = (CycleChoice.END, CycleChoice.AFRESH)
        elif running.driver is None:
            title = "A paused coaching cycle"
            text = f"The cycle {started} is paused at question {self._label(running)}."
            choices = (CycleChoice.DRIVE, CycleChoice.FOLLOW, CycleChoice.END)
        else:
            title = "A coaching cycle is running"
            text = (
                f"{running.driver.label()} drives the cycle {started}, "
                f"at question {self._label(running)}."
            )
            choices = (CycleChoice.FOLLOW, CycleChoice.DRIVE)

        def chosen(choice: CycleChoice | None) -> None:
            cycle = self.screen.story.find(CoachingCycle, running.id)
            if choice is None or cycle is None or not cycle.running:
                return
            if choice is CycleChoice.FOLLOW:
                self.screen.follow = True
            elif choice is CycleChoice.DRIVE:
                self._take_over(cycle)
            elif choice is CycleChoice.END:
                self._finish(cycle, ask=False)
            elif choice is CycleChoice.AFRESH and self._finish(cycle, ask=False):
                self._start_new()

        self.screen.app.push_screen(CycleChoiceScreen(title, text, choices), chosen)

    def _label(self, cycle: CoachingCycle) -> str:
        card = self.screen.card_for(cycle.card_ref) or self.card
        return card.get(cycle.position).label if card.has(cycle.position) else "1"

    def start_with(self, card: QuestionCard) -> None:
        """Start a cycle on ``card`` (picked for this cycle), unless one runs."""
        if self.screen.story.running_cycle() is not None:
            self.start_cycle()
            return
        self._start_new(card)

    def _start_new(self, card: QuestionCard | None = None) -> None:
        """A new cycle on ``card``, else the board's card set (refused, with the file's
        line, when that set's file is broken)."""
        card = card or self.screen.card_for(self.screen.story.board.card_ref)
        if card is None:
            return
        editor = self.screen.session.editor
        now = self.screen.app.clock.now()
        try:
            outcome = cycle_rules.start_cycle(
                self.screen.story, now, editor.user, editor.role, card=card
            )
        except InvalidInput as error:
            self.screen.notify(str(error), severity="warning", markup=False)
            return
        cycle = outcome.records[-1]
        assert isinstance(cycle, CoachingCycle)
        if not self.screen.save(*outcome.records):
            return
        self.screen.card.use(card)
        self._drive(cycle, cycle.drivers[-1])
        self.set_position(card.first)
        saved = self.screen.story.find(CoachingCycle, cycle.id)
        if saved is not None:  # a stray "c": ctrl+z takes it back, leaving no record
            self.screen.offer_undo(Undo(START, (saved,), (None,)))
        self.tick()

    def _drive(self, cycle: CoachingCycle, driver: Driver) -> None:
        self.screen.cycle_id = cycle.id
        self.driver = driver
        self.adoptable = None
        self.screen.card.read_only = False
        self.screen.refresh_bindings()

    def _take_over(self, cycle: CoachingCycle) -> None:
        """Drive the card from where it is; the hand-over is recorded in the cycle."""
        card = self.screen.card_for(cycle.card_ref)
        if card is None:
            return
        editor = self.screen.session.editor
        mine = cycle_rules.take_over(cycle, editor.user, editor.role, self.screen.app.clock.now())
        if not self.screen.save(mine):
            return
        self._drive(mine, mine.drivers[-1])
        self.screen.notify(f"You drive the cycle now (question {self._label(mine)}).")
        self.screen.card.position = ""  # asked afresh, from this session's board
        self.screen.card.use(card)
        self.set_position(mine.position if card.has(mine.position) else card.first)
        self.tick()

    def _move(self, key: str | None) -> None:
        if key is None or not self.screen.driving:
            return
        cycle = self.screen.live_cycle()
        if cycle is not None and cycle.position != key and not self._save_position(cycle, key):
            return
        self.set_position(key)

    def _save_position(self, cycle: CoachingCycle, key: str) -> bool:
        """Followers move with the driver's card; if the cycle changed elsewhere (taken
        over, ended), this session no longer drives it and the card stays."""
        try:
            self.screen.session.save(cycle_rules.move_to(cycle, key, self.card))
        except ConflictError:
            self.screen.session.reload()
            self.screen.show_story(self.screen.session.story)
            return False
        except StoreError as error:
            self.screen.notify(str(error), severity="warning", markup=False)
        self.screen.show_story(self.screen.session.story)
        return self.screen.driving

    def next_question(self) -> None:
        if self.screen.card.taken:
            return  # an answer is on its way: it moves the card
        if self.screen.card.has_text:
            text, second = self.screen.card.texts()
            self._answer(self.screen.card.position, text, second)
        elif self.screen.card.position:
            self._move(self.card.next_key(self.screen.card.position))

    def previous_question(self) -> None:
        if self.screen.card.position and not self.screen.card.taken:
            self._move(self.card.previous_key(self.screen.card.position))

    def answered(self, event: KataCard.Answered) -> None:
        if self.screen.follow:
            self._note(event.text)
        else:
            self._answer(event.key, event.text, event.second)

    def _refuse(self, reason: str, text: str, second: str) -> None:
        self.screen.notify(
            f"Not taken, {reason}: answer not saved (it stays on the line).",
            severity="warning",
            markup=False,
        )
        self.screen.card.restore(text, second)

    def _answer(self, key: str, text: str, second: str) -> None:
        if key != self.screen.card.position:  # the card moved on meanwhile: give the text back
            self.screen.card.restore(text, second)
            return
        if not self.screen.driving:
            reason = cycle_rules.refusal(
                self.screen.story, self.screen.cycle_id, key, self.screen.user, self.card
            )
            running = self.screen.story.running_cycle()
            if running is not None and running.driver is not None:
                reason = f"{running.driver.label()} drives the cycle now"
            self._refuse(reason or "you do not drive this cycle", text, second)
            return
        cycle = self.screen.live_cycle()
        card = self.card
        lands = card.get(key).lands
        metric = self.metric_asked()
        more = lands is Lands.ACTUAL_PATTERN and self.metric_step + 1 < len(self._metrics())
        following = key if more else card.next_key(key)
        moved = cycle_rules.move_to(cycle, following, card) if cycle and following else cycle
        if metric is not None and not text.strip():  # skipped: no reading of this metric
            if more:
                self._after_answer(key, following, more)
            else:
                self.screen.card.release()
                self._move(following)
            return
        confirmed = not text.strip() and not second.strip() and lands in _ANSWERED
        story = self.screen.story
        try:
            if metric is not None:
                today, user = self.screen.today, self.screen.user
                outcome = cycle_rules.answer(
                    story,
                    key,
                    "",
                    today,
                    user,
                    second=text,
                    cycle=moved,
                    metric=metric.name,
                    card=card,
                )
            elif confirmed and moved is not None:
                outcome = cycle_rules.as_on_board(story, key, self.screen.user, moved, card)
            else:
                today, user = self.screen.today, self.screen.user
                outcome = cycle_rules.answer(
                    story, key, text, today, user, second=second, cycle=moved, card=card
                )
        except InvalidInput as error:
            self.screen.notify(str(error), severity="error", markup=False)
            self.screen.card.restore(text, second)
            return
        on_board = ""
        if story.target is not None and lands in _ANSWERED:
            target = story.target
            on_board = target.pattern if lands is Lands.TARGET_PATTERN else target.actual_pattern

        def saved() -> None:
            if outcome.note and not self.screen.renumbered:
                self.screen.notify(outcome.note, markup=False, timeout=3)
            typed = metric is None and text.strip()
            if lands in _ANSWERED and typed and on_board.strip() != text.strip():
                self.adoptable = (key, text.strip())
                self.screen.refresh_bindings()
                self.screen.notify(
                    "Kept in the cycle as the learner said it; ctrl+b also puts it on the board.",
                    markup=False,
                )
            self._after_answer(key, following, more)

        records = outcome.records or ((moved,) if moved is not None and moved != cycle else ())
        if not self.screen.save(*records, then=saved, bases=self._bases(records)):
            # Back on the line until the conflict is settled (then ``saved`` moves on).
            if self.screen.driving:
                self.screen.card.restore(text, second)
            else:
                self._refuse("the cycle changed elsewhere", text, second)
            return
        saved()

    def _after_answer(self, key: str, following: str | None, more: bool) -> None:
        """The next metric's reading, the next question, or the end of the card."""
        if more:
            self.metric_step += 1
            self.screen.card.ask(self.current_prompt())
        elif following is not None:
            self.set_position(following)
        else:
            self.screen.card.release()
            self.end_cycle()

    def _bases(self, records: tuple[Record, ...]) -> tuple[Record, ...]:
        """What the card showed of each record when the question was asked: someone
        else's change to it since is a conflict, never overwritten."""
        asked = self.asked
        if asked is None:
            return ()
        found = (
            asked.find(type(record), record.id)
            for record in records
            if record.rev and not isinstance(record, CoachingCycle)
        )
        return tuple(record for record in found if record is not None)

    def _note(self, text: str) -> None:
        """A follower's observation: a record of its own, stamped with who typed it."""
        self.screen.card.release()
        cycle = self.screen.story.running_cycle()
        if cycle is None:
            self.screen.card.restore(text, "")
            self.screen.notify("No cycle running: the note is not saved.", severity="warning")
            return
        try:
            note = cycle_rules.note(cycle, text, self.screen.app.clock.now())
        except InvalidInput as error:
            self.screen.notify(str(error), severity="error", markup=False)
            return
        if self.screen.save(note):
            self.screen.notify("Observation saved.", timeout=2)
        else:
            self.screen.card.restore(text, "")

    def adopt(self) -> None:
        """The coach's one key: the last answer to question 1 or 2 replaces the board's
        text (the text it replaces is kept as an earlier version)."""
        if self.adoptable is None:
            return
        key, text = self.adoptable
        try:
            outcome = cycle_rules.adopt(
                self.screen.story, key, text, self.screen.today, self.screen.user, self.card
            )
        except InvalidInput as error:
            self.screen.notify(str(error), severity="error", markup=False)
            return
        if self.screen.save(*outcome.records):
            self.adoptable = None
            self.screen.refresh_bindings()
            self.screen.notify(outcome.note, markup=False)

    def step_not_taken(self) -> None:
        """Asks why, in one line: the reason is parked as an obstacle."""
        step = self.screen.story.threshold()
        if step is None:
            self.screen.notify("No open step: every step has its result.", markup=False)
            return
        from kata_tui.ui.screens.form import FormField, FormScreen, required

        form = FormScreen(
            f"Step {step.number} not taken",
            [
                FormField(
                    "reason",
                    "Why could it not be taken? (parked as an obstacle)",
                    placeholder="one line: what stood in the way",
                    validate=required("the reason"),
                )
            ],
        )

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            story, today = self.screen.story, self.screen.today
            try:
                outcome = cycle_rules.step_not_taken(story, today, values["reason"])
            except InvalidInput as error:
                self.screen.notify(str(error), severity="error", markup=False)
                return
            if self.screen.save(*outcome.records):
                self.screen.notify(outcome.note, markup=False)

        self.screen.app.push_screen(form, done)

    def end_cycle(self) -> None:
        cycle = self.screen.live_cycle()
        if cycle is None or not self.screen.driving:
            self.stop_driving()
            return
        self._finish(cycle)

    def stop_driving(self) -> None:
        self.screen.cycle_id = ""
        self.driver = None
        self.set_position("")
        self.sync_card()
        self.screen.refresh_bindings()
        self.tick()

    def _finish(
        self, cycle: CoachingCycle, *, ask: bool = True, then: Callable[[], None] | None = None
    ) -> bool:
        """End ``cycle``: with the coach's reflection (``ask``), or at once. A cycle with
        no answer and no note was an accident and leaves no record."""
        driving = (self.screen.cycle_id, self.driver)
        self.screen.cycle_id, self.driver = "", None  # this session ends it: no "ended elsewhere"
        if not cycle_rules.leaves_record(cycle, self.screen.story):
            if not self.screen.save(remove=(cycle,)):
                self.screen.cycle_id, self.driver = driving
                return False
            self.stop_driving()
            self.screen.notify("No answer given: no cycle recorded.")
            if then is not None:
                then()
            return True
        if not ask:
            done = cycle_rules.end_cycle(cycle, self.screen.app.clock.now())
            if not self.screen.save(done):
                self.screen.cycle_id, self.driver = driving
                return False
            self.stop_driving()
            self.screen.notify(f"Coaching cycle ended ({done.minutes} min).")
            if then is not None:
                then()
            return True

        self.screen.cycle_id, self.driver = driving  # still driving while the reflection is typed

        def ended(values: dict[str, str] | None) -> None:
            if values is None:
                return
            current = self.screen.story.find(CoachingCycle, cycle.id)
            if current is None or not current.running:
                return
            done = cycle_rules.end_cycle(current, self.screen.app.clock.now(), **values)
            held = (self.screen.cycle_id, self.driver)
            self.screen.cycle_id, self.driver = "", None
            if not self.screen.save(done):
                self.screen.cycle_id, self.driver = held
            else:
                self.stop_driving()
                self.screen.notify(f"Coaching cycle saved ({done.minutes} min).")
                self.screen.storyboard.focus_section()
                if then is not None:
                    then()

        from kata_tui.ui.reflection import reflection_form

        self.screen.app.push_screen(reflection_form(cycle, self._second_coach(cycle)), ended)
        return True

    def ask_before_leaving(self, leave: Callable[[], None]) -> bool:
        """Driving a running cycle, leaving asks: keep it running (paused) or end it."""
        cycle = self.screen.live_cycle()
        if cycle is None or not self.screen.driving:
            return False
        from kata_tui.ui.screens.cycle_choice import CycleChoice, CycleChoiceScreen

        def chosen(choice: CycleChoice | None) -> None:
            current = self.screen.live_cycle()
            if choice is None or current is None:
                return
            if choice is CycleChoice.PAUSE:
                held = (self.screen.cycle_id, self.driver)
                self.screen.cycle_id, self.driver = "", None  # paused here, not "by another"
                if self.screen.save(cycle_rules.pause(current)):
                    self.stop_driving()
                    leave()
                else:
                    self.screen.cycle_id, self.driver = held
            elif choice is CycleChoice.END:
                self._finish(current, then=leave)

        self.screen.app.push_screen(
            CycleChoiceScreen(
                "Leaving a running coaching cycle",
                f"You drive the cycle started {cycle.started:%H:%M}, "
                f"at question {self._label(cycle)}.",
                (CycleChoice.PAUSE, CycleChoice.END),
            ),
            chosen,
        )
        return True

    def _second_coach(self, cycle: CoachingCycle) -> str:
        """Who coached the coach: this session's login if it is the second coach's,
        else whoever wrote notes on the cycle as second coach (never typed by hand)."""
        editor = self.screen.session.editor
        if editor.role is Role.SECOND_COACH:
            return editor.user
        return cycle_rules.second_coach_of(cycle, self.screen.story)
