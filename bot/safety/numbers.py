"""Numbers read as numbers: a body temperature in any notation people type.

"38,9", "38.9", "39 graden", "38,5°", "38 komma 8", "bijna 39", "negenendertig graden".
A decimal number between 37.8 and 43 is a temperature unless the sentence is about the
weather, a bath or an age; a whole number needs a word that says so (graden, koorts,
gemeten, thermometer, 'zit op', 'heb', 'bijna'). Weight lost and age are concepts in
data/clinical/red_flag_concepts.yml (number ranges such as `#1-60 kilo`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Set

from bot.safety.document import Document
from bot.safety.normalize import parse_number

FEVER_FROM = 37.8
FEVER_TO = 43.0
_WORD_NUMBERS = {"zevenendertig": 37.0, "achtendertig": 38.0, "negenendertig": 39.0,
                 "veertig": 40.0, "eenenveertig": 41.0}
_SAYS_TEMPERATURE = frozenset(
    "graden graad koorts koortsig temperatuur gemeten meet meten thermometer verhoging temp "
    "c celsius".split()
)
_BEFORE = frozenset("heb had hebt bijna ruim boven rond tegen op".split())
_NEARLY = frozenset({"bijna", "tegen", "rond"})
# The same sentence talks about something else that has a temperature, or about an age.
_OTHER = frozenset(
    "buiten weer zon hitte hittegolf zomer bad douche water sauna oven binnen kamer huis "
    "vakantie jarig leeftijd daar spanje warmte".split()
)
# A thing with a temperature, named in the sentence or the one before ("hoe warm mag een
# warmtekussen zijn? de mijne gaat tot 40 graden").
_DEVICES = frozenset("warmtekussen kruik deken warmteplaid kachel verwarming thermostaat sauna bad douche oven".split())
# A unit right after the number says it counts something else ("39 jaar", "40 kilo"); further
# on in the sentence it does not ("al twee dagen 38,3").
_UNITS = frozenset(
    "jaar jaren jr kilo kilos kg euro procent uur uren u minuten min km cm mg ml weken dagen "
    "maanden keer stuks mensen".split()
)
_AGE_VERBS = frozenset("ben word werd was wordt".split())
_WINDOW = 4


@dataclass(frozen=True)
class Reading:
    """A temperature found in the message: its value and token span [start, end)."""

    value: float
    start: int
    end: int


def _value(doc: Document, i: int) -> Optional[float]:
    text = doc.tokens[i].text
    if text in _WORD_NUMBERS:
        return _WORD_NUMBERS[text]
    return parse_number(text) if text[:1].isdigit() else None


def temperatures(doc: Document, text: str = "") -> List[Reading]:
    """Body temperatures of at least 37.8 degrees in `doc` (`text`: the message, for a ° sign)."""
    found: List[Reading] = []
    words = [token.text for token in doc.tokens]
    for i, word in enumerate(words):
        value = _value(doc, i)
        if value is None or doc.is_break[i]:
            continue
        end = i + 1
        decimal = word[:1].isdigit() and any(sep in word for sep in ",.")
        if not decimal and end + 1 < len(words) and words[end] == "komma" and words[end + 1].isdigit():
            value, decimal, end = value + float("0." + words[end + 1]), True, end + 2
        before = words[i - 1] if i and not doc.is_break[i - 1] else ""
        if before in _NEARLY:
            value -= 0.2
        if not FEVER_FROM <= value <= FEVER_TO:
            continue
        sentence = doc.sentence[i]
        same: Set[str] = {w for j, w in enumerate(words) if doc.sentence[j] == sentence}
        unit = words[end] if end < len(words) and not doc.is_break[end] else ""
        around: Set[str] = {w for j, w in enumerate(words) if sentence - 1 <= doc.sentence[j] <= sentence}
        if same & _OTHER or around & _DEVICES or unit in _UNITS or (before in _AGE_VERBS and not decimal):
            continue
        near = set(words[max(0, i - _WINDOW):i]) | set(words[end:end + _WINDOW])
        degree = "\u00b0" in text[doc.tokens[end - 1].end:doc.tokens[end - 1].end + 2]
        says = decimal or degree or bool(near & _SAYS_TEMPERATURE) or before in _BEFORE
        if says:
            found.append(Reading(round(value, 1), i, end))
    return found
