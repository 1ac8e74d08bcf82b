"""What an edit must respect before it is saved: safety numbers, placeholders, length.

Every refusal is a ContentRefused with a Dutch sentence the beheerder reads as is.
"""
from __future__ import annotations

import re
from typing import Iterable, List, Mapping, Sequence, Tuple

from bot.content.catalogue import PLACEHOLDER, Response, placeholders
from bot.content.config import COUNTRIES

MAX_PRACTICE_CHARS = 2000
MAX_RESPONSE_CHARS = 3000
MAX_LINK_CHARS = 300
# Numbers and services a safety answer sends people to; an edit may reword around them, never drop one.
_EMERGENCY = re.compile(r"(?<!\d)(112|113|1813|1733|0800-0113)(?!\d)|(huisartsenpost|huisarts van wacht)",
                        re.IGNORECASE)
_LINK = re.compile(r"^https?://[^\s<>\"'{}]+$")


class ContentRefused(ValueError):
    """An edit that cannot be saved; the message says why, in Dutch, for the beheerder."""


def emergency_terms(text: str) -> List[str]:
    """The emergency numbers and services `text` names, in order, once each."""
    found: List[str] = []
    for number, service in _EMERGENCY.findall(text or ""):
        term = number or service.lower()
        if term not in found:
            found.append(term)
    return found


def _check_placeholders(text: str, allowed: Iterable[str]) -> None:
    allowed = set(allowed)
    for name in placeholders(text):
        if name not in allowed:
            known = ", ".join("{" + item + "}" for item in sorted(allowed)) or "geen"
            raise ContentRefused(f"Het invulveld {{{name}}} bestaat niet. Je kunt deze invulvelden gebruiken: {known}.")
    if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
        raise ContentRefused("Gebruik de tekens { en } alleen om een invulveld, zoals {practice_name}.")


def _clean(text: str) -> str:
    """Windows line ends and trailing spaces from a browser's text box, made plain."""
    return "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def check_practice(key: str, value: str, known: Iterable[str]) -> str:
    """The value to save for practice detail `key`, or ContentRefused.

    Args:
        key: A practice.yml key, or "country".
        value: What the beheerder typed.
        known: Placeholders a practice text may use (the settings' links, name and phone).
    """
    value = _clean(value)
    if key == "country":
        if value.upper() not in COUNTRIES:
            raise ContentRefused("Kies Nederland of België.")
        return value.upper()
    if key == "booking_link":
        if value and (len(value) > MAX_LINK_CHARS or not _LINK.match(value)):
            raise ContentRefused("Dit is geen webadres. Het begint met https:// en heeft geen spaties.")
        return value
    if len(value) > MAX_PRACTICE_CHARS:
        raise ContentRefused(f"Deze tekst is te lang. Houd hem onder de {MAX_PRACTICE_CHARS} tekens.")
    _check_placeholders(value, known)
    return value


def check_response(response: Response, texts: Sequence[str], shared: Iterable[str]) -> Tuple[str, ...]:
    """The variant texts to save for `response`, or ContentRefused.

    A text may use the placeholders of the response as written plus the `shared` ones
    (practice details, links): a slot another answer fills would stay empty here.
    A variant that names 112, 113, 1813, 1733 or the huisartsenpost must keep naming them.
    """
    if len(texts) != len(response.variants):
        raise ContentRefused("Het aantal teksten klopt niet. Laad de pagina opnieuw.")
    allowed = set(shared) | {name for text in response.texts for name in placeholders(text)}
    cleaned = []
    for number, (text, default) in enumerate(zip(texts, response.texts), start=1):
        text = _clean(text)
        where = f"Tekst {number}" if len(texts) > 1 else "De tekst"
        if not text:
            raise ContentRefused(f"{where} is leeg. Schrijf een tekst, of zet het antwoord terug naar de standaardtekst.")
        if len(text) > MAX_RESPONSE_CHARS:
            raise ContentRefused(f"{where} is te lang. Houd hem onder de {MAX_RESPONSE_CHARS} tekens.")
        missing = [term for term in emergency_terms(default) if term not in emergency_terms(text)]
        if missing:
            raise ContentRefused(f"{where} moet {_and(missing)} blijven noemen: dit antwoord wijst mensen de weg bij "
                                 "spoed. Zet het terug in de tekst.")
        _check_placeholders(text, allowed)
        cleaned.append(text)
    return tuple(cleaned)


def _and(terms: Sequence[str]) -> str:
    shown = [term if not term.isdigit() and "-" not in term else f"het nummer {term}" for term in terms]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1]


def shared_placeholders(values: Mapping[str, object]) -> List[str]:
    """The names every answer can use: the practice's values and links."""
    return sorted(values)
