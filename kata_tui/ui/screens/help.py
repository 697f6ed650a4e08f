"""Every key of the screen below, read from its live bindings, and the card.

The list is gathered from the bindings Textual would act on (the focused
widget, the screen, the app), the way Textual's own key panel does, so it can
never drift from what the keys really do. The coaching-kata card is shown
too: a coach new to the app can run a cycle from this screen alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from kata_tui.domain.card import BACK_TITLE, COACHING_KATA, QuestionCard
from kata_tui.ui.screens.base import KataModal
from kata_tui.ui.stylesheets import stylesheet

ASCII_KEYS = {
    "enter": "Enter",
    "escape": "Esc",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": "Space",
}
"""Names instead of arrow glyphs, which the Linux console font lacks."""

BASE_ACTIONS = {b.action for b in Binding.make_bindings(Screen.BINDINGS)}
"""Keys every screen has (focus moves, copy): listed after the screen's own."""


def _describe(binding: Binding) -> str:
    """The long name: the footer shows a short ``description`` to fit 80 columns, and
    ``tooltip`` then carries the words a user types into the command palette."""
    if binding.tooltip or binding.description:
        text = binding.tooltip or binding.description
    else:
        text = binding.action.split("(", 1)[0].rsplit(".", 1)[-1].replace("_", " ")
    return text[:1].upper() + text[1:]


def _key_name(app: App[object], binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return ASCII_KEYS.get(binding.key) or app.get_key_display(binding)


def _group_title(namespace: DOMNode, below: Screen[object]) -> str:
    if namespace is below:
        return "This screen"
    if isinstance(namespace, App):
        return "Everywhere"
    title = namespace.BINDING_GROUP_TITLE
    if not title and isinstance(namespace, ScrollableContainer):
        return "Scrolling"
    if title:
        return f"In the focused {title.lower()}"
    words = []
    for ch in type(namespace).__name__:
        if ch.isupper() and words:
            words.append(" ")
        words.append(ch.lower())
    return f"In the focused {''.join(words)}"


def key_groups(app: App[object], below: Screen[object]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group title, [(keys, description)]) for every active binding of ``below``.

    The screen's own keys come first, then those of the focused widget, then
    the app's, because that is the order of what a user came to look up.
    """
    by_namespace: dict[DOMNode, dict[str, list[Binding]]] = {}
    enabled_actions: dict[tuple[int, str], bool] = {}
    for namespace, binding, enabled, _tooltip in below.active_bindings.values():
        if binding.system:
            continue
        actions = by_namespace.setdefault(namespace, defaultdict(list))
        actions[binding.action].append(binding)
        enabled_actions[(id(namespace), binding.action)] = enabled
    order = sorted(
        by_namespace,
        key=lambda node: 0 if node is below else 2 if isinstance(node, App) else 1,
    )
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for namespace in order:
        rows: list[tuple[str, str]] = []
        actions = sorted(by_namespace[namespace].items(), key=lambda item: item[0] in BASE_ACTIONS)
        for action, bindings in actions:
            keys = " ".join(dict.fromkeys(_key_name(app, b) for b in bindings))
            description = _describe(bindings[0])
            if not enabled_actions.get((id(namespace), action), True):
                description += " (not available now)"
            rows.append((keys, description))
        if rows:
            groups.append((_group_title(namespace, below), rows))
    return groups


PALETTE_HAS_ALREADY = {"command_palette", "app.command_palette", "quit", "app.quit"}
"""Actions Textual's own system commands offer (Quit calls the app's ``action_quit``)."""


def binding_commands(app: App[object], screen: Screen[object]) -> Iterable[SystemCommand]:
    """Every key of ``screen`` as a command-palette entry, so no action needs its key."""
    seen: set[tuple[int, str]] = set()
    for namespace, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.system or not enabled or binding.action in BASE_ACTIONS:
            continue
        own = namespace is screen or isinstance(namespace, App)
        if not (own or binding.show) or not binding.description:
            continue
        if binding.action in PALETTE_HAS_ALREADY:
            continue
        marker = (id(namespace), binding.action)
        if marker in seen:
            continue
        seen.add(marker)
        yield SystemCommand(
            _describe(binding),
            f"key: {_key_name(app, binding)}",
            partial(app.run_action, binding.action, namespace),
        )


def card_table(card: QuestionCard = COACHING_KATA) -> Table:
    """The card as a grid, so long questions wrap under their own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", width=4, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("", Text(card.title, style="bold"))
    in_back = False
    for question in card.steps:
        if question.back and not in_back:
            grid.add_row("", Text(f"{BACK_TITLE}:", style="italic"))
        in_back = question.back
        label = f"  {question.label}" if question.back else question.label
        text = f"  {question.text}" if question.back else question.text
        grid.add_row(Text(label, style="bold"), Text(text))
    grid.add_row("", Text(card.credit, style="italic"))
    return grid


class HelpScreen(KataModal[None]):
    CSS_PATH = [stylesheet("help.tcss")]
    BINDINGS = [Binding("escape,question_mark", "dismiss", "Close", key_display="Esc/?")]

    def _below(self) -> Screen[object] | None:
        stack = self.app.screen_stack
        if self in stack:
            index = stack.index(self)
            return stack[index - 1] if index > 0 else None
        return stack[-1] if stack else None

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(Text("Keys and the coaching-kata card", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static("", id="help-keys")
                yield Static(card_table(), id="help-card")
            yield Static(
                "Escape or ? closes; Up/Down and PgUp/PgDn scroll",
                id="help-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#help-keys", Static).update(self.keys_table())
        self.query_one("#help-body").focus()

    def keys_table(self) -> Table | Text:
        below = self._below()
        if below is None:
            return Text("No keys.")
        grid = Table.grid(padding=(0, 2))
        grid.add_column(justify="right", no_wrap=True, min_width=10)
        grid.add_column(ratio=1)
        for title, rows in key_groups(self.app, below):
            grid.add_row("", Text(title, style="bold underline"))
            for keys, description in rows:
                grid.add_row(Text(keys, style="bold"), Text(description))
            grid.add_row("", "")
        return grid
