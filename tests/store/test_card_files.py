"""Which card files a data directory offers, how each is read once per change,
and the one line that says why a file cannot be used (real files in ``cards/``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kata_tui.domain.card import COACHING_KATA, CREDIT, CardRef
from kata_tui.domain.card_sets import MAX_FILE, CardSetError
from kata_tui.store.cards import CardFile, CardLibrary
from kata_tui.store.datadir import DataDir
from tests.domain.test_card_sets import FIVE_WHYS

ENGLISH = (Path(__file__).parents[2] / "kata_tui/cards/coaching-kata.en.toml").read_text()
SHIPPED = [
    ("coaching-kata", "de"),
    ("coaching-kata", "en"),
    ("coaching-kata", "es"),
    ("coaching-kata", "fr"),
    ("coaching-kata", "pl"),
    ("twi-job-relations", "en"),
]


def write_card(data: DataDir, name: str, text: str | bytes) -> Path:
    folder = data.path / "cards"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def refused(library: CardLibrary, ref: CardRef) -> str:
    with pytest.raises(CardSetError) as caught:
        library.get(ref)
    return str(caught.value)


def test_the_shipped_files_are_listed_first_then_the_plant_s_by_name(data: DataDir) -> None:
    assert [(f.name, f.language, f.path, f.shipped) for f in CardLibrary(None).files()] == [
        (name, language, f"kata_tui/cards/{name}.{language}.toml", True)
        for name, language in SHIPPED
    ]
    write_card(data, "zeta.toml", FIVE_WHYS)
    write_card(data, "alpha.json", "{}")
    write_card(data, ".hidden.toml", FIVE_WHYS)  # an editor's backup: not a card set
    write_card(data, "notes.txt", "not a card")
    write_card(data, "Bad Name.toml", FIVE_WHYS)
    folder = data.path / "cards"
    assert [(f.name, f.language, f.path, f.shipped) for f in data.cards.files()][6:] == [
        ("Bad Name.toml", "?", str(folder / "Bad Name.toml"), False),
        ("alpha", "", str(folder / "alpha.json"), False),
        ("zeta", "", str(folder / "zeta.toml"), False),
    ]


def test_a_plant_file_named_like_a_shipped_one_takes_its_place(data: DataDir) -> None:
    german = (Path(__file__).parents[2] / "kata_tui/cards/coaching-kata.de.toml").read_text()
    path = write_card(data, "coaching-kata.de.toml", german.replace("Ziel-Zustand", "Zielzustand"))
    files = [f for f in data.cards.files() if (f.name, f.language) == ("coaching-kata", "de")]
    assert files == [CardFile("coaching-kata", "de", str(path), False)]
    card = data.cards.get(CardRef("coaching-kata", 1, "de"))
    assert card.source == str(path) and "Zielzustand" in card.steps[0].text


def test_a_plant_english_coaching_kata_is_the_first_choice(data: DataDir) -> None:
    title = 'title = "Coaching Kata: the five questions"'
    write_card(data, "coaching-kata.en.toml", ENGLISH.replace(title, 'title = "Our card"'))
    choices = data.cards.choices()
    assert (choices[0].ref, choices[0].title, choices[0].problem) == (
        COACHING_KATA.ref,
        "Our card",
        None,
    )
    assert [(c.ref.name, c.ref.language) for c in choices[1:]] == [
        ("coaching-kata", lang) for lang in ("de", "es", "fr", "pl")
    ] + [("twi-job-relations", "en")]
    shipped = CardLibrary(None).choices()
    assert (shipped[0].ref, shipped[0].title) == (COACHING_KATA.ref, COACHING_KATA.title)
    assert [c.ref for c in shipped[1:]] == [c.ref for c in choices[1:]]


def test_a_file_naming_no_language_is_found_by_the_language_it_holds(data: DataDir) -> None:
    path = write_card(
        data, "five-whys.toml", FIVE_WHYS.replace('language = "en"', 'language = "de"')
    )
    card = data.cards.get(CardRef("five-whys", 3, "de"))
    assert (card.language, card.source) == ("de", str(path))
    assert refused(data.cards, CardRef("five-whys", 3, "en")) == (
        f"{data.path / 'cards'}:0: no card set 'five-whys' in language 'en'"
    )
    assert refused(CardLibrary(None), CardRef("five-whys", 3, "en")) == (
        "cards:0: no card set 'five-whys' in language 'en'"
    )
    choice = next(c for c in data.cards.choices() if c.ref.name == "five-whys")
    assert (choice.ref, choice.title, choice.problem) == (
        CardRef("five-whys", 3, "de"),
        "Five whys",
        None,
    )


def test_each_reason_a_file_cannot_be_used_is_one_line(data: DataDir) -> None:
    path = write_card(data, "big.toml", "#" * (MAX_FILE + 1))
    assert refused(data.cards, CardRef("big", 0, "en")) == (
        f"{path}:1: larger than {MAX_FILE // 1024} KB: not a card set"
    )
    path = write_card(data, "latin.toml", FIVE_WHYS.encode("utf-8").replace(b"gemba", b"g\xe9mba"))
    assert refused(data.cards, CardRef("latin", 0, "en")) == f"{path}:1: not UTF-8 text"
    folder = data.path / "cards" / "folder.toml"
    folder.mkdir()
    assert refused(data.cards, CardRef("folder", 0, "en")) == (
        f"{folder}:1: cannot be read (Is a directory)"
    )
    credit = ENGLISH.replace(f'credit = "{CREDIT}"', 'credit = "after Mike Rother"')
    path = write_card(
        data, "coaching-kata.it.toml", credit.replace('language = "en"', 'language = "it"')
    )
    assert refused(data.cards, CardRef("coaching-kata", 1, "it")) == (
        f'{path}:1: the credit must name the source ("{CREDIT}")'
    )
    for words in ("Toyota Kata", "Mike Rother, Toyota Kata"):
        credited = ENGLISH.replace(f'credit = "{CREDIT}"', f'credit = "{words}"')
        write_card(
            data, "coaching-kata.it.toml", credited.replace('language = "en"', 'language = "it"')
        )
        named = "Rother" in words
        assert (data.cards.find(CardRef("coaching-kata", 1, "it")) is not None) is named
    problems = {(p.where, p.reason) for p in data.cards.problems()}
    assert (str(folder), "cannot be read (Is a directory)") in problems
    broken = {c.ref: c.title for c in data.cards.choices() if c.problem is not None}
    assert broken[CardRef("big", 0, "?")] == str(data.path / "cards" / "big.toml")


def _keep_stat(path: Path, text: str) -> None:
    """Rewrite ``path`` with ``text`` of the same size, its mtime put back."""
    info = path.stat()
    assert len(text.encode()) == info.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_a_file_is_read_again_only_when_its_size_or_time_changes(data: DataDir) -> None:
    """The card is read once per change of the file (its mtime and size): a file
    rewritten with both kept is not read again, for a card as for a refusal."""
    library = CardLibrary(data.path)
    ref = CardRef("five-whys", 3, "en")
    path = write_card(data, "five-whys.toml", FIVE_WHYS)
    assert library.get(ref).title == "Five whys"
    _keep_stat(path, FIVE_WHYS.replace("Five whys", "Six whys!"))
    assert library.get(ref).title == "Five whys"  # not read again
    os.utime(path, ns=(0, 10**18))
    assert library.get(ref).title == "Six whys!"  # changed: read again

    broken = FIVE_WHYS.replace('lands = "obstacle"', 'lands = "xxxxxxxx"')
    path = write_card(data, "five-whys.toml", broken)
    first = refused(library, ref)
    _keep_stat(path, FIVE_WHYS.replace("Five whys", "Nine whys"))
    assert refused(library, ref) == first  # the refusal is kept too
    os.utime(path, ns=(0, 10**18 + 1))
    assert library.get(ref).title == "Nine whys"

    latin = FIVE_WHYS.encode().replace(b"gemba", b"g\xe9mba")
    path = write_card(data, "five-whys.toml", latin)
    assert refused(library, ref) == f"{path}:1: not UTF-8 text"
    info = path.stat()
    path.write_bytes(latin.replace(b"\xe9", b"e"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert refused(library, ref) == f"{path}:1: not UTF-8 text"


def test_a_file_of_exactly_the_largest_size_is_read(data: DataDir) -> None:
    padded = FIVE_WHYS + "#" * (MAX_FILE - len(FIVE_WHYS.encode()) - 1) + "\n"
    path = write_card(data, "five-whys.toml", padded)
    assert path.stat().st_size == MAX_FILE
    assert data.cards.get(CardRef("five-whys", 3, "en")).title == "Five whys"
    write_card(data, "five-whys.toml", padded + "#")
    assert refused(data.cards, CardRef("five-whys", 3, "en")).endswith(
        f"larger than {MAX_FILE // 1024} KB: not a card set"
    )
