"""One board: the storyboard on the left, the coaching-kata card on the right.

This is where a coaching cycle runs. The screen owns the ``BoardSession``:
it turns card answers and section edits into records (through
``kata_tui.domain.cycle`` and ``kata_tui.ui.edits``), saves them at once, and
polls the file so a change saved by another process shows within a second.

The coaching cycle's rules as the card lives them are in
``kata_tui.ui.cycle_controller``; conflict dialogs in ``kata_tui.ui.conflicts``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Header, Input

from kata_tui.domain.card import COACHING_KATA, CardRef, QuestionCard
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.follow_up import check_follow_up, open_follow_up
from kata_tui.domain.model import CoachingCycle, Experiment, Obstacle, Record
from kata_tui.domain.process import Phase
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.errors import ConflictError, StoreError
from kata_tui.store.session import BoardSession
from kata_tui.ui.conflicts import ConflictHandler
from kata_tui.ui.cycle_controller import CycleController
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.undo import Undo
from kata_tui.ui.widgets.card import KataCard
from kata_tui.ui.widgets.footer import Footer
from kata_tui.ui.widgets.pageless import PagelessScroll
from kata_tui.ui.widgets.sections import StorySection
from kata_tui.ui.widgets.storyboard_pane import StoryboardPane

# Dialogs and editors are imported where they open: a board must paint fast.

POLL_SECONDS = 0.5

NARROW = 70
"""Below this many columns the storyboard and the card take turns (``-narrow``): the
card's 38 columns would leave the storyboard 20."""
WIDE = 110
"""From this many columns the storyboard is wider and its run chart larger (``-wide``
in board.tcss and card.tcss)."""
TALL = 34
"""From this many rows the storyboard shows every section at once, each trimmed to
what matters now (``glance``), with the run chart (``-tall`` in board.tcss)."""


