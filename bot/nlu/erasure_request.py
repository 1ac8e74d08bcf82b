"""Recognises a request to erase the conversation, however it is worded: plain Python.

"verwijder mijn gegevens", "kun je alles wissen?", "mijn data weg a.u.b.", "vergeet mij",
the widget's "Gesprek wissen" and Telegram's /vergeetmij. It must work in any state, also
in the middle of a form whose validator would otherwise read it as an answer, so it does
not depend on the intent classifier. A false alarm costs one question ("Wil je dat ik ...
wis?"), so it leans towards asking; questions *about* erasure ("worden mijn gegevens
gewist?", "hoe lang bewaren jullie dit?") are not requests.
"""
from __future__ import annotations

import re
from typing import List, Optional

from bot.dutch_text import fold_accents

# Payloads that mean "erase" whatever the text: the assistant's own button and Telegram's
# /vergeetmij (bot/channels/telegram_updates.py turns it into this payload).
ERASE_PAYLOADS = ("/delete_my_data",)

_VERB = re.compile(
    r"^(verwijder\w*|wis|wissen|wist|gewist|uitwissen|weggooien|weg|wegdoen|schrap\w*|vernietig\w*|"
    r"delete|deleten|delet|erase|leeghalen|leegmaken)$"
)
_OBJECT = re.compile(
    r"^(gegevens|persoonsgegevens|data|info|informatie|gesprek\w*|chat\w*|geschiedenis|berichten|"
    r"bericht|alles|account|profiel|dossier|historie|sporen|conversatie|gesprekken|mij|me|my|everything|"
    r"pijnscores|chatgesprek|persoonsgegevens)$"
)
# "vergeet" alone is ordinary ("ik vergeet mijn pillen"); only "vergeet mij/me" or
# "vergeet alles wat ik ..." asks to be forgotten.
_FORGET = re.compile(r"\b(vergeet|vergeten) (mij|me|alles wat|wat ik|dit gesprek|mijn gegevens)\b|\bvergeetmij\b|"
                     r"\bforget me\b|\brecht om vergeten te worden\b|\brecht op vergetelheid\b")
# Requests worded with a negation of their own: "bewaar niks meer van mij".
_KEEP_NOTHING = re.compile(
    r"\b(bewaar|bewaart|bewaren|opslaan|houd|hou) (\w+ ){0,2}(niks|niets) (meer )?(van|over) (mij|me)\b|"
    r"\b(wil|wil ik) niet (meer )?dat (je|jullie|u) (\w+ ){0,3}(bewaart|bewaren|opslaat|houdt)\b|"
    # "ik wil eigenlijk niet dat dat ergens bewaard blijft"
    r"\bwil (ik )?(\w+ )?niet (meer )?dat (dat|dit|het|die|deze|mijn \w+) (\w+ ){0,2}(bewaard|opgeslagen) (blijft|wordt|blijven|worden)\b|"
    r"\b(haal|halen) (mijn|al mijn) (gegevens|data|info|informatie) (uit|weg)\b|"
    r"\btoestemming in(trekken)?\b|\btrek (\w+ ){0,2}toestemming in\b")
_NEGATION = re.compile(r"\b(niet|geen|nooit|niks|niets)\b")
# Questions about what happens to the data, rather than a request to erase it now.
_ABOUT = re.compile(
    r"\b(worden|wordt|word|werd|zijn|is) ((?!en\b)\w+ ){0,3}(gewist|verwijderd|bewaard|opgeslagen)\b|"
    r"\bhoe( lang|lang)\b|\bwanneer\b|\bwat gebeurt\b|\bbewaren jullie\b|\bwist je\b|\bwist (jij|u)\b|"
    # "... als ik dat later wil": how it would go some day, not a request now.
    r"\bals ik (dat |het )?(later |ooit |straks )?(wil|zou willen)\b"
)
# Data somewhere else: "hoe wis ik alles van mijn oude laptop", "mijn instagram account verwijderen".
_ELSEWHERE = re.compile(
    r"\b(laptop|computer|pc|telefoon|gsm|iphone|ipad|tablet|instagram|facebook|whatsapp|tiktok|"
    r"google|gmail|twitter|snapchat|linkedin|harde schijf|usb|icloud|cloud|router|fotos|foto s)\b"
)
_SENTENCE_SPLIT = re.compile(r"[.!?;,\n]+")
_CLAUSE_SPLIT = re.compile(r"[.!?;,\n]+|\b(?:en|of|want|omdat)\b")


def _sentence_form(text: str) -> str:
    # Keeps sentence punctuation, unlike bot.dutch_text.normalise: requests are read per clause.
    text = fold_accents(text)
    text = re.sub(r"\b(m'n|mn)\b", "mijn", text)
    text = re.sub(r"[^\w\s.!?;,/]", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _parts(text: str, splitter: "re.Pattern[str]") -> List[str]:
    return [part.strip() for part in splitter.split(text) if part and part.strip()]


def _asks_in(clause: str) -> bool:
    words = clause.replace("/", " ").split()
    if not any(_VERB.match(word) for word in words):
        return False
    objects = [word for word in words if _OBJECT.match(word)]
    if not objects or _ELSEWHERE.search(clause):
        return False
    if objects == ["me"] or objects == ["mij"]:
        # "haal me", "wis me" are rare; "verwijder mij" and "vergeet me" are requests.
        if not re.search(r"\b(verwijder\w*|vergeet|delete)\b", clause):
            return False
    if "wist" in words and not re.search(r"\b(verwijder\w*|wis|wissen|gewist|delete)\b", clause):
        return False  # "wist" is mostly "knew": "ik wist alles al"
    if "weg" in words and not re.search(r"\b(mag|moet|kan|graag|alsjeblieft|aub|halen|doen|gooien)\b|^weg\b|\bweg$",
                                        clause):
        return False
    return not _NEGATION.search(clause)


def is_erasure_request(text: Optional[str]) -> bool:
    """Whether `text` asks to erase this conversation and what was stored with it."""
    raw = (text or "").strip()
    if not raw:
        return False
    if raw.split()[0].lower() in ERASE_PAYLOADS:
        return True
    clean = _sentence_form(raw)
    if len(clean.split()) > 40:
        return False  # a long story that mentions "alles weg" is not a request
    if _ABOUT.search(clean):
        return False
    if _KEEP_NOTHING.search(clean):
        return True
    if _FORGET.search(clean) and not _NEGATION.search(clean):
        return True
    # Clause by clause first (a negation reaches only its own clause), then whole sentences
    # for a verb and its object on either side of "en": "verwijder mijn plan en al mijn gegevens".
    return (any(_asks_in(clause) for clause in _parts(clean, _CLAUSE_SPLIT))
            or any(_asks_in(sentence) for sentence in _parts(clean, _SENTENCE_SPLIT)))


def asks_about_erasure(text: Optional[str]) -> bool:
    """A question about erasing rather than a request: "kan ik later alles laten verwijderen
    als ik dat wil?", "worden mijn gegevens gewist?". It gets the privacy information."""
    clean = _sentence_form((text or "").strip())
    return bool(clean) and not is_erasure_request(text) and bool(_ABOUT.search(clean))
