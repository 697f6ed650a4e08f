"""Textual's Footer, rebuilt only when the keys it shows change.

The stock Footer recomposes every key widget each time a screen's bindings
might have changed (each focus move, each ``refresh_bindings``), one
recompose per signal, and each new key restyles itself once more when its
``compact`` flag is bound. The board screen has a dozen keys and sends such
signals several times while it opens: that was most of its start-up time
(issue 6). This one looks and behaves the same, but coalesces the signals
of one refresh into one check, skips the rebuild when the keys shown are
the same, and creates each key already in the footer's compact state.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[object, ...] | None = None
        """What the keys were last built from."""
        self._check_pending = False

    def _keys_shown(self) -> tuple[object, ...]:
        """Everything ``compose`` reads: equal tuples compose equal footers."""
        keys = tuple(
            (
                binding.key,
                binding.key_display,
                binding.description,
                binding.action,
                id(binding.group),
                enabled,
                tooltip,
                binding.tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (keys, self.show_command_palette, self.compact, self.app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        self._shown = self._keys_shown() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Born in the state its data binding would put it in: no restyle per key.
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._check_pending = False
        if not self.is_attached or self._keys_shown() == self._shown:
            return
        await self.recompose()
