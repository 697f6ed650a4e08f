"""Which card set, version and language each cycle used travels with the board:
in the JSON export and back through import, in the Markdown export, in history;
an export from before card sets still imports, as the English coaching kata."""

from __future__ import annotations

import json
from datetime import datetime

from kata_tui.domain.card import CardRef
from kata_tui.domain.card_sets import parse_card_set
from kata_tui.domain.cycle import answer, start_cycle
from kata_tui.domain.history import history
from kata_tui.domain.model import Board, TargetCondition
from kata_tui.domain.storyboard import Storyboard
from kata_tui.export.formats import render
from kata_tui.export.importer import import_file
from kata_tui.store.cards import CardLibrary
from kata_tui.store.datadir import DataDir
from tests.conftest import TODAY
from tests.domain.test_card_sets import FIVE_WHYS
from tests.export.test_importer import IMPORTER
from tests.export.test_old_format import OLD

NOW = datetime(2026, 11, 23, 9, 0)


def two_cycles() -> Storyboard:
    """A board on German, one cycle on the German card and one on the plant's kata."""
    story = Storyboard(
        board=Board("lea", "tom", "Ship on time", card_language="de"),
        targets=(TargetCondition(seq=1, pattern="2 h", id="t1"),),
        slug="lea",
    )
    german = CardLibrary(None).get(CardRef("coaching-kata", 1, "de"))
    (first,) = start_cycle(story, NOW, "tom", card=german).records
    story = story.with_record(first)
    said = answer(story, "q3", "Etiketten zu spät", TODAY, "lea", cycle=first, card=german)
    story = _with(story, said.records)
    plant = parse_card_set(FIVE_WHYS, "cards/five-whys.toml")
    (second,) = start_cycle(story, NOW.replace(hour=10), "tom", card=plant).records
    said = answer(story, "problem", "Orders leave late", TODAY, "lea", cycle=second, card=plant)
    return _with(story, said.records)


def _with(story: Storyboard, records) -> Storyboard:
    for record in records:
        story = story.with_record(record)
    return story


def test_the_json_export_carries_each_cycles_card_and_import_keeps_it(
    data: DataDir, tmp_path
) -> None:
    story = two_cycles()
    text = render(story, "json", today=TODAY)
    rows = json.loads(text)["board"]["cycles"]
    assert sorted((r["card"], r["card_version"], r["card_language"]) for r in rows) == [
        ("coaching-kata", 1, "de"),
        ("five-whys", 3, "en"),
    ]
    path = tmp_path / "lea.json"
    path.write_text(text)
    slug = import_file(data, path, name=None, replace=False, editor=IMPORTER, at=NOW)
    back = data.load(slug)
    assert {c.card_ref for c in back.cycles} == {c.card_ref for c in story.cycles}
    assert (back.board.card, back.board.card_language) == ("coaching-kata", "de")
    keys = {c.card: [a.key for a in c.answers] for c in back.cycles}
    assert keys == {"coaching-kata": ["q3"], "five-whys": ["problem"]}


def test_history_and_markdown_name_the_card_each_cycle_used(data: DataDir) -> None:
    (data.path / "cards").mkdir()
    (data.path / "cards" / "five-whys.toml").write_text(FIVE_WHYS)
    story = two_cycles()
    lines = [line for e in history(story, cards=data.cards.find) for line in e.lines]
    said = {(line.label, line.text) for line in lines}
    assert ("Card", "Coaching-Kata: die fünf Fragen (coaching-kata v1 (de))") in said
    assert ("Card", "Five whys (five-whys v3 (en))") in said
    question = data.cards.get(CardRef("coaching-kata", 1, "de")).get("q3")
    assert any(
        label == f"3. {question.text}" and text.startswith("Etiketten zu spät")
        for label, text in said
    )
    assert ("P. What is the problem, as seen at the gemba?", "Orders leave late") in said
    markdown = render(story, "md", today=TODAY, cards=data.cards.find)
    assert "- Card: Coaching-Kata: die fünf Fragen (coaching-kata v1 (de))" in markdown
    assert "- Card: Five whys (five-whys v3 (en))" in markdown


def test_an_export_from_before_card_sets_imports_as_the_english_coaching_kata(
    data: DataDir,
) -> None:
    assert '"card"' not in OLD.read_text()
    slug = import_file(data, OLD, name=None, replace=False, editor=IMPORTER, at=NOW)
    story = data.load(slug)
    assert story.cycles
    assert {c.card_ref for c in story.cycles} == {CardRef("coaching-kata", 1, "en")}
    assert story.board.card_ref == CardRef("coaching-kata", 0, "en")
    markdown = render(story, "md", today=TODAY, cards=data.cards.find)
    assert "- Card:" not in markdown  # the English coaching kata goes without saying
