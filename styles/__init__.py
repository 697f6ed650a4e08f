"""Textual stylesheets, shipped inside the package as kata_tui.styles."""
