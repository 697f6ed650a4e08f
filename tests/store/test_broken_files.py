"""Files that are not boards: one clear line naming the file, and the file untouched."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from kata_tui.domain.model import Board, Experiment, Role, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.store.board_file import BoardFile, Editor
from kata_tui.store.datadir import DataDir
from kata_tui.store.errors import BoardFileError, StoreError
from kata_tui.store.files import MAX_FILE_BYTES, parse_json, read_text
from tests.conftest import TODAY
from tests.store.conftest import kata

AT = datetime(2026, 11, 23, 10, 0)
GOOD = ["maria", "jonas", "aisha", "ken"]


def _good_text(data: DataDir) -> str:
    return data.board("maria").path.read_text()


def _first_line_then(data: DataDir, rest: str) -> bytes:
    """A real head line (so listings see a board) followed by ``rest``."""
    head = _good_text(data).split("\n", 1)[0]
    return (head + "\n" + rest).encode()


def _with_row_field(data: DataDir, table: str, field: str, raw: str) -> bytes:
    """The maria board with one field of the first row of ``table`` spelled as ``raw``."""
    lines = _good_text(data).split("\n")
    for n, line in enumerate(lines):
        if line.startswith(f'"{table}"'):
            key = f'"{field}":'
            at = line.index(key) + len(key)
            end = at
            depth = 0
            while True:  # the JSON value after the key, to the next , or } at depth 0
                ch = line[end]
                if ch in "[{":
                    depth += 1
                elif ch in "]}":
                    if depth == 0:
                        break
                    depth -= 1
                elif ch == "," and depth == 0:
                    break
                elif ch == '"':
                    end = line.index('"', end + 1)
                end += 1
            lines[n] = line[:at] + raw + line[end:]
            return "\n".join(lines).encode()
    raise AssertionError(table)


CASES = {
    "empty": (lambda d: b"", "empty"),
    "blank": (lambda d: b"  \n\n", "empty"),
    "truncated": (lambda d: _good_text(d).encode()[: len(_good_text(d)) // 2], "not valid JSON"),
    "cut-after-head": (lambda d: _first_line_then(d, ""), "not valid JSON"),
    "non-json": (lambda d: b"hello, this is a shopping list\n", "not a JSON file"),
    "binary": (lambda d: bytes(range(256)) * 4, "not a text file"),
    "list": (lambda d: b"[1, 2, 3]\n", "wrong shape"),
    "string": (lambda d: b'"board"\n', "wrong shape"),
    "no-board-table": (lambda d: b'{"_default": {}}\n', "not a kata-tui board"),
    "table-not-table": (lambda d: b'{"board": [1, 2]}\n', "not a kata-tui board"),
    "wrong-field-type": (
        lambda d: _with_row_field(d, "experiments", "number", '"three"'),
        "experiments[",
    ),
    "missing-reference": (
        lambda d: _with_row_field(d, "experiments", "target_id", '"nowhere"'),
        "no target condition",
    ),
    "two-boards": (
        lambda d: _good_text(d).replace('"board": {"1":', '"board": {"2": {}, "1":').encode(),
        "board",
    ),
    "newer-format": (
        lambda d: _good_text(d).replace('"format":1', '"format":99', 1).encode(),
        "newer kata-tui",
    ),
    "nan": (lambda d: _with_row_field(d, "readings", "value", "NaN"), "NaN"),
    "infinity": (lambda d: _with_row_field(d, "readings", "value", "-Infinity"), "Infinity"),
    "huge-float": (lambda d: _with_row_field(d, "readings", "value", "1e999"), "readings["),
    "huge-integer": (lambda d: _with_row_field(d, "readings", "value", "9" * 5000), "too long"),
    "big-integer": (lambda d: _with_row_field(d, "experiments", "number", "9" * 40), "number"),
    "duplicate-keys": (
        lambda d: _with_row_field(d, "experiments", "step", '"a", "step": "b"'),
        "duplicate key 'step'",
    ),
    "duplicate-tables": (
        lambda d: _good_text(d).replace('"cycles":', '"targets": {},\n"cycles":').encode(),
        "duplicate key 'targets'",
    ),
    "deeply-nested": (lambda d: b'{"board": ' + b"[" * 200_000 + b"]" * 200_000 + b"}", "deeply"),
    "deeply-nested-row": (
        lambda d: _with_row_field(d, "experiments", "step", "[" * 100_000 + "]" * 100_000),
        "deeply",
    ),
    "huge": (
        lambda d: _first_line_then(d, '"pad": "' + "x" * (50 * 1024 * 1024) + '"}\n'),
        "too large",
    ),
    "opened-with-a-bracket": (lambda d: ("[" + _good_text(d)[1:]).encode(), "not valid JSON"),
    "closed-with-a-bracket": (
        lambda d: (_good_text(d).rstrip()[:-1] + "]\n").encode(),
        "not valid JSON",
    ),
    "unknown-table": (
        lambda d: _good_text(d).replace('"cycles":', '"obstacle": {},\n"cycles":').encode(),
        "not a kata-tui board (unknown table 'obstacle')",
    ),
    "quote-in-a-table-name": (
        lambda d: _good_text(d).replace('"cycles":', '"cy\\"cles":').encode(),
        "unknown table 'cy\"cles'",
    ),
    "unknown-field": (lambda d: _with_row_field(d, "board", "coach", '"tom", "boss": 1'), "boss"),
}


@pytest.fixture
def broken(demo_data: DataDir, request: pytest.FixtureRequest) -> tuple[DataDir, Path, bytes, str]:
    make, expect = CASES[request.param]
    content = make(demo_data)
    path = demo_data.path / "broken.json"
    path.write_bytes(content)
    return demo_data, path, content, expect


@pytest.mark.parametrize("broken", list(CASES), indirect=True)
def test_broken_file_is_one_clear_error_and_stays_untouched(broken) -> None:
    data, path, content, expect = broken
    fresh = DataDir(data.path)
    with pytest.raises(BoardFileError) as caught:
        fresh.load("broken")
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expect in message
    assert "\n" not in message and len(message) < 300 + len(str(path))

    # a save is refused too: the file is never overwritten
    board = fresh.board("broken")
    good = fresh.load("ken")
    with pytest.raises(StoreError):
        board.commit([replace(good.board, coach="x")], Editor("t", Role.COACH), AT)
    assert path.read_bytes() == content

    # the other boards are still there for listing and loading
    summaries, problems = fresh.summaries()
    assert {s.slug for s in summaries} >= set(GOOD)
    assert all(p.path == path for p in problems)
    for slug in GOOD:
        assert fresh.load(slug).board.learner == slug
    assert [p.path for p in fresh.check()] == [path]
    assert path.read_bytes() == content


def test_kata_check_lists_each_problem_on_one_line(demo_data: DataDir) -> None:
    broken = ["truncated", "empty", "non-json", "list", "nan", "duplicate-keys", "deeply-nested"]
    for name in broken:
        make, _ = CASES[name]
        (demo_data.path / f"{name}.json").write_bytes(make(demo_data))
    (demo_data.path / "Not A Board.json").write_text("{}")
    before = {p.name: p.read_bytes() for p in demo_data.path.iterdir()}
    result = kata("check", "--data", str(demo_data.path))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(broken) + 1
    for name in broken:
        assert sum(line.startswith(f"{demo_data.path / name}.json: ") for line in lines) == 1
    assert any("Not A Board.json: file name is not a board name" in line for line in lines)
    assert {p.name: p.read_bytes() for p in demo_data.path.iterdir()} == before


def test_check_by_a_pool_of_processes_finds_the_same_problems(demo_data: DataDir) -> None:
    """kata check spreads many boards over the cores: the same lines, in board order."""
    names = [n for n in CASES if n not in ("huge", "deeply-nested")]
    for name in names:
        make, _ = CASES[name]
        (demo_data.path / f"{name}.json").write_bytes(make(demo_data))
    alone = DataDir(demo_data.path).check(workers=1)
    pooled = DataDir(demo_data.path).check(workers=3)
    assert pooled == alone
    assert sorted(p.path.stem for p in pooled) == sorted(names)
    assert [p.path for p in pooled] == sorted(p.path for p in pooled)


@pytest.mark.parametrize("name", ["truncated", "nan", "deeply-nested"])
def test_kata_board_on_a_broken_board_is_one_line_exit_2(demo_data: DataDir, name: str) -> None:
    make, expect = CASES[name]
    path = demo_data.path / "broken.json"
    path.write_bytes(make(demo_data))
    result = kata("broken", "--data", str(demo_data.path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"kata: {path}: ")
    assert expect in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_last_good_sets_the_broken_file_aside_and_brings_back_the_copy(
    demo_data: DataDir,
) -> None:
    board = demo_data.board("maria")
    story = board.load()
    editor = Editor("t", Role.LEARNER)
    assert demo_data.last_good("maria") is None  # created, never saved since
    story = board.commit([replace(story.board, challenge="first save")], editor, AT)
    story = board.commit([replace(story.board, challenge="second save")], editor, AT)
    last_good = demo_data.last_good("maria")
    assert last_good is not None
    assert BoardFile(last_good).load().board.challenge == "first save"

    board.path.write_text('{"_meta": {"1": {"revision": 3}},\n"board": {"1": {"lea')
    broken_bytes = board.path.read_bytes()
    # an earlier set-aside of the same second is not overwritten either
    taken = board.path.with_name("maria.json.broken-20261123T100000")
    taken.write_text("older broken file")

    aside = demo_data.restore_last_good("maria", AT)
    assert aside is not None and aside != taken
    assert aside.name.startswith("maria.json.broken-20261123T100000")
    assert aside.read_bytes() == broken_bytes
    assert taken.read_text() == "older broken file"
    restored = DataDir(demo_data.path).load("maria")
    assert restored.board.challenge == "first save"
    assert "maria" in DataDir(demo_data.path).slugs()
    assert not [p for p in DataDir(demo_data.path).check() if p.path.name == "maria.json"]
    # the restored board takes saves again
    again = DataDir(demo_data.path).board("maria")
    saved = again.commit([replace(restored.board, challenge="after restore")], editor, AT)
    assert DataDir(demo_data.path).load("maria").board.challenge == "after restore"
    assert saved.revision > restored.revision


def test_restore_without_a_last_good_copy_is_a_clear_error(demo_data: DataDir) -> None:
    path = demo_data.board("ken").path
    path.write_text("garbage")
    with pytest.raises(StoreError, match="no last good copy"):
        demo_data.restore_last_good("ken", AT)
    assert path.read_text() == "garbage"


def test_set_aside_moves_the_file_to_a_new_name(demo_data: DataDir) -> None:
    path = demo_data.board("ken").path
    content = path.read_bytes()
    first = demo_data.set_aside("ken", AT)
    assert not path.exists()
    assert first.read_bytes() == content
    path.write_bytes(b"second")
    second = demo_data.set_aside("ken", AT)
    assert second != first
    assert first.read_bytes() == content and second.read_bytes() == b"second"
    assert "ken" not in demo_data.slugs()


def test_replace_all_sets_a_broken_file_aside_instead_of_overwriting(demo_data: DataDir) -> None:
    board = demo_data.board("aisha")
    story = board.load()
    board.path.write_bytes(b"{broken")
    result = board.replace_all(story, Editor("t", Role.COACH), AT)
    assert result.board.learner == "aisha"
    aside = [p for p in demo_data.path.iterdir() if p.name.startswith("aisha.json.broken-")]
    assert len(aside) == 1 and aside[0].read_bytes() == b"{broken"
    assert demo_data.last_good("aisha") is None  # the broken file is no "good copy"
    assert DataDir(demo_data.path).load("aisha").board.learner == "aisha"


def test_size_limit_is_generous_for_real_boards(data: DataDir) -> None:
    """Years of daily coaching (1,000 steps with long notes) stay far under the limit."""
    target = TargetCondition(seq=1, pattern="p" * 2_000)
    note = "Changeover watched from start to first good part; " * 20  # ~1,000 characters
    steps = tuple(
        Experiment(target.id, n, TODAY, f"step {n} {note}", note, None, note, note)
        for n in range(1, 1_001)
    )
    story = Storyboard(board=Board("lea", "tom", "c"), targets=(target,), experiments=steps)
    data.create(story, Editor("t", Role.COACH), AT, slug="years")
    size = data.board("years").path.stat().st_size
    assert 4_000_000 < size < MAX_FILE_BYTES // 3
    assert len(DataDir(data.path).load("years").experiments) == 1_000


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (" \n", "the file is empty"),
        ("shopping list", "not a JSON file"),
        (
            '{"a": 1,}',
            "not valid JSON (Expecting property name enclosed in double quotes; line 1 column 9)",
        ),
        ('{"a": 1, "a": 2}', "not valid board data: duplicate key 'a'"),
        ('{"a": NaN}', "not valid board data: NaN is not a number JSON allows"),
        ('{"a": ' + "9" * 5000 + "}", "not valid board data: a number far too long"),
        ("[" * 100_000 + "]" * 100_000, "not valid board data: nested too deeply"),
    ],
)
def test_what_the_json_reader_refuses_is_said_in_one_line(text: str, reason: str) -> None:
    path = Path("board.json")
    with pytest.raises(BoardFileError) as caught:
        parse_json(text, path)
    assert str(caught.value) == f"board.json: {reason}"


def test_valid_json_that_is_not_tables_is_told_so_in_one_line(tmp_path: Path) -> None:
    for text in ("[1, 2, 3]\n", '{"board": {"1": {}}, "notes": [1]}'):
        path = tmp_path / "shape.json"
        path.write_text(text)
        with pytest.raises(BoardFileError) as caught:
            BoardFile(path).load()
        assert str(caught.value) == f"{path}: not a kata-tui board (wrong shape)"
    path.write_text('{"board": [1, 2]}\n')
    with pytest.raises(BoardFileError) as caught:
        BoardFile(path).load()
    assert str(caught.value) == f"{path}: not a kata-tui board (table 'board' is not a table)"


def test_the_size_limit_takes_a_file_of_exactly_the_limit(demo_data: DataDir) -> None:
    """A board padded to exactly ``MAX_FILE_BYTES`` loads; one byte more is refused."""
    text = _good_text(demo_data)
    path = demo_data.path / "padded.json"
    path.write_text(text + " " * (MAX_FILE_BYTES - len(text.encode())))
    assert path.stat().st_size == MAX_FILE_BYTES
    assert read_text(path).rstrip() == text.rstrip()
    assert DataDir(demo_data.path).load("padded") == DataDir(demo_data.path).load("maria")
    with path.open("a") as grow:
        grow.write(" ")
    with pytest.raises(BoardFileError) as caught:
        read_text(path)
    assert str(caught.value) == f"{path}: too large to be a board (16 MB)"


@pytest.mark.skipif(not Path("/proc/self/pagemap").exists(), reason="needs Linux /proc")
def test_a_file_longer_than_its_size_said_is_refused_past_the_limit() -> None:
    """The size a stat gives can be less than what a read returns (a file that
    grows while it is read, a /proc file that says 0 bytes): the read still
    stops one byte past the limit and refuses, never holding more in memory."""
    path = Path("/proc/self/pagemap")  # a regular file of size 0 that reads as gigabytes
    assert path.stat().st_size == 0
    with pytest.raises(BoardFileError) as caught:
        read_text(path)
    assert str(caught.value) == f"{path}: too large to be a board (it grew while being read)"


def test_a_fifo_or_directory_under_a_board_name_is_refused_without_hanging(
    demo_data: DataDir,
) -> None:
    import os

    os.mkfifo(demo_data.path / "pipe.json")
    (demo_data.path / "folder.json").mkdir()
    fresh = DataDir(demo_data.path)
    for slug in ("pipe", "folder"):
        with pytest.raises(BoardFileError, match="is not a regular file"):
            fresh.load(slug)
        assert fresh.board(slug).head() is None
    summaries, problems = fresh.summaries()
    assert {s.slug for s in summaries} == set(GOOD)
    assert sorted(p.path.name for p in problems) == ["folder.json", "pipe.json"]
    assert sorted(p.path.name for p in fresh.check()) == ["folder.json", "pipe.json"]


def test_learnings_read_by_a_pool_are_those_read_alone(demo_data: DataDir) -> None:
    from kata_tui.domain.history import order

    (demo_data.path / "broken.json").write_bytes(CASES["truncated"][0](demo_data))
    slugs = DataDir(demo_data.path).slugs()
    alone = list(DataDir(demo_data.path).learnings_apart(slugs, workers=1))
    pooled = list(DataDir(demo_data.path).learnings_apart(slugs, workers=2))
    assert len(pooled) > 1  # came back in groups
    found = sorted((e for group, _ in pooled for e in group), key=order)
    assert found == sorted((e for group, _ in alone for e in group), key=order)
    assert len(found) > 10
    assert [f for _, failed in pooled for f in failed] == ["broken"]


@pytest.mark.parametrize(
    ("boards", "cores", "expected"),
    [(63, 2, 1), (64, 2, 2), (2000, 1, 1), (2000, 2, 2), (2000, 8, 4)],
)
def test_many_boards_are_read_by_one_process_per_core_busy_or_not(
    monkeypatch: pytest.MonkeyPatch, boards: int, cores: int, expected: int
) -> None:
    """On a busy server two processes still get twice the CPU of one."""
    from kata_tui.store import datadir

    monkeypatch.setattr(datadir.os, "sched_getaffinity", lambda pid: set(range(cores)))
    for load in (0.1, 1.2, 9.5):
        monkeypatch.setattr(datadir.os, "getloadavg", lambda load=load: (load, load, load))
        assert datadir._workers(boards) == expected


def _with_head(data: DataDir, head: str | None) -> Path:
    """The maria board with its ``_meta`` line replaced by ``head`` (None: no such line)."""
    lines = _good_text(data).split("\n")
    rest = "\n".join(lines[1:])
    text = "{" + rest if head is None else "{" + head + ",\n" + rest
    path = data.path / "headed.json"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        ('"_meta": {"1": 7}', "not a kata-tui board (bad _meta)"),
        ('"_meta": {"1": {"format": 99}}', "written by a newer kata-tui (format 99)"),
        ('"_meta": {"1": {"format": "1"}}', "written by a newer kata-tui (format '1')"),
        ('"_meta": {"1": {"revision": "2"}}', "not a kata-tui board (bad revision)"),
        ('"_meta": {"1": {"revision": true}}', "not a kata-tui board (bad revision)"),
    ],
)
def test_a_bad_head_line_is_named_whole(demo_data: DataDir, head: str, reason: str) -> None:
    path = _with_head(demo_data, head)
    with pytest.raises(BoardFileError) as caught:
        BoardFile(path).load()
    assert str(caught.value) == f"{path}: {reason}"


@pytest.mark.parametrize("head", [None, '"_meta": {}', '"_meta": {"1": {"format": 1}}'])
def test_a_file_without_a_revision_loads_as_revision_0(
    demo_data: DataDir, head: str | None
) -> None:
    """A board written by hand or by TinyDB itself carries no revision: it is
    revision 0, and its first save makes it 1."""
    path = _with_head(demo_data, head)
    board = BoardFile(path)
    story = board.load()
    assert story.revision == 0 and story.board == demo_data.load("maria").board
    saved = board.commit([replace(story.board, coach="first save")], Editor("t", Role.COACH), AT)
    assert saved.revision == 1 == BoardFile(path).load().revision
