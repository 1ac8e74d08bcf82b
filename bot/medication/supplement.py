"""Reads a magnesium supplement dose from a message and works out the elemental magnesium."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import FrozenSet, List, Optional, Tuple

from bot.medication.salts import SaltForm, SupplementFacts, is_supplement_word, load_supplement_facts, salt_for_word
from bot.medication.text import MAX_CHARS, NUMBER_WORDS, fold
from bot.medication.vocabulary import common_words

logger = logging.getLogger(__name__)

FORM_ELEMENTAL = "elemental"
FORM_UNKNOWN = "unknown"

_NUMBER = r"\d{1,6}(?:[.,]\d{1,3})*|anderhalve|anderhalf|halve|half|" + "|".join(NUMBER_WORDS)
_AMOUNT = re.compile(rf"(?<![\w.,])({_NUMBER})\s*(mg|milligram|milligrammen|gram|gr|g)(?![a-z])")
_TIMES = re.compile(r"(?<![\w.,])(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s*(?:x|keer|maal)(?![a-z])")
_UNITS = re.compile(
    r"(?<![\w.,])(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:tabletten|tablet|tabletjes|tabletje"
    r"|capsules|capsule|caps|pillen|pil|pilletjes|zakjes|zakje|sachets|sachet|bruistabletten"
    r"|kauwtabletten|schepjes|schepje|maatschepjes|softgels)(?![a-z])"
)
_WORD = re.compile(r"[a-z]+")
_FRACTIONS = {"anderhalve": 1.5, "anderhalf": 1.5, "halve": 0.5, "half": 0.5}
# Words that name some other supplement: a dose next to them is not magnesium.
_OTHER_SUBSTANCES = frozenset({
    "vitamine", "vitamines", "multivitamine", "calcium", "kalium", "ijzer", "zink", "selenium",
    "jodium", "foliumzuur", "visolie", "omega", "kurkuma", "melatonine", "glucosamine", "creatine",
    "cafeine",
})
# Above this the figure is not a supplement dose but noise.
_MAX_TOTAL_MG = 100_000


@dataclass(frozen=True)
class SupplementCheck:
    """A supplement dose as the user described it, with its elemental magnesium.

    Attributes:
        form: Salt form ("citrate", "oxide", ...), "elemental" when the figure is the
            label's magnesium itself, or "unknown".
        salt_mg_per_unit: The mg figure per tablet, capsule or dose, as given.
        units: How many of those a day.
        elemental_min_mg: Lowest elemental magnesium per day this can be.
        elemental_max_mg: Highest elemental magnesium per day this can be.
        stated_elemental: Whether the figure is used as elemental magnesium as is.
        above_upper_level: Whether the dose may exceed the supplement upper level.
    """

    form: str
    salt_mg_per_unit: float
    units: int
    elemental_min_mg: float
    elemental_max_mg: float
    stated_elemental: bool
    above_upper_level: bool


def _number(raw: str) -> float:
    if raw in NUMBER_WORDS:
        return float(NUMBER_WORDS[raw])
    if raw in _FRACTIONS:
        return _FRACTIONS[raw]
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", raw):
        return float(re.sub(r"[.,]", "", raw))  # "1.000 mg": a thousands separator
    return float(raw.replace(",", "."))


def _first_count(pattern: re.Pattern, text: str) -> int:
    match = pattern.search(text)
    return max(1, int(_number(match.group(1)))) if match else 1


def _unlisted_salts(words: List[Tuple[int, int, str]]) -> FrozenSet[str]:
    """Salts the table lacks, named with magnesium: "magnesiumgluconaat", "magnesium carbonaat"."""
    found = set()
    previous = ""
    for _, _, word in words:
        glued = word.startswith("magnesium")
        salt = word[len("magnesium"):] if glued else word
        if (glued or previous == "magnesium") and salt.endswith(("aat", "ate")) and salt_for_word(salt) is None:
            found.add(word)
        previous = word
    return frozenset(found)


def _names_other_substance(
    words: List[Tuple[int, int, str]], start: int, end: int, unlisted: FrozenSet[str]
) -> bool:
    """Whether the word right before or after an amount names something other than magnesium."""
    after = [w for w in words if w[0] >= end][:1]
    before = [w for w in words if w[1] <= start and len(w[2]) > 1][-1:]
    for _, _, word in after + before:
        if is_supplement_word(word) or word in ("elementair", "elementaire") or word in unlisted:
            return False
        if word in _OTHER_SUBSTANCES or (len(word) > 2 and word not in common_words()):
            return True
    return False


def _parse(text: str) -> Optional[SupplementCheck]:
    facts = load_supplement_facts()
    folded = fold(text[:MAX_CHARS])
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
    unlisted = _unlisted_salts(words)
    amounts = [m for m in _AMOUNT.finditer(folded) if not _names_other_substance(words, m.start(), m.end(), unlisted)]
    if not amounts:
        return None
    salts = [(start, salt_for_word(word)) for start, _, word in words if salt_for_word(word)]
    elemental_at = [start for start, _, word in words if word in ("elementair", "elementaire")]
    magnesium_at = [start for start, _, word in words if is_supplement_word(word)] + elemental_at
    anchors = elemental_at or magnesium_at
    amount = min(amounts, key=lambda m: min((abs(a - m.start()) for a in anchors), default=0))
    mg_per_unit = _number(amount.group(1)) * (1 if amount.group(2).startswith("m") else 1000)
    units = _first_count(_UNITS, folded) * _first_count(_TIMES, folded)
    total = mg_per_unit * units
    if not 0 < total <= _MAX_TOTAL_MG:
        return None
    salt = min(salts, key=lambda s: abs(s[0] - amount.start()))[1] if salts else None
    # A bare "magnesium 400 mg" is the label's own figure, but a salt the table lacks
    # ("magnesiumgluconaat", "magnesium carbonaat") weighs far more than its magnesium.
    stated = bool(elemental_at) or (salt is None and bool(magnesium_at) and not unlisted)
    if stated:
        low = high = total
    elif salt is not None:
        low, high = total * salt.share_min, total * salt.share_max
    else:
        # No form named: from the poorest salt up to the figure being the label's own.
        low, high = total * min(s.share_min for s in facts.salts), total
    form = salt.form if salt else (FORM_ELEMENTAL if stated else FORM_UNKNOWN)
    return SupplementCheck(
        form=form,
        salt_mg_per_unit=mg_per_unit,
        units=units,
        elemental_min_mg=low,
        elemental_max_mg=high,
        stated_elemental=stated,
        above_upper_level=high > facts.upper_level_mg,
    )


def parse_supplement(text: str) -> Optional[SupplementCheck]:
    """Reads a magnesium dose such as "2 tabletten van 400 mg magnesiumoxide".

    Args:
        text: The user's message.

    Returns:
        The dose and its elemental magnesium per day, or None when the message holds
        no magnesium dose. Never raises.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - a free-text parser must not drop the turn
        logger.exception("supplement parsing failed")
        return None


