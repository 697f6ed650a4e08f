"""A card set read from a file: a good one becomes a card; a bad one is refused
with its file, its line and the reason, in one line."""

from __future__ import annotations

import json

import pytest

from kata_tui.domain.card import COACHING_KATA, Lands, Section
from kata_tui.domain.card_sets import CardSetError, parse_card_set, same_questions, split_name

FIVE_WHYS = """\
# A plant's own kata: five whys at the line
title = "Five whys"
version = 3
language = "en"
credit = "Plant 2 kaizen office"

[[questions]]
key = "problem"
label = "P"
text = "What is the problem, as seen at the gemba?"
lands = "cycle"
prompt = "the problem, in one line"

[[questions]]
key = "why"
text = "Why does it happen?"
lands = "obstacle"

[[questions]]
key = "counter"
text = "What is the countermeasure? What do you expect?"
lands = "experiment.new"
section = "experiments"
"""


def test_a_plant_kata_in_toml_becomes_a_card() -> None:
    card = parse_card_set(FIVE_WHYS, "/srv/kata/cards/five-whys.toml")
    assert (card.name, card.version, card.language) == ("five-whys", 3, "en")
    assert card.title == "Five whys"
    assert card.credit == "Plant 2 kaizen office"
    assert [(q.key, q.label, q.lands, q.section) for q in card.steps] == [
        ("problem", "P", Lands.CYCLE, None),
        ("why", "2", Lands.OBSTACLE, Section.OBSTACLES),
        ("counter", "3", Lands.NEXT_STEP, Section.EXPERIMENTS),
    ]
    assert card.steps[0].prompt == "the problem, in one line"
    assert card.first == "problem" and card.next_key("why") == "counter"
    assert card.source == "/srv/kata/cards/five-whys.toml"
    assert card.steps[1].lands is Lands.OBSTACLE  # the member: the rules compare with ``is``


def test_the_same_kata_in_json_becomes_the_same_card() -> None:
    toml_card = parse_card_set(FIVE_WHYS, "five-whys.toml")
    doc = {
        "title": "Five whys",
        "version": 3,
        "credit": "Plant 2 kaizen office",
        "questions": [
            {
                "key": q.key,
                "label": q.label,
                "text": q.text,
                "lands": str(q.lands),
                **({"section": str(q.section)} if q.section else {}),
                **({"prompt": q.prompt} if q.prompt else {}),
            }
            for q in toml_card.steps
        ],
    }
    json_card = parse_card_set(json.dumps(doc, indent=2), "five-whys.json")
    assert json_card.steps == toml_card.steps
    assert json_card.ref == toml_card.ref


def refused(text: str, source: str = "cards/five-whys.toml") -> str:
    with pytest.raises(CardSetError) as caught:
        parse_card_set(text, source)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_bad_toml_is_refused_with_its_line() -> None:
    text = FIVE_WHYS.replace('key = "why"', 'key = "why', 1)
    line = FIVE_WHYS.splitlines().index('key = "why"') + 1
    message = refused(text)
    assert message.startswith(f"cards/five-whys.toml:{line}: not valid TOML")


def test_bad_toml_names_its_line_once_and_says_what_is_wrong() -> None:
    # The parser's own "(at line 2, column 11)" is dropped: the line is named first.
    assert refused('title = "T"\nversion = = 1\n') == (
        "cards/five-whys.toml:2: not valid TOML: Invalid value"
    )


def test_an_unknown_landing_place_is_refused_with_its_line() -> None:
    text = FIVE_WHYS.replace('lands = "obstacle"', 'lands = "obstacles"')
    line = FIVE_WHYS.splitlines().index('lands = "obstacle"') + 1
    message = refused(text)
    assert message.startswith(f"cards/five-whys.toml:{line}: question 2 ('why'): ")
    assert "lands 'obstacles' is not a landing place" in message
    assert "cycle" in message and "experiment.new" in message  # says what would do


def test_an_empty_question_is_refused_with_its_line() -> None:
    text = FIVE_WHYS.replace('text = "Why does it happen?"', 'text = "   "')
    line = FIVE_WHYS.splitlines().index('text = "Why does it happen?"') + 1
    assert refused(text) == f"cards/five-whys.toml:{line}: question 2 ('why'): text is empty"


def test_a_question_without_text_is_refused_at_its_table() -> None:
    text = FIVE_WHYS.replace('text = "Why does it happen?"\n', "")
    line = [i + 1 for i, t in enumerate(text.splitlines()) if t == "[[questions]]"][1]
    assert refused(text) == f"cards/five-whys.toml:{line}: question 2 ('why'): text is missing"


