"""The words people use for each plan choice, mapped to stable codes."""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from bot.dutch_text import normalise

MOVEMENTS: Dict[str, str] = {
    "walking": r"wandel|\bloop|\blopen|wandeling|hond uitlaten|\bstappen\b|nordic",
    "cycling": r"fiets|wielren|hometrainer|spinning|mountainbike",
    "stretching": r"\brek|stretch|strekken|mobilis",
    "swimming": r"zwem|baantjes|aqua|water\s*gym|watergym|in het water",
}
FOODS: Dict[str, str] = {
    "nuts": r"noot|noten|nootjes|amandel|cashew|walno|hazelno|paranoot|paranoten|pinda|pindakaas|pecan",
    "seeds": r"zaad|zaden|pitten|pitjes|pompoen|zonnebloem|lijnzaad|chia|sesam",
    "greens": r"blad|spinazie|boerenkool|andijvie|groene groente|snijbiet|rucola|\bsla\b(?!\s+over)|postelein|groenten",
    "legumes": r"peulvrucht|bonen|boon|linzen|kikkererwt|erwten|tofu|tempeh|hummus",
    "grains": r"volkoren|haver|granen|graan|zilvervlies|brood|muesli|quinoa|boekweit",
    "chocolate": r"chocola|cacao|choco",
}
FOOD_ORDER: Tuple[str, ...] = ("nuts", "seeds", "greens", "legumes", "grains", "chocolate")
BREATHING_MOMENTS: Dict[str, str] = {
    "meals": r"maaltijd|eten\b|ontbijt|lunch|diner|avondeten|etenstijd",
    "spread": r"verspreid|ochtend,? middag|over de dag|hele dag|door de dag",
    "tension": r"spanning|stress|nodig|gespannen|pijn|onrustig|als het moet",
    "waking": r"opstaan|opsta|wakker|ochtend|morgens",
    "bedtime": r"slapen|bed\b|bedtijd|avond|naar bed",
}
# In order of priority: "'s avonds wandelen" is about movement, not about bedtime.
PLAN_PARTS: Dict[str, str] = {
    "reminder": r"herinner|melding|reminder|notificatie|check",
    "breathing": r"adem",
    "water": r"water|drink",
    "food": r"\beten\b|voeding|noten|magnesium|allergi|zaden|groente",
    "sitting": r"\bzit|pauze|wekker|opstaan",
    "movement": r"beweg|wandel|fiets|zwem|\brek|sport|minuten|loop",
    "bedtime": r"slaap|slapen|\bbed|avondroutine",
}
# Words that show a reply is not the name of an activity.
_NOT_ACTIVITY = {"hoi", "hallo", "hey", "ja", "nee", "neen", "wat", "hoe", "waarom", "niet", "geen",
                 "weet", "oke", "okay", "dank", "bedankt", "stop", "help", "sorry", "huh"}
_ALL = r"\b(alles|allemaal|van alles|alle|allebei|beide)\b"
_NONE = r"\b(geen van|niks|niets|geen enkele)\b"


def _matches(text: str, vocabulary: Dict[str, str]) -> List[str]:
    clean = normalise(text)
    hits = [(re.search(pattern, clean), code) for code, pattern in vocabulary.items()]
    return [code for match, code in sorted((h for h in hits if h[0]), key=lambda h: h[0].start())]


def movement_choice(text: str) -> Optional[str]:
    """Code of the movement named in `text` ("walking", ...), "other" for "iets anders"."""
    hits = _matches(text, MOVEMENTS)
    if hits:
        return hits[0]
    if re.search(r"\b(iets anders|anders|overig)\b", normalise(text)):
        return "other"
    return None


# Hedges around a named activity: "yoga denk ik", "dansen of zo".
_HEDGE = r"(denk ik|ik denk|misschien|of zo|ofzo|zoiets|of iets|geloof ik|bijvoorbeeld|dan maar|wel)"
# Rows of a keyboard: four neighbouring keys in a row are typed by a hand, not a word.
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _key_mash(word: str) -> bool:
    """"asdfgh", "jkjkjk": a hand on the keyboard, not a word."""
    runs = (word[i:i + 4] for i in range(len(word) - 3))
    on_a_row = any(run in row or run[::-1] in row for run in runs for row in _KEY_ROWS)
    return on_a_row or bool(re.fullmatch(r"(\w\w)\1{2,}\w?", word))


def own_activity(text: str) -> Optional[str]:
    """A short activity in the user's own words ("tuinieren", "dansen"), else None.

    Only the first part counts: "yoga of zo, iets rustigs" names yoga.
    """
    clean = re.split(r"[,;.!?]", normalise(text).strip(" .!"), maxsplit=1)[0].strip()
    clean = re.sub(r"^(ik (doe|wil|hou van|vind)( aan)?|graag|liefst|het liefst)\s+", "", clean)
    clean = re.sub(rf"^({_HEDGE}\s+)+|(\s+{_HEDGE})+$", "", clean)
    clean = re.sub(r"\s+(graag|leuk|fijn)$", "", clean).strip(" .!")
    words = clean.split()
    if set(words) & _NOT_ACTIVITY or any(_key_mash(word) for word in words):
        return None
    if 1 <= len(words) <= 3 and all(re.fullmatch(r"[a-z\-]{3,20}", word) for word in words):
        return clean
    return None


def food_choices(text: str, nut_allergy: bool = False) -> Tuple[List[str], List[str]]:
    """(chosen food codes in the standard order, codes left out because of the allergy)."""
    clean = normalise(text)
    if re.search(_ALL, clean) and not re.search(_NONE, clean):
        chosen = list(FOOD_ORDER)
    else:
        chosen = [code for code in FOOD_ORDER if code in _matches(clean, FOODS)]
    left_out = ["nuts"] if nut_allergy and "nuts" in chosen else []
    return [code for code in chosen if code not in left_out], left_out


def breathing_moments(text: str) -> List[str]:
    """Moment codes named in `text`, in the order said ("ochtend, middag, avond" is "spread")."""
    hits = _matches(text, BREATHING_MOMENTS)
    return ["spread"] if "spread" in hits else hits


def plan_part(text: str) -> Optional[str]:
    """Which part of the plan `text` is about, by priority, or None."""
    clean = normalise(text)
    return next((code for code, pattern in PLAN_PARTS.items() if re.search(pattern, clean)), None)


def ordered(codes: Sequence[str], order: Sequence[str] = FOOD_ORDER) -> List[str]:
    return [code for code in order if code in codes]
