"""What kind of reply a message is during a question: stop, skip, yes/no, or shaped like a question."""
from __future__ import annotations

import re
from typing import Optional

from bot.dutch_text import normalise

_FILLER = r"(oke?|okay|nou|hmm+|ja|nee|dan|even|toch|graag|alsjeblieft|aub|svp|eigenlijk|liever|hoor|echt|zo|pff+|tja|poeh)"
_STOP = re.compile(
    r"(ik wil )?(stop|stoppen|ophouden|hou op|houd op|laat maar( zitten)?|annuleer|annuleren|"
    r"afbreken|ik stop|ik wil niet meer|genoeg zo|later verder|nu even niet|ik heb geen zin meer)"
    r"( maar)?( ermee| hiermee| met het plan| met dit plan| met de vragen)?"
)
_SKIP = re.compile(
    r"(sla (dit |deze |die )?(vraag )?over|overslaan|skip|volgende( vraag)?|"
    r"(dat )?weet ik (het )?(echt |gewoon |nog )?niet( zo)?|ik weet (het )?(echt |gewoon |nog )?niet|weet niet|geen idee|geen flauw idee|"
    r"maakt (me |mij )?(niet|nie|ni) uit|geen voorkeur|kies (jij|jij maar|maar wat)|zeg jij maar|doe maar wat|"
    r"jij mag kiezen|idk|twijfel)"
)
_YES = r"(ja+|jawel|jazeker|jep|jup|yes|zeker|klopt|inderdaad|natuurlijk|graag|prima|goed|oke?|okay|is goed|doe maar|mag|akkoord|👍)"
_NO = r"(nee+|neen|nope|nah|neuh|niet|nooit|geen|liever niet|zeker niet|👎)"
_QUESTION_START = re.compile(
    r"^(wat|wanneer|waarom|hoe|hoeveel|hoelang|welke?|wie|waar|waarmee|is|zijn|kan|kun|kunnen|mag|"
    r"moet|helpt|heeft|geeft|werkt|wordt|zit|word|ben|doe|krijg|leg)\b"
)


def _whole(pattern: "re.Pattern[str]", text: str) -> bool:
    clean = normalise(text).strip(" .!?,")
    clean = re.sub(rf"^({_FILLER}[ ,]+)+", "", clean)
    clean = re.sub(rf"([ ,]+{_FILLER})+$", "", clean)
    return bool(pattern.fullmatch(clean))


# Saying you will go on another time: "dan ga ik morgen verder", "later verder met het plan".
_LATER = re.compile(
    r"\b(later|morgen|straks|vanavond|een andere keer|een volgende keer|een ander moment)\b"
    r"[^?]*\b(verder|doe|doen|afmaken|invullen)\b"
    r"|\b(verder|doe|doen|afmaken|invullen)\b[^?]*\b(later|morgen|straks|vanavond|een andere keer)\b"
)
# Asking to go on another time: "kan ik de score ook later doen?", "mag dat morgen?".
_LATER_ASKED = re.compile(
    r"\b(kan|kun|mag|kunnen)\b[^?]*\b(later|morgen|straks|vanavond|een andere keer|een ander moment)\b"
    r"[^?]*\b(doen|invullen|afmaken|verder|doorgeven)\s*\?"
    r"|\b(kan|mag) (dat|het)( ook)? (later|morgen|straks|een andere keer)\s*\?"
)


_LETTING_GO = re.compile(r"^(laat maar( zitten)?|laat ook maar|nvm|never mind|hoeft niet meer)\s+(?P<rest>.+)$")
# "laat maar zien", "laat maar horen": a request to go on, not to stop.
_SHOW = re.compile(r"^((eens|even|ff|dan) )?(zien|horen|weten|komen|lezen|kijken|lopen|gaan)\b")


def _leads_with(pattern: "re.Pattern[str]", text: str, separators: str) -> bool:
    """The first clause is `pattern` and what follows only gives a reason: no question, no number."""
    first, _, rest = re.sub(separators, ", ", normalise(text)).partition(",")
    return bool(rest.strip()) and "?" not in rest and not re.search(r"\d", rest) and _whole(pattern, first)


