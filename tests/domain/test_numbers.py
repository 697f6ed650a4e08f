import pytest

from kata_tui.domain.errors import InvalidInput
from kata_tui.domain.numbers import number_text, parse_number, parse_optional_number


@pytest.mark.parametrize(("text", "value"), [("25", 25.0), (" 2,5 ", 2.5), ("-1.5", -1.5)])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "18 min", "25 yesterday", ""])
def test_parse_number_refuses_with_what_was_typed(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_number(text)
    assert str(caught.value) == f"not a number: {text.strip()!r} (try 25 or 2.5)"


def test_empty_is_none_only_where_a_number_is_optional() -> None:
    assert parse_optional_number("  ") is None
    assert parse_optional_number("7") == 7.0


def test_number_text() -> None:
    assert [number_text(v) for v in (25.0, 2.5, None)] == ["25", "2.5", ""]


@pytest.mark.parametrize("value", [100000.5, 1234567.0, 0.1234567, 25.0, 2.5, -3.25, 1e-7])
def test_number_text_reads_back_exactly(value: float) -> None:
    assert parse_number(number_text(value)) == value


@pytest.mark.parametrize("text", ["1,000", "12,500", "-1,000,000"])
def test_a_thousands_comma_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(InvalidInput, match="unclear number"):
        parse_number(text)
