"""What the assistant says about medicines in one turn: composes the matcher's findings.

Two situations: the user asked about magnesium and medicines (or is answering "which
medicines do you use?"), or a medicine came up in passing and gets its one warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence, Tuple

from bot.medication.catalogue import load_catalogue
from bot.medication.matcher import find_medications
from bot.medication.messages import (
    interaction_warning,
    no_known_interaction_reply,
    no_medicines_reply,
    unknown_medicine_reply,
)
from bot.medication.supplement import KIDNEY_CAUTION, parse_supplement, supplement_advice

KIDNEY = "kidney_disease"
# "en die tramadol?", "en ook nog xarelto": right after medicines, one more is named.
_ONE_MORE = re.compile(r"^(en|of|ook|plus)\b(\s+\S+){1,3}\s*\??$")


def names_one_more(text: str) -> bool:
    """A short follow-up that names one more medicine the way a list would ("en tramadol?")."""
    from bot.dutch_text import normalise

    return bool(_ONE_MORE.match(normalise(text or "").strip()))

ASK_WHICH_MEDICINES = (
    "Sommige medicijnen gaan niet goed samen met magnesium. Welke medicijnen gebruik je? "
    "Typ de namen, bijvoorbeeld van de doosjes. Gebruik je niets? Typ dan 'geen'."
)
NOTHING_RECOGNISED = (
    "Ik herken geen medicijn in je bericht. Twijfel je of magnesium past bij wat je gebruikt? "
    "Laat je apotheker meekijken: die kent al je medicijnen."
)


@dataclass(frozen=True)
class MedicationReply:
    messages: Tuple[str, ...]
    awaiting_list: bool  # the assistant asked which medicines the user takes


def kidney_caution_given(said: Iterable[str]) -> bool:
    """True if one of the assistant's earlier messages (`said`) already held the kidney caution."""
    bullet = f"• {load_catalogue().classes[KIDNEY].label}:"
    return any(KIDNEY_CAUTION in text or bullet in text for text in said if text)


def medication_reply(
    text: str,
    passing: bool,
    awaiting_list: bool = False,
    classes_to_warn: Sequence[str] = (),
    known_classes: Sequence[str] = (),
    kidney_cautioned: bool = False,
) -> MedicationReply:
    """The messages for this turn; never says a combination is safe.

    The kidney caution is said once per conversation (`kidney_cautioned`: it was said in an
    earlier turn), and once in a reply: a warning that holds it makes the dose advice leave
    it out. Only a follow-up about the medicines named before ("hoeveel uur ertussen?")
    repeats it, because that is what the user asks.
    """
    follow_up = bool(known_classes) and names_one_more(text)
    findings = find_medications(text, expecting_list=awaiting_list or follow_up)
    dose = parse_supplement(text)
    kidney = KIDNEY in set(known_classes) | set(findings.interaction_classes)
    messages = []

    def warn(codes: Sequence[str]) -> None:
        nonlocal kidney_cautioned
        codes = [code for code in codes if not (code == KIDNEY and kidney_cautioned)]
        if codes:
            messages.append(interaction_warning(codes))
            kidney_cautioned = kidney_cautioned or KIDNEY in codes

    def advise(check) -> None:
        messages.append(supplement_advice(check, kidney_problem=kidney and not kidney_cautioned))

    if passing:
        warn(list(classes_to_warn))
        if dose is not None:
            advise(dose)
        return MedicationReply(tuple(messages), awaiting_list=False)

    warn(list(findings.interaction_classes))
    if findings.unknown:
        messages.append(unknown_medicine_reply(list(findings.unknown)))
    if findings.no_interaction and not findings.interaction_classes:
        messages.append(no_known_interaction_reply(list(findings.no_interaction)))
    if dose is not None:
        advise(dose)
    if findings.says_none and not messages:
        messages.append(no_medicines_reply())
    if messages:
        return MedicationReply(tuple(messages), awaiting_list=False)
    if awaiting_list:
        return MedicationReply((NOTHING_RECOGNISED,), awaiting_list=False)
    if known_classes:
        # "Hoeveel uur moet er dan tussen?" about a medicine named earlier: asking
        # "which medicines?" again would ignore what the user already told us.
        return MedicationReply((interaction_warning(list(known_classes)),), awaiting_list=False)
    return MedicationReply((ASK_WHICH_MEDICINES,), awaiting_list=True)
