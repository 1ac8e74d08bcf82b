"""How urgent a handoff is, and the Dutch words the therapists see for levels and methods."""
from __future__ import annotations

from typing import Iterable, List

# Most urgent first: the console sorts by this order, then by how long a handoff waits.
URGENCY_ORDER = ("emergency", "crisis", "urgent", "soon", "none")

LEVEL_LABELS = {
    "emergency": "Spoed (112 geadviseerd)",
    "crisis": "Crisis (113 geadviseerd)",
    "urgent": "Vandaag naar de huisarts",
    "soon": "Binnen enkele dagen naar de huisarts",
    "none": "Geen alarmsignaal",
}

CONTACT_METHOD_LABELS = {
    "chat": "Via de chat",
    "phone": "Telefoon",
    "email": "E-mail",
    "none": "Liever geen contact",
}


def urgency_rank(level: str) -> int:
    """Position of `level` in URGENCY_ORDER; unknown levels sort with "none"."""
    return URGENCY_ORDER.index(level) if level in URGENCY_ORDER else len(URGENCY_ORDER) - 1


def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, LEVEL_LABELS["none"])


def contact_method_label(method: str) -> str:
    return CONTACT_METHOD_LABELS.get(method, method)


def red_flag_labels(codes: Iterable[str]) -> List[str]:
    """Dutch labels of red-flag codes; the code itself when the catalogue has no label."""
    try:
        from bot.safety.catalogue import label_of
    except ImportError:  # the console must still work if the catalogue cannot load
        return [str(code) for code in codes]
    labels = []
    for code in codes:
        try:
            labels.append(label_of(code))
        except Exception:  # noqa: BLE001 - an unknown code is shown as it is
            labels.append(str(code))
    return labels
