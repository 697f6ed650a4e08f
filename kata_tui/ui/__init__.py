"""Textual screens and widgets. Talks to the store only through BoardSession and DataDir."""
