"""One contract for board files, as a property (issue 13, "What must hold").

Whatever ``kata check`` accepts, every export, import, save, follow and restore
handles without a traceback, and the board screen mounts and takes keys;
whatever one of them cannot handle, ``kata check`` and ``kata import`` refuse
in one line naming the file and the field. Hypothesis generates the boards,
valid and subtly broken; in CI (``CI`` set) the run is derandomized, so every
CI run tries the same boards.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import tempfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kata_tui.domain.clock import Clock
from kata_tui.domain.codec import decode_storyboard
from kata_tui.domain.errors import InvalidInput, KataError
from kata_tui.domain.model import Role
from kata_tui.export.formats import FORMATS, render
from kata_tui.export.importer import ImportRefused, import_file
from kata_tui.export.json_format import render_json
from kata_tui.store.board_file import Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import StoreError
from kata_tui.store.session import BoardSession
from tests.contract.boards import Damage, board_tables, damage

TODAY = date(2026, 11, 23)
AT = datetime(2026, 11, 23, 10, 0)
ME = Editor("contract", Role.COACH)
CI = bool(os.environ.get("CI"))


def contract(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=CI,
        # in CI a failure is reported as found: shrinking one can take minutes
        phases=[Phase.explicit, Phase.reuse, Phase.generate] if CI else list(Phase),
        database=None if CI else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Workspace:
    """A fresh data directory per example (Hypothesis runs many in one test)."""

    def __enter__(self) -> Path:
        self.root = Path(tempfile.mkdtemp(prefix="kata-contract-"))
        return self.root

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _write_board(root: Path, rows: dict[str, list[dict[str, Any]]]) -> DataDir | None:
    """The board as a file in a new data directory; None if it is not a board at all."""
    data = DataDir.open(root / "data")
    try:
        story = decode_storyboard(rows)
    except InvalidInput:
        return None
    data.create(story, ME, AT, slug="b")
    return data


def _damage_file(data: DataDir, harm: Damage, doc_id: str | None) -> bool:
    path = data.board("b").path
    tables = json.loads(path.read_text())
    lists = {name: list(table.values()) for name, table in tables.items() if name != "_meta"}
    changed = harm.apply(lists)
    if doc_id is not None and tables.get(harm.table):
        first = next(iter(tables[harm.table]))
        tables[harm.table][doc_id] = tables[harm.table].pop(first)
        changed = True
    path.write_text(json.dumps(tables))  # NaN written as NaN: the loader must refuse it
    return changed


def _one_line_naming(message: str, *names: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message, message
    assert any(name in message for name in names), (names, message)


def _everything_handles(data: DataDir, root: Path) -> None:
    """A board check accepted: every export, import, save, follow and restore."""
    story = data.load("b")
    DataDir(data.path).board("b").summary()
    for fmt in FORMATS:
        render(story, fmt, today=TODAY)
    export = root / "b.export.json"
    export.write_text(render_json(story, TODAY), encoding="utf-8")
    other = DataDir.open(root / "other")
    import_file(other, export, name="copy", replace=False, editor=ME, at=AT)
    copied = other.load("copy")
    assert {r.id for r in copied.experiments} == {r.id for r in story.experiments}
    import_file(other, export, name="copy", replace=True, editor=ME, at=AT)
    assert other.check() == []
    session = BoardSession(DataDir(data.path), "b", ME, Clock.fixed(TODAY))
    follower = BoardSession(
        DataDir(data.path), "b", Editor("f", Role.SECOND_COACH), Clock.fixed(TODAY)
    )
    session.save(replace(session.story.board, challenge="saved once"))
    session.save(replace(session.story.board, challenge="saved twice"))
    assert follower.poll() is not None
    assert DataDir(data.path).check() == []
    data.board("b").path.write_text("{broken")
    DataDir(data.path).restore_last_good("b", AT)
    assert DataDir(data.path).load("b").board.challenge == "saved once"


@contract(150)
@given(
    rows=board_tables(),
    harm=st.none() | damage(),
    doc_id=st.sampled_from([None] * 6 + ["01", "x", "0", "+1"]),
)
def test_what_check_accepts_everything_handles_and_the_rest_is_one_line(
    rows: dict[str, list[dict[str, Any]]], harm: Damage | None, doc_id: str | None
) -> None:
    with Workspace() as root:
        data = _write_board(root, rows)
        if data is None:
            return  # the model refused it before a file existed: nothing to check
        if harm is not None or doc_id is not None:
            _damage_file(data, harm or Damage("board", 0, "", None, "none"), doc_id)
        problems = DataDir(data.path).check()
        if problems:
            assert [p.path.name for p in problems] == ["b.json"]
            field = harm.table if harm is not None and harm.how != "none" else "b.json"
            _one_line_naming(problems[0].message, field, "board", "id", "not valid", "JSON")
            return
        _everything_handles(data, root)


@contract(120)
@given(rows=board_tables(), harm=damage())
def test_what_import_accepts_check_accepts_and_the_rest_is_one_line(
    rows: dict[str, list[dict[str, Any]]], harm: Damage
) -> None:
    with Workspace() as root:
        try:
            story = decode_storyboard(rows)
        except InvalidInput:
            return
        doc = json.loads(render_json(replace(story, slug="b"), TODAY))
        harm.apply(doc["board"])
        path = root / "in.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        data = DataDir.open(root / "data")
        try:
            import_file(data, path, name=None, replace=False, editor=ME, at=AT)
        except ImportRefused as exc:
            _one_line_naming(str(exc), str(path))
            assert data.slugs() == []
            return
        assert DataDir(data.path).check() == []
        _everything_handles(data, root)


@contract(10)
@given(
    rows=board_tables(),
    follow=st.booleans(),
    keys=st.lists(
        st.sampled_from(
            [
                "tab",
                "e",
                "escape",
                "h",
                "escape",
                "l",
                "escape",
                "c",
                "enter",
                "pagedown",
                "ctrl+t",
                "escape",
            ]
        ),
        max_size=6,
    ),
)
def test_every_accepted_board_opens_on_the_board_screen(
    rows: dict[str, list[dict[str, Any]]], follow: bool, keys: list[str]
) -> None:
    from kata_tui.ui.app import KataApp

    with Workspace() as root:
        data = _write_board(root, rows)
        if data is None or DataDir(data.path).check():
            return
        app = KataApp(
            DataDir(data.path), editor=ME, clock=Clock.fixed(TODAY), board="b", follow=follow
        )

        async def run() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                for key in keys:
                    await pilot.press(key)
                await pilot.pause()

        try:
            asyncio.run(run())
        except (KataError, StoreError) as exc:  # pragma: no cover - shown as a failure
            raise AssertionError(f"the app ended in {exc!r}") from exc
