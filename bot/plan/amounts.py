"""Amounts in the user's own words: minutes ("een kwartier"), counts ("drie keer"), glasses."""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.dutch_text import normalise
from bot.plan.number_words import numbers_in, to_number, tokens

_HOUR_UNITS = {"uur", "uurtje", "uren", "u", "h"}
_MINUTE_UNITS = {"min", "mins", "minuut", "minuten", "minuutje", "minuutjes", "m"}
# A number followed by these is a count or a period, never a duration ("3 keer 10 minuten").
_NOT_DURATION = {"keer", "x", "maal", "dag", "dagen", "week", "weken", "glazen", "glas", "liter"}
# A number without a unit is a duration only when it stands alone or before one of these
# ("20 ofzo", "10 a 15 minuten"): before any other word it counts something ("2 kinderen").
_AFTER_BARE_DURATION = {"a", "tot", "of", "ofzo", "zo", "per", "denk", "misschien", "lukt", "is", "wel",
                        "dan", "max", "maximaal", "hooguit", "hoor", "graag", "om", "mee", "te"}
_PHRASES = [
    # Fixed Dutch expressions become "<minutes> min" before numbers are read.
    (r"\b(\d+|een|twee|drie|vier)\s+en\s+een\s+half\s+uur(tje)?\b", None),
    (r"\banderhalf\s+uur(tje)?\b", "90 min"),
    (r"\bdrie\s*kwartier(tje|ke)?\b", "45 min"),
    (r"\btwee\s*kwartier(tje|ke)?\b", "30 min"),
    (r"\b(een\s+)?half\s*uur(tje|ke)?\b", "30 min"),
    (r"\b(een\s+|ne\s+)?kwartier(tje|ke)?\b", "15 min"),
    (r"\b(een\s+|ne\s+)?uur(tje|ke)\b", "60 min"),
    (r"\been\s+uur\b", "60 min"),
    (r"\been\s+paar\s+minuu?t(en|jes)?\b", "5 min"),
    (r"\been\s+minuut(je)?\b", "1 min"),
]


def _expand_phrases(text: str) -> str:
    text = normalise(text)

    def and_a_half(match: "re.Match[str]") -> str:
        whole = to_number(match.group(1)) or 0
        return f"{int(whole * 60 + 30)} min"

    for pattern, replacement in _PHRASES:
        text = re.sub(pattern, replacement if replacement is not None else and_a_half, text)
    return text


def _bare_duration(next_word: Optional[str]) -> bool:
    return next_word is None or next_word in _AFTER_BARE_DURATION or to_number(next_word) is not None


def _quantities(text: str) -> List[Tuple[float, Optional[str]]]:
    """(number, unit word or None) pairs, in order; counts and periods are left out."""
    words = tokens(text)
    found: List[Tuple[float, Optional[str]]] = []
    for index, word in enumerate(words):
        if word == "een" and not (index + 1 < len(words) and words[index + 1] in _HOUR_UNITS):
            continue
        value = to_number(word)
        if value is None:
            continue
        unit = words[index + 1] if index + 1 < len(words) else None
        if unit in _NOT_DURATION:
            continue
        if unit not in _HOUR_UNITS | _MINUTE_UNITS and not _bare_duration(unit):
            continue
        found.append((value, unit if unit in _HOUR_UNITS | _MINUTE_UNITS else None))
    return found


def parse_minutes(text: str) -> Optional[float]:
    """Minutes in `text` ("20 min", "twintig minuten", "een kwartier", "1 uur en 15 minuten").

    A range ("10 à 15 minuten") gives its lower end: a plan starts small.
    """
    quantities = _quantities(_expand_phrases(text))
    if not quantities:
        return None
    (first, first_unit), rest = quantities[0], quantities[1:]
    if first_unit in _HOUR_UNITS:
        if rest and rest[0][1] in _MINUTE_UNITS:
            return first * 60 + rest[0][0]
        return first * 60
    if first_unit is None and rest and rest[0][1] in _HOUR_UNITS:
        return first * 60  # "1 à 2 uur"
    return first


def parse_count(text: str, per_meal: int = 3) -> Optional[int]:
    """How many times ("drie keer", "3x", "2 per dag", "bij elke maaltijd" is `per_meal`)."""
    clean = normalise(text)
    values = [value for value, _ in numbers_in(clean)]
    if not values and re.search(r"\b(elke|iedere)\s+maaltijd|\bmaaltijden\b", clean):
        extra = 1 if re.search(r"\bopstaan|\bopsta", clean) else 0
        return per_meal + extra
    if not values and re.search(r"\b(eenmaal|ene keer|ne keer|e keer)\b", clean):
        return 1
    if not values:
        return None
    return int(round(values[0]))


def parse_glasses(text: str) -> Optional[int]:
    """Glasses of water a day; litres become glasses of 250 ml ("1,5 liter" is 6)."""
    clean = normalise(text)
    litres = re.search(r"(\d+(?:[.,]\d+)?|anderhalve?|een|twee|drie)\s*(l|liter)\b", clean)
    if litres:
        raw = litres.group(1)
        amount = 1.5 if raw.startswith("anderhal") else to_number(raw)
        if amount is not None:
            return int(round(amount * 4))
    return parse_count(clean, per_meal=3)
