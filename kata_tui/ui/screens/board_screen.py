"""One board: the storyboard on the left, the coaching-kata card on the right.

This is where a coaching cycle runs. The screen owns the ``BoardSession``:
it turns card answers and section edits into records (through
``kata_tui.domain.cycle`` and ``kata_tui.ui.edits``), saves them at once, and
polls the file so a change saved by another process shows within a second.

A running cycle is one shared record: one session drives its card (answers,
moves), every other session on the board shows it and its card moves with
the driver's. ``c`` on a running cycle offers to follow it or take over
driving; an answer typed by a session that no longer drives (taken over,
ended elsewhere) is refused and stays on the line. In follow mode the
board is read-only, the card shows the answers as they land, and its line
takes the follower's own notes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Header, Input

from kata_tui.domain import cycle as cycle_rules
from kata_tui.domain.card import COACHING_KATA
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import (
    CoachingCycle,
    Driver,
    Record,
    Role,
)
from kata_tui.domain.process import Phase
from kata_tui.domain.prompts import follow_prompt, prompt_for
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.errors import ConflictError, PendingConflict, StoreError
from kata_tui.store.session import BoardSession
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.widgets.card import KataCard
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.pageless import PagelessScroll
from kata_tui.ui.widgets.sections import StorySection
from kata_tui.ui.widgets.storyboard_pane import StoryboardPane

# Dialogs and editors are imported where they open: a board must paint fast.

POLL_SECONDS = 0.5
CYCLE_MINUTES = 20
"""About how long a coaching cycle is meant to take."""


NARROW = 70
"""Below this many columns the storyboard and the card take turns (``-narrow``): the
card's 38 columns would leave the storyboard 20."""
WIDE = 110
"""From this many columns the storyboard is wider and its run chart larger (``-wide``
in board.tcss and card.tcss)."""


