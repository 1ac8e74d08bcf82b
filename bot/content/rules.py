"""What an edit must respect before it is saved: safety numbers, placeholders, length, a text left.

Every refusal is a ContentRefused with a Dutch sentence the beheerder reads as is.
"""
from __future__ import annotations

import re
from typing import Iterable, List, Mapping, Optional, Sequence, Union

from bot.content.catalogue import PLACEHOLDER, Response, placeholders, situation_notes
from bot.content.config import COUNTRIES
from bot.content.variants import EditedAnswer, EditedVariant, situation, uncovered, with_texts

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


def check_response(response: Response, proposed: Sequence[Union[str, EditedVariant]], shared: Iterable[str],
                   base: Optional[int] = None) -> EditedAnswer:
    """The variants to save for `response`, or ContentRefused.

    Args:
        response: The domain response as written.
        proposed: The texts in the order the editor showed them. A plain text stands for the
            domain variant at its place; an EditedVariant names the domain variant it rewords,
            or none for a text the practice adds.
        shared: Placeholders every answer may use (practice details, links). A text may use
            these and the response's own: a slot another answer fills would stay empty here.
        base: How many domain variants `proposed` was made for (a stored version's); None: now.

    A variant that names 112, 113, 1813, 1733 or the huisartsenpost must keep naming them; an
    added one must name every such number the answer names. Each situation (channel,
    condition) of the domain keeps at least one variant, so the last one never goes.
    """
    count = len(response.variants)
    variants = [item if isinstance(item, EditedVariant) else EditedVariant(item, number)
                for number, item in enumerate(proposed)]
    sources = [variant.source for variant in variants if not variant.added]
    if (base is not None and base != count) or len(set(sources)) != len(sources) or \
            any(not 0 <= source < count for source in sources):
        raise ContentRefused("Het aantal teksten klopt niet. Laad de pagina opnieuw.")
    allowed = set(shared) | {name for text in response.texts for name in placeholders(text)}
    required = emergency_terms("\n".join(response.texts))
    cleaned = []
    for number, variant in enumerate(variants, start=1):
        text = _clean(variant.text or "")
        if not variant.added and (variant.text is None or text == _clean(response.texts[variant.source])):
            cleaned.append(EditedVariant(None, variant.source))  # unchanged: it follows the domain's updates
            continue
        where = f"Tekst {number}" if len(variants) > 1 else "De tekst"
        if not text:
            raise ContentRefused(f"{where} is leeg. Schrijf een tekst, haal hem weg, of zet het antwoord terug naar "
                                 "de standaardtekst.")
        if len(text) > MAX_RESPONSE_CHARS:
            raise ContentRefused(f"{where} is te lang. Houd hem onder de {MAX_RESPONSE_CHARS} tekens.")
        needed = required if variant.added else emergency_terms(response.texts[variant.source])
        missing = [term for term in needed if term not in emergency_terms(text)]
        if missing:
            raise ContentRefused(f"{where} moet {_and(missing)} blijven noemen: dit antwoord wijst mensen de weg bij "
                                 "spoed. Zet het terug in de tekst.")
        try:
            _check_placeholders(text, allowed)
        except ContentRefused as refused:
            raise ContentRefused(f"{where}: {refused}" if len(variants) > 1 else str(refused)) from None
        cleaned.append(EditedVariant(text, variant.source))
    _check_kept(response, with_texts(response.variants, cleaned), required)
    # Domain variants first, in the domain's order, then the added ones: one stored form per meaning.
    ordered = sorted((v for v in cleaned if not v.added), key=lambda v: v.source) + [v for v in cleaned if v.added]
    return EditedAnswer(tuple(ordered), count)


def _check_kept(response: Response, variants: Sequence[EditedVariant], required: Sequence[str]) -> None:
    """Refuses taking out the last variant of a situation, or the only one with an emergency number."""
    for lonely in uncovered(response.variants, variants):
        notes = situation_notes(lonely)
        if len({situation(variant) for variant in response.variants}) == 1:
            raise ContentRefused("Een antwoord heeft minstens één tekst nodig. De laatste tekst kan niet weg.")
        when = " en ".join(notes) if notes else "altijd, niet alleen in één kanaal of situatie,"
        raise ContentRefused(f"Er moet minstens één tekst blijven die {when} gebruikt wordt. Anders zegt de "
                             "assistent daar niets of iets anders. Laat die tekst staan.")
    said = {term for variant in variants for term in emergency_terms(variant.text)}
    lost = [term for term in required if term not in said]
    if lost:
        raise ContentRefused(f"Zonder de weggehaalde tekst noemt dit antwoord {_and(lost)} niet meer. "
                             "Laat die tekst staan of zet het in een andere tekst.")


def _and(terms: Sequence[str]) -> str:
    shown = [term if not term.isdigit() and "-" not in term else f"het nummer {term}" for term in terms]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1]


def shared_placeholders(values: Mapping[str, object]) -> List[str]:
    """The names every answer can use: the practice's values and links."""
    return sorted(values)
