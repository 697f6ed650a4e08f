"""A one-line heading that may hold typed text (a challenge, a name).

Where it does not fit, it is cut with "~", the app's cut mark (see
``clip``), so a reader sees the text goes on; a wrapped heading in a
one-line box lost its end with no sign.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kata_tui.domain.text import clip, visible


class Heading(Widget):
    DEFAULT_CSS = """
    Heading {
        height: 1;
    }
    """

    def __init__(self, text: str, **kwargs: str) -> None:
        super().__init__(**kwargs)
        self.text = text

    def render(self) -> Text:
        shown = clip(visible(self.text, one_line=True), self.content_size.width)
        return Text(shown, no_wrap=True, end="")
