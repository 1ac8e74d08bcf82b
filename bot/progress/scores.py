"""Reading a pain score (0-10) from a sentence, only where the sentence says it is one.

"een 7", "ik denk 6 van de 10", "zeven", "6 denk ik" are scores. "al 3 dagen" is a
duration, "om 8 uur" a time, "alert(1)" code: none of them is a score, so a number
counts only when it stands as a word of its own, is not followed by a unit or preceded
by "al"/"sinds"/"om", and the sentence marks it as a score (a scale "van de 10", a word
such as "cijfer", the grading "een 7") or says little else ("vandaag een 5", "nu 4").
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.dutch_text import normalise
from bot.plan.number_words import word_to_number

_NUMBER = r"\d+(?:[.,]\d+)?"
_SCALE = re.compile(rf"(?<![\w(])({_NUMBER}|[a-z]+)\s*(?:/|op|van de|van|uit)\s*(?:10|tien)\b")
_NO_PAIN = re.compile(r"(ik heb )?(nu |vandaag )?(helemaal |echt )?geen pijn( meer)?( vandaag| nu)?")
# A number followed by one of these is an amount of something else.
_UNITS = frozenset("""
dag dagen dagje dagjes week weken weekje maand maanden jaar jaren jaartje uur uren uurtje minuut
minuten minuutje min sec seconden keer keertjes x maal mg milligram gram g kilo kg tablet tabletten
pil pillen pilletjes glas glazen liter l cm km meter stappen procent % euro kinderen kind nachten
nacht sessies sessie behandelingen behandeling afspraken keren kopjes kopje stuks
""".split())
# A number after one of these is a duration or a time ("al 3 dagen", "om 8").
_BEFORE = frozenset({"al", "sinds", "om", "na", "binnen", "nummer", "nr", "over", "sedert", "tegen"})
# Words that say the number is a score.
_SCORE_WORDS = frozenset({"pijnscore", "score", "scoor", "scoren", "cijfer", "cijfertje", "geef", "geven",
                          "schaal", "pijnniveau", "niveau"})
# Words that may stand around a bare score without making it something else.
_FILLER = frozenset("""
ik denk dacht zou zeggen zeg ongeveer zo'n zon rond rondom de het is was wordt vandaag nu momenteel
op dit moment mijn m'n me pijn rug rugpijn onderrug een 'n ja hmm hm nou ok oke okay wel toch misschien
zeker echt wat best zit zitten tussen en of vanochtend vanmiddag vanavond gisteren vannacht eerder maar
dan gewoon hoor bijna zo iets dat er heel erg redelijk vrij ongeveer ergens iets eh uh euh iets
""".split())
_NOW = frozenset({"nu", "vandaag", "momenteel", "moment"})
_EDGE = ".,!?;:\"'()[]"


def _value(piece: str) -> Optional[float]:
    if re.fullmatch(_NUMBER, piece):
        return float(piece.replace(",", "."))
    if piece == "een":
        return None  # an article ("een 7"), unless it is the whole message
    number = word_to_number(piece)
    return float(number) if number is not None else None


def _pieces(clean: str) -> List[str]:
    """Whitespace-separated words with edge punctuation removed; "alert(1)" stays one piece."""
    pieces = []
    for raw in clean.split():
        piece = raw.strip(_EDGE)
        if piece:
            pieces.append(piece)
    return pieces


def _candidates(pieces: List[str]) -> List[Tuple[int, float]]:
    found = []
    for index, piece in enumerate(pieces):
        value = _value(piece)
        if value is None:
            continue
        after = pieces[index + 1] if index + 1 < len(pieces) else ""
        before = pieces[index - 1] if index else ""
        if after in _UNITS or before in _BEFORE or (value == 10 and before in ("van", "op", "uit")):
            continue
        found.append((index, value))
    return found


def _rounded(value: float) -> Tuple[Optional[int], bool]:
    if not 0 <= value <= 10:
        return None, True
    return int(value + 0.5), True


def parse_pain_score(text: str) -> Tuple[Optional[int], bool]:
    """(score 0-10 or None, whether the sentence gave a number as a score)."""
    clean = normalise(text)
    if not clean:
        return None, False
    scale = _SCALE.search(clean)
    if scale:
        value = _value(scale.group(1))
        if value is not None:
            return _rounded(value)
    bare = clean.strip(_EDGE + " ")
    if bare in ("een", "eentje"):
        return 1, True
    if _NO_PAIN.fullmatch(bare):
        return 0, True
    pieces = _pieces(clean)
    candidates = _candidates(pieces)
    if not candidates:
        return None, False
    positions = {index for index, _ in candidates}
    graded = [(i, v) for i, v in candidates if i and pieces[i - 1] in ("een", "'n", "ne", "nen")]
    others = [piece for i, piece in enumerate(pieces) if i not in positions]
    says_score = bool(_SCORE_WORDS & set(others)) or all(word in _FILLER for word in others)
    chosen = candidates if says_score else graded
    if not chosen:
        return None, False
    if "tussen" in others and len(chosen) >= 2:
        return _rounded((chosen[0][1] + chosen[1][1]) / 2)
    # "vanochtend 6, nu 4": the score for now; otherwise the last one said.
    # "vandaag is't een 6, gisteren een 8": 'now' up to four words before, no other number between.
    for number, (index, value) in enumerate(chosen):
        start = max(0, index - 4, chosen[number - 1][0] + 1 if number else 0)
        if _NOW & set(pieces[start:index]):
            return _rounded(value)
    return _rounded(chosen[-1][1])
