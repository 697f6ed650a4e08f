"""Renderings of one board for the world outside the app.

A printed storyboard for the shop floor (html), a summary a coach can send
(md), the experiment record for a spreadsheet (csv) and a complete, versioned
copy that moves a board between plant servers (json, read back by the
importer). Pure functions of a ``Storyboard``: no Textual, and only the
importer touches the store.
"""
