"""What `kata import --replace` keeps, and how an import names a version it cannot read."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kata_tui.domain.clock import Clock
from kata_tui.domain.codec import MAX_INT
from kata_tui.domain.model import Experiment
from kata_tui.export.formats import render
from kata_tui.export.importer import ImportRefused, import_file
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.export.test_importer import IMPORTER


def _export_with_a_pending_version(data: DataDir, tmp_path: Path) -> tuple[Path, Experiment]:
    """maria's export carrying another version of her first step, waiting for a choice."""
    story = data.load("maria")
    doc = json.loads(render(story, "json", today=TODAY))
    step = doc["board"]["experiments"][0]
    doc["pending"] = [
        {"table": "experiments", "record": {**step, "learned": "theirs"}, "origin": "plant-b"}
    ]
    path = tmp_path / "maria-export.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path, story.find(Experiment, step["id"])  # type: ignore[return-value]


def test_replacing_a_board_keeps_the_versions_waiting_for_a_choice(
    demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    path, step = _export_with_a_pending_version(demo_data, tmp_path)
    demo_data.board("maria").commit([replace(step, learned="changed here")], IMPORTER, clock.now())
    slug = import_file(demo_data, path, name=None, replace=True, editor=IMPORTER, at=clock.now())
    assert slug == "maria"
    board = demo_data.board("maria")
    assert board.load().find(Experiment, step.id).learned == step.learned  # the export's
    [waiting] = board.pending()
    assert (waiting.origin, waiting.record.learned) == ("plant-b", "theirs")


def test_an_import_as_a_new_board_keeps_them_too(
    demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    path, _ = _export_with_a_pending_version(demo_data, tmp_path)
    slug = import_file(demo_data, path, name="copy", replace=False, editor=IMPORTER, at=clock.now())
    [waiting] = demo_data.board(slug).pending()
    assert waiting.record.learned == "theirs"


@pytest.mark.parametrize(
    ("version", "words"), [(0, "an unknown"), (-3, "an unknown"), (2, "a newer")]
)
def test_a_version_this_kata_tui_cannot_read_is_named_in_one_line(
    demo_data: DataDir, tmp_path: Path, clock: Clock, version: int, words: str
) -> None:
    doc = json.loads(render(demo_data.load("ken"), "json", today=TODAY))
    doc["version"] = version
    path = tmp_path / "ken.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        import_file(demo_data, path, name="new", replace=False, editor=IMPORTER, at=clock.now())
    assert str(caught.value) == (
        f"{path}: version: {version} is {words} format; this kata-tui reads version 1"
    )
    assert not demo_data.exists("new")


def test_an_export_saved_with_a_byte_order_mark_imports(
    demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "ken.json"
    path.write_text("\ufeff" + render(demo_data.load("ken"), "json", today=TODAY), "utf-8")
    slug = import_file(demo_data, path, name="copy", replace=False, editor=IMPORTER, at=clock.now())
    assert demo_data.load(slug).board.challenge == demo_data.load("ken").board.challenge


def test_an_export_naming_no_board_needs_a_name(
    demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    doc = json.loads(render(demo_data.load("ken"), "json", today=TODAY))
    del doc["slug"]
    path = tmp_path / "nameless.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        import_file(demo_data, path, name=None, replace=False, editor=IMPORTER, at=clock.now())
    assert str(caught.value) == f"{path}: slug: missing; choose a board name with --as NAME"
    assert demo_data.slugs() == ["aisha", "jonas", "ken", "maria"]


def test_a_board_made_by_someone_else_meanwhile_is_never_overwritten(
    demo_data: DataDir, tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process creates the board between the import's look and its write."""
    path = tmp_path / "ken.json"
    path.write_text(render(demo_data.load("ken"), "json", today=TODAY), encoding="utf-8")
    before = demo_data.board("maria").path.read_bytes()
    monkeypatch.setattr(DataDir, "exists", lambda self, slug: False)  # looked too early
    with pytest.raises(ImportRefused) as caught:
        import_file(demo_data, path, name="maria", replace=False, editor=IMPORTER, at=clock.now())
    assert str(caught.value) == (
        "board 'maria': a board with this name already exists; nothing was imported"
    )
    assert demo_data.board("maria").path.read_bytes() == before


def _refusal(data: DataDir, tmp_path: Path, clock: Clock, doc: dict) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ImportRefused) as caught:
        import_file(data, path, name="new", replace=False, editor=IMPORTER, at=clock.now())
    assert not data.exists("new")
    return str(caught.value).removeprefix(f"{path}: ")


def test_a_revision_an_import_cannot_count_on_from_is_refused_by_name(
    demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    doc = json.loads(render(demo_data.load("maria"), "json", today=TODAY))
    doc["board"]["experiments"][1]["rev"] = MAX_INT  # the import's save would go past it
    assert _refusal(demo_data, tmp_path, clock, doc) == (
        f"board.experiments[1].rev: at most {MAX_INT - 1} (an import is a save)"
    )
    doc["board"]["experiments"][1]["rev"] = MAX_INT - 1
    path = tmp_path / "fits.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    slug = import_file(demo_data, path, name="fits", replace=False, editor=IMPORTER, at=clock.now())
    assert MAX_INT in {e.rev for e in demo_data.load(slug).experiments}  # one more, saved


def test_pending_versions_that_are_not_a_list_are_refused(
    demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    doc = json.loads(render(demo_data.load("ken"), "json", today=TODAY))
    doc["pending"] = {"experiments": []}
    assert _refusal(demo_data, tmp_path, clock, doc) == (
        "pending: expected a list, got {'experiments': []}"
    )


def test_an_export_without_its_generator_and_name_imports_under_the_name_given(
    demo_data: DataDir, tmp_path: Path, clock: Clock
) -> None:
    doc = json.loads(render(demo_data.load("ken"), "json", today=TODAY))
    del doc["generator"], doc["slug"]
    path = tmp_path / "bare.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    slug = import_file(demo_data, path, name="bare", replace=False, editor=IMPORTER, at=clock.now())
    assert demo_data.load(slug).board.challenge == demo_data.load("ken").board.challenge
