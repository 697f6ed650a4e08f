"""``kata`` as a person runs it, in a real process: one clear line for every mistake."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path

import pytest

from kata_tui import __version__
from kata_tui.domain.model import ObstacleStatus, TargetStatus
from kata_tui.store.datadir import DataDir
from tests.ui.pty_app import running

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A private HOME and XDG_DATA_HOME: tests never touch the real home."""
    path = tmp_path / "home"
    path.mkdir()
    return path


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("KATA_DATA", "KATA_ROLE", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "TMPDIR")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "xdg"),
        XDG_CONFIG_HOME=str(home / "config"),
        KATA_SYSTEM_CONFIG=str(home / "etc" / "config.toml"),
        TMPDIR=str(home / "tmp"),
        KATA_TODAY="2026-11-23",
        USER="cli-user",
        PYTHONPATH=str(REPO),
    )
    (home / "tmp").mkdir(exist_ok=True)
    env.update(extra)
    return env


def kata(home: Path, *args: str | Path, command: list[str] | None = None, **extra: str):
    return subprocess.run(
        [*(command or [sys.executable, "-m", "kata_tui.cli"]), *map(str, args)],
        capture_output=True,
        text=True,
        env=_env(home, **extra),
        cwd=home,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def assert_user_error(result: subprocess.CompletedProcess, *expected: str) -> str:
    """Exit 2, nothing on stdout, exactly one line on stderr, no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    line = result.stderr.rstrip("\n")
    assert line.startswith("kata: ")
    for text in expected:
        assert text in line
    return line


@pytest.fixture
def demo_dir(home: Path) -> Path:
    target = home / "plant"
    result = kata(home, "demo", "--no-open", "--data", target)
    assert result.returncode == 0, result.stderr
    return target


def test_version(home: Path) -> None:
    result = kata(home, "--version")
    assert result.returncode == 0
    assert result.stdout == f"kata-tui {__version__}\n"


def test_help_names_every_command(home: Path) -> None:
    result = kata(home, "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: kata")
    for word in ("demo", "check", "follow", "export", "import", "--data", "--version"):
        assert word in result.stdout
    for command in ("demo", "check", "follow"):
        sub = kata(home, command, "--help")
        assert sub.returncode == 0 and sub.stdout.startswith(f"usage: kata {command}")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["maria", "jonas"], "unrecognized arguments: jonas"),
        (["check", "--frobnicate"], "unrecognized arguments: --frobnicate"),
        (["demo", "--data"], "expected one argument"),
        (["--role", "boss"], "invalid choice: 'boss'"),
        (["follow"], "the following arguments are required: board"),
    ],
)
def test_unknown_arguments(home: Path, args: list[str], expected: str) -> None:
    line = assert_user_error(kata(home, *args), expected)
    assert line.endswith("(see kata --help)")


def test_missing_board(home: Path, demo_dir: Path) -> None:
    assert_user_error(kata(home, "nobody", "--data", demo_dir), "no board 'nobody'", str(demo_dir))
    assert_user_error(kata(home, "follow", "nobody", "--data", demo_dir), "no board 'nobody'")
    assert_user_error(kata(home, "../etc/passwd", "--data", demo_dir), "is not a board name")


def test_missing_data_directory(home: Path) -> None:
    missing = home / "missing"
    assert_user_error(kata(home, "check", "--data", missing), f"{missing}: no such data directory")
    assert_user_error(kata(home, "follow", "maria", "--data", missing), "no such data directory")
    assert not missing.exists()


def test_kata_data_pointing_to_a_file(home: Path) -> None:
    file = home / "notes.txt"
    file.write_text("not a directory")
    for args in (["check"], ["maria"], [], ["demo", "--no-open"]):
        if args and args[0] == "demo":
            result = kata(home, *args, "--data", file)
        else:
            result = kata(home, *args, KATA_DATA=str(file))
        assert_user_error(result, f"{file}: not a directory")
    assert file.read_text() == "not a directory"


def test_bad_kata_today(home: Path) -> None:
    assert_user_error(kata(home, "check", KATA_TODAY="someday"), "KATA_TODAY='someday'")
    assert kata(home, "--version", KATA_TODAY="someday").returncode == 0


def test_unreadable_data_directory(home: Path, open_dir: Path) -> None:
    data = open_dir / "data"
    data.mkdir()
    (data / "maria.json").write_text("{}")
    data.chmod(0o000 if os.geteuid() != 0 else 0o700)
    drop = (
        "import gettext, locale, os, platformdirs, shutil, sys\n"  # imported late by cli
        "from kata_tui.cli import main\n"  # import first: the interpreter may sit under /root
        "if os.geteuid() == 0:\n"
        "    os.setgroups([]); os.setgid(65534); os.setuid(65534)\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env_home = open_dir / "home"
    env_home.mkdir()
    env_home.chmod(0o777)
    try:
        for args in (["check"], ["maria"], ["follow", "maria"]):
            result = kata(env_home, *args, "--data", data, command=[sys.executable, "-c", drop])
            assert_user_error(result, str(data), "data directory is not readable")
    finally:
        data.chmod(0o755)


def test_default_data_directory_is_the_user_data_dir(home: Path) -> None:
    result = kata(home, "check")
    expected = home / "xdg" / "kata-tui"
    assert_user_error(result, f"{expected}: no such data directory")
    expected.mkdir(parents=True)
    result = kata(home, "check")
    assert result.returncode == 0 and result.stderr == "0 boards, all good\n"
    via_env = home / "via-env"
    kata(home, "demo", "--no-open", "--data", via_env)
    result = kata(home, "check", KATA_DATA=str(via_env))
    assert result.returncode == 0 and result.stderr == "4 boards, all good\n"
    result = kata(home, "check", "--data", expected, KATA_DATA=str(via_env))
    assert result.stderr == "0 boards, all good\n"  # --data wins over KATA_DATA


def test_check_good_and_bad(home: Path, demo_dir: Path) -> None:
    result = kata(home, "check", "--data", demo_dir)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "" and result.stderr == "4 boards, all good\n"
    (demo_dir / "broken.json").write_text('{"board": ')
    (demo_dir / "empty.json").write_text("")
    result = kata(home, "check", "--data", demo_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert sorted(result.stdout.splitlines()) == [
        f"{demo_dir / 'broken.json'}: not valid JSON (Expecting value; line 1 column 11)",
        f"{demo_dir / 'empty.json'}: the file is empty",
    ]


def test_unknown_tables_are_refused_by_import_and_check(home: Path, demo_dir: Path) -> None:
    """A typo'd table name ("obstacle") is never silently dropped: one line names it."""
    exported = kata(home, "export", "maria", "--format", "json", "--data", demo_dir)
    doc = json.loads(exported.stdout)
    doc["board"]["obstacle"] = []
    typo = home / "typo.json"
    typo.write_text(json.dumps(doc), encoding="utf-8")
    result = kata(home, "import", typo, "--as", "typo", "--data", demo_dir)
    assert_user_error(result, f"{typo}: board.obstacle: unknown table")
    assert not (demo_dir / "typo.json").exists()

    board = demo_dir / "maria.json"
    board.write_text(board.read_text().replace('\n"obstacles": ', '\n"obstacle": '))
    result = kata(home, "check", "--data", demo_dir)
    assert result.returncode == 1
    assert result.stdout == f"{board}: not a kata-tui board (unknown table 'obstacle')\n"


def test_demo_creates_a_rich_plant_in_the_given_directory(home: Path, demo_dir: Path) -> None:
    data = DataDir.open(demo_dir, create=False)
    assert data.slugs() == ["aisha", "jonas", "ken", "maria"]
    boards = [data.load(slug) for slug in data.slugs()]
    assert len({b.board.coach for b in boards}) >= 2
    assert all(len(b.targets) >= 2 for b in boards)  # target-condition history
    assert all(
        {t.status for t in b.targets} >= {TargetStatus.ACHIEVED, TargetStatus.ACTIVE}
        for b in boards
    )
    assert {o.status for b in boards for o in b.obstacles} == set(ObstacleStatus)
    assert sum(len(b.experiments) for b in boards) >= 12  # each step its own, none repeated
    assert sum(len(b.cycles) for b in boards) >= 8
    assert all(b.board.stamp is not None for b in boards)


def test_demo_twice_into_one_directory_adds_no_copies(home: Path, demo_dir: Path) -> None:
    before = {p.name: p.read_bytes() for p in demo_dir.glob("*.json")}
    result = kata(home, "demo", "--no-open", "--data", demo_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{demo_dir}\n"
    after = {p.name: p.read_bytes() for p in demo_dir.glob("*.json")}
    for name, content in before.items():
        assert after[name] == content
    assert after == before  # no copies: the sample boards are opened as they are
    assert result.stderr.startswith(f"kept 4 sample boards already in {demo_dir}")


def test_demo_without_data_makes_a_new_temporary_directory(home: Path) -> None:
    first = kata(home, "demo", "--no-open")
    second = kata(home, "demo", "--no-open")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one, two = Path(first.stdout.strip()), Path(second.stdout.strip())
    assert one != two
    for path in (one, two):
        assert path.parent == home / "tmp"
        assert sorted(p.name for p in path.glob("*.json")) == [
            "aisha.json",
            "jonas.json",
            "ken.json",
            "maria.json",
        ]
    assert not (home / "xdg").exists()  # the user's own data directory is left alone


def test_the_installed_kata_script(home: Path) -> None:
    script = shutil.which("kata", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the kata console script is not installed next to this Python")
    result = kata(home, "--version", command=[script])
    assert result.returncode == 0
    assert result.stdout == f"kata-tui {__version__}\n"
    assert_user_error(kata(home, "--nope", command=[script]), "unrecognized arguments")


def test_hostile_file_names_stay_on_one_line_without_escapes(home: Path, demo_dir: Path) -> None:
    (demo_dir / "Evil\n\x1b[31mName.json").write_text("{}")
    result = kata(home, "check", "--data", demo_dir)
    assert result.returncode == 1
    assert result.stdout.count("\n") == 1
    assert "\x1b" not in result.stdout
    assert "Evil / ^[[31mName.json: file name is not a board name; ignored" in result.stdout
    line = assert_user_error(kata(home, "check", "--data", home / "new\nline\x07"))
    assert "\x07" not in line and "new / line^G" in line


# -- the command line's shape: options anywhere, any board name, no empty value -------


def _exported(home: Path, demo_dir: Path, board: str = "maria") -> Path:
    out = home / f"{board}-export.json"
    result = kata(home, "export", board, "--format", "json", "-o", out, "--data", demo_dir)
    assert result.returncode == 0, result.stderr
    return out


NO_TERMINAL = "kata needs a terminal"


@pytest.mark.parametrize("where", ["before", "after"])
def test_check_and_export_take_the_global_options_before_or_after(
    home: Path, demo_dir: Path, where: str
) -> None:
    def run(command: list[str], *options: str | Path) -> subprocess.CompletedProcess:
        if where == "before":
            return kata(home, *options, *command)
        return kata(home, *command, *options)

    checked = run(["check"], "--data", demo_dir, "--role", "coach")
    assert checked.returncode == 0 and checked.stderr == "4 boards, all good\n", checked.stderr
    exported = run(["export", "jonas", "--format", "csv"], "--data", demo_dir)
    assert exported.returncode == 0, exported.stderr
    assert "number,date,obstacle" in exported.stdout.splitlines()[0]


@pytest.mark.parametrize("where", ["before", "after"])
def test_import_takes_the_role_before_or_after(home: Path, demo_dir: Path, where: str) -> None:
    source = _exported(home, demo_dir)
    record = json.loads(source.read_text(encoding="utf-8"))
    record["board"]["board"][0]["stamp"] = None  # an unstamped record takes the importer's stamp
    source.write_text(json.dumps(record), encoding="utf-8")
    plant = home / "other"
    options = ["--role", "coach", "--data", str(plant)]
    command = ["import", str(source), "--as", "maria-copy"]
    args = [*options, *command] if where == "before" else [*command, *options]
    result = kata(home, *args)
    assert result.returncode == 0, result.stderr
    story = DataDir.open(plant, create=False).load("maria-copy")
    assert story.board.stamp is not None
    assert (story.board.stamp.by, story.board.stamp.role.value) == ("cli-user", "coach")


@pytest.mark.parametrize(
    "command",
    [["config"], ["demo", "--no-open"], ["sync", "status"], ["check"], ["export", "maria"]],
)
def test_every_command_reads_the_global_options_alike_before_or_after(
    home: Path, demo_dir: Path, command: list[str]
) -> None:
    """The same options before the command or after it: the same outcome, and the
    data directory and role they name are the ones used."""
    plant = demo_dir
    options = ["--data", str(plant), "--role", "coach", "--ascii"]
    before = kata(home, *options, *command)
    after = kata(home, *command, *options)
    assert (before.returncode, before.stdout, before.stderr) == (
        after.returncode,
        after.stdout,
        after.stderr,
    )
    if command == ["config"]:
        assert f"data = {plant}    (--data)" in before.stdout
        assert "role = coach    (--role)" in before.stdout
    elif command[0] == "sync":
        assert_user_error(before, f"{plant} is not synced yet")
    else:
        assert before.returncode == 0, before.stderr


def test_an_option_after_the_command_wins_over_the_same_before(home: Path, demo_dir: Path) -> None:
    empty = home / "empty"
    empty.mkdir()
    result = kata(home, "--data", demo_dir, "check", "--data", empty)
    assert result.stderr == "0 boards, all good\n"
    result = kata(home, "--data", empty, "check", "--role", "coach")
    assert result.stderr == "0 boards, all good\n"  # not reset by the command's own defaults


@pytest.mark.parametrize(
    "args",
    [
        ["--data", "{d}", "maria"],
        ["maria", "--data", "{d}"],
        ["--role", "coach", "--data", "{d}", "open", "maria"],
        ["open", "maria", "--role", "coach", "--data", "{d}"],
        ["--data", "{d}", "--role", "coach", "follow", "maria"],
        ["follow", "maria", "--data", "{d}", "--role", "second-coach"],
        ["--data", "{d}", "--", "maria"],
    ],
)
def test_the_app_commands_take_options_before_or_after(
    home: Path, demo_dir: Path, args: list[str]
) -> None:
    """Parsed, board found: what stops them is only the missing terminal."""
    result = kata(home, *[a.format(d=demo_dir) for a in args])
    assert_user_error(result, NO_TERMINAL)


def test_a_board_named_like_a_command_opens_with_open(home: Path, demo_dir: Path) -> None:
    source = _exported(home, demo_dir)
    for name in ("check", "demo"):
        assert kata(home, "import", source, "--as", name, "--data", demo_dir).returncode == 0
        assert_user_error(kata(home, "--data", demo_dir, "open", name), NO_TERMINAL)
        assert_user_error(kata(home, "--data", demo_dir, "--", name), NO_TERMINAL)
    assert_user_error(kata(home, "open", "follow", "--data", demo_dir), "no board 'follow'")
    checked = kata(home, "--data", demo_dir, "check")  # still the command
    assert checked.returncode == 0 and checked.stderr == "6 boards, all good\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([""], "argument board: empty board name"),
        (["  "], "empty board name"),
        (["open", ""], "empty board name"),
        (["follow", ""], "empty board name"),
        (["export", ""], "empty board name"),
        (["--data", "", "check"], "argument --data: empty directory name"),
        (["--data=", "maria"], "empty directory name"),
        (["check", "--data", ""], "empty directory name"),
        (["demo", "--no-open", "--data", ""], "empty directory name"),
        (["--data", ""], "empty directory name"),
        (["--role", "", "check"], "invalid choice: ''"),
        (["export", "maria", "--format", ""], "invalid choice: ''"),
        (["export", "maria", "-o", ""], "argument -o/--output: empty file name"),
        (["import", ""], "argument file: empty file name"),
        (["import", "x.json", "--as", ""], "argument --as: empty board name"),
    ],
)
def test_an_empty_value_is_one_line_and_exit_2(home: Path, args: list[str], expected: str) -> None:
    (home / "tmp").mkdir()
    before = sorted(p.name for p in home.iterdir())
    assert_user_error(kata(home, *args), expected)
    assert sorted(p.name for p in home.iterdir()) == before  # nothing written where it ran


# -- no terminal: one line and exit 2, never escape codes in a pipe or a hang ------------


def _taking(fd: int) -> Callable[[], None]:
    """In the child, after setsid: make the pty ``fd`` its controlling terminal."""

    def take() -> None:
        fcntl.ioctl(fd, termios.TIOCSCTTY, 0)

    return take


def _drain(fd: int) -> bytes:
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except (BlockingIOError, OSError):
            return out
        if not chunk:
            return out
        out += chunk


@pytest.mark.parametrize(
    ("tty", "reason"),
    [
        ({"stdout", "stderr"}, "the input is not a terminal"),
        ({"stdin", "stderr"}, "the output is not a terminal"),
        ({"stdin", "stdout"}, "the error output is not a terminal"),
        ({"stderr"}, "the input is not a terminal"),
        (set(), "the input is not a terminal"),
    ],
)
def test_without_a_terminal_the_app_says_so(
    home: Path, demo_dir: Path, tty: set[str], reason: str
) -> None:
    master, slave = os.openpty()
    try:
        streams = {
            name: (slave if name in tty else subprocess.PIPE)
            for name in ("stdin", "stdout", "stderr")
        }
        if "stdin" not in tty:
            streams["stdin"] = subprocess.DEVNULL
        for args in (["maria"], [], ["follow", "maria"], ["demo"]):
            proc = subprocess.run(
                [sys.executable, "-m", "kata_tui.cli", "--data", str(demo_dir), *args],
                env=_env(home),
                cwd=home,
                timeout=60,
                check=False,
                start_new_session=True,
                preexec_fn=_taking(slave),
                pass_fds=(slave,),
                **streams,
            )
            shown = _drain(master)
            err = proc.stderr if "stderr" not in tty else shown.replace(b"\r\n", b"\n")
            assert proc.returncode == 2, (args, err)
            hint = "(over SSH: ssh -t; for a report: kata check or kata export)"
            assert err == f"kata: {NO_TERMINAL}: {reason} {hint}\n".encode(), args
            assert (proc.stdout or b"") == b""
            assert b"\x1b" not in shown
    finally:
        os.close(master)
        os.close(slave)


def test_without_a_controlling_terminal_the_app_says_so(home: Path, demo_dir: Path) -> None:
    """A pty on all three streams but not the session's terminal (cron, a daemon)."""
    master, slave = os.openpty()
    try:
        for args in (["maria"], []):
            proc = subprocess.run(
                [sys.executable, "-m", "kata_tui.cli", "--data", str(demo_dir), *args],
                env=_env(home),
                cwd=home,
                timeout=60,
                check=False,
                start_new_session=True,
                stdin=slave,
                stdout=slave,
                stderr=slave,
            )
            shown = _drain(master).replace(b"\r\n", b"\n")
            assert proc.returncode == 2, shown
            assert (
                shown
                == (
                    f"kata: {NO_TERMINAL}: there is no controlling terminal"
                    " (over SSH: ssh -t; for a report: kata check or kata export)\n"
                ).encode()
            )
    finally:
        os.close(master)
        os.close(slave)


def test_demo_without_a_terminal_leaves_no_folder(home: Path) -> None:
    assert_user_error(kata(home, "demo"), NO_TERMINAL)
    assert list((home / "tmp").iterdir()) == []
    assert_user_error(kata(home, "--role", "coach"), NO_TERMINAL)
    assert not (home / "xdg").exists()  # the user's data directory is not made for nothing


# -- in a terminal ---------------------------------------------------------------------


@pytest.mark.slow
def test_demo_removes_its_temporary_folder_on_exit(home: Path) -> None:
    tmp = home / "tmp"
    tmp.mkdir()
    with running(["demo"], env={"TMPDIR": str(tmp), "HOME": str(home)}) as app:
        app.wait_for("maria", "jonas")
        assert [p.name[:10] for p in tmp.iterdir()] == ["kata-demo-"]
        assert app.quit() == 0
    assert list(tmp.iterdir()) == []


@pytest.mark.slow
def test_demo_keeps_the_folder_given_with_data(home: Path) -> None:
    plant = home / "plant"
    with running(["--role", "coach", "demo", "--data", str(plant)]) as app:
        app.wait_for("maria", "jonas")
        assert app.quit() == 0
    assert sorted(p.name for p in plant.glob("*.json")) == [
        "aisha.json",
        "jonas.json",
        "ken.json",
        "maria.json",
    ]


@pytest.mark.slow
def test_open_shows_a_board_named_like_a_command(home: Path, demo_dir: Path) -> None:
    source = _exported(home, demo_dir, "ken")
    assert kata(home, "import", source, "--as", "check", "--data", demo_dir).returncode == 0
    with running(["--data", str(demo_dir), "open", "check"]) as app:
        app.wait_for("Coaching Kata", "ken")
        assert app.quit() == 0


# -- settings: flag > environment > user config > system config > default --------------


def _config(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _user_config(home: Path) -> Path:
    return home / "config" / "kata-tui" / "config.toml"


def _system_config(home: Path) -> Path:
    return home / "etc" / "config.toml"


def _shown(result: subprocess.CompletedProcess) -> dict[str, str]:
    assert result.returncode == 0, result.stderr
    return dict(line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)


def test_kata_config_shows_each_value_and_where_it_came_from(home: Path) -> None:
    shown = _shown(kata(home, "config"))
    assert shown == {
        "data": f"{home / 'xdg' / 'kata-tui'}    (default)",
        "role": "learner    (default)",
    }
    system = _config(_system_config(home), 'data = "/srv/kata"\nrole = "learner"\n')
    assert _shown(kata(home, "config")) == {
        "data": f"/srv/kata    ({system})",
        "role": f"learner    ({system})",
    }
    user = _config(_user_config(home), 'role = "second coach"\n')
    assert _shown(kata(home, "config")) == {
        "data": f"/srv/kata    ({system})",
        "role": f"second-coach    ({user})",
    }
    shown = _shown(kata(home, "config", KATA_DATA="/plant", KATA_ROLE="coach"))
    assert shown == {"data": "/plant    (KATA_DATA)", "role": "coach    (KATA_ROLE)"}
    shown = _shown(kata(home, "--data", "/x", "config", "--role", "learner", KATA_DATA="/y"))
    assert shown == {"data": "/x    (--data)", "role": "learner    (--role)"}
    lines = kata(home, "config").stdout.splitlines()
    assert lines[2:] == [f"user config: {user} (found)", f"system config: {system} (found)"]


def test_the_system_config_serves_a_command_run_over_ssh(home: Path, demo_dir: Path) -> None:
    """``ssh host kata check`` reads no login profile: no KATA_DATA, the file says where."""
    _config(_system_config(home), f'data = "{demo_dir}"\n')
    result = kata(home, "check")
    assert result.returncode == 0 and result.stderr == "4 boards, all good\n", result.stderr
    assert_user_error(kata(home, "maria"), NO_TERMINAL)  # found the board there
    other = home / "other"
    other.mkdir()
    _config(_user_config(home), 'data = "../../other"\n')  # from the file's folder
    assert kata(home, "check").stderr == "0 boards, all good\n"


def _unstamped(home: Path, demo_dir: Path) -> Path:
    source = _exported(home, demo_dir)
    record = json.loads(source.read_text(encoding="utf-8"))
    record["board"]["board"][0]["stamp"] = None
    source.write_text(json.dumps(record), encoding="utf-8")
    return source


def _role_of_import(home: Path, source: Path, *args: str, **env: str) -> str:
    plant = home / f"plant-{len(list(home.iterdir()))}"
    result = kata(home, *args, "import", source, "--data", plant, **env)
    assert result.returncode == 0, result.stderr
    stamp = DataDir.open(plant, create=False).load("maria").board.stamp
    assert stamp is not None
    return stamp.role.value


def test_a_coach_who_forgets_role_is_stamped_coach_by_the_config(
    home: Path, demo_dir: Path
) -> None:
    source = _unstamped(home, demo_dir)
    assert _role_of_import(home, source) == "learner"
    _config(_system_config(home), 'role = "second-coach"\n')
    assert _role_of_import(home, source) == "second coach"
    _config(_user_config(home), 'role = "coach"\n')
    assert _role_of_import(home, source) == "coach"
    assert _role_of_import(home, source, KATA_ROLE="learner") == "learner"
    assert _role_of_import(home, source, "--role", "second-coach") == "second coach"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("data = \n", "config is not valid TOML (Invalid value (at line 1, column 8))"),
        ('dta = "/srv"\n', "unknown setting 'dta' (known: data, role)"),
        ('role = "boss"\n', "role 'boss' is not one of learner, coach, second-coach"),
        ('data = ""\n', "data must be a non-empty string"),
        ("data = 3\n", "data must be a non-empty string"),
        ("[kata]\ndata = '/srv'\n", "unknown setting 'kata'"),
    ],
)
def test_a_bad_config_file_is_one_line_naming_it(home: Path, text: str, expected: str) -> None:
    for config in (_system_config(home), _user_config(home)):
        _config(config, text)
        for args in (["check"], ["config"], ["--data", str(home), "maria"]):
            assert_user_error(kata(home, *args), f"{config}: {expected}")
        config.unlink()


def test_an_unreadable_or_odd_config_file_is_one_line(home: Path) -> None:
    folder = _user_config(home)
    folder.mkdir(parents=True)
    assert_user_error(kata(home, "config"), f"{folder}: cannot read config")
    folder.rmdir()
    _config(folder, "").write_bytes(b'data = "caf\xe9"\n')
    assert_user_error(kata(home, "check"), f"{folder}: config is not UTF-8 text")
    assert_user_error(kata(home, "check", KATA_ROLE="boss"), "KATA_ROLE: role 'boss' is not one")


def test_flags_and_environment_need_no_config_file(home: Path, demo_dir: Path) -> None:
    """Given everything, a broken file is not read: the command line always wins."""
    _config(_system_config(home), "broken = = =")
    result = kata(home, "check", "--data", demo_dir, "--role", "coach")
    assert result.returncode == 0, result.stderr
    result = kata(home, "check", KATA_DATA=str(demo_dir), KATA_ROLE="coach")
    assert result.returncode == 0, result.stderr
