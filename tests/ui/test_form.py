"""FormScreen: the one modal form behind every edit."""

from __future__ import annotations

from datetime import date

import pytest
from textual import events
from textual.widgets import Input, Static, TextArea

from kata_tui.domain.dates import parse_date
from kata_tui.domain.errors import InvalidInput
from kata_tui.ui.screens.board_list import BoardListScreen
from kata_tui.ui.screens.confirm import ConfirmScreen
from kata_tui.ui.screens.form import FormField, FormScreen, whole_number
from tests.conftest import TODAY
from tests.ui.screen_host import ScreenHost


def _day(text: str) -> date:
    return parse_date(text, TODAY)


def _not_empty(text: str) -> None:
    if not text.strip():
        raise InvalidInput("a step is needed")


FIELDS = [
    FormField("step", "Step", "old step", validate=_not_empty),
    FormField("expected", "We expect", "", multiline=True),
    FormField("day", "Go and see", "tomorrow", placeholder="fri, +2d", validate=_day),
    FormField("who", "Who", "ann"),
]


def host(fields=FIELDS, title="Edit step") -> ScreenHost:
    return ScreenHost(lambda: FormScreen(title, fields))


def shown_errors(app) -> list[str]:
    return [str(e.content) for e in app.screen.query(".form-error") if e.display]


async def test_submit_returns_every_field():
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        # Enter moves on from a single-line field; Enter in the multi-line one is a newline
        await pilot.press("ctrl+u", *"new step", "enter")
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"a", "enter", *"b", "tab")
        await pilot.press("ctrl+u", *"fri", "enter")  # not the last single-line field yet
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")  # the last single-line field submits
        await pilot.pause()
    assert app.results == [{"step": "new step", "expected": "a\nb", "day": "fri", "who": "ann"}]


async def test_ctrl_s_submits_from_any_field():
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", *"quick", "ctrl+s")
        await pilot.pause()
    assert app.results == [
        {"step": "old step", "expected": "quick", "day": "tomorrow", "who": "ann"}
    ]


async def test_submit_keeps_what_each_validator_parsed():
    forms: list[FormScreen] = []

    def make() -> FormScreen:
        forms.append(FormScreen("Edit step", FIELDS))
        return forms[-1]

    app = ScreenHost(make)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab", "ctrl+u", *"2026-11-27", "ctrl+s")
        await pilot.pause()
    assert app.results
    assert forms[0].parsed == {
        "step": None,  # _not_empty returns nothing: a check, not a parser
        "expected": "",
        "day": date(2026, 11, 27),
        "who": "ann",
    }


async def test_text_typed_right_before_ctrl_s_is_saved_whole():
    """Keys arriving in one burst (a quick typist, an SSH link) reach the field
    before the save reads it: the last characters are never dropped."""
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in [*" typed fast", "ctrl+s"]:
            app.post_message(events.Key(key, None if len(key) > 1 else key))
        await pilot.pause()
        await pilot.pause()
    assert app.results == [
        {"step": "old step typed fast", "expected": "", "day": "tomorrow", "who": "ann"}
    ]


async def test_validation_message_keeps_form_open():
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+u", "tab", "tab", "ctrl+u", *"someday", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        errors = shown_errors(app)
        assert errors[0] == "a step is needed"
        assert errors[1].startswith("not a date: 'someday'")
        assert "\n" not in errors[1]
        # the first bad field has the focus, and what was typed is still there
        assert isinstance(app.focused, Input) and app.focused.value == ""
        assert app.screen.values()["day"] == "someday"
        await pilot.press(*"x")
        errors = shown_errors(app)  # the edited field's message goes, the other stays
        assert len(errors) == 1 and errors[0].startswith("not a date")
        await pilot.press("tab", "tab", "ctrl+u", *"+2d", "ctrl+s")
        await pilot.pause()
    assert app.results == [{"step": "x", "expected": "", "day": "+2d", "who": "ann"}]


def test_a_whole_number_field_says_its_range_in_one_line():
    minutes = whole_number(1, 240, "minutes")
    assert minutes(" 15 ") == 15
    assert (minutes("1"), minutes("240"), minutes("\u0661\u0665")) == (1, 240, 15)
    for typed in ("", "0", "abc", "2.5", "241", "-5", "\u00b2"):
        with pytest.raises(InvalidInput) as refused:
            minutes(typed)
        assert str(refused.value) == f"minutes: a whole number from 1 to 240, not {typed!r}"
    with pytest.raises(InvalidInput) as refused:
        whole_number(1, 10**9, "batch")("0")
    assert str(refused.value) == "batch: a whole number from 1 to 1,000,000,000, not '0'"


