"""The card sets a data directory can use: shipped ones, and the plant's own.

Shipped: ``kata_tui/cards/NAME.LANG.toml`` (the coaching kata in each
language). The plant's: ``<data>/cards/NAME.toml``, ``NAME.json`` or
``NAME.LANG.toml`` (its own kata, or another language of the coaching kata).
A plant file with the name and language of a shipped one takes its place.

Each file is read only when a board or cycle asks for its set (and by
``kata check``), so a broken file never stops a board that uses another set:
it is refused, with its line and reason, only where it is asked for. The
English coaching kata is built in and needs no file at all.

API: ``CardLibrary(data_path).get(CardRef)`` -> ``QuestionCard`` or
``CardSetError`` (one line, ``FILE:LINE: reason``); ``.choices()`` lists
what can be picked; ``.problems()`` what ``kata check`` reports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import kata_tui.cards
from kata_tui.domain.card import COACHING_KATA, CardRef, QuestionCard
from kata_tui.domain.card_sets import (
    MAX_FILE,
    SUFFIXES,
    CardSetError,
    parse_card_set,
    same_questions,
    split_name,
)

CARDS_DIR = "cards"
"""The data directory's folder of the plant's own card sets."""
SHIPPED = Path(kata_tui.cards.__file__).parent
"""The package's own card files (an installed or editable package is a folder on
disk; ``importlib.resources`` would cost its imports, and a process whose user
cannot read the standard library's resource readers could not use it)."""


@dataclass(frozen=True, slots=True)
class CardFile:
    """One card-set file found (not read yet)."""

    name: str
    language: str
    """From the file name; "" when the file name gives none (read from the file)."""
    path: str
    """Where it is: a path in the data directory, or ``kata_tui/cards/...``."""
    shipped: bool


@dataclass(frozen=True, slots=True)
class CardChoice:
    """A card set that can be picked for a board or a cycle (or why it cannot)."""

    ref: CardRef
    title: str
    problem: CardSetError | None = None
    """Why a broken file cannot be used (None when it can)."""


class CardLibrary:
    def __init__(self, data_path: Path | None) -> None:
        self.folder = data_path / CARDS_DIR if data_path is not None else None
        self._read: dict[str, tuple[tuple[int, int], QuestionCard | CardSetError]] = {}

    # -- finding files ------------------------------------------------------------------

    def files(self) -> list[CardFile]:
        """Every card file, shipped first; a plant file replaces a shipped one of its name."""
        found: dict[tuple[str, str], CardFile] = {}
        for path in self._paths(SHIPPED):
            name, language = split_name(path.name)
            found[(name, language)] = CardFile(name, language, f"kata_tui/cards/{path.name}", True)
        for path in self._paths(self.folder):
            try:
                name, language = split_name(path.name)
            except CardSetError:
                found[(path.name, "?")] = CardFile(path.name, "?", str(path), False)
                continue
            found[(name, language)] = CardFile(name, language, str(path), False)
        return list(found.values())

    @staticmethod
    def _paths(folder: Path | None) -> list[Path]:
        if folder is None:
            return []
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return []
        return [
            Path(e.path)
            for e in entries
            if e.name.endswith(SUFFIXES) and not e.name.startswith(".")
        ]

    # -- reading ------------------------------------------------------------------------

    def read(self, file: CardFile) -> QuestionCard:
        """The card set in ``file``, checked; ``CardSetError`` with its line if bad."""
        if file.shipped:
            filename = file.path.rsplit("/", 1)[-1]
            card = parse_card_set((SHIPPED / filename).read_text("utf-8"), file.path)
        else:
            card = self._read_plant(Path(file.path))
        if card.name == COACHING_KATA.name:
            self._check_translation(card)
        return card

    def _read_plant(self, path: Path) -> QuestionCard:
        try:
            info = path.stat()
            key = (info.st_mtime_ns, info.st_size)
            cached = self._read.get(str(path))
            if cached is not None and cached[0] == key:
                if isinstance(cached[1], CardSetError):
                    raise cached[1]
                return cached[1]
            if info.st_size > MAX_FILE:
                too_big = f"larger than {MAX_FILE // 1024} KB: not a card set"
                raise CardSetError(str(path), 1, too_big)
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            error = CardSetError(str(path), 1, "not UTF-8 text")
            self._read[str(path)] = (key, error)
            raise error from None
        except OSError as exc:
            raise CardSetError(str(path), 1, f"cannot be read ({exc.strerror})") from None
        try:
            card = parse_card_set(text, str(path))
        except CardSetError as error:
            self._read[str(path)] = (key, error)
            raise
        self._read[str(path)] = (key, card)
        return card

    @staticmethod
    def _check_translation(card: QuestionCard) -> None:
        """A coaching-kata file asks Rother's questions in their order and names him."""
        differs = same_questions(card, COACHING_KATA)
        if differs:
            raise CardSetError(card.source, 1, f"not the coaching kata's questions: {differs}")
        if "Rother" not in card.credit or "Toyota Kata" not in card.credit:
            raise CardSetError(
                card.source, 1, f'the credit must name the source ("{COACHING_KATA.credit}")'
            )

    def get(self, ref: CardRef) -> QuestionCard:
        """The card set ``ref`` names (its version as the file has it now).

        The English coaching kata is built in; anything else is read from its
        file. ``CardSetError`` names the file and line of a broken one, or says
        no such set exists.
        """
        if ref.name == COACHING_KATA.name and ref.language == COACHING_KATA.language:
            return COACHING_KATA
        for file in self.files():
            if file.name == ref.name and file.language in (ref.language, ""):
                card = self.read(file)
                if card.language == ref.language:
                    return card
        raise CardSetError(
            str(self.folder or CARDS_DIR),
            0,
            f"no card set {ref.name!r} in language {ref.language!r}",
        )

    def find(self, ref: CardRef) -> QuestionCard | None:
        """``get``, or None when the set is gone or broken (a ``domain.card.Cards``)."""
        try:
            return self.get(ref)
        except CardSetError:
            return None

    def choices(self) -> list[CardChoice]:
        """Every set that can be picked, the English coaching kata first; a broken
        file is listed with its problem, so people see why it is not offered."""
        out = [CardChoice(COACHING_KATA.ref, COACHING_KATA.title)]
        for file in self.files():
            if file.shipped and (file.name, file.language) == (COACHING_KATA.name, "en"):
                continue
            try:
                card = self.read(file)
            except CardSetError as error:
                ref = CardRef(file.name, 0, file.language or "?")
                out.append(CardChoice(ref, file.path, error))
                continue
            if card.ref == COACHING_KATA.ref and not file.shipped:
                out[0] = CardChoice(card.ref, card.title)
                continue
            out.append(CardChoice(card.ref, card.title))
        return out

    def problems(self) -> list[CardSetError]:
        """Every card file that cannot be used, with its line: what ``kata check`` says."""
        return [choice.problem for choice in self.choices() if choice.problem is not None]