def _mg(value: float) -> str:
    return f"{round(value)} mg"


def _range(low: float, high: float) -> str:
    return _mg(low) if round(low) == round(high) else f"{round(low)} tot {_mg(high)}"


def _salt(form: str) -> Optional[SaltForm]:
    return next((salt for salt in load_supplement_facts().salts if salt.form == form), None)


def _amount_line(check: SupplementCheck) -> str:
    dose = f"{check.units} x {_mg(check.salt_mg_per_unit)}" if check.units > 1 else _mg(check.salt_mg_per_unit)
    salt = _salt(check.form)
    if check.stated_elemental or check.form == FORM_ELEMENTAL:
        return f"Je neemt {dose} magnesium. Ik ga ervan uit dat dit het elementaire magnesium is, zoals op het etiket."
    if salt is None:
        return (
            f"Je neemt {dose}, maar ik weet niet welke vorm magnesium het is. Kijk op het etiket hoeveel "
            f"elementair magnesium (het magnesium zelf) erin zit. Is dat {_mg(check.salt_mg_per_unit)} per stuk, "
            f"dan krijg je {_mg(check.elemental_max_mg)} per dag binnen."
        )
    return (
        f"{dose} magnesium{salt.names[0]} geeft ongeveer {_range(check.elemental_min_mg, check.elemental_max_mg)} "
        "elementair magnesium. Dat is het magnesium zelf, zonder de stof waar het aan vastzit."
    )


def _limit_lines(check: SupplementCheck, facts: SupplementFacts) -> List[str]:
    upper = _mg(facts.upper_level_mg)
    if check.elemental_min_mg > facts.upper_level_mg:
        lines = [f"Neem je dit elke dag, dan is dat meer dan {upper} per dag: de bovengrens voor supplementen."]
    elif check.above_upper_level:
        lines = [f"Neem je dit elke dag, dan kan dat boven de {upper} per dag komen: de bovengrens voor supplementen."]
    else:
        lines = [f"Neem je dit elke dag, dan blijf je onder de {upper} per dag: de bovengrens voor supplementen."]
    lines[0] += " Wat je eet, telt daarbij niet mee."
    if check.elemental_max_mg >= facts.diarrhoea_from_mg:
        lines.append(f"Vanaf ongeveer {_mg(facts.diarrhoea_from_mg)} per dag krijgen mensen vaker diarree.")
    if check.above_upper_level:
        lines.append("Overleg met je huisarts of apotheker voordat je zoveel neemt.")
    lines.append(
        f"Je lichaam heeft per dag ongeveer {round(facts.need_women_mg)} mg (vrouwen) tot "
        f"{_mg(facts.need_men_mg)} (mannen) nodig, uit eten en supplementen samen. Veel daarvan haal je al uit je eten."
    )
    return lines


KIDNEY_CAUTION = (
    "Je nieren werken niet goed. Vraag daarom eerst je huisarts of je magnesium mag nemen: "
    "het kan zich dan ophopen in je lichaam."
)


def supplement_advice(check: SupplementCheck, kidney_problem: bool = False) -> str:
    """Explains a supplement dose: elemental magnesium, the upper level, daily need and tips.

    Args:
        check: The dose, from `parse_supplement`.
        kidney_problem: Whether the user said their kidneys do not work well; the
            advice then opens with asking the huisarts first.
    """
    facts = load_supplement_facts()
    lines: List[str] = []
    if kidney_problem:
        lines.append(KIDNEY_CAUTION)
    lines.append(_amount_line(check))
    lines.extend(_limit_lines(check, facts))
    if check.elemental_max_mg >= 200:
        lines.append("Tip: verdeel je magnesium over twee momenten op de dag. Dan heb je minder kans op buikklachten.")
    salt = _salt(check.form)
    if salt is not None and salt.note:
        lines.append(salt.note)
    lines.append("Gebruik je ook medicijnen? Vraag je apotheker hoe je ze het best met magnesium combineert.")
    return "\n".join(lines)
