"""What the assistant says about medicines in one turn: composes the matcher's findings.

Two situations: the user asked about magnesium and medicines (or is answering "which
medicines do you use?"), or a medicine came up in passing and gets its one warning.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Tuple

from bot.medication.matcher import find_medications
from bot.medication.messages import (
    interaction_warning,
    no_known_interaction_reply,
    no_medicines_reply,
    unknown_medicine_reply,
)
from bot.medication.supplement import parse_supplement, supplement_advice

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


def medication_reply(
    text: str,
    passing: bool,
    awaiting_list: bool = False,
    classes_to_warn: Sequence[str] = (),
    known_classes: Sequence[str] = (),
) -> MedicationReply:
    """The messages for this turn; never says a combination is safe."""
    findings = find_medications(text, expecting_list=awaiting_list)
    dose = parse_supplement(text)
    kidney = "kidney_disease" in set(known_classes) | set(findings.interaction_classes)
    messages = []
    if passing:
        if classes_to_warn:
            messages.append(interaction_warning(list(classes_to_warn)))
        if dose is not None:
            messages.append(supplement_advice(dose, kidney_problem=kidney))
        return MedicationReply(tuple(messages), awaiting_list=False)

    if findings.interaction_classes:
        messages.append(interaction_warning(list(findings.interaction_classes)))
    if findings.unknown:
        messages.append(unknown_medicine_reply(list(findings.unknown)))
    if findings.no_interaction and not findings.interaction_classes:
        messages.append(no_known_interaction_reply(list(findings.no_interaction)))
    if dose is not None:
        messages.append(supplement_advice(dose, kidney_problem=kidney))
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
