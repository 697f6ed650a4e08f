"""The card sets shipped with kata-tui, as data: one file a card set and language.

``coaching-kata.LANG.toml`` holds the coaching-kata card in one language. A
translator adds a language by copying ``coaching-kata.en.toml`` to
``coaching-kata.LANG.toml``, setting ``language`` and translating the texts;
the keys, labels, landing places and ``back`` flags must stay as in English
(``kata check`` and every load refuse a file that differs), and the credit
must still name Mike Rother's Toyota Kata. No code changes. The file format
is described in ``kata_tui.domain.card_sets``; a plant puts its own card sets
(or another language) in ``<data>/cards/``.
"""
