"""The layers import one way, and the UI touches no file: checked on the source with ``ast``.

domain (stdlib and dateutil only) <- store (never Textual or Rich) <- ui (Textual,
never opens a file) and export (never Textual); cli on top. A break of these
rules is a failing test here, named by file and line.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kata_tui"

FILE_CALLS = {
    "open", "read_text", "read_bytes", "write_text", "write_bytes", "stat", "lstat",
    "iterdir", "glob", "rglob", "touch", "unlink", "mkdir", "rmdir", "exists", "is_file",
    "is_dir", "is_symlink", "samefile", "readlink", "chmod", "scandir",
}  # fmt: skip
"""Methods (of ``Path``, ``os``, ``io`` ...) that reach the file system."""
OS_CALLS = {
    "listdir", "walk", "remove", "rename", "replace", "makedirs", "access", "fdopen",
    "utime", "fstat", "fsync", "link", "symlink", *FILE_CALLS,
}  # fmt: skip
"""``os.<name>`` functions that reach the file system (``os.replace`` too)."""
FILE_MODULES = {"shutil", "tempfile", "fcntl", "tinydb"}
UI_FILE_ACCESS_ALLOWED = {
    "kata_tui/ui/stylesheets.py": "finds the package's own .tcss files, never data",
}


def modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def rel(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, module) for every import, inside functions and TYPE_CHECKING too."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module


def file_access(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, what) for every call or import that reaches the file system."""
    for line, module in imports(tree):
        if module.split(".")[0] in FILE_MODULES:
            yield line, f"import {module}"
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            yield node.lineno, "open()"
        elif isinstance(func, ast.Attribute):
            receiver = func.value
            if isinstance(receiver, ast.Name) and receiver.id == "os":
                if func.attr in OS_CALLS:
                    yield node.lineno, f"os.{func.attr}()"
            elif func.attr in FILE_CALLS:
                if func.attr == "open" and isinstance(receiver, ast.Name) and receiver.id == "self":
                    continue  # a method of our own called open (BoardListScreen.open)
                yield node.lineno, f".{func.attr}()"


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def domain_breaks(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for line, module in imports(tree):
        top = module.split(".")[0]
        if top == "kata_tui":
            if not (module == "kata_tui.domain" or module.startswith("kata_tui.domain.")):
                out.append((line, module))
        elif top not in sys.stdlib_module_names and top != "dateutil":
            out.append((line, module))
    return out


def refused(tree: ast.AST, forbidden: tuple[str, ...]) -> list[tuple[int, str]]:
    return [
        (line, module)
        for line, module in imports(tree)
        if any(module == name or module.startswith(f"{name}.") for name in forbidden)
    ]


STORE_REFUSES = ("textual", "rich", "kata_tui.ui", "kata_tui.export", "kata_tui.cli")
EXPORT_REFUSES = ("textual", "kata_tui.ui", "kata_tui.cli")


@pytest.mark.parametrize("path", modules("domain"), ids=rel)
def test_domain_imports_only_domain_stdlib_and_dateutil(path: Path) -> None:
    assert domain_breaks(parse(path)) == [], rel(path)


@pytest.mark.parametrize("path", modules("store"), ids=rel)
def test_store_never_imports_textual_rich_ui_export_or_cli(path: Path) -> None:
    assert refused(parse(path), STORE_REFUSES) == [], rel(path)


@pytest.mark.parametrize("path", modules("export"), ids=rel)
def test_export_never_imports_textual_or_ui(path: Path) -> None:
    assert refused(parse(path), EXPORT_REFUSES) == [], rel(path)


@pytest.mark.parametrize("path", modules("ui"), ids=rel)
def test_ui_never_touches_files(path: Path) -> None:
    if rel(path) in UI_FILE_ACCESS_ALLOWED:
        return
    assert list(file_access(parse(path))) == [], rel(path)


def test_every_layer_has_modules_to_check() -> None:
    for layer in ("domain", "store", "export", "ui"):
        assert len(modules(layer)) >= 3, layer
    for allowed in UI_FILE_ACCESS_ALLOWED:
        assert (PACKAGE.parent / allowed).exists(), allowed


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import textual", [(1, "textual")]),
        ("from kata_tui.store.files import atomic_write", [(1, "kata_tui.store.files")]),
        ("from tinydb import TinyDB", [(1, "tinydb")]),
        ("import os, json\nfrom dateutil import parser\nfrom kata_tui.domain import model", []),
        ("def f():\n    from rich.text import Text", [(2, "rich.text")]),
    ],
)
def test_the_domain_check_catches_a_forbidden_import(source: str, found: list) -> None:
    assert domain_breaks(ast.parse(source)) == found


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("open('x')", [(1, "open()")]),
        ("os.scandir(p)", [(1, "os.scandir()")]),
        ("os.replace(a, b)", [(1, "os.replace()")]),
        ("path.read_text()", [(1, ".read_text()")]),
        ("Path(x).stat().st_size", [(1, ".stat()")]),
        ("self.data.path.exists()", [(1, ".exists()")]),
        ("import shutil", [(1, "import shutil")]),
        ("self.open(slug)\nself.data.signature()\nos.environ.get('X')", []),
    ],
)
def test_the_ui_check_catches_file_access(source: str, found: list) -> None:
    assert list(file_access(ast.parse(source))) == found


def test_store_and_export_checks_catch_textual() -> None:
    tree = ast.parse("from textual.app import App\nimport rich.text\nfrom kata_tui.ui import app")
    assert refused(tree, STORE_REFUSES) == [
        (1, "textual.app"),
        (2, "rich.text"),
        (3, "kata_tui.ui"),
    ]
    assert refused(tree, EXPORT_REFUSES) == [(1, "textual.app"), (3, "kata_tui.ui")]
