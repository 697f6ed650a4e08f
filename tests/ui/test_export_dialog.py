"""The export dialog, driven with the keyboard alone: the file it writes is the export."""

from __future__ import annotations

import json
from pathlib import Path

from kata_tui.export.formats import render
from kata_tui.store.datadir import DataDir
from kata_tui.ui.screens.export_dialog import ExportScreen
from tests.conftest import TODAY
from tests.ui.conftest import AppFactory


async def _wait_for_result(pilot, screen: ExportScreen, start: str = "Wrote") -> str:
    for _ in range(100):
        await pilot.pause(0.02)
        text = str(screen.query_one("#export-result").render())
        if text.startswith(start):
            return text
    raise AssertionError(f"no result line; last: {text!r}")


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_export_csv_to_a_file_with_keys(
    demo_data: DataDir, make_app: AppFactory, tmp_path: Path
) -> None:
    story = demo_data.load("maria")
    out = tmp_path / "out" / "record.csv"
    out.parent.mkdir()
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ExportScreen(story, TODAY, directory=tmp_path)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # md -> html -> csv, choose it
        assert screen.fmt == "csv"
        await pilot.press("tab", "end", "ctrl+u")  # the file name, emptied
        await _type(pilot, str(out))
        await pilot.press("enter")
        result = await _wait_for_result(pilot, screen)
        assert result.startswith(f"Wrote {out} (")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
    assert out.read_bytes() == render(story, "csv", today=TODAY).encode("utf-8")


async def test_default_name_follows_the_format_and_overwrite_needs_a_second_enter(
    demo_data: DataDir, make_app: AppFactory, tmp_path: Path
) -> None:
    story = demo_data.load("ken")
    existing = tmp_path / "ken.json"
    existing.write_text("keep me unless asked twice")
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ExportScreen(story, TODAY, directory=tmp_path)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("up", "enter")  # wraps from md to json
        assert screen.fmt == "json"
        path_input = screen.query_one("#export-path")
        assert path_input.value == str(tmp_path / "ken.json")
        await pilot.press("tab", "enter")
        await _wait_for_result(pilot, screen, "! ")
        assert "exists: press Enter again" in str(screen.query_one("#export-result").render())
        assert existing.read_text() == "keep me unless asked twice"
        await pilot.press("enter")
        await _wait_for_result(pilot, screen)
    doc = json.loads(existing.read_text(encoding="utf-8"))
    assert doc["format"] == "kata-tui-board"
    assert doc["slug"] == "ken"


async def test_a_bad_directory_is_one_line_and_nothing_written(
    demo_data: DataDir, make_app: AppFactory, tmp_path: Path
) -> None:
    story = demo_data.load("jonas")
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ExportScreen(story, TODAY, directory=tmp_path)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("tab", "end", "ctrl+u")
        await _type(pilot, "missing/jonas.md")
        await pilot.press("ctrl+s")
        result = await _wait_for_result(pilot, screen, "! ")
        assert result == f"! Not written: {tmp_path / 'missing'}: no such directory"
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


async def test_a_json_export_into_the_data_directory_is_refused(
    demo_data: DataDir, make_app: AppFactory, tmp_path: Path
) -> None:
    # A NAME.json written there would be listed as a board nobody made.
    story = demo_data.load("maria")
    before = sorted(p.name for p in demo_data.path.iterdir())
    target = demo_data.path / "maria-copy.json"
    app = make_app(demo_data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ExportScreen(story, TODAY, directory=tmp_path)
        app.push_screen(screen)
        await pilot.pause()
        await pilot.press("up", "enter")  # json
        assert screen.fmt == "json"
        await pilot.press("tab", "end", "ctrl+u")
        await _type(pilot, str(target))
        await pilot.press("enter")
        result = await _wait_for_result(pilot, screen, "! ")
    assert result.startswith(f"! Not written: {target}: a board, lock or last-good file")
    assert sorted(p.name for p in demo_data.path.iterdir()) == before
