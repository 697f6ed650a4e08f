"""``-o LINK`` where LINK leads to ``/dev/fd/N`` through other links: followed as far
as the kernel follows links (40), never further."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kata_tui.export.formats import ExportError, write_output


def _chain(directory: Path, length: int, end: str) -> Path:
    """``length`` links, each to the next, the last to ``end``; returns the first."""
    target = end
    for i in range(length):
        link = directory / f"link{length}-{i}"
        link.symlink_to(target)
        target = str(link)
    return Path(target)


def test_a_chain_of_links_is_followed_to_the_descriptor_as_far_as_the_kernel_would(
    tmp_path: Path,
) -> None:
    log = tmp_path / "log"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        write_output(_chain(tmp_path, 39, f"/dev/fd/{fd}"), "39 links\n")
        too_long = _chain(tmp_path, 40, f"/dev/fd/{fd}")  # and /dev/fd itself is one more
        with pytest.raises(ExportError) as caught:
            write_output(too_long, "40 links\n")
    finally:
        os.close(fd)
    assert str(caught.value) == f"{too_long}: cannot write (Too many levels of symbolic links)"
    assert log.read_text() == "39 links\n"


def test_a_relative_link_is_read_from_its_own_directory(tmp_path: Path) -> None:
    """``-o out/first`` where first -> second (beside it) -> /dev/fd/N: the text lands
    where the descriptor points, and the links stay links."""
    log = tmp_path / "log"
    links = tmp_path / "out"
    links.mkdir()
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        (links / "second").symlink_to(f"/dev/fd/{fd}")
        (links / "first").symlink_to("second")  # relative to out/, not to where kata runs
        write_output(links / "first", "through two links\n")
    finally:
        os.close(fd)
    assert log.read_text() == "through two links\n"
    assert os.readlink(links / "first") == "second"
