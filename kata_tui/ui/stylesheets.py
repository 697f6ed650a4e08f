"""Where the .tcss files are, whether the package is installed or editable."""

from __future__ import annotations

from pathlib import Path

import kata_tui.styles

STYLES_PACKAGE = "kata_tui.styles"
_STYLES = Path(kata_tui.styles.__file__).parent
"""The package's folder (an installed or editable package is always a folder on
disk; ``importlib.resources`` would cost start-up its zipfile import)."""


def stylesheet(name: str) -> Path:
    """Path of one stylesheet shipped in ``kata_tui.styles``."""
    path = _STYLES / name
    if not path.is_file():
        raise FileNotFoundError(f"stylesheet {name} is missing from {STYLES_PACKAGE}")
    return path
