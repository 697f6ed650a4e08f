"""Errors that carry a message fit to show a person as one line."""

from __future__ import annotations


class KataError(Exception):
    """Base of every error kata-tui explains to the user instead of a traceback."""


class InvalidInput(KataError, ValueError):
    """Something typed or imported that cannot be taken as it is."""