@pytest.mark.parametrize(
    ("change", "at", "reason"),
    [
        (('label = "P"', 'lable = "P"'), 'lable = "P"', "unknown field 'lable'"),
        (('key = "why"', 'key = "problem"'), 'key = "problem"', "key 'problem' twice"),
        (("version = 3", 'version = "3"'), 'version = "3"', "version must be a whole number"),
        (("version = 3", "version = 0"), "version = 0", "version must be a whole number"),
        (('key = "why"', 'key = "Why Not"'), 'key = "Why Not"', "key must be"),
        (('section = "experiments"', 'section = "pdca"'), 'section = "pdca"', "section 'pdca'"),
        (('language = "en"', 'language = "english"'), 'language = "english"', "not a language"),
        (
            ('text = "Why does it happen?"', 'text = "Why \\u001b[2J?"'),
            'text = "Why \\u001b[2J?"',
            "control character",
        ),
        (
            ('text = "Why does it happen?"', 'text = "Why \\u202e?"'),
            'text = "Why \\u202e?"',
            "control character",
        ),
    ],
)
def test_each_fault_is_named_at_its_line(change: tuple[str, str], at: str, reason: str) -> None:
    text = FIVE_WHYS.replace(*change, 1)
    changed = [
        i + 1
        for i, (a, b) in enumerate(zip(text.splitlines(), FIVE_WHYS.splitlines(), strict=True))
        if a != b
    ]
    assert text.splitlines()[changed[0] - 1] == at
    line = changed[0]
    message = refused(text)
    assert message.startswith(f"cards/five-whys.toml:{line}: "), message
    assert reason in message


def test_an_unknown_field_at_the_top_is_refused_with_the_fields_a_set_has() -> None:
    text = FIVE_WHYS.replace('credit = "Plant 2', 'credits = "Plant 2', 1)
    line = text.splitlines().index('credits = "Plant 2 kaizen office"') + 1
    assert refused(text) == (
        f"cards/five-whys.toml:{line}: unknown field 'credits' "
        "(back_return, back_title, credit, language, questions, title, version)"
    )


def test_a_question_that_is_not_a_table_is_refused_at_the_questions_line() -> None:
    toml = 'title = "T"\nversion = 1\nquestions = ["What is it?"]\n'
    assert refused(toml) == "cards/five-whys.toml:3: question 1 must be a table of fields"
    doc = '{\n  "title": "T",\n  "version": 1,\n  "questions": [\n    "What is it?"\n  ]\n}'
    assert refused(doc, "cards/x.json") == "cards/x.json:4: question 1 must be a table of fields"


def test_a_set_without_questions_or_version_is_refused() -> None:
    assert "no questions" in refused('title = "T"\nversion = 1\n')
    assert refused('title = "T"\n[[questions]]\nkey="a"\ntext="A?"\nlands="cycle"\n').startswith(
        "cards/five-whys.toml:1: version is missing"
    )
    assert "title is missing" in refused("version = 1\n")


def test_bad_json_is_refused_with_its_line() -> None:
    text = '{\n  "title": "T",\n  "version": 1,\n  "questions": [\n    {"key": "a",}\n  ]\n}\n'
    assert refused(text, "cards/x.json").startswith("cards/x.json:5: not valid JSON")
    doubled = '{\n  "title": "T",\n  "title": "U"\n}'
    assert "duplicate key 'title'" in refused(doubled, "cards/x.json")


def test_a_json_fault_names_the_line_of_its_question() -> None:
    doc = {
        "title": "T",
        "version": 1,
        "questions": [
            {"key": "a", "text": "A?", "lands": "cycle"},
            {"key": "b", "text": "B?", "lands": "nowhere"},
        ],
    }
    text = json.dumps(doc, indent=2)
    line = text.splitlines().index('      "lands": "nowhere"') + 1
    message = refused(text, "cards/x.json")
    assert message.startswith(f"cards/x.json:{line}: question 2 ('b'): lands 'nowhere'")


def test_file_names_say_the_set_and_language() -> None:
    assert split_name("coaching-kata.de.toml") == ("coaching-kata", "de")
    assert split_name("five-whys.json") == ("five-whys", "")
    for bad in ("Five Whys.toml", "x.yaml", "a.b.c.toml", ".toml"):
        with pytest.raises(CardSetError):
            split_name(bad)
    text = FIVE_WHYS.replace('language = "en"', 'language = "de"')
    assert "differs from the file name's 'en'" in refused(text, "cards/five-whys.en.toml")


def test_a_translation_must_ask_the_same_questions() -> None:
    assert same_questions(COACHING_KATA, COACHING_KATA) == ""
    plant = parse_card_set(FIVE_WHYS, "five-whys.toml")
    assert same_questions(plant, COACHING_KATA) == "3 questions; coaching-kata has 9"


