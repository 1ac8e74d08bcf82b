"""The Dutch replies about magnesium and medicines.

Every reply informs and sends people on: none may say a combination is safe, and
every reply about medicines ends with the apotheker, who knows the whole list.
"""
from __future__ import annotations

from typing import Iterable, List, Sequence

from bot.medication.catalogue import load_catalogue

APOTHEKER_CLOSING = (
    "Vraag je apotheker of dit ook voor jou geldt. Die kent al je medicijnen en kan het voor je nakijken."
)


def join_names(names: Iterable[str]) -> str:
    """Joins names the Dutch way: "a", "a en b", "a, b en c"."""
    items: List[str] = list(dict.fromkeys(name for name in names if name))
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


def interaction_warning(class_codes: Sequence[str]) -> str:
    """One message with the timing advice for each class or condition, then the apotheker.

    Args:
        class_codes: Class and condition codes, e.g. from
            `MedicationFindings.interaction_classes`; unknown codes are skipped.
    """
    classes = load_catalogue().classes
    known = [classes[code] for code in dict.fromkeys(class_codes) if code in classes]
    lines = ["Let op: magnesium gaat niet altijd goed samen met medicijnen of met sommige aandoeningen."]
    lines += [f"• {entry.label}: {entry.advice}" for entry in known]
    lines.append(APOTHEKER_CLOSING)
    return "\n".join(lines)


def unknown_medicine_reply(names: Sequence[str]) -> str:
    """Says kindly that the assistant does not know these medicines, and who does."""
    items = list(dict.fromkeys(name for name in names if name))
    if not items:
        opening = "Dat medicijn ken ik helaas niet, dus ik weet niet of het samengaat met magnesium."
    elif len(items) == 1:
        opening = f"{items[0]} ken ik helaas niet, dus ik weet niet of het samengaat met magnesium."
    else:
        opening = f"{join_names(items)} ken ik helaas niet, dus ik weet niet of ze samengaan met magnesium."
    return f"{opening[0].upper()}{opening[1:]} Je apotheker weet dat wel: vraag het daar even na."


def no_medicines_reply() -> str:
    """The answer to "I take no medicines"."""
    return (
        "Fijn dat je het laat weten. Ga je later toch medicijnen gebruiken? "
        "Vraag dan je apotheker of ze samengaan met magnesium."
    )


def no_known_interaction_reply(names: Sequence[str]) -> str:
    """No warning for these medicines, while still pointing to the apotheker."""
    named = join_names(names) or "dit medicijn"
    return (
        f"Bij {named} ken ik geen wisselwerking met magnesium. Twijfel je, of gebruik je nog "
        "andere medicijnen? Vraag het dan je apotheker."
    )
