"""Minutes, counts and glasses as people type them."""
import pytest

from bot.plan.amounts import parse_count, parse_glasses, parse_minutes
from bot.plan.number_words import numbers_in, word_to_number


@pytest.mark.parametrize("word, value", [
    ("nul", 0), ("een", 1), ("één", 1), ("drie", 3), ("tien", 10), ("elf", 11), ("vijftien", 15),
    ("twintig", 20), ("vijfentwintig", 25), ("tweeëntwintig", 22), ("eenendertig", 31),
    ("honderd", 100), ("driehonderd", 300), ("honderdtwintig", 120), ("zesje", 6), ("achtje", 8),
    ("tientje", 10), ("minuut", None), ("en", None),
])
def test_dutch_number_words(word, value):
    assert word_to_number(word) == value


def test_een_is_a_number_only_before_something_counted():
    assert [v for v, _ in numbers_in("een keer per dag")] == [1]
    assert [v for v, _ in numbers_in("een 6 vandaag")] == [6]


@pytest.mark.parametrize("text, minutes", [
    ("twintig minuten", 20), ("20 min", 20), ("20", 20), ("20m", 20), ("tien minuutjes", 10),
    ("een kwartier", 15), ("kwartiertje", 15), ("een kwartierke per dag", 15), ("nen uurke", 60), ("half uur", 30), ("een half uurtje", 30),
    ("drie kwartier", 45), ("een uur", 60), ("anderhalf uur", 90), ("1,5 uur", 90),
    ("1 uur en 15 minuten", 75), ("twee en een half uur", 150), ("5 uur", 300), ("300 minuten", 300),
    ("10 à 15 minuten", 10), ("10-15 min", 10), ("vijfentwintig minuten", 25),
    ("3 keer per week 30 minuten", 30), ("een paar minuten", 5),
])
def test_minutes(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["weet ik niet", "wandelen", ""])
def test_no_minutes(text):
    assert parse_minutes(text) is None


@pytest.mark.parametrize("text, count", [
    ("drie keer", 3), ("3x", 3), ("twee keer per dag", 2), ("een keer", 1), ("1", 1), ("nul", 0),
    ("bij elke maaltijd", 3), ("bij het opstaan en bij elke maaltijd", 4), ("eenmaal", 1), ("ene keer s avonds", 1),
])
def test_counts(text, count):
    assert parse_count(text) == count


@pytest.mark.parametrize("text, glasses", [
    ("6", 6), ("zes glazen", 6), ("2 liter", 8), ("1,5 liter", 6), ("anderhalve liter", 6),
    ("bij het opstaan en bij elke maaltijd", 4), ("4 glazen", 4),
])
def test_glasses(text, glasses):
    assert parse_glasses(text) == glasses


@pytest.mark.parametrize("text, minutes", [
    ("ik heb 2 kinderen en werk fulltime dus hooguit een kwartier", 15),
    ("met mijn 3 honden lukt 20 minuten wel", 20), ("20 ofzo", 20), ("misschien 15", 15),
])
def test_a_number_counting_something_else_is_no_minutes(text, minutes):
    assert parse_minutes(text) == minutes


def test_a_sentence_whose_only_number_counts_something_else_has_no_minutes():
    assert parse_minutes("ik ben 45 en heb 2 kinderen") is None
