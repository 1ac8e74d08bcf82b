"""Weight lost, read from two body weights: "van 82 naar 74 kilo", "ik weeg 58, een half jaar
geleden nog 66", "De weegschaal gaf 64 aan, in januari was dat 71".

People often give the numbers instead of saying "afgevallen". The older weight is the one
after "van" in "van A naar B", or the one in a clause with a word for the past; the drop
counts when it is at least 4 kilo and 5% of the older weight, and the message says nothing
that makes it intended (a diet, sport, wanting to lose weight). Whether it is about the
writer now, someone else or long ago is judged by the matcher's context rules, as for any flag.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from bot.safety.document import Document
from bot.safety.normalize import parse_number

MIN_DROP_KG = 4.0
MIN_DROP_SHARE = 0.05
_BODY_WEIGHT = (35.0, 250.0)
_UNITS = frozenset("kilo kilos kg kilogram".split())
_WEIGH_WORDS = frozenset("weeg woog wogen weegt wegen gewicht weegschaal".split())
_PAST = frozenset(
    "geleden was woog wogen vroeger eerst vorig vorige vorigjaar toen destijds begin januari februari "
    "maart april mei juni juli augustus september oktober november december zomer winter".split()
)
# A number followed by one of these counts something else ("66 jaar", "70 euro").
_OTHER_UNITS = frozenset("jaar jaren jr euro procent uur uren minuten km cm mg ml weken dagen maanden keer graden".split())
_AGE_VERBS = frozenset("ben is word wordt werd".split())  # "ik ben 66 en weeg 80 kilo"
_NOW = frozenset("nu momenteel tegenwoordig vandaag vanochtend vanmorgen inmiddels intussen nog maar".split())
_FROM_TO = frozenset("naar tot op".split())
# Words that make a loss intended; "geen dieet" does not (see _intended).
_INTENDED = frozenset("dieet afvallen afslanken lijnen sporten sport wilde wil wou probeer streef doel".split())
_NOT = frozenset("geen niet nooit zonder".split())
_NEAR = 3


@dataclass(frozen=True)
class WeightDrop:
    """Kilos lost between an older and a newer weight, and the token span [start, end) of both."""

    kilos: float
    start: int
    end: int


def _weights(doc: Document) -> List[Tuple[int, float]]:
    """Body weights in order. A number counts when a unit or a word for weighing marks it,
    or when another number in the message is so marked ("van 82 naar 74 kilo")."""
    words = [token.text for token in doc.tokens]
    numbers, marked = [], False
    for i, word in enumerate(words):
        if not word[:1].isdigit() or doc.is_break[i]:
            continue
        value = parse_number(word)
        if value is None or not _BODY_WEIGHT[0] <= value <= _BODY_WEIGHT[1]:
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        unit = after in _UNITS
        if after in _OTHER_UNITS or (not unit and i and words[i - 1] in _AGE_VERBS):
            continue
        weighed = bool(set(words[max(0, i - _NEAR):i]) & _WEIGH_WORDS)
        marked = marked or unit or weighed
        numbers.append((i, value))
    return numbers if marked else []


def _clause(doc: Document, i: int) -> Tuple[int, int]:
    """Token span [start, end) of the clause around token i, between breaks."""
    start, end = i, i + 1
    while start > 0 and not doc.is_break[start - 1]:
        start -= 1
    while end < len(doc.tokens) and not doc.is_break[end]:
        end += 1
    return start, end


def _tense(words: List[str]) -> Optional[bool]:
    """True for the past, False for now, None when the words do not say."""
    if set(words) & _PAST:
        return True
    if set(words) & _NOW:
        return False
    return None


def _older_first(doc: Document, weights: List[Tuple[int, float]]) -> Optional[bool]:
    """Whether the first of two weights is the older one; None when the message does not say.

    Each weight's tense is read first from the words before it (back to the previous weight
    or the clause start), then from the words after it (up to the next weight)."""
    words = [token.text for token in doc.tokens]
    tenses = []
    for n, (i, _) in enumerate(weights[:2]):
        start, end = _clause(doc, i)
        left = max(start, weights[n - 1][0] + 2) if n else start
        right = min(end, weights[n + 1][0]) if n + 1 < len(weights) else end
        tense = _tense(words[left:i])
        tenses.append(tense if tense is not None else _tense(words[i + 1:right]))
    first, second = tenses
    if first is True and second is not True or first is None and second is False:
        return True
    if second is True and first is not True or second is None and first is False:
        return False
    return None


def _intended(words: List[str]) -> bool:
    for i, word in enumerate(words):
        if word in _INTENDED and not set(words[max(0, i - _NEAR):i]) & _NOT:
            return True
    return False


def weight_drop(doc: Document) -> Optional[WeightDrop]:
    """The weight lost according to two body weights in `doc`, when it counts; else None."""
    weights = _weights(doc)
    if len(weights) < 2 or _intended([token.text for token in doc.tokens]):
        return None
    words = [token.text for token in doc.tokens]
    (i, first), (j, second) = weights[0], weights[1]
    between = set(words[i + 1:j])
    if i > 0 and words[i - 1] == "van" and between & _FROM_TO:
        older, newer = first, second
    else:
        older_first = _older_first(doc, weights)
        if older_first is None:
            return None
        older, newer = (first, second) if older_first else (second, first)
    drop = older - newer
    if drop < MIN_DROP_KG or drop < MIN_DROP_SHARE * older:
        return None
    return WeightDrop(round(drop, 1), i, j + 1)