async def test_escape_returns_none():
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"typed", "escape")
        await pilot.pause()
    assert app.results == [None]


async def test_is_dirty_follows_the_text():
    app = host()
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.screen
        assert isinstance(form, FormScreen)
        assert not form.is_dirty
        await pilot.press("x")
        assert form.is_dirty
        await pilot.press("backspace")
        assert not form.is_dirty
        await pilot.press("tab", *"y")
        assert form.is_dirty


async def test_title_and_labels_are_literal():
    fields = [FormField("a", "[red]label[/red]", "[bold]value")]
    app = host(fields, title="Edit [b]x[/b] \x1b[2J")
    async with app.run_test(size=(80, 24)) as pilot:
        title = str(app.screen.query_one("#form-title", Static).content)
        assert title == "Edit [b]x[/b] ^[[2J"
        label = str(app.screen.query_one(".form-label", Static).content)
        assert label == "[red]label[/red]"
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [{"a": "[bold]value"}]


async def test_no_blinking_cursor():
    app = host()
    async with app.run_test(size=(80, 24)):
        editors = list(app.screen.query(Input)) + list(app.screen.query(TextArea))
        assert len(editors) == len(FIELDS)
        assert not any(e.cursor_blink for e in editors)


async def test_quit_with_dirty_form_asks(data, make_app):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(FormScreen("Edit", FIELDS))
        await pilot.pause()
        await pilot.press(*"more")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.values()["step"] == "old stepmore"
        assert app.return_code is None
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app.return_code == 0


async def test_quit_with_clean_form_does_not_ask(data, make_app):
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(FormScreen("Edit", FIELDS))
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.return_code == 0


async def test_escape_leaves_board_list_unchanged(demo_data, make_app):
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        before = {s: demo_data.board(s).path.read_bytes() for s in demo_data.slugs()}
        await pilot.press("n", *"Zed", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardListScreen)
    assert {s: demo_data.board(s).path.read_bytes() for s in demo_data.slugs()} == before


def test_snapshot_form_with_error(snap_compare):
    assert snap_compare(
        host(), terminal_size=(80, 24), press=["tab", "tab", "ctrl+u", *"soon", "ctrl+s"]
    )


@pytest.mark.parametrize("fields", [FIELDS, [FIELDS[1], FIELDS[0], FIELDS[2], FIELDS[3]]])
async def test_the_label_of_the_field_being_typed_in_is_reversed(fields):
    """The focus cue without colour: reverse on the current field's label, and only there."""
    app = host(fields)
    async with app.run_test(size=(80, 24)) as pilot:
        for index in (0, 1, 2, 3, 2):
            await pilot.pause()
            labels = list(app.screen.query(".form-label"))
            reversed_ = [bool(label.styles.text_style.reverse) for label in labels]
            assert reversed_ == [i == index for i in range(len(labels))]
            await pilot.press("shift+tab" if index == 3 else "tab")


LONG = "Changeover on press line 2 in under 10 minutes so we can run every part every day"


@pytest.mark.parametrize("select_on_focus", [True, False])
async def test_a_long_line_shows_its_start_once_left(select_on_focus):
    """Typing shows the end of a long line; once the field is left, it shows its
    start again (where a reader begins), and coming back shows the cursor."""
    from tests.ui.screen_text import widget_text

    fields = [FormField("step", "Step", LONG), FormField("who", "Who", "ann")]
    app = host(fields)
    async with app.run_test(size=(80, 24)) as pilot:
        step = app.screen.query(Input).first()
        step.select_on_focus = select_on_focus
        await pilot.press("end", *" daily")
        await pilot.pause()
        assert "every day daily" in widget_text(app, step)
        await pilot.press("tab")
        await pilot.pause()
        assert not step.has_focus
        assert "Changeover on press" in widget_text(app, step)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert step.has_focus
        assert "every day daily" in widget_text(app, step)


async def test_a_long_form_at_80x24_scrolls_to_the_field_being_typed_in():
    """Ten fields do not fit 24 rows: the fields scroll, so the last one is on the
    screen when it has the focus, and the key hint under them stays in view."""
    fields = [FormField(f"f{i}", f"Field {i}", "", multiline=i % 3 == 0) for i in range(10)]
    app = host(fields, title="A long form")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(9):
            await pilot.press("tab")
        await pilot.pause()
        last = app.screen.query(".form-input").last()
        assert app.focused is last
        screen = app.screen.region
        assert screen.contains_region(last.region) and last.region.height > 0
        hint = app.screen.query_one("#form-hint")
        assert screen.contains_region(hint.region) and hint.region.height >= 1
