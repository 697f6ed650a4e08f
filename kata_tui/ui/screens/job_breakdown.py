"""The job breakdown of the current target condition (TWI Job Methods), on a screen
of its own: the current condition's breakdown on the left, the target
condition's on the right, row by row (a target detail beside the current one
it was started from), and the highlighted detail's six questions, notes,
change and proposal below.

Every change is saved at once through the board's ``save``, so a conflict
is handled as on the board. A key that changes the record without a form
(move, delete, start the target breakdown) offers ``ctrl+z`` until anything
it touched changes again. What another session saves shows within a second.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.job_methods import (
    QUESTIONS,
    BreakdownOf,
    Change,
    JobDetail,
    breakdown,
    moved,
    side_by_side,
    start_target_from_current,
)
from kata_tui.domain.model import Record, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.domain.text import clip, visible
from kata_tui.store.session import BoardSession
from kata_tui.ui.job_forms import SIDE
from kata_tui.ui.literal import literal
from kata_tui.ui.screens.base import KataScreen
from kata_tui.ui.stylesheets import stylesheet
from kata_tui.ui.undo import Undo
from kata_tui.ui.widgets.footer import Footer

Save = Callable[..., bool]
"""The board's save: records in (``remove=`` records out), whether they were saved."""

POLL_SECONDS = 0.5

MARK = {
    Change.KEEP: "   ",
    Change.ELIMINATE: "[E]",
    Change.COMBINE: "[C]",
    Change.REARRANGE: "[R]",
    Change.SIMPLIFY: "[S]",
}
"""The proposed change beside each detail (spelled out below for the highlighted one)."""

SIDES = (BreakdownOf.CURRENT, BreakdownOf.TARGET)


class SideList(OptionList):
    """One side's details; Left goes to the current condition's side and Right to the
    target condition's, where each stands on the screen (Tab goes to the other one;
    nothing scrolls sideways: every line is cut to the width)."""

    BINDINGS = [
        Binding(
            "left",
            "screen.to_side('current')",
            "Side",
            tooltip="The current condition's side (Right: the target's; Tab: the other)",
            key_display="<>",
        ),
        Binding(
            "right",
            "screen.to_side('target')",
            "Target side",
            tooltip="The target condition's side",
            show=False,
        ),
    ]


