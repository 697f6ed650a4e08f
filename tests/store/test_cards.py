"""The card sets of a data directory: the coaching kata in five languages, shipped,
and the plant's own, read from ``<data>/cards/``; a broken file is refused with
its line and never stops another set."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kata_tui.domain.card import COACHING_KATA, CREDIT, CardRef
from kata_tui.domain.card_sets import CardSetError
from kata_tui.store.cards import CardLibrary
from kata_tui.store.datadir import DataDir
from tests.domain.test_card_sets import FIVE_WHYS

LANGUAGES = ("en", "de", "es", "fr", "pl")


def coaching(language: str) -> CardRef:
    return CardRef("coaching-kata", 1, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_asks_the_english_cards_questions(language: str) -> None:
    library = CardLibrary(None)
    file = next(f for f in library.files() if f.language == language)
    card = library.read(file)  # the shipped file itself, English too
    assert card.language == language and card.version == 1
    assert len(card.steps) == len(COACHING_KATA.steps) == 9
    assert [q.lands for q in card.steps] == [q.lands for q in COACHING_KATA.steps]
    assert [(q.key, q.label, q.back, q.section) for q in card.steps] == [
        (q.key, q.label, q.back, q.section) for q in COACHING_KATA.steps
    ]
    assert all(q.text.strip() for q in card.steps)
    assert "Rother" in card.credit and "Toyota Kata" in card.credit  # the credit line stays
    assert card.back_title and card.back_return and "3" in card.back_return
    if language != "en":
        assert not {q.text for q in card.steps} & {q.text for q in COACHING_KATA.steps}
        assert all(q.prompt for q in card.steps)  # the prompts are translated too
        assert card.get("q4").second


def test_the_english_file_is_the_built_in_card() -> None:
    library = CardLibrary(None)
    file = next(f for f in library.files() if f.language == "en")
    card = library.read(file)
    assert card.credit == CREDIT
    assert replace(card, source="", back_title="", back_return="") == COACHING_KATA
    assert library.get(coaching("en")) is COACHING_KATA  # built in: no file read


def test_the_german_card_as_practitioners_ask_it() -> None:
    card = CardLibrary(None).get(coaching("de"))
    assert [q.text for q in card.steps if not q.back] == [
        "Was ist der Ziel-Zustand?",
        "Wie ist der Ist-Zustand jetzt?",
        "Welche Hindernisse hindern Sie Ihrer Meinung nach daran, den Ziel-Zustand zu "
        "erreichen? Welches davon gehen Sie jetzt an?",
        "Was ist Ihr nächster Schritt (nächstes Experiment)? Was erwarten Sie?",
        "Wie schnell können wir vor Ort sehen, was wir aus diesem Schritt gelernt haben?",
    ]


def test_every_shipped_set_is_offered(data: DataDir) -> None:
    refs = [c.ref for c in data.cards.choices()]
    assert refs[0] == coaching("en")
    assert [r.language for r in refs if r.name == "coaching-kata"] == list(LANGUAGES)
    assert data.cards.problems() == []


def write_card(data: DataDir, name: str, text: str) -> Path:
    folder = data.path / "cards"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plant_kata_in_the_data_directory_is_offered_and_read(data: DataDir) -> None:
    path = write_card(data, "five-whys.toml", FIVE_WHYS)
    choices = {c.ref: c for c in data.cards.choices()}
    assert choices[CardRef("five-whys", 3, "en")].title == "Five whys"
    card = data.cards.get(CardRef("five-whys", 0, "en"))
    assert card.source == str(path) and card.steps[0].key == "problem"


def test_a_broken_plant_file_is_refused_with_its_line_and_stops_nothing_else(
    data: DataDir,
) -> None:
    path = write_card(
        data, "five-whys.toml", FIVE_WHYS.replace('lands = "obstacle"', 'lands = "x"')
    )
    write_card(data, "good.toml", FIVE_WHYS)
    line = FIVE_WHYS.splitlines().index('lands = "obstacle"') + 1
    with pytest.raises(CardSetError) as caught:
        data.cards.get(CardRef("five-whys", 0, "en"))
    assert str(caught.value).startswith(f"{path}:{line}: question 2 ('why'): lands 'x'")
    assert data.cards.get(CardRef("good", 0, "en")).title == "Five whys"
    assert data.cards.get(coaching("de")).language == "de"
    assert data.cards.find(CardRef("five-whys", 0, "en")) is None
    (problem,) = data.cards.problems()
    assert (problem.where, problem.line) == (str(path), line)
    broken = [c for c in data.cards.choices() if c.problem is not None]
    assert [c.ref.name for c in broken] == ["five-whys"]


def test_a_plant_translation_must_keep_the_questions(data: DataDir) -> None:
    english = (Path(__file__).parents[2] / "kata_tui/cards/coaching-kata.en.toml").read_text()
    italian = english.replace('language = "en"', 'language = "it"')
    write_card(data, "coaching-kata.it.toml", italian)
    assert data.cards.get(coaching("it")).language == "it"  # added without code
    dropped = italian.replace('lands = "target.next_go_see"', 'lands = "cycle"')
    path = write_card(data, "coaching-kata.it.toml", dropped)
    with pytest.raises(CardSetError) as caught:
        data.cards.get(coaching("it"))
    assert str(caught.value).startswith(f"{path}:1: not the coaching kata's questions: question 9")


def test_kata_check_names_a_broken_card_file_and_its_line(data: DataDir) -> None:
    path = write_card(
        data, "five-whys.toml", FIVE_WHYS.replace('text = "Why does it happen?"', 'text = ""')
    )
    line = FIVE_WHYS.splitlines().index('text = "Why does it happen?"') + 1
    problems = data.check(workers=1)
    assert [(p.path, p.message) for p in problems] == [
        (path, f"line {line}: question 2 ('why'): text is empty")
    ]
