"""The storyboard pane: the five sections, top to bottom, as on the paper board.

It shows each new board in its sections, marks the section the card's
question is about, and turns the sections' requests (``sections/messages.py``)
into records: it opens the edit form (``kata_tui.ui.edits``) and posts
``StoryboardPane.Edited`` for the screen to save (``StatusChanged`` for an
obstacle's status set by one key, which the screen also offers to undo).
Read-only (following another session's cycle), it asks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive

from kata_tui.domain.card import Section
from kata_tui.domain.cycle import reflected_step, set_obstacle_status
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.model import Obstacle, Record
from kata_tui.domain.storyboard import Storyboard
from kata_tui.ui.widgets.pageless import PagelessScroll
from kata_tui.ui.widgets.sections import (
    SECTIONS,
    AddItem,
    EditActual,
    EditItem,
    ExperimentsSection,
    ObstacleStatusChosen,
    StorySection,
)

if TYPE_CHECKING:
    from kata_tui.ui.edits import Edit


class StoryboardPane(PagelessScroll):
    read_only: reactive[bool] = reactive(False)
    """Following another session: the sections ask for no change (bound to each)."""
    glance: reactive[bool] = reactive(False)
    """Every section at once, each trimmed to what matters now unless focused or asked
    (bound to each; the screen sets it)."""

    @dataclass
    class Edited(Message):
        """A submitted form's records, to save."""

        records: list[Record]

    @dataclass
    class StatusChanged(Message):
        """An obstacle's status set by one key: the records to save, and what it did in
        words; the screen says it and offers to undo it, since one key does it."""

        records: list[Record]
        said: str

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.story: Storyboard | None = None
        self.today: date | None = None

    def compose(self) -> ComposeResult:
        for section in SECTIONS:
            yield section(id=f"section-{section.SECTION}").data_bind(
                read_only=StoryboardPane.read_only, glance=StoryboardPane.glance
            )

    @property
    def sections(self) -> list[StorySection]:
        return list(self.query(StorySection))

    def show(self, story: Storyboard, today: date) -> None:
        self.story, self.today = story, today
        for section in self.sections:
            section.show(story, today)

    def watch_glance(self) -> None:
        self.set_class(self.glance, "-glance")

    def ask_about(self, asked: Section | None) -> None:
        """Mark the section the card's question is about and bring it into view."""
        for section in self.sections:
            section.asked = asked == section.SECTION
            if section.asked and isinstance(section, ExperimentsSection):
                # The step reflected on is where "e" should land; the newest steps
                # (the threshold) are at the end of the record.
                step = reflected_step(self.story) if self.story is not None else None
                if step is not None:
                    self.cursor_to(step.id, focus=False)
                self.scroll_end(animate=False)
            elif section.asked:
                section.scroll_visible(animate=False, top=True)

    def cursor_to(self, experiment_id: str, *, focus: bool = True) -> bool:
        """Put the experiment record's cursor on one step and focus the record; False
        (and the first section focused) when the step is not on this target."""
        record = self.query_one(ExperimentsSection)
        for index, item in enumerate(record.items):
            if item.id == experiment_id:
                record.cursor = index
                if focus:
                    record.focus()
                return True
        if focus:
            self.focus_section()
        return False

    def focus_section(self, wanted: Section | None = None) -> None:
        """Focus the section ``wanted`` names; the first one otherwise."""
        sections = self.sections
        chosen = next((s for s in sections if wanted == s.SECTION), sections[0])
        chosen.focus()

    # -- edits ------------------------------------------------------------------------

    @on(AddItem)
    def _add(self, event: AddItem) -> None:
        event.stop()
        from kata_tui.ui.edits import EDITS

        self._open_form(EDITS[event.kind], None)

    @on(EditItem)
    def _edit(self, event: EditItem) -> None:
        event.stop()
        from kata_tui.ui.edits import EDITS

        self._open_form(EDITS[type(event.record)], event.record)

    @on(EditActual)
    def _edit_actual(self, event: EditActual) -> None:
        event.stop()
        from kata_tui.ui.edits import ACTUAL

        self._open_form(ACTUAL, event.target)

    @on(ObstacleStatusChosen)
    def _obstacle_status(self, event: ObstacleStatusChosen) -> None:
        event.stop()
        if not self.read_only and self.story is not None:
            records = set_obstacle_status(self.story, event.obstacle, event.status)
            parked = [
                f"obstacle {r.number} parked"
                for r in records
                if isinstance(r, Obstacle) and r.id != event.obstacle.id
            ]
            said = f"obstacle {event.obstacle.number}: {event.status}"
            if parked:
                said += f" ({', '.join(parked)})"
            self.post_message(self.StatusChanged(records, said))

    def _open_form(self, edit: Edit[Any], record: Record | None) -> None:
        """Open ``edit``'s form; a submitted one is saved at once, Escape changes nothing."""
        if self.read_only or self.story is None or self.today is None:
            return
        if edit.needs_target and self.story.target is None:
            from kata_tui.ui.edits import NO_TARGET

            self.notify(NO_TARGET)
            return
        if record is None and edit.check_new is not None:
            try:
                edit.check_new(self.story)
            except InvalidInput as error:
                self.notify(str(error), severity="warning", markup=False)
                return
        from kata_tui.ui.screens.form import FormScreen

        today = self.today
        aside = edit.aside(record, self.story) if edit.aside is not None else []
        story = self.story
        form = FormScreen(
            edit.title,
            edit.form(record, story, today),
            aside,
            check=lambda parsed: edit.apply(record, story, parsed, today),
        )

        def done(values: dict[str, str] | None) -> None:
            if values is None or self.story is None:
                return
            try:
                records = edit.apply(record, self.story, form.parsed, today)
            except InvalidInput as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.post_message(self.Edited(records))

        self.app.push_screen(form, done)