def test_a_file_not_named_as_a_card_set_is_refused_by_its_path() -> None:
    with pytest.raises(CardSetError) as caught:
        parse_card_set(FIVE_WHYS, "plant/cards/Five Whys.toml")
    assert str(caught.value) == (
        "plant/cards/Five Whys.toml:1: a card file is named NAME.toml or NAME.LANG.toml "
        "(lower-case letters, digits, - and _)"
    )


def test_a_file_too_large_to_be_a_card_set_is_refused_unread() -> None:
    big = FIVE_WHYS + "#" * (256 * 1024)
    assert refused(big) == "cards/five-whys.toml:1: larger than 256 KB: not a card set"
    assert parse_card_set(FIVE_WHYS + "#" * (256 * 1024 - len(FIVE_WHYS)), "c/five.toml")


def test_json_that_is_not_a_table_or_holds_nan_is_refused() -> None:
    assert refused("[1, 2]", "cards/x.json") == (
        "cards/x.json:1: expected a table of fields at the top"
    )
    doc = '{"title": "T", "version": NaN}'
    assert refused(doc, "cards/x.json") == "cards/x.json:1: not valid JSON: NaN is not a number"


def test_a_json_fault_in_a_question_after_one_with_nested_text_names_its_line() -> None:
    """The line of each question is found past strings holding braces, brackets and
    escaped quotes."""
    text = (
        '{\n  "title": "T",\n  "version": 1,\n  "questions": [\n'
        '    {"key": "a", "text": "Is it {x} [y] \\"z\\" \\\\?", "lands": "cycle"},\n'
        '    {\n      "key": "b",\n      "text": "B?",\n      "lands": "cycle",\n'
        '      "back": "yes"\n    }\n  ]\n}\n'
    )
    assert refused(text, "cards/x.json") == (
        "cards/x.json:10: question 2 ('b'): back must be true or false"
    )
    no_list = '{\n  "title": "T",\n  "version": 1\n}'
    assert refused(no_list, "cards/x.json") == (
        "cards/x.json:1: no questions: add [[questions]] tables"
    )


QUESTION = '[[questions]]\nkey = "k{i}"\ntext = "Q{i}?"\nlands = "cycle"\n'


def test_at_most_forty_questions() -> None:
    head = 'title = "T"\nversion = 1\n'
    forty = head + "".join(QUESTION.format(i=i) for i in range(40))
    assert len(parse_card_set(forty, "cards/t.toml").steps) == 40
    many = head + "".join(QUESTION.format(i=i) for i in range(41))
    assert refused(many) == "cards/five-whys.toml:1: more than 40 questions"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (('label = "P"', "label = 7"), "question 1 ('problem'): label must be text"),
        (('label = "P"', 'label = "P1234"'), "question 1 ('problem'): label is longer than 4"),
        (('label = "P"', 'label = "P123"'), None),
        (('label = "P"', 'back = "no"'), "question 1 ('problem'): back must be true or false"),
        (
            ('prompt = "the problem, in one line"', 'prompt = "' + "x" * 2001 + '"'),
            "question 1 ('problem'): prompt is longer than 2000 characters",
        ),
        (('lands = "cycle"', 'section = "target"'), "question 1 ('problem'): lands is missing"),
    ],
)
def test_each_question_field_is_checked(change: tuple[str, str], reason: str | None) -> None:
    text = FIVE_WHYS.replace(*change, 1)
    if reason is None:
        assert parse_card_set(text, "cards/five-whys.toml").steps[0].label == "P123"
        return
    message = refused(text)
    assert reason in message
    if "lands is missing" not in reason:  # a missing field is named at its question
        line = text.splitlines().index(change[1]) + 1
        assert message.startswith(f"cards/five-whys.toml:{line}: "), message
    else:
        line = text.splitlines().index("[[questions]]") + 1
        assert message.startswith(f"cards/five-whys.toml:{line}: "), message


def test_an_empty_or_misspelt_questions_list_is_refused() -> None:
    head = 'title = "T"\nversion = 1\n'
    for questions in ("questions = []\n", 'questions = "q1"\n'):
        assert refused(head + questions) == (
            "cards/five-whys.toml:3: no questions: add [[questions]] tables"
        )


def test_private_use_and_other_printable_characters_are_kept() -> None:
    """Only control, bidi and lone-surrogate characters are refused: a plant's own
    symbol font (private use, from U+E000) or a character just below the
    surrogates is shown as is."""
    for char in ("\ue000", "\ud7ff", "\u00a0", "\u00e9"):
        text = FIVE_WHYS.replace("Why does it happen?", f"Why {char}?")
        card = parse_card_set(text, "cards/five-whys.toml")
        assert card.steps[1].text == f"Why {char}?"
    for char in ("\u0085", "\u009f", "\u007f", "\u0000"):
        text = FIVE_WHYS.replace("Why does it happen?", f"Why {char}?")
        assert "control character" in refused(text.replace(char, f"\\u{ord(char):04x}"))