class BoardScreen(KataScreen[None], layout_once=True):
    CSS_PATH = [stylesheet("board.tcss"), stylesheet("card.tcss"), stylesheet("run_chart.tcss")]
    AUTO_FOCUS = "StorySection"
    """The challenge, focused as the screen is built: drawn focused from the first paint."""
    BINDINGS = [
        # Footer order: what a coaching cycle needs first; 80 columns show about eight.
        Binding("c", "start_cycle", "Cycle", tooltip="Start a coaching cycle"),
        # Only under 70 columns, where the card and the storyboard take turns.
        Binding("v", "switch_pane", "Card/board", tooltip="Show the card or the storyboard"),
        # Normal keys, as ctrl+s in forms: they reach the screen through the answer
        # line, after the keys typed before them (no widget on the way binds PgUp or
        # PgDn: widgets/pageless.py).
        Binding(
            "pageup", "previous_question", "Prev", tooltip="Previous question", key_display="PgUp"
        ),
        Binding(
            "pagedown,ctrl+n", "next_question", "Next", tooltip="Next question", key_display="PgDn"
        ),
        Binding("ctrl+t", "end_cycle", "End cycle"),
        Binding("ctrl+o", "step_not_taken", "Not taken", tooltip="Step not taken"),
        Binding("escape", "to_storyboard", "Board", tooltip="To the storyboard", key_display="Esc"),
        Binding("h", "history", "History"),
        Binding("l", "learnings", "Learned", tooltip="What we learned"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("X", "export", "Export", tooltip="Export the storyboard", key_display="X"),
        Binding("t", "reach_target", "Close target", tooltip="Close the target condition"),
        Binding("f", "toggle_follow", "Follow", tooltip="Follow (read-only)"),
        Binding("b", "back", "Boards", tooltip="Back to the boards"),
        # Off the key line (the target section names it while the board has no target
        # condition yet); listed in help and the palette.
        Binding(
            "o", "stopwatch", "Observe", tooltip="Time the process's cycles (stopwatch)", show=False
        ),
        Binding("D", "demand", "Demand", tooltip="Customer demand, planned cycle time", show=False),
        # Outside a cycle the page keys page the box that holds the focus.
        Binding("pageup", "page(-1)", "Page up", key_display="PgUp", show=False),
        Binding("pagedown", "page(1)", "Page down", key_display="PgDn", show=False),
    ]

    follow: reactive[bool] = reactive(False, init=False, bindings=True)
    """Read-only, the card tracking the cycle another session runs (the sections are
    bound to it; the card's line then takes the follower's notes)."""
    cycle_id: reactive[str] = reactive("", init=False, bindings=True)
    """The cycle this session drives (empty when none)."""

    def __init__(
        self, session: BoardSession, *, follow: bool = False, experiment: str = ""
    ) -> None:
        super().__init__()
        self.session = session
        self.experiment = experiment
        """An experiment to put the cursor on once shown (picked in a learnings list)."""
        self._driver: Driver | None = None
        """This session's entry in that cycle's drivers: it drives while it is the last."""
        self._asked: Storyboard | None = None
        """The board as the current question was asked: the base its answer merges from."""
        self.set_reactive(BoardScreen.follow, follow)
        self._poll_failed = False
        self._focus_was_in_card = False
        self._offering = False
        """A pending version (from kata sync) is in the conflict dialog now."""

    # -- building -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.sub_title = self._subtitle()  # before the header is built, not a relayout after
        yield Header(icon="*")
        with Horizontal(id="board-body"):
            yield StoryboardPane(id="storyboard", can_focus=False).data_bind(
                read_only=BoardScreen.follow
            )
            yield KataCard(id="card")
        yield Footer()

    def on_mount(self) -> None:
        # Set before the first layout; Textual's breakpoints would set it only after
        # that layout, and lay the board out a second time.
        self._set_width_classes(self.app.size.width)
        self.show_story(self.session.story)
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(5, self._tick)
        if self.experiment:
            self.show_experiment(self.experiment)
        self.call_after_refresh(self.offer_pending)

    def on_resize(self, event: events.Resize) -> None:
        self._set_width_classes(event.size.width)

    def _set_width_classes(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        if (width < NARROW) != self.has_class("-narrow"):
            self.set_class(width < NARROW, "-narrow")
            self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Narrow: the pane the person moves the focus into is the one shown (a
        cycle's answer line brings the card, Esc the storyboard). Textual moving
        the focus off a pane just hidden changes nothing."""
        in_card = self.card in event.widget.ancestors_with_self
        if in_card:
            self.add_class("-card-view")
        elif self._focus_was_in_card:
            self.remove_class("-card-view")
        self._focus_was_in_card = in_card

    def action_switch_pane(self) -> None:
        """Narrow: the card instead of the storyboard, or back, the focus with it."""
        if self.has_class("-card-view"):
            self.remove_class("-card-view")
            self.call_after_refresh(self.storyboard.focus_section, None)
        else:
            self.add_class("-card-view")
            self.call_after_refresh(self.card.query_one("#card-questions").focus)

    @property
    def storyboard(self) -> StoryboardPane:
        return self.query_one(StoryboardPane)

    @property
    def sections(self) -> list[StorySection]:
        return self.storyboard.sections

    @property
    def card(self) -> KataCard:
        return self.query_one(KataCard)

    @property
    def story(self) -> Storyboard:
        return self.session.story

    @property
    def today(self) -> date:
        return self.app.clock.today()

    @property
    def user(self) -> str:
        return self.session.editor.user

    @property
    def is_dirty(self) -> bool:
        """Answer or note text typed but not yet entered (the app asks before quitting)."""
        return self.card.is_edited

    @property
    def driving(self) -> bool:
        """This session drives the running cycle's card (never two sessions at once)."""
        cycle = self.live_cycle()
        return cycle is not None and self._driver is not None and cycle.driver == self._driver

    def _subtitle(self) -> str:
        board = self.story.board
        mode = "  [following, read-only]" if self.follow else ""
        phase = f"  [{Phase.GRASPING}]" if self.story.phase is Phase.GRASPING else ""
        return f"{board.learner} / coach {board.coach}{phase}{mode}"

    # -- showing ----------------------------------------------------------------------

    def show_story(self, story: Storyboard) -> None:
        """Draw a (new) board; never touches text typed on the card."""
        self.sub_title = self._subtitle()  # the phase changes with the first target condition
        self.storyboard.show(story, self.today)
        if self.cycle_id and not self.driving:
            self._lost_driving(story)
        self._sync_card()
        if self.driving and self.card.position:
            self.card.show_context(prompt_for(self.story, self.card.position, self.today).context)
        self._tick()

    def _lost_driving(self, story: Storyboard) -> None:
        """Someone else took over, paused or ended the cycle this session drove: say so
        once; the card then follows (text on the line stays until Enter is refused)."""
        cycle = story.find(CoachingCycle, self.cycle_id)
        who = cycle.stamp.label() if cycle is not None and cycle.stamp else "another session"
        if cycle is None or not cycle.running:
            message = f"The coaching cycle was ended by {who}."
        elif cycle.driver is not None:
            message = f"{cycle.driver.label()} took over driving the cycle."
        else:
            message = f"The coaching cycle was paused by {who}."
        self.cycle_id = ""
        self._driver = None
        self.notify(message, severity="warning", markup=False)
        self.refresh_bindings()

    def _sync_card(self) -> None:
        """The card as this session's part in the running cycle wants it: the driver
        answers; a follower's line takes notes; anyone else's card moves with the
        driver's, read-only, unless it still holds an answer typed while driving."""
        if self.driving:
            self.card.read_only = False
            return
        cycle = self.story.running_cycle()
        pending = self.card.position and self.card.has_text and not self.follow
        if pending and not self.card.read_only:
            return  # refused on Enter, never lost
        self.card.read_only = not (self.follow and cycle is not None)
        position = cycle.position if cycle is not None else ""
        if position != self.card.position:
            self._set_position(position)
        if self.follow and cycle is not None:
            prompt = follow_prompt(cycle)
            if self.card.has_text:
                self.card.show_context(prompt.context)
            else:
                self.card.ask(prompt)

    def _set_position(self, key: str) -> None:
        self.card.position = key
        self.storyboard.ask_about(COACHING_KATA.get(key).section if key else None)
        if key and self.driving:
            self._asked = self.story
            self.add_class("-card-view")  # narrow: the card, where the answer is typed
            self.card.ask(prompt_for(self.story, key, self.today))

    def _tick(self) -> None:
        now = self.app.clock.now()
        if self.driving:
            cycle = self.live_cycle()
            assert cycle is not None
            minutes = max(0, int((now - cycle.started).total_seconds() // 60))
            self.card.status = f"Cycle: {minutes} min of ~{CYCLE_MINUTES}"
            return
        cycle = self.story.running_cycle()
        if cycle is None:
            self.card.status = "Following: no cycle running" if self.follow else "c: start a cycle"
            return
        minutes = max(0, int((now - cycle.started).total_seconds() // 60))
        if cycle_rules.interrupted(cycle, now):
            first = f"Interrupted cycle of {cycle.started:%d %b %H:%M}"
            second = "" if self.follow else "c: end it or start afresh"
        elif self.follow:
            first = f"Following cycle, {minutes} min"
            second = "paused" if cycle.paused else ""
        else:
            first = f"Cycle since {cycle.started:%H:%M}, {minutes} min"
            second = "paused; c: resume" if cycle.paused else "c: follow or drive"
        driver = cycle.driver
        who = f"{driver.label()} drives" if driver is not None else ""
        self.card.status = "\n".join(line for line in (first, who, second) if line)

    def live_cycle(self) -> CoachingCycle | None:
        if self.follow:
            return self.story.running_cycle()
        if not self.cycle_id:
            return None
        found = self.story.find(CoachingCycle, self.cycle_id)
        return found if found is not None and found.running else None

    # -- saving -----------------------------------------------------------------------

    def save(
        self,
        *records: Record,
        then: Callable[[], None] | None = None,
        bases: tuple[Record, ...] = (),
        remove: tuple[Record, ...] = (),
    ) -> bool:
        """Save at once; a conflict or failure is one line (or the conflict dialog).

        ``bases`` are the versions the edit began on when they are older than
        what the session shows now (a card question asked before a reload).
        A running cycle changed elsewhere is never merged: the save is refused
        with a notice (the caller keeps what was typed).
        """
        if not records and not remove:
            return True
        try:
            story = self.session.save(*records, bases=bases, remove=remove)
        except ConflictError as error:
            if isinstance(error.theirs, CoachingCycle):
                self.session.reload()
                self.show_story(self.session.story)
                self.notify(
                    "The coaching cycle changed in another session: not saved.",
                    severity="warning",
                    markup=False,
                )
                return False
            self.show_story(error.story)
            rest = [r for r in records if r.id != error.mine.id]
            self._resolve_conflict(error, then, rest)
            return False
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        if self.session.warning:
            self.notify(self.session.warning, severity="warning", markup=False)
        self.show_story(story)
        return True

    def _resolve_conflict(
        self, error: ConflictError, then: Callable[[], None] | None, rest: list[Record]
    ) -> None:
        """One record at a time: once it is settled, the rest of the same edit is saved."""
        self.session.reload()
        self.show_story(self.session.story)

        def chosen(record: Any) -> None:
            if record is None:  # theirs kept: the rest of this edit may not fit it
                if rest:
                    self.notify(
                        "Kept the other version; the rest of this change was not saved.",
                        severity="warning",
                    )
                return
            if self.save(record, *rest, then=then) and then is not None:
                then()

        from kata_tui.ui.screens.conflict import ConflictScreen

        self.app.push_screen(ConflictScreen(error), chosen)

    # -- the cycle -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        driving = self.driving and not self.follow
        if action == "start_cycle":
            return not self.follow and not driving
        if action in ("next_question", "previous_question", "end_cycle"):
            return driving
        if action == "page":
            return not driving
        if action == "to_storyboard":
            return isinstance(self.focused, Input)
        if action == "switch_pane":
            return self.has_class("-narrow")
        if action == "reach_target":
            return not self.follow and not driving and self.story.target is not None
        if action in ("stopwatch", "demand"):
            return not self.follow and not driving
        if action == "step_not_taken":
            return driving and self.story.last_experiment() is not None
        return True

    def action_start_cycle(self) -> None:
        """Start a cycle, or, where one runs, offer to follow it or take over driving."""
        running = self.story.running_cycle()
        if running is None:
            self._start_new()
            return
        from kata_tui.ui.screens.cycle_choice import CycleChoice, CycleChoiceScreen

        now = self.app.clock.now()
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
            cycle = self.story.find(CoachingCycle, running.id)
            if choice is None or cycle is None or not cycle.running:
                return
            if choice is CycleChoice.FOLLOW:
                self.follow = True
            elif choice is CycleChoice.DRIVE:
                self._take_over(cycle)
            elif choice is CycleChoice.END:
                self._finish(cycle, ask=False)
            elif choice is CycleChoice.AFRESH and self._finish(cycle, ask=False):
                self._start_new()

        self.app.push_screen(CycleChoiceScreen(title, text, choices), chosen)

    def action_page(self, direction: int) -> None:
        for node in self.focused.ancestors_with_self if self.focused else ():
            if isinstance(node, PagelessScroll):
                if direction > 0:
                    node.action_page_down()
                else:
                    node.action_page_up()
                return

    @staticmethod
    def _label(cycle: CoachingCycle) -> str:
        return COACHING_KATA.get(cycle.position).label if cycle.position else "1"

    def _start_new(self) -> None:
        editor = self.session.editor
        now = self.app.clock.now()
        try:
            outcome = cycle_rules.start_cycle(self.story, now, editor.user, editor.role)
        except InvalidInput as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        cycle = outcome.records[-1]
        assert isinstance(cycle, CoachingCycle)
        if not self.save(*outcome.records):
            return
        self._drive(cycle, cycle.drivers[-1])
        self._set_position(COACHING_KATA.first)
        self._tick()

    def _drive(self, cycle: CoachingCycle, driver: Driver) -> None:
        self.cycle_id = cycle.id
        self._driver = driver
        self.card.read_only = False
        self.refresh_bindings()

    def _take_over(self, cycle: CoachingCycle) -> None:
        """Drive the card from where it is; the hand-over is recorded in the cycle."""
        editor = self.session.editor
        mine = cycle_rules.take_over(cycle, editor.user, editor.role, self.app.clock.now())
        if not self.save(mine):
            return
        self._drive(mine, mine.drivers[-1])
        self.notify(f"You drive the cycle now (question {self._label(mine)}).")
        self.card.position = ""  # asked afresh, from this session's board
        self._set_position(mine.position or COACHING_KATA.first)
        self._tick()

    def _move(self, key: str | None) -> None:
        if key is None or not self.driving:
            return
        cycle = self.live_cycle()
        if cycle is not None and cycle.position != key and not self._save_position(cycle, key):
            return
        self._set_position(key)

    def _save_position(self, cycle: CoachingCycle, key: str) -> bool:
        """Followers move with the driver's card; if the cycle changed elsewhere (taken
        over, ended), this session no longer drives it and the card stays."""
        try:
            self.session.save(cycle_rules.move_to(cycle, key))
        except ConflictError:
            self.session.reload()
            self.show_story(self.session.story)
            return False
        except StoreError as error:
            self.notify(str(error), severity="warning", markup=False)
        self.show_story(self.session.story)
        return self.driving

    def action_next_question(self) -> None:
        if self.card.taken:
            return  # an answer is on its way: it moves the card
        if self.card.has_text:
            text, second = self.card.texts()
            self._answer(self.card.position, text, second)
        elif self.card.position:
            self._move(COACHING_KATA.next_key(self.card.position))

    def action_previous_question(self) -> None:
        if self.card.position and not self.card.taken:
            self._move(COACHING_KATA.previous_key(self.card.position))

    @on(KataCard.Answered)
    def _answered(self, event: KataCard.Answered) -> None:
        if self.follow:
            self._note(event.text)
        else:
            self._answer(event.key, event.text, event.second)

    def _refuse(self, reason: str, text: str, second: str) -> None:
        self.notify(
            f"Not taken, {reason}: answer not saved (it stays on the line).",
            severity="warning",
            markup=False,
        )
        self.card.restore(text, second)

    def _answer(self, key: str, text: str, second: str) -> None:
        if key != self.card.position:  # the card moved on meanwhile: give the text back
            self.card.restore(text, second)
            return
        if not self.driving:
            reason = cycle_rules.refusal(self.story, self.cycle_id, key, self.user)
            running = self.story.running_cycle()
            if running is not None and running.driver is not None:
                reason = f"{running.driver.label()} drives the cycle now"
            self._refuse(reason or "you do not drive this cycle", text, second)
            return
        cycle = self.live_cycle()
        following = COACHING_KATA.next_key(key)
        moved = cycle_rules.move_to(cycle, following) if cycle and following else cycle
        try:
            outcome = cycle_rules.answer(
                self.story, key, text, self.today, self.user, second=second, cycle=moved
            )
        except InvalidInput as error:
            self.notify(str(error), severity="error", markup=False)
            self.card.restore(text, second)
            return

        def saved() -> None:
            if outcome.note:
                self.notify(outcome.note, markup=False, timeout=3)
            if following is not None:
                self._set_position(following)
            else:
                self.card.release()
                self.action_end_cycle()

        records = outcome.records or ((moved,) if moved is not None and moved != cycle else ())
        if not self.save(*records, then=saved, bases=self._bases(records)):
            # Back on the line until the conflict is settled (then ``saved`` moves on).
            if self.driving:
                self.card.restore(text, second)
            else:
                self._refuse("the cycle changed elsewhere", text, second)
            return
        saved()

    def _bases(self, records: tuple[Record, ...]) -> tuple[Record, ...]:
        """What the card showed of each record when the question was asked: someone
        else's change to it since is a conflict, never overwritten."""
        asked = self._asked
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
        self.card.release()
        cycle = self.story.running_cycle()
        if cycle is None:
            self.card.restore(text, "")
            self.notify("No cycle running: the note is not saved.", severity="warning")
            return
        try:
            note = cycle_rules.note(cycle, text, self.app.clock.now())
        except InvalidInput as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if self.save(note):
            self.notify("Observation saved.", timeout=2)
        else:
            self.card.restore(text, "")

    def action_step_not_taken(self) -> None:
        try:
            outcome = cycle_rules.step_not_taken(self.story, self.today)
        except InvalidInput as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if self.save(*outcome.records):
            self.notify(outcome.note, markup=False)

    def action_end_cycle(self) -> None:
        cycle = self.live_cycle()
        if cycle is None or not self.driving:
            self._stop_driving()
            return
        self._finish(cycle)

    def _stop_driving(self) -> None:
        self.cycle_id = ""
        self._driver = None
        self._set_position("")
        self._sync_card()
        self.refresh_bindings()
        self._tick()

    def _finish(
        self, cycle: CoachingCycle, *, ask: bool = True, then: Callable[[], None] | None = None
    ) -> bool:
        """End ``cycle``: with the coach's reflection (``ask``), or at once. A cycle with
        no answer and no note was an accident and leaves no record."""
        driving = (self.cycle_id, self._driver)
        self.cycle_id, self._driver = "", None  # this session ends it: no "ended elsewhere"
        if not cycle_rules.leaves_record(cycle, self.story):
            if not self.save(remove=(cycle,)):
                self.cycle_id, self._driver = driving
                return False
            self._stop_driving()
            self.notify("No answer given: no cycle recorded.")
            if then is not None:
                then()
            return True
        if not ask:
            done = cycle_rules.end_cycle(cycle, self.app.clock.now())
            if not self.save(done):
                self.cycle_id, self._driver = driving
                return False
            self._stop_driving()
            self.notify(f"Coaching cycle ended ({done.minutes} min).")
            if then is not None:
                then()
            return True

        self.cycle_id, self._driver = driving  # still driving while the reflection is typed

        def ended(values: dict[str, str] | None) -> None:
            if values is None:
                return
            current = self.story.find(CoachingCycle, cycle.id)
            if current is None or not current.running:
                return
            done = cycle_rules.end_cycle(current, self.app.clock.now(), **values)
            held = (self.cycle_id, self._driver)
            self.cycle_id, self._driver = "", None
            if not self.save(done):
                self.cycle_id, self._driver = held
            else:
                self._stop_driving()
                self.notify(f"Coaching cycle saved ({done.minutes} min).")
                self.storyboard.focus_section()
                if then is not None:
                    then()

        from kata_tui.ui.reflection import reflection_form

        self.app.push_screen(reflection_form(cycle, self._second_coach(cycle)), ended)
        return True

    def ask_before_leaving(self, leave: Callable[[], None]) -> bool:
        """Driving a running cycle, leaving asks: keep it running (paused) or end it."""
        cycle = self.live_cycle()
        if cycle is None or not self.driving:
            return False
        from kata_tui.ui.screens.cycle_choice import CycleChoice, CycleChoiceScreen

        def chosen(choice: CycleChoice | None) -> None:
            current = self.live_cycle()
            if choice is None or current is None:
                return
            if choice is CycleChoice.PAUSE:
                held = (self.cycle_id, self._driver)
                self.cycle_id, self._driver = "", None  # paused here, not "by another"
                if self.save(cycle_rules.pause(current)):
                    self._stop_driving()
                    leave()
                else:
                    self.cycle_id, self._driver = held
            elif choice is CycleChoice.END:
                self._finish(current, then=leave)

        self.app.push_screen(
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
        editor = self.session.editor
        if editor.role is Role.SECOND_COACH:
            return editor.user
        return cycle_rules.second_coach_of(cycle, self.story)

    def action_to_storyboard(self) -> None:
        if isinstance(self.focused, Input):
            key = self.card.position
            self.storyboard.focus_section(COACHING_KATA.get(key).section if key else None)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1 and not self.ask_before_leaving(self.app.pop_screen):
            self.app.pop_screen()

    # -- other views ------------------------------------------------------------------------

    def action_history(self) -> None:
        from kata_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.story, self.today, self.app.clock.now()))

    def action_learnings(self) -> None:
        from kata_tui.domain.history import learnings
        from kata_tui.ui.screens.learnings import LearningsScreen

        title = f"What {self.story.board.learner} learned"

        def picked(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self.show_experiment(choice[1])

        self.app.push_screen(LearningsScreen(learnings(self.story), title=title), picked)

    def show_experiment(self, experiment_id: str) -> None:
        """Put the experiment record's cursor on one step and focus it."""
        if not self.storyboard.cursor_to(experiment_id):
            self.notify("That experiment is no longer on the current target condition.")

    def action_export(self) -> None:
        from kata_tui.ui.screens.export_dialog import ExportScreen

        self.app.push_screen(ExportScreen(self.story, self.today))

    def action_reach_target(self) -> None:
        from kata_tui.ui.screens.next_target import NextTargetScreen

        def chosen(records: list[Record] | None) -> None:
            if records and self.save(*records):
                target = self.story.target
                seq = target.seq if target is not None else "?"
                self.notify(f"Target condition {seq} is now the current one.")

        self.app.push_screen(NextTargetScreen(self.story, self.today), chosen)

    def action_stopwatch(self) -> None:
        from kata_tui.ui.screens.stopwatch import StopwatchScreen

        self.app.push_screen(StopwatchScreen(self.session), lambda _: self.show_story(self.story))

    def action_demand(self) -> None:
        from kata_tui.ui.process_forms import demand_form, demand_from

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                record = demand_from(values, self.today)
            except InvalidInput as error:
                self.notify(str(error), severity="warning", markup=False)
                return
            if self.save(record) and record.planned_cycle_seconds is not None:
                self.notify(f"Planned cycle time {record.planned_cycle_seconds:.1f} s")

        self.app.push_screen(demand_form(self.story, self.today), done)

    # -- follow ----------------------------------------------------------------------------

    def action_toggle_follow(self) -> None:
        if not self.follow and self.driving:
            self.notify("End the cycle (ctrl+t) before following another session.")
            return
        self.follow = not self.follow

    def watch_follow(self) -> None:
        self.sub_title = self._subtitle()
        if self.follow and isinstance(self.focused, Input):
            self.storyboard.focus_section()
        self.card.position = ""  # the card is asked again for this mode
        self.show_story(self.story)
        self.notify("Following: read-only" if self.follow else "Editing again")

    def poll(self) -> None:
        """Show what another process saved; a failing read is said once, not every tick."""
        try:
            story = self.session.poll()
        except StoreError as error:
            if not self._poll_failed:
                self._poll_failed = True
                self.notify(str(error), severity="error", markup=False)
            return
        self._poll_failed = False
        if story is not None:
            self.show_story(story)
            self.offer_pending()

    def offer_pending(self) -> None:
        """A record two plants changed at once (kata sync kept both versions):
        the conflict dialog, one record at a time, until each is decided."""
        pending = self.session.pending()
        if self._offering or self.follow or not pending:
            return
        item = pending[0]
        shown = self.story.find(type(item.record), item.record.id)
        if shown is None:
            return
        self._offering = True

        def chosen(record: Any) -> None:
            self._offering = False
            try:
                self.show_story(self.session.settle(item, record))
            except ConflictError:  # the record changed again meanwhile: ask with it as now
                self.show_story(self.session.reload())
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.offer_pending()

        from kata_tui.ui.screens.conflict import ConflictScreen

        error = PendingConflict(item.record, shown, self.story, item.origin)
        self.app.push_screen(ConflictScreen(error), chosen)

    @on(StoryboardPane.Edited)
    def _edited(self, event: StoryboardPane.Edited) -> None:
        event.stop()
        self.save(*event.records)