class BoardScreen(KataScreen[None], layout_once=True):
    CSS_PATH = [stylesheet("board.tcss"), stylesheet("card.tcss"), stylesheet("run_chart.tcss")]
    AUTO_FOCUS = "StorySection"
    """The challenge, focused as the screen is built: drawn focused from the first paint."""
    BINDINGS = [
        # Footer order: what a coaching cycle needs first; 80 columns show about eight.
        # Undo shows only just after a one-key change, and then first.
        Binding("ctrl+z", "undo", "Undo", tooltip="Take back what the last key did"),
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
        Binding("ctrl+b", "adopt", "On board", tooltip="Put the answer to 1 or 2 on the board"),
        Binding("escape", "to_storyboard", "Board", tooltip="To the storyboard", key_display="Esc"),
        Binding(
            "z",
            "toggle_card",
            "Whole board",
            tooltip="Hide the card: the whole storyboard at a glance, full width (z again: back)",
        ),
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
        Binding(
            "P", "process", "Process", tooltip="Process analysis (steps, capacity)", show=False
        ),
        Binding(
            "J",
            "job_breakdown",
            "Job breakdown",
            tooltip="Job breakdown (TWI Job Methods): current and target condition",
            show=False,
        ),
        Binding(
            "k", "pick_card", "Card set", tooltip="The board's card set and language", show=False
        ),
        Binding(
            "K", "cycle_with_card", "Cycle on a card", tooltip="A cycle on a card set", show=False
        ),
        Binding(
            "F",
            "check_follow_up",
            "Follow-up checked",
            tooltip="Mark the follow-up due checked, with what the check showed",
            show=False,
        ),
        # Outside a cycle the page keys page the box that holds the focus.
        Binding("pageup", "page(-1)", "Page up", key_display="PgUp", show=False),
        Binding("pagedown", "page(1)", "Page down", key_display="PgDn", show=False),
    ]

    follow: reactive[bool] = reactive(False, init=False, bindings=True)
    """Read-only, the card tracking the cycle another session runs (the sections are
    bound to it; the card's line then takes the follower's notes)."""
    cycle_id: reactive[str] = reactive("", init=False, bindings=True)
    """The cycle this session drives (empty when none)."""
    card_hidden: reactive[bool] = reactive(False, init=False)
    """The card put away (z): the storyboard full width, every section at a glance; a
    running cycle's question and answer line stay, in a strip below it."""

    def __init__(
        self,
        session: BoardSession,
        *,
        follow: bool = False,
        experiment: str = "",
        start_cycle: bool = False,
    ) -> None:
        super().__init__()
        self.session = session
        self.experiment = experiment
        """An experiment to put the cursor on once shown (picked in a learnings list)."""
        self.start_cycle = start_cycle
        """Once shown, do what c does (c on the board list: a cycle on this board)."""
        self.cycles = CycleController(self)
        """The running cycle as this session takes part in it (keys below delegate)."""
        self.conflicts = ConflictHandler(self)
        self.set_reactive(BoardScreen.follow, follow)
        self._focus_was_in_card = False
        self._card_refused: set[str] = set()
        """Card-set problems already told (once each, not at every poll)."""
        self.undo: Undo | None = None
        """The one-key change ctrl+z takes back, while nothing it touched changed since."""
        self.renumbered = False
        """The last save gave a new obstacle or step another number than it was shown
        with (a note naming the old number would mislead)."""

    # -- building -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.sub_title = self._subtitle()  # before the header is built, not a relayout after
        yield Header(icon="*")
        with Horizontal(id="board-body"):
            yield StoryboardPane(id="storyboard", can_focus=False).data_bind(
                read_only=BoardScreen.follow
            )
            yield KataCard(self._first_card(), id="card")
        yield Footer()

    def on_mount(self) -> None:
        # Set before the first layout; Textual's breakpoints would set it only after
        # that layout, and lay the board out a second time.
        self._set_size_classes(self.app.size.width)
        self.show_story(self.session.story)
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(5, self.cycles.tick)
        if self.experiment:
            self.show_experiment(self.experiment)
        self.call_after_refresh(self.conflicts.offer_pending)
        if self.start_cycle:
            self.call_after_refresh(self.run_action, "start_cycle")

    def on_resize(self, event: events.Resize) -> None:
        self._set_size_classes(event.size.width, event.size.height)

    def _set_size_classes(self, width: int, height: int | None = None) -> None:
        self.set_class(width >= WIDE, "-wide")
        tall = (height if height is not None else self.app.size.height) >= TALL
        self.set_class(tall, "-tall")
        self.storyboard.glance = tall or self.card_hidden
        if width < NARROW and self.card_hidden:
            self.card_hidden = False  # narrow: the card and the storyboard take turns (v)
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

    def action_toggle_card(self) -> None:
        self.card_hidden = not self.card_hidden

    def watch_card_hidden(self) -> None:
        self.set_class(self.card_hidden, "-card-hidden")
        self._set_size_classes(self.app.size.width)
        focused = self.focused
        in_card = focused is not None and self.card in focused.ancestors_with_self
        if self.card_hidden and in_card and not self.card.position:
            self.storyboard.focus_section()

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
        cycle, mine = self.live_cycle(), self.cycles.driver
        return cycle is not None and mine is not None and cycle.driver == mine

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
        if self.undo is not None and not self.undo.holds(story):
            self.undo = None  # something it touched changed since: it is meant now
            self.refresh_bindings()
        if self.cycle_id and not self.driving:
            self.cycles.lost_driving(story)
        self.cycles.sync_card()
        if self.driving and self.card.position:
            self.card.show_context(self.cycles.current_prompt().context)
        self.cycles.tick()

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
        if self.undo is not None:
            self.undo = None  # only the last key's change is taken back
            self.refresh_bindings()
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
            self.conflicts.resolve(error, then, rest)
            return False
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        if self.session.warning:
            self.notify(self.session.warning, severity="warning", markup=False)
        self.show_story(story)
        self.renumbered = self._say_renumbered(records, story)
        return True

    def _say_renumbered(self, records: tuple[Record, ...], story: Storyboard) -> bool:
        """A new obstacle or step gets its number from the file as saved: when another
        session took the number this one was shown with, say which it got (True)."""
        said = False
        for record in records:
            if not isinstance(record, Obstacle | Experiment) or record.rev:
                continue
            kept = story.find(type(record), record.id)
            if kept is not None and kept.number != record.number:
                what = "obstacle" if isinstance(record, Obstacle) else "step"
                self.notify(
                    f"Another session added {what} {record.number} a moment ago: "
                    f"this one is {what} {kept.number}.",
                    severity="warning",
                    markup=False,
                )
                said = True
        return said

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        driving = self.driving and not self.follow
        if action == "undo":
            return not self.follow and self.undo is not None and self.undo.holds(self.story)
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
        if action == "toggle_card":
            return not self.has_class("-narrow")
        if action == "reach_target":
            return not self.follow and not driving and self.story.target is not None
        if action in (
            "stopwatch",
            "demand",
            "process",
            "job_breakdown",
            "pick_card",
            "cycle_with_card",
        ):
            return not self.follow and not driving
        if action == "check_follow_up":
            return not self.follow and open_follow_up(self.story) is not None
        if action == "step_not_taken":
            return driving and self.story.threshold() is not None
        if action == "adopt":
            return driving and self.cycles.adoptable is not None
        return True

    def action_page(self, direction: int) -> None:
        for node in self.focused.ancestors_with_self if self.focused else ():
            if isinstance(node, PagelessScroll):
                if direction > 0:
                    node.action_page_down()
                else:
                    node.action_page_up()
                return

    # -- the cycle: the keys, handed to ``self.cycles`` ------------------------------------

    def action_start_cycle(self) -> None:
        """Start a cycle, or, where one runs, offer to follow it or take over driving."""
        self.cycles.start_cycle()

    def action_next_question(self) -> None:
        self.cycles.next_question()

    def action_previous_question(self) -> None:
        self.cycles.previous_question()

    def action_end_cycle(self) -> None:
        self.cycles.end_cycle()

    def action_step_not_taken(self) -> None:
        self.cycles.step_not_taken()

    def action_adopt(self) -> None:
        self.cycles.adopt()

    @on(KataCard.Answered)
    def _answered(self, event: KataCard.Answered) -> None:
        self.cycles.answered(event)

    def ask_before_leaving(self, leave: Callable[[], None]) -> bool:
        """Driving a running cycle, leaving asks: keep it running (paused) or end it."""
        return self.cycles.ask_before_leaving(leave)

    def action_to_storyboard(self) -> None:
        if isinstance(self.focused, Input):
            key = self.card.position
            card = self.card.card
            self.storyboard.focus_section(card.get(key).section if card.has(key) else None)

    # -- card sets --------------------------------------------------------------------------

    def _first_card(self) -> QuestionCard:
        running = self.story.running_cycle()
        ref = running.card_ref if running is not None else self.story.board.card_ref
        return self.card_for(ref, tell=False) or COACHING_KATA

    def card_for(self, ref: CardRef, *, tell: bool = True) -> QuestionCard | None:
        """The card set ``ref`` names, or None (said once) when its file is missing or
        broken: a bad file never breaks a board, it is refused where it is asked for."""
        try:
            return self.session.data.cards.get(ref)
        except InvalidInput as error:
            if tell and str(error) not in self._card_refused:
                self._card_refused.add(str(error))
                self.notify(f"Card set refused: {error}", severity="error", markup=False)
            return None

    def show_card(self, ref: CardRef | None) -> None:
        """Show the card set of a cycle (``ref``), or the board's when none runs."""
        ref = ref or self.story.board.card_ref
        shown = self.card.card
        if (shown.name, shown.language) != (ref.name, ref.language):
            self.card.use(self.card_for(ref) or COACHING_KATA)

    def action_pick_card(self) -> None:
        """The board's card set and language, kept on the board for every next cycle."""
        from kata_tui.ui.screens.card_choice import CardChoiceScreen

        board = self.story.board
        choices = self.session.data.cards.choices()

        def chosen(ref: CardRef | None) -> None:
            from dataclasses import replace

            current = self.story.board
            if ref is None or (current.card, current.card_language) == (ref.name, ref.language):
                return
            if self.save(replace(current, card=ref.name, card_language=ref.language)):
                self.notify(f"Card set for this board: {ref.label()}", markup=False)
                if not self.cycle_id and self.story.running_cycle() is None:
                    self.show_card(None)

        title = "Card set and language for this board"
        self.app.push_screen(CardChoiceScreen(title, choices, board.card_ref), chosen)

    def action_cycle_with_card(self) -> None:
        """A coaching cycle on a card set picked for this cycle only."""
        if self.follow or self.story.running_cycle() is not None:
            self.cycles.start_cycle()
            return
        from kata_tui.ui.screens.card_choice import CardChoiceScreen

        def chosen(ref: CardRef | None) -> None:
            card = self.card_for(ref) if ref is not None else None
            if card is not None:
                self.cycles.start_with(card)

        choices = self.session.data.cards.choices()
        title = "A coaching cycle on this card set"
        self.app.push_screen(CardChoiceScreen(title, choices, self.story.board.card_ref), chosen)

    def action_check_follow_up(self) -> None:
        """The follow-up due marked checked (TWI Job Relations' step 4), with what
        the check showed: it is then no longer due here or on the dashboard."""
        from kata_tui.ui.screens.form import FormField, FormScreen, required

        day = open_follow_up(self.story)
        if day is None:
            return
        title = f"Follow-up of {day.isoformat()} checked"
        asked = FormField(
            "result",
            "What did the check show? Did the action help?",
            placeholder="changes in output, attitudes, relationships",
            validate=required("what the check showed"),
        )

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            try:
                checked = check_follow_up(self.story, self.today, values["result"])
            except InvalidInput as error:
                self.notify(str(error), severity="error", markup=False)
                return
            if self.save(checked):
                self.notify(title, markup=False)

        self.app.push_screen(FormScreen(title, [asked]), done)

    def action_back(self) -> None:
        if self.app.can_go_back and not self.ask_before_leaving(self.app.pop_screen):
            self.app.pop_screen()

    # -- other views ------------------------------------------------------------------------

    def action_history(self) -> None:
        from kata_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(
            HistoryScreen(
                self.story, self.today, self.app.clock.now(), cards=self.session.data.cards.find
            )
        )

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

        self.app.push_screen(ExportScreen(self.story, self.today, pending=self.session.pending()))

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

    def action_process(self) -> None:
        from kata_tui.ui.screens.process_analysis import ProcessAnalysisScreen

        self.app.push_screen(
            ProcessAnalysisScreen(self.session, self.save), lambda _: self.show_story(self.story)
        )

    def action_job_breakdown(self) -> None:
        if self.story.target is None:
            self.notify(
                "No target condition yet: a job breakdown describes a target condition's "
                "current and target pattern (e on Target condition sets the first).",
                severity="warning",
            )
            return
        from kata_tui.ui.screens.job_breakdown import JobBreakdownScreen

        self.app.push_screen(
            JobBreakdownScreen(self.session, self.save), lambda _: self.show_story(self.story)
        )

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
        """Following is a mode: entering it asks first, so a stray "f" changes nothing."""
        if not self.follow and self.driving:
            self.notify("End the cycle (ctrl+t) before following another session.")
            return
        if self.follow:
            self.follow = False
            return
        from kata_tui.ui.screens.confirm import ConfirmScreen

        def chosen(yes: bool | None) -> None:
            if yes:
                self.follow = True

        question = (
            "Follow this board, read-only? The card then moves with a cycle run in "
            "another session; f again edits."
        )
        self.app.push_screen(ConfirmScreen(question, title="Follow"), chosen)

    def watch_follow(self) -> None:
        self.undo = None
        self.sub_title = self._subtitle()
        if self.follow and isinstance(self.focused, Input):
            self.storyboard.focus_section()
        self.card.position = ""  # the card is asked again for this mode
        self.show_story(self.story)
        self.notify("Following: read-only" if self.follow else "Editing again")

    def poll(self) -> None:
        """Show what another process saved; a failing read is said once, not every tick."""
        story = self.poll_session(self.session)
        if story is not None:
            self.show_story(story)
            self.conflicts.offer_pending()

    @on(StoryboardPane.Edited)
    def _edited(self, event: StoryboardPane.Edited) -> None:
        event.stop()
        self.save(*event.records)

    @on(StoryboardPane.StatusChanged)
    def _status_changed(self, event: StoryboardPane.StatusChanged) -> None:
        event.stop()
        before = tuple(self.story.find(type(r), r.id) for r in event.records)
        if not self.save(*event.records):
            return
        saved = tuple(self.story.find(type(r), r.id) for r in event.records)
        if any(record is None for record in saved):
            return
        self.offer_undo(Undo(event.said, saved, before))  # type: ignore[arg-type]
        self.notify(f"{event.said[:1].upper()}{event.said[1:]}; ctrl+z undoes it.", markup=False)

    # -- undo ------------------------------------------------------------------------------

    def offer_undo(self, undo: Undo) -> None:
        """A one-key change just saved: ctrl+z takes it back until anything it touched
        changes again."""
        self.undo = undo
        self.refresh_bindings()

    def action_undo(self) -> None:
        undo, self.undo = self.undo, None
        self.refresh_bindings()
        if undo is None or self.follow or not undo.holds(self.story):
            return
        cycle_ends = any(
            isinstance(r, CoachingCycle) and r.id == self.cycle_id for r in undo.created()
        )
        held = (self.cycle_id, self.cycles.driver)
        if cycle_ends:
            self.cycle_id, self.cycles.driver = "", None  # ended here, not "by another"
        if not self.save(*undo.restored(), remove=undo.created()):
            if cycle_ends:
                self.cycle_id, self.cycles.driver = held
            return
        if cycle_ends:
            self.card.restore("", "")  # typed after the stray "c": never an answer
            self.cycles.stop_driving()
            self.storyboard.focus_section()
            self.notify("Cycle start undone: no cycle recorded.")
        else:
            self.notify(f"Undone: {undo.label}.", markup=False)
