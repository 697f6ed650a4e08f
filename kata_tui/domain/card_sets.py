"""A card set written as a file (TOML or JSON), read into a ``QuestionCard``.

The same reader takes the coaching kata in another language (shipped in
``kata_tui/cards/``) and a plant's own kata (``<data>/cards/NAME.toml`` or
``NAME.json``). Everything is checked when read; anything wrong is one line
naming the file and the line: ``cards/5why.toml:12: question 3 ("why2"):
lands "obstacles" is not a landing place (cycle, experiment.expected, ...)``.

A file is named ``NAME.toml`` (or ``.json``), or ``NAME.LANG.toml`` for one
language of a set; the name is the set's, the language the file's
``language`` (which must agree with the name's). Its fields:

    title = "Five whys"            # required
    version = 1                    # required, a whole number from 1
    language = "en"                # default "en"
    credit = "after ..."           # default ""
    back_title = "..."             # said before the back of the card (back = true)
    back_return = "..."            # said after it

    [[questions]]                  # at least one, asked in this order
    key = "why1"                   # required: a-z, 0-9, - and _, unique
    label = "1"                    # shown before the question (default: its number)
    text = "Why did it happen?"    # required, not empty
    lands = "cycle"                # required: a landing place (card.LANDINGS)
    section = "obstacles"          # highlighted (default: the landing place's)
    back = false                   # on the back of the card
    prompt = "..."                 # the answer line's hint
    second = "..."                 # the second answer line's label

Pure: the caller reads the file and hands over its text.
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from kata_tui.domain.card import LANDINGS, Question, QuestionCard, Section
from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.text import BIDI_CONTROLS

SUFFIXES = (".toml", ".json")
CARD_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,47}")
"""A card set's name (the file's name before its language and suffix)."""
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
QUESTION_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,15}")
MAX_QUESTIONS = 40
MAX_TEXT = 2_000
MAX_FILE = 256 * 1024

_SPACES = re.compile(r"[ \t\n\r]+")
"""Line breaks in a question's text are folded; a no-break space (French ``?``) stays."""

_TOP = {"title", "version", "language", "credit", "back_title", "back_return", "questions"}
_QUESTION = {"key", "label", "text", "lands", "section", "back", "prompt", "second"}


class CardSetError(InvalidInput):
    """A card-set file that cannot be used; the message is ``FILE:LINE: reason``."""

    def __init__(self, where: str, line: int, reason: str) -> None:
        super().__init__(f"{where}:{line}: {reason}")
        self.where = where
        self.line = line
        self.reason = reason


def _is_control(char: str) -> bool:
    """Shown as is on the card, so no control, bidi or lone-surrogate character."""
    code = ord(char)
    return (
        (code < 0x20 and char not in "\n\t")
        or 0x7F <= code < 0xA0
        or 0xD800 <= code <= 0xDFFF
        or char in BIDI_CONTROLS
    )


def split_name(filename: str) -> tuple[str, str]:
    """(set name, language or "") of a card file's name: ``5why.toml``, ``coaching-kata.de.toml``.

    Raises ``CardSetError`` for a name that is not a card file's.
    """
    stem, dot, suffix = filename.rpartition(".")
    if not dot or f".{suffix}" not in SUFFIXES:
        raise CardSetError(filename, 1, "a card set is a .toml or .json file")
    name, _, language = stem.partition(".")
    if not CARD_NAME.fullmatch(name) or (language and not LANGUAGE.fullmatch(language)):
        raise CardSetError(
            filename,
            1,
            "a card file is named NAME.toml or NAME.LANG.toml "
            "(lower-case letters, digits, - and _)",
        )
    return name, language


