"""kata-tui: the storyboard and the coaching-kata card in a terminal."""

__version__ = "0.1.0"
