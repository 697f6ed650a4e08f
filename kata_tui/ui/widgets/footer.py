"""The key line at the bottom of every screen, drawn as one line of text.

Textual's Footer builds a widget per key and rebuilds all of them whenever
the screen's bindings may have changed. On kata-tui's screens that rebuild,
with its restyle and relayout, would be the last and one of the slowest
steps of every start-up, and again on focus moves. This footer
shows the same keys, in the same order, from one widget: a change of keys
is a repaint, never a recompose. Keys that do not fit are left out whole,
most used first being the screens' job (their ``BINDINGS`` order). A click
presses the key, and hovering shows its long name, as with Textual's.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

GAP = " "
"""Between two keys."""
LEAVE = ("back", "cancel", "close", "dismiss", "answer(False)", "quit")
"""Actions that leave the screen, the screen's own first: the way out is always shown."""


class FooterKey(NamedTuple):
    """One key as shown: what the terminal sends, what is printed, what it does."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    action: str = ""

    @property
    def text(self) -> str:
        return f"{self.display} {self.description}" if self.description else self.display

    @property
    def width(self) -> int:
        return cell_len(self.text)


class Placed(NamedTuple):
    """A key drawn at ``x``: what a click or the pointer at ``x`` refers to."""

    x: int
    item: FooterKey


def footer_keys(screen: Screen[object]) -> tuple[tuple[FooterKey, ...], FooterKey | None]:
    """The keys a footer shows on ``screen``, and the command palette's key.

    One entry per action, its first key, in the order of ``active_bindings``
    (the focused widget's keys, then its ancestors', then the app's), as
    Textual's Footer does.
    """
    app = screen.app
    palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
    keys: dict[str, FooterKey] = {}
    palette: FooterKey | None = None
    for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items():
        shown = FooterKey(
            binding.key,
            app.get_key_display(binding),
            binding.description,
            enabled,
            tooltip or binding.tooltip or binding.description,
            binding.action.removeprefix("app."),
        )
        if key == palette_key:
            palette = shown
        elif binding.show:
            keys.setdefault(binding.action, shown)
    return tuple(keys.values()), palette


def place(
    keys: tuple[FooterKey, ...], palette: FooterKey | None, width: int
) -> tuple[list[Placed], Placed | None]:
    """Where each key goes in ``width`` cells: left to right while whole keys
    fit, the palette key against the right edge and the way out (``LEAVE``)
    just before it, so leaving is never the key left out."""
    leave = next((k for action in LEAVE for k in keys if k.action == action), None)
    right = width
    palette_at: Placed | None = None
    reserved = leave.width + len(GAP) if leave is not None else 0
    if palette is not None and palette.width + reserved <= width:
        right = width - palette.width
        palette_at = Placed(right, palette)
        right -= len(GAP)
    placed: list[Placed] = []
    if leave is not None and leave.width <= right:
        right -= leave.width
        placed.append(Placed(right, leave))
        right -= len(GAP)
    x = 0
    for item in keys:
        if item is leave:
            continue
        if x + item.width > right:
            break
        placed.append(Placed(x, item))
        x += item.width + len(GAP)
    placed.sort(key=lambda spot: spot.x)
    return placed, palette_at


class Footer(Widget, can_focus=False):
    """Keys of the current screen; styled in app.tcss."""

    COMPONENT_CLASSES = {
        "footer--key",
        "footer--description",
        "footer--disabled",
        "footer--hover",
    }
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._keys: tuple[tuple[FooterKey, ...], FooterKey | None] | None = None
        self._hover: int | None = None
        """Cell column under the pointer, while it is over the footer."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # While the terminal has lost focus nothing is focused: keep the keys
        # of the last focus rather than flicker to the screen's own.
        if not screen.app.app_focus or screen is not self.screen or not self.is_attached:
            return
        keys = footer_keys(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def _placed(self) -> tuple[list[Placed], Placed | None]:
        if self._keys is None:
            self._keys = footer_keys(self.screen)
        keys, palette = self._keys
        return place(keys, palette, self.size.width)

    def _at(self, x: int) -> FooterKey | None:
        placed, palette = self._placed()
        for spot in [*placed, *([palette] if palette else [])]:
            if spot.x <= x < spot.x + spot.item.width:
                return spot.item
        return None

    def render(self) -> Text:
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        disabled_style = self.get_component_rich_style("footer--disabled")
        hover_style = self.get_component_rich_style("footer--hover")
        placed, palette = self._placed()
        line = Text(no_wrap=True, overflow="crop", end="")
        for spot in [*placed, *([palette] if palette else [])]:
            if spot.x > line.cell_len:
                line.append(" " * (spot.x - line.cell_len))
            start = len(line)
            line.append(spot.item.display, key_style)
            if spot.item.description:
                line.append(" ")
                line.append(spot.item.description, description_style)
            if not spot.item.enabled:
                line.stylize(disabled_style, start)
            if self._hover is not None and spot.x <= self._hover < spot.x + spot.item.width:
                line.stylize(hover_style, start)
        return line

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if event.x != self._hover:
            before = self._at(self._hover) if self._hover is not None else None
            self._hover = event.x
            now = self._at(event.x)
            if now != before:
                self.tooltip = now.tooltip if now is not None else None
                self.refresh()

    def on_leave(self) -> None:
        self._hover = None
        self.tooltip = None
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self._at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