def parse_card_set(text: str, source: str) -> QuestionCard:
    """The card set in ``text``, read from the file ``source`` (its name says the format).

    Raises ``CardSetError`` naming ``source`` and the line of the first fault.
    """
    filename = source.replace("\\", "/").rsplit("/", 1)[-1]
    try:
        name, file_language = split_name(filename)
    except CardSetError as error:
        raise CardSetError(source, 1, error.reason) from None
    if len(text) > MAX_FILE:
        raise CardSetError(source, 1, f"larger than {MAX_FILE // 1024} KB: not a card set")
    reader = _Reader(text, source)
    data = reader.load(filename.endswith(".json"))
    return reader.card(data, name, file_language)


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines = text.splitlines()
        self.starts: list[int] = []
        """The line each question begins on (``[[questions]]`` or its ``{``)."""

    def fail(self, line: int, reason: str) -> CardSetError:
        return CardSetError(self.source, line, reason)

    # -- the file's syntax ------------------------------------------------------------

    def load(self, is_json: bool) -> dict[str, Any]:
        data = self._json() if is_json else self._toml()
        if not isinstance(data, dict):
            raise self.fail(1, "expected a table of fields at the top")
        return data

    def _toml(self) -> Any:
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            found = re.search(r"\(at line (\d+), column \d+\)", message)
            line = int(found.group(1)) if found else 1
            reason = message[: found.start()].strip() if found else message
            raise self.fail(line, f"not valid TOML: {reason}") from None
        self.starts = [
            i + 1 for i, line in enumerate(self.lines) if line.strip().startswith("[[questions]]")
        ]
        return data

    def _json(self) -> Any:
        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for key, value in items:
                if key in out:
                    raise ValueError(f"duplicate key {key!r}")
                out[key] = value
            return out

        def constant(word: str) -> Any:
            raise ValueError(f"{word} is not a number")

        try:
            data = json.loads(self.text, object_pairs_hook=pairs, parse_constant=constant)
        except json.JSONDecodeError as error:
            raise self.fail(error.lineno, f"not valid JSON: {error.msg}") from None
        except (ValueError, RecursionError) as error:
            raise self.fail(1, f"not valid JSON: {error}") from None
        self.starts = self._json_question_lines()
        return data

    def _json_question_lines(self) -> list[int]:
        """The line of each ``{`` directly inside the ``"questions"`` list."""
        found = re.search(r'"questions"\s*:\s*\[', self.text)
        if not found:
            return []
        starts, depth, in_string, escaped = [], 0, False, False
        for i in range(found.end(), len(self.text)):
            char = self.text[i]
            if in_string:
                escaped = not escaped and char == "\\"
                if char == '"' and not escaped:
                    in_string = False
                continue
            if char == '"':
                in_string, escaped = True, False
            elif char in "{[":
                if depth == 0 and char == "{":
                    starts.append(self.text.count("\n", 0, i) + 1)
                depth += 1
            elif char in "}]":
                if depth == 0:
                    break
                depth -= 1
        return starts

    def line_of(self, field: str, question: int | None = None) -> int:
        """The line ``field`` is written on (in question ``question``), else its
        question's line, else 1."""
        first, last = 1, len(self.lines)
        if question is not None:
            if question >= len(self.starts):
                return 1
            first = self.starts[question]
            if question + 1 < len(self.starts):
                last = self.starts[question + 1] - 1
        elif self.starts:
            last = self.starts[0] - 1
        pattern = re.compile(rf'^\s*(?:"{re.escape(field)}"\s*:|{re.escape(field)}\s*=)')
        for number in range(first, last + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        if question is not None:
            return first
        return 1

    # -- the fields -------------------------------------------------------------------

    def card(self, data: dict[str, Any], name: str, file_language: str) -> QuestionCard:
        for field in data:
            if field not in _TOP:
                raise self.fail(
                    self.line_of(field), f"unknown field {field!r} ({', '.join(sorted(_TOP))})"
                )
        title = self.text_field(data, "title", required=True)
        version = data.get("version")
        if version is None:
            raise self.fail(1, "version is missing: a whole number, 1 for a first version")
        if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 10**6:
            raise self.fail(self.line_of("version"), "version must be a whole number from 1")
        language = self.text_field(data, "language") or file_language or "en"
        if not LANGUAGE.fullmatch(language):
            raise self.fail(self.line_of("language"), f"{language!r} is not a language code")
        if file_language and language != file_language:
            raise self.fail(
                self.line_of("language"),
                f"language {language!r} differs from the file name's {file_language!r}",
            )
        questions = data.get("questions")
        if not isinstance(questions, list) or not questions:
            raise self.fail(self.line_of("questions"), "no questions: add [[questions]] tables")
        if len(questions) > MAX_QUESTIONS:
            raise self.fail(self.line_of("questions"), f"more than {MAX_QUESTIONS} questions")
        steps = tuple(self.question(q, i) for i, q in enumerate(questions))
        seen: set[str] = set()
        for i, step in enumerate(steps):
            if step.key in seen:
                raise self.fail(self.line_of("key", i), f"question {i + 1}: key {step.key!r} twice")
            seen.add(step.key)
        return QuestionCard(
            name=name,
            title=title,
            credit=self.text_field(data, "credit"),
            steps=steps,
            version=version,
            language=language,
            back_title=self.text_field(data, "back_title"),
            back_return=self.text_field(data, "back_return"),
            source=self.source,
        )

    def text_field(
        self,
        data: dict[str, Any],
        field: str,
        *,
        required: bool = False,
        question: int | None = None,
        where: str = "",
    ) -> str:
        value = data.get(field, "")
        line = self.line_of(field, question)
        if not isinstance(value, str):
            raise self.fail(line, f"{where}{field} must be text")
        if len(value) > MAX_TEXT:
            raise self.fail(line, f"{where}{field} is longer than {MAX_TEXT} characters")
        if any(_is_control(c) for c in value):
            raise self.fail(line, f"{where}{field} holds a control character")
        if required and not value.strip():
            what = "is missing" if field not in data else "is empty"
            raise self.fail(line, f"{where}{field} {what}")
        return value.strip()

    def question(self, data: Any, i: int) -> Question:
        line = self.starts[i] if i < len(self.starts) else self.line_of("questions")
        if not isinstance(data, dict):
            raise self.fail(line, f"question {i + 1} must be a table of fields")
        key = data.get("key")
        where = f"question {i + 1} ({key!r}): " if isinstance(key, str) else f"question {i + 1}: "
        for field in data:
            if field not in _QUESTION:
                raise self.fail(
                    self.line_of(field, i),
                    f"{where}unknown field {field!r} ({', '.join(sorted(_QUESTION))})",
                )
        key = self.text_field(data, "key", required=True, question=i, where=where)
        if not QUESTION_KEY.fullmatch(key):
            raise self.fail(
                self.line_of("key", i),
                f"{where}key must be up to 16 lower-case letters, digits, - or _",
            )
        text = self.text_field(data, "text", required=True, question=i, where=where)
        lands = data.get("lands")
        if lands is None:
            raise self.fail(line, f"{where}lands is missing ({', '.join(sorted(LANDINGS))})")
        if not isinstance(lands, str) or lands not in LANDINGS:
            raise self.fail(
                self.line_of("lands", i),
                f"{where}lands {lands!r} is not a landing place ({', '.join(sorted(LANDINGS))})",
            )
        landing = LANDINGS[lands]
        section = landing.section
        if "section" in data:
            named = data["section"]
            if named not in {s.value for s in Section}:
                raise self.fail(
                    self.line_of("section", i),
                    f"{where}section {named!r} is not one of: "
                    + ", ".join(s.value for s in Section),
                )
            section = Section(named)
        back = data.get("back", False)
        if not isinstance(back, bool):
            raise self.fail(self.line_of("back", i), f"{where}back must be true or false")
        label = self.text_field(data, "label", question=i, where=where) or str(i + 1)
        if len(label) > 4:
            raise self.fail(self.line_of("label", i), f"{where}label is longer than 4 characters")
        return Question(
            key=key,
            label=label,
            text=_SPACES.sub(" ", text),
            section=section,
            lands=landing.name,
            back=back,
            prompt=self.text_field(data, "prompt", question=i, where=where),
            second=self.text_field(data, "second", question=i, where=where),
        )


def same_questions(card: QuestionCard, original: QuestionCard) -> str:
    """Why ``card`` (a translation) does not ask ``original``'s questions ("" if it does):
    the same keys, labels, landing places and back of the card, in the same order."""
    mine = [(q.key, q.label, str(q.lands), q.back) for q in card.steps]
    theirs = [(q.key, q.label, str(q.lands), q.back) for q in original.steps]
    if len(mine) != len(theirs):
        return f"{len(mine)} questions; {original.name} has {len(theirs)}"
    for i, (a, b) in enumerate(zip(mine, theirs, strict=True)):
        if a != b:
            return (
                f"question {i + 1} is {a[0]!r} (label {a[1]!r}, lands {a[2]!r}); "
                f"{original.name} asks {b[0]!r} (label {b[1]!r}, lands {b[2]!r}) there"
            )
    return ""
