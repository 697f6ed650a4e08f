"""A field with a few fixed answers (higher or lower): a Select that Enter leaves.

In a form, Enter moves to the next field (and saves on the last), so a person
can Enter through it; here too. Up, Down and Space open the list of choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Select


class Choice(Select[str]):
    BINDINGS = [
        Binding("enter", "entered", "Next field", show=False),
        Binding("down,space,up", "show_overlay", "Show choices", show=False),
    ]

    @dataclass
    class Entered(Message):
        """Enter on the field: the form moves on, as from an Input."""

        choice: Choice

    def __init__(self, choices: tuple[str, ...], value: str, **kwargs: object) -> None:
        super().__init__(
            [(c, c) for c in choices],
            value=value if value in choices else choices[0],
            allow_blank=False,
            compact=True,
            **kwargs,  # type: ignore[arg-type]
        )

    def action_entered(self) -> None:
        self.post_message(self.Entered(self))