def test_every_field_of_a_card_and_its_questions_is_read() -> None:
    text = '''title = "  Kata de coaching "
version = 2
credit = " d'après Mike Rother "
back_title = "Réfléchir"
back_return = "Puis la question 3."

[[questions]]
key = "q1"
label = " 1 "
text = """Quelle est
  la condition\u00a0cible ?"""
lands = "target.pattern"
prompt = "  la condition cible  "
second = " Et encore ? "

[[questions]]
key = "r1"
text = "Le dernier pas ?"
lands = "experiment.step"
back = true
'''
    card = parse_card_set(text, "cards/coaching-kata.fr.toml")
    assert (card.name, card.title, card.version, card.language, card.credit) == (
        "coaching-kata",
        "Kata de coaching",
        2,
        "fr",
        "d'après Mike Rother",
    )
    assert (card.back_title, card.back_return) == ("Réfléchir", "Puis la question 3.")
    first, second = card.steps
    assert (first.key, first.label, first.text, first.lands, first.section, first.back) == (
        "q1",
        "1",
        "Quelle est la condition\u00a0cible ?",
        Lands.TARGET_PATTERN,
        Section.TARGET,
        False,
    )
    assert (first.prompt, first.second) == ("la condition cible", "Et encore ?")
    assert (second.label, second.back, second.section, second.prompt, second.second) == (
        "2",
        True,
        Section.EXPERIMENTS,
        "",
        "",
    )
    assert (
        parse_card_set(
            text.replace("version = 2\n", 'version = 2\nlanguage = "fr"\n'),
            "cards/coaching-kata.fr.toml",
        ).language
        == "fr"
    )
    assert "differs from the file name's 'fr'" in refused(
        text.replace("version = 2\n", 'version = 2\nlanguage = "de"\n'),
        "cards/coaching-kata.fr.toml",
    )


@pytest.mark.parametrize(
    ("version", "ok"),
    [("1", True), ("1000000", True), ("1000001", False), ("true", False), ("1.5", False)],
)
def test_a_version_is_a_whole_number_from_1_to_a_million(version: str, ok: bool) -> None:
    text = FIVE_WHYS.replace("version = 3", f"version = {version}", 1)
    if ok:
        assert parse_card_set(text, "cards/five-whys.toml").version == int(version)
    else:
        assert refused(text) == "cards/five-whys.toml:3: version must be a whole number from 1"


def test_a_language_named_inside_must_be_a_language_code() -> None:
    text = FIVE_WHYS.replace('language = "en"', 'language = "pt-BR"', 1)
    assert parse_card_set(text, "cards/five-whys.toml").language == "pt-BR"
    bad = FIVE_WHYS.replace('language = "en"', 'language = "EN"', 1)
    assert refused(bad) == "cards/five-whys.toml:4: 'EN' is not a language code"
    assert parse_card_set(FIVE_WHYS.replace('language = "en"\n', ""), "c/f.toml").language == "en"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('key = "problem"', "key = 5"), "question 1: key must be text"),
        (('key = "problem"', 'kee = "problem"'), "question 1: unknown field 'kee'"),
        (('key = "problem"', 'key = ""'), "question 1 (''): key is empty"),
        (
            ('lands = "cycle"', "lands = 3"),
            "question 1 ('problem'): lands 3 is not a landing place",
        ),
    ],
)
def test_a_question_names_itself_by_number_and_key_in_each_fault(change, message) -> None:
    text = FIVE_WHYS.replace(*change, 1)
    assert message in refused(text)


def test_a_file_name_that_is_no_card_sets_is_refused_at_line_1() -> None:
    for name, reason in (
        ("five whys.toml", "a card file is named NAME.toml or NAME.LANG.toml"),
        ("five-whys.yaml", "a card set is a .toml or .json file"),
    ):
        with pytest.raises(CardSetError) as caught:
            split_name(name)
        assert (caught.value.line, caught.value.where) == (1, name)
        assert str(caught.value).startswith(f"{name}:1: {reason}")


def test_a_translation_asking_another_question_names_both() -> None:
    card = parse_card_set(FIVE_WHYS, "cards/five-whys.toml")
    other = parse_card_set(FIVE_WHYS.replace('lands = "obstacle"', 'lands = "cycle"'), "c/f.toml")
    assert same_questions(other, card) == (
        "question 2 is 'why' (label '2', lands 'cycle'); "
        "five-whys asks 'why' (label '2', lands 'obstacle') there"
    )
