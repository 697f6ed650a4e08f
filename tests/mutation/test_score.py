"""The mutation score report and the random sample, on a made-up ./mutants."""

from __future__ import annotations

import json
from pathlib import Path

from tests.mutation.run import draw, refresh_data_files
from tests.mutation.score import all_names, counts, margin, report, survivors


def _mutants(root: Path) -> Path:
    codes = {
        "kata_tui/domain/text.py.meta": {
            **{f"kata_tui.domain.text.x_clip__mutmut_{i}": 1 for i in range(1, 10)},
            "kata_tui.domain.text.x_clip__mutmut_10": 0,
        },
        "kata_tui/store/files.py.meta": {
            "kata_tui.store.files.x_save__mutmut_1": 0,
            "kata_tui.store.files.x_save__mutmut_2": 33,
            "kata_tui.store.files.x_save__mutmut_3": -24,
            "kata_tui.store.files.x_save__mutmut_4": None,
        },
    }
    for path, by_key in codes.items():
        meta = root / path
        meta.parent.mkdir(parents=True, exist_ok=True)
        meta.write_text(json.dumps({"exit_code_by_key": by_key}))
    return root


def test_the_score_counts_timeouts_as_killed_and_no_tests_as_not(tmp_path: Path) -> None:
    root = _mutants(tmp_path)
    by_package = counts(root)
    assert report(by_package).splitlines()[2:] == [
        "| kata_tui.domain | 10 | 9 | 0 | 1 | 0 | 0 | 90.0% |",
        "| kata_tui.store | 4 | 0 | 1 | 1 | 1 | 1 | 33.3% |",
        "| kata_tui.export | 0 | 0 | 0 | 0 | 0 | 0 | - |",
        "| all three | 14 | 9 | 1 | 2 | 1 | 1 | 76.9% |",
    ]
    assert survivors(root) == {"kata_tui.domain.text.x_clip": 1, "kata_tui.store.files.x_save": 1}


def test_a_sample_is_counted_alone_with_its_margin(tmp_path: Path) -> None:
    root = _mutants(tmp_path)
    only = {f"kata_tui.domain.text.x_clip__mutmut_{i}" for i in (1, 2, 10)}
    lines = report(counts(root, only), sampled=True).splitlines()
    assert lines[2] == "| kata_tui.domain | 3 | 2 | 0 | 1 | 0 | 0 | 66.7% ± 53.3 |"
    assert round(margin(90, 100), 2) == 5.88  # 1.96 * sqrt(0.9 * 0.1 / 100)
    assert margin(0, 0) == 0.0


def test_a_draw_takes_so_many_per_package_the_same_for_one_seed(tmp_path: Path) -> None:
    root = _mutants(tmp_path)
    assert len(all_names(root)) == 14
    assert all_names(tmp_path / "none") == []
    first = draw(root, 3, 19)
    assert first == draw(root, 3, 19)
    assert sum(n.startswith("kata_tui.domain.") for n in first) == 3
    assert sum(n.startswith("kata_tui.store.") for n in first) == 3
    assert len(draw(root, 100, 19)) == 14  # a package smaller than the sample: all of it
    assert {tuple(draw(root, 3, seed)) for seed in range(20)} != {tuple(first)}
    store_only = draw(root, 3, 19, ("kata_tui.store",))
    assert store_only and all(n.startswith("kata_tui.store.") for n in store_only)


def test_a_changed_data_file_is_copied_again_and_python_left_to_mutmut(tmp_path: Path) -> None:
    repo, root = tmp_path / "repo", tmp_path / "repo" / "mutants"
    for base in (repo, root):
        (base / "kata_tui" / "export").mkdir(parents=True)
    (repo / "kata_tui" / "export" / "FORMAT.md").write_text("new field")
    (root / "kata_tui" / "export" / "FORMAT.md").write_text("old")
    (repo / "kata_tui" / "export" / "html.py").write_text("source")
    (root / "kata_tui" / "export" / "html.py").write_text("mutated")
    refresh_data_files(root, repo)
    assert (root / "kata_tui" / "export" / "FORMAT.md").read_text() == "new field"
    assert (root / "kata_tui" / "export" / "html.py").read_text() == "mutated"
