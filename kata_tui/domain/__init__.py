"""The storyboard, the coaching-kata card, dates and validation: pure Python.

Imports nothing of Textual or TinyDB, so every rule here is testable alone.
"""
