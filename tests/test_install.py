"""A real, non-editable install ships every module and data file, and runs from anywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_non_editable_install_ships_every_module_and_file(tmp_path: Path) -> None:
    # build from a copy, so the repository gets no build/ or egg-info litter
    source = tmp_path / "src"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "__pycache__",
            "*.egg-info",
            "build",
            "dist",
            ".*_cache",
            "tests",
            "mutants",
        ),
    )
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
            "--no-build-isolation", "--target", str(target), str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr

    probe = (
        "import json, kata_tui, kata_tui.styles\n"
        "from importlib import resources\n"
        "from kata_tui.ui.stylesheets import stylesheet\n"
        "names = sorted(p.name for p in resources.files('kata_tui.styles').iterdir())\n"
        "import importlib, pkgutil\n"
        "modules = sorted(m.name for m in pkgutil.walk_packages(kata_tui.__path__, 'kata_tui.'))\n"
        "for name in modules:\n"
        "    importlib.import_module(name)\n"
        "from kata_tui.domain.card import CardRef\n"
        "from kata_tui.store.cards import CardLibrary\n"
        "cards = CardLibrary(None)\n"
        "languages = [c.ref.language for c in cards.choices() if c.ref.name == 'coaching-kata']\n"
        "german = cards.get(CardRef('coaching-kata', 1, 'de')).steps[0].text\n"
        "print(json.dumps({'package': kata_tui.__file__, 'app': str(stylesheet('app.tcss')),"
        " 'names': names, 'modules': modules, 'languages': languages, 'german': german}))\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONPATH"] = str(target)
    # -I would drop PYTHONPATH; -s keeps user site-packages out. The venv's
    # editable finder is still on sys.path, so the installed copy must win first.
    run = subprocess.run(
        [sys.executable, "-s", "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert Path(found["package"]).is_relative_to(target)
    # every module of the source tree is installed and imports from there
    assert set(found["modules"]) == _source_modules()
    # every data file of the package (card texts, export styles, FORMAT.md) ships too
    for path in (REPO / "kata_tui").rglob("*"):
        if path.is_file() and path.suffix not in (".py", ".pyc"):
            assert (target / path.relative_to(REPO)).is_file(), path
    # the card in each language is read from the installed package
    assert found["languages"] == ["en", "de", "es", "fr", "pl"]
    assert found["german"] == "Was ist der Ziel-Zustand?"
    app = Path(found["app"])
    assert app.is_file() and app.is_relative_to(target)
    shipped = {name for name in found["names"] if name.endswith(".tcss")}
    wanted = {p.name for p in (REPO / "styles").glob("*.tcss")}
    assert wanted and wanted <= shipped
    for name in wanted:
        assert (target / "kata_tui" / "styles" / name).read_bytes() == (
            REPO / "styles" / name
        ).read_bytes()


def _source_modules() -> set[str]:
    """The dotted name of every module under kata_tui/ and styles/ in the repository."""
    names = set()
    for path in (REPO / "kata_tui").rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    names.discard("kata_tui")
    names.add("kata_tui.styles")
    return names
