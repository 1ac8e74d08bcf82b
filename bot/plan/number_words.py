"""Dutch number words ("vijfentwintig", "een zesje") and the numbers in a reply, for the parsers."""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.dutch_text import normalise

_UNITS = {"nul": 0, "een": 1, "eentje": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
          "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
          "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
         "zeventig": 70, "tachtig": 80, "negentig": 90}
_SIMPLE = {**_UNITS, **_TEENS, **_TENS}
# Words that make a preceding "een" a number ("een keer") instead of an article ("een 6").
_COUNTED = ("keer", "x", "maal", "minuut", "minuutje", "uur", "uurtje", "glas", "glaasje",
            "moment", "momentje", "liter", "dag")
TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[a-z']+")


def word_to_number(word: str) -> Optional[int]:
    """The value of one Dutch number word ("vijfentwintig" is 25), or None."""
    word = normalise(word)
    if word in _SIMPLE:
        return _SIMPLE[word]
    if word.endswith("je") and word not in ("eentje",):
        # Report marks: "een zesje", "een achtje", "een tientje".
        for stem in (word[:-2], word[:-3]):  # "zes-je", "tien-tje"
            if stem in _SIMPLE and _SIMPLE[stem] <= 10:
                return _SIMPLE[stem]
    if "honderd" in word:
        left, right = word.split("honderd", 1)
        hundreds = 1 if not left else _UNITS.get(left)
        rest = 0 if not right else word_to_number(right)
        if hundreds and rest is not None and rest < 100:
            return hundreds * 100 + rest
        return None
    for name, tens in _TENS.items():
        if word.endswith(name) and word[: -len(name)].endswith("en"):
            unit = _UNITS.get(word[: -len(name) - 2])
            if unit:
                return tens + unit
    return None


def to_number(token: str) -> Optional[float]:
    """A digit token ("20", "1,5") or number word as a number, else None."""
    if token and token[0].isdigit():
        return float(token.replace(",", "."))
    value = word_to_number(token)
    return float(value) if value is not None else None


def numbers_in(text: str) -> List[Tuple[float, int]]:
    """(value, token index) of every number in `text`, skipping "een" used as an article."""
    tokens = TOKEN.findall(normalise(text))
    found: List[Tuple[float, int]] = []
    for index, token in enumerate(tokens):
        if token == "een":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following not in _COUNTED:
                continue
        value = to_number(token)
        if value is not None:
            found.append((value, index))
    return found


def tokens(text: str) -> List[str]:
    """The word and number tokens of `text`, normalised."""
    return TOKEN.findall(normalise(text))