class JobBreakdownScreen(KataScreen[None]):
    """Current and target condition's job breakdowns side by side, detail by detail."""

    CSS_PATH = [stylesheet("job_breakdown.tcss")]
    BINDINGS = [
        # Key line order: undo (only just after a one-key change), then what a breakdown
        # needs most; the move keys come last (80 columns have room for the first only,
        # help lists both).
        Binding("ctrl+z", "undo", "Undo", tooltip="Take back what the last key did"),
        Binding("a", "add", "Add", tooltip="Add a detail at the end of this side"),
        Binding("e,enter", "edit", "Edit", tooltip="Edit the detail: questions, change"),
        Binding("d", "delete", "Delete", tooltip="Delete the detail (ctrl+z takes it back)"),
        Binding(
            "T",
            "start_target",
            "From current",
            tooltip="Start the target condition's breakdown from the current one",
        ),
        Binding(
            "shift+up", "move(-1)", "Move up", tooltip="Move the detail up", key_display="S-Up"
        ),
        Binding(
            "shift+down",
            "move(1)",
            "Move down",
            tooltip="Move the detail down",
            key_display="S-Dn",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the board", key_display="Esc"),
    ]

    def __init__(self, session: BoardSession, save: Save) -> None:
        super().__init__()
        self.session = session
        self.save = save
        self.target_id = story_target(session.story).id
        """The target condition whose breakdowns are shown (the board's current one)."""
        self.rows: list[tuple[JobDetail | None, JobDetail | None]] = []
        """What each line of the two lists shows, as drawn."""
        self.drawn: Storyboard | None = None
        """The board as last drawn: another session's save shows once it differs."""
        self.undo: Undo | None = None
        """The one-key change ctrl+z takes back, while nothing it touched changed since."""

    @property
    def story(self) -> Storyboard:
        return self.session.story

    @property
    def target(self) -> TargetCondition | None:
        return self.story.find(TargetCondition, self.target_id)

    def compose(self) -> ComposeResult:
        yield Header(icon="*")
        with Horizontal(id="jm-sides"):
            for of in SIDES:
                with Vertical(classes="jm-side", id=f"jm-{of}"):
                    yield Static("", classes="jm-heading", markup=False)
                    yield SideList(classes="jm-list")
        with VerticalScroll(id="jm-notes", can_focus=False):
            yield Static("", id="jm-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.side_list(BreakdownOf.CURRENT).focus()
        self.set_interval(POLL_SECONDS, self.poll)

    def on_screen_resume(self) -> None:
        self.show()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.show)  # the lines are cut to the new width

    # -- what is shown --------------------------------------------------------------------

    def side_list(self, of: BreakdownOf) -> OptionList:
        return self.query_one(f"#jm-{of} OptionList", OptionList)

    @property
    def side(self) -> BreakdownOf:
        """The side the cursor is on (the one whose list has the focus)."""
        target = self.side_list(BreakdownOf.TARGET)
        return BreakdownOf.TARGET if self.focused is target else BreakdownOf.CURRENT

    @property
    def row(self) -> int | None:
        return self.side_list(self.side).highlighted

    def highlighted(self) -> JobDetail | None:
        """The detail under the cursor (None on an empty place)."""
        row = self.row
        if row is None or row >= len(self.rows):
            return None
        return self.rows[row][SIDES.index(self.side)]

    def show(self) -> None:
        """Draw both breakdowns as the session has them now, the cursor kept on its detail."""
        if not self.is_mounted:
            return
        keep, row = self.highlighted(), self.row
        story = self.drawn = self.story
        target = self.target
        if target is None:
            self.sub_title = "Job breakdown: the target condition is no longer on the board"
            self.rows = []
        else:
            self.sub_title = f"Job breakdown, target condition {target.seq}"
            self.rows = side_by_side(story, self.target_id)
        if self.undo is not None and not self.undo.holds(story):
            self.undo = None  # something it touched changed since: it is meant now
            self.refresh_bindings()
        for index, of in enumerate(SIDES):
            self._show_side(of, index)
        if keep is not None:
            row = next((i for i, pair in enumerate(self.rows) if keep.id in _ids(pair)), row)
        self._put_cursor(row)
        self.show_notes()

    def _show_side(self, of: BreakdownOf, index: int) -> None:
        details = breakdown(self.story, self.target_id, of) if self.target else []
        heading = self.query_one(f"#jm-{of} .jm-heading", Static)
        numbers = {d.id: n for n, d in enumerate(details, start=1)}
        hint = "none (a adds one)" if of is BreakdownOf.CURRENT else "none (T starts it)"
        count = f"{len(details)} detail{'' if len(details) == 1 else 's'}" if details else hint
        room = heading.size.width - 2 if heading.size.width else 36
        heading.update(literal(clip(f"{SIDE[of].capitalize()}: {count}", room), one_line=True))
        options = self.side_list(of)
        width = max(options.scrollable_content_region.width or options.size.width, 20)
        lines = []
        for pair in self.rows:
            detail = pair[index]
            if detail is None:
                # beside a current detail the new method left out (once there is one)
                left = pair[0] if of is BreakdownOf.TARGET and details else None
                eliminated = left is not None and left.change is Change.ELIMINATE
                lines.append(Text("      (eliminated)" if eliminated else "", style="dim"))
                continue
            lead = f"{numbers[detail.id]:>2} {MARK[detail.change]} "
            text = clip(visible(detail.text, one_line=True), width - len(lead))
            lines.append(Text(lead + text, no_wrap=True, end=""))
        options.clear_options()
        options.add_options([Option(line) for line in lines])

    def _put_cursor(self, row: int | None) -> None:
        if not self.rows:
            return
        row = min(max(row or 0, 0), len(self.rows) - 1)
        for of in SIDES:
            self.side_list(of).highlighted = row

    def show_notes(self) -> None:
        """The highlighted detail: its six questions with notes, change, proposal, one line
        each (cut between words; e shows each whole)."""
        notes = self.query_one("#jm-detail", Static)
        detail = self.highlighted()
        if self.target is None:
            notes.update("Esc goes back to the board.")
            return
        if detail is None:
            side = self.side
            if side is BreakdownOf.TARGET and not breakdown(self.story, self.target_id, side):
                said = "No target breakdown yet: T starts it from the current one, a adds a detail."
            else:
                said = f"No detail here on the {SIDE[side]} side: a adds one at the end."
            notes.update(literal(said))
            return
        details = breakdown(self.story, self.target_id, detail.of)
        number = next(n for n, d in enumerate(details, start=1) if d.id == detail.id)
        room = notes.size.width or 76
        lines = [
            (f"{SIDE[detail.of].capitalize()}, detail {number}: ", detail.text),
            *((f"{question} ", getattr(detail, key) or "-") for key, question in QUESTIONS),
            (
                "Change: ",
                f"{detail.change}: {detail.proposal}" if detail.proposal else detail.change,
            ),
        ]
        text = Text("\n", end="").join(
            Text.assemble(
                (label, "bold"), clip(visible(value, one_line=True), room - len(label)), end=""
            )
            for label, value in lines
        )
        notes.update(text)

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        """Both sides keep their cursor on one row, so a pair is read across."""
        event.stop()
        moving = event.option_list
        if moving is self.focused:  # the person moved it (a redraw sets both itself)
            for of in SIDES:
                options = self.side_list(of)
                if options is not moving and options.highlighted != moving.highlighted:
                    options.highlighted = moving.highlighted
        self.show_notes()

    def on_descendant_focus(self) -> None:
        for of in SIDES:
            self.query_one(f"#jm-{of}").set_class(self.side is of, "-here")
        self.show_notes()

    # -- following --------------------------------------------------------------------------

    def poll(self) -> None:
        """Show what another session saved (the board's own poll may have read it first)."""
        self.poll_session(self.session)
        if self.story is not self.drawn:
            self.show()

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.undo is not None and self.undo.holds(self.story)
        return True

    def _saved(self, *records: Record, remove: tuple[Record, ...] = ()) -> bool:
        done = self.save(*records, remove=remove)
        self.show()
        return done

    def _refuse(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def _form(self, detail: JobDetail | None, of: BreakdownOf) -> None:
        from kata_tui.ui.job_forms import detail_form, detail_from

        if self.target is None:
            self._refuse("The target condition is no longer on the board.")
            return
        details = breakdown(self.story, self.target_id, of)
        number = next((n for n, d in enumerate(details, 1) if detail and d.id == detail.id), None)
        form = detail_form(detail, of, number)

        def done(values: dict[str, str] | None) -> None:
            if values is None:
                return
            current = self.story.find(JobDetail, detail.id) if detail else None
            if detail is not None and current is None:
                self._refuse("That detail was deleted in another session: not saved.")
                return
            try:
                record = detail_from(
                    detail, values, self.story, self.target_id, of, self.app.clock.today()
                )
            except InvalidInput as error:
                self._refuse(str(error))
                return
            if self._saved(record) and detail is None:
                self._cursor_to(record.id, of)

        self.app.push_screen(form, done)

    def _cursor_to(self, detail_id: str, of: BreakdownOf) -> None:
        for row, pair in enumerate(self.rows):
            found = pair[SIDES.index(of)]
            if found is not None and found.id == detail_id:
                self.side_list(of).focus()
                self._put_cursor(row)
                self.show_notes()
                return

    def action_add(self) -> None:
        self._form(None, self.side)

    def action_edit(self) -> None:
        detail = self.highlighted()
        if detail is None:
            self._refuse("No detail here: a adds one.")
            return
        self._form(detail, detail.of)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def _one_key(
        self,
        label: str,
        saved: Sequence[Record],
        before: Sequence[Record | None],
        removed: Sequence[Record] = (),
    ) -> None:
        """A change saved by one key: ctrl+z takes it back while it still holds."""
        stored = [self.story.find(type(r), r.id) for r in saved]
        kept = tuple(r for r in stored if r is not None)
        if len(kept) != len(stored):
            return
        self.undo = Undo(label, kept, tuple(before), tuple(removed))
        self.refresh_bindings()
        self.notify(f"{label[:1].upper()}{label[1:]}; ctrl+z undoes it.", markup=False)

    def action_move(self, by: int) -> None:
        detail = self.highlighted()
        if detail is None:
            self._refuse("No detail here to move.")
            return
        changed = moved(self.story, detail.id, by)
        if not changed:
            self._refuse(f"Detail already {'first' if by < 0 else 'last'}.")
            return
        before = tuple(self.story.find(JobDetail, r.id) for r in changed)
        if self._saved(*changed):
            self._cursor_to(detail.id, detail.of)
            label = f"moved {'up' if by < 0 else 'down'}: {_short(detail.text)}"
            self._one_key(label, changed, before)

    def action_delete(self) -> None:
        detail = self.highlighted()
        if detail is None:
            self._refuse("No detail here to delete.")
            return
        if self._saved(remove=(detail,)):
            label = f"deleted: {_short(detail.text)}"
            self._one_key(label, (), (), (detail,))

    def action_start_target(self) -> None:
        try:
            made = start_target_from_current(self.story, self.target_id)
        except InvalidInput as error:
            self._refuse(f"Not started: {error}.")
            return
        if self._saved(*made):
            self.side_list(BreakdownOf.TARGET).focus()
            self._one_key(
                f"target breakdown started from the current one ({len(made)} details)",
                tuple(made),
                (None,) * len(made),
            )

    def action_undo(self) -> None:
        undo, self.undo = self.undo, None
        self.refresh_bindings()
        if undo is None or not undo.holds(self.story):
            return
        if not self._saved(*undo.restored(), remove=undo.created()):
            return
        for gone in undo.removed:
            if isinstance(gone, JobDetail):
                self._put_back(gone)
        self.notify(f"Undone: {undo.label}.", markup=False)

    def _put_back(self, gone: JobDetail) -> None:
        """A deleted detail made again: the save puts a new detail last, so it is moved
        back to its old place while that place is still free; the cursor goes to it."""
        made = self.story.find(JobDetail, gone.id)
        if made is None:
            return
        taken = {d.position for d in breakdown(self.story, gone.target_id, gone.of)}
        if made.position != gone.position and gone.position not in taken:
            self._saved(replace(made, position=gone.position))
        self._cursor_to(gone.id, gone.of)

    def action_to_side(self, side: str) -> None:
        self.side_list(BreakdownOf(side)).focus()

    def action_back(self) -> None:
        self.dismiss(None)


def story_target(story: Storyboard) -> TargetCondition:
    """The board's current target condition (the board opens this screen only with one)."""
    target = story.target
    assert target is not None, "a job breakdown needs a target condition"
    return target


def _short(text: str) -> str:
    """A detail named in a notice: one line, cut between words."""
    return clip(visible(text, one_line=True), 40)


def _ids(pair: tuple[JobDetail | None, JobDetail | None]) -> set[str]:
    return {d.id for d in pair if d is not None}