# A lead-in before the request: "weet je wat, laat maar", "ach, laat maar zitten".
_LEAD_IN = re.compile(r"^(weet je wat|weet je|ach|och|sorry|nou|pff+|hmm+|tja)[ ,.!]+(?=\S)")


def is_stop(text: str) -> bool:
    """The message asks to leave what we are doing ("stop", "ik wil stoppen").

    A reason may follow the request ("laat maar, ik heb er nu geen zin in"), an answer or a
    question may not ("stop, 10 minuten" and "laat maar, hoe laat zijn jullie open?").
    """
    text = _LEAD_IN.sub("", normalise(text))
    if _whole(_STOP, text):
        return True
    letting_go = _LETTING_GO.match(text)
    rest = letting_go.group("rest") if letting_go else ""
    if letting_go and "?" not in text and not re.search(r"\d", text) and not _SHOW.match(rest) \
            and not _QUESTION_START.match(rest):
        return True  # "laat maar ik zet zelf wel een timer": no comma, the same request
    return _leads_with(_STOP, text, r"\s+(want|omdat)\s+|[.;!]\s")


def goes_on_later(text: str) -> bool:
    """The message says the person will go on another time ("ik ga morgen verder", "morgen
    doe ik dat plan wel") or asks to ("kan ik de score ook later doen?")."""
    clean = normalise(text)
    if _LATER_ASKED.search(clean):
        return True
    return "?" not in clean and bool(_LATER.search(clean))


def is_skip(text: str) -> bool:
    """The message says "I don't know" or "skip this one", alone or with a remark that answers
    nothing ("maakt mij nie uit, iets simpels"); not with a number or a question after it."""
    if _whole(_SKIP, text):
        return True
    return _leads_with(_SKIP, text, r"[.;!]\s")


def parse_yes_no(text: str, yes: str = "", no: str = "") -> Optional[bool]:
    """True for yes, False for no, None if unclear. `yes`/`no` add question-specific words."""
    clean = normalise(text).strip(" .!?")
    first = clean.split(" ")[0].strip(",") if clean else ""
    if re.fullmatch(_NO, first):
        return False
    explicit_yes = re.fullmatch(r"ja+|jawel|jazeker|yes", first)
    if (no and re.search(no, clean)) or (not explicit_yes and re.search(rf"\b{_NO}\b", clean)):
        return False
    if re.fullmatch(_YES, first):
        return True
    if yes and re.search(yes, clean):
        return True
    if re.search(rf"\b{_YES}\b", clean):
        return True
    return None


# A question asked without a question word: "ik ben 67 en wil weten of magnesium ok is".
_ASKS_INDIRECTLY = re.compile(r"\b(wil|wou|zou|wilde)( ik)? (graag |even |ff |eigenlijk )*(weten|vragen)\b|\bik vroeg me af\b")
# Leaving now, without a goodbye word: "ik moet gaan, kind huilt", "moet ff weg".
_LEAVES_NOW = re.compile(
    r"(^|[,.!;]\s*|\b(ik|sorry|oei|oeps|oh)\s+)(ik )?(moet|ga|moet nu|ga nu)( nu| even| ff| echt| zo| dringend)* "
    r"(gaan|weg|ervandoor|ophangen|afsluiten|stoppen)\s*([,.!;]|$)|\b(gtg|g2g)\b"
)


def leaves_now(text: str) -> bool:
    """The person has to go now ("ik moet gaan, kind huilt"): a goodbye without its word."""
    return bool(_LEAVES_NOW.search(normalise(text)))


def looks_like_question(text: str) -> bool:
    """Shaped like a question: a question word first, or a question mark after a few words,
    also in a later sentence ("sorry, verkeerde chat. vraagje: hoeveel water moet ik drinken"),
    or asked indirectly ("... en wil weten of magnesium ok is")."""
    clean = normalise(text)
    if _QUESTION_START.match(clean) or (clean.endswith("?") and len(clean.split()) >= 3):
        return True
    if _ASKS_INDIRECTLY.search(clean) and len(clean.split()) >= 5:
        return True
    parts = [part.strip() for part in re.split(r"[.:!;]\s+|\?\s+", clean) if part.strip()]
    return any(_QUESTION_START.match(part) and len(part.split()) >= 4 for part in parts[1:])
