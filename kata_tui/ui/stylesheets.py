"""Where the .tcss files are, whether the package is installed or editable."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

STYLES_PACKAGE = "kata_tui.styles"


def stylesheet(name: str) -> Path:
    """Path of one stylesheet shipped in ``kata_tui.styles``."""
    path = Path(str(resources.files(STYLES_PACKAGE).joinpath(name)))
    if not path.is_file():
        raise FileNotFoundError(f"stylesheet {name} is missing from {STYLES_PACKAGE}")
    return path
