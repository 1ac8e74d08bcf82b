"""Leaving a form kindly, and what to say when a reply is not understood twice.

The validators record why a user left (`form_exit`) and how often in a row the current
question's reply was not understood (`form_misses`); the form's closing action and the
question itself read them.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from bot.forms.turns import GOODBYE, OTHER, THANK

EXIT_SLOT = "form_exit"
MISSES_SLOT = "form_misses"
# After this many misunderstood replies in a row the question offers to skip or stop.
MISSES_BEFORE_OFFER = 2

THANKS_FIRST = "Graag gedaan!"
ASK_AWAY = "Natuurlijk. Wat wil je vragen? Typ je vraag maar."
NOT_UNDERSTOOD_AGAIN = "Ik begrijp je antwoord nog niet goed, sorry. Dat ligt aan mij, niet aan jou."
STILL_NOT = "Het lukt me nog steeds niet, sorry. Een kort antwoord werkt het best, of gebruik een knop."
SKIP_OR_STOP = "Je kunt deze vraag ook overslaan, of stoppen."
SKIP_BUTTON = ("Sla over", "sla over")
STOP_BUTTON = ("Stop", "stop")


def cleared() -> Dict[str, Any]:
    """Slot values once a form is over."""
    return {EXIT_SLOT: None, MISSES_SLOT: None}


def missed(misses: Any, cap: int = MISSES_BEFORE_OFFER + 1) -> Dict[str, Any]:
    """The counter after one more misunderstood reply (3 and on: "still not", in other words)."""
    return {MISSES_SLOT: min(int(misses or 0) + 1, cap)}


def understood() -> Dict[str, Any]:
    return {MISSES_SLOT: None}


def offers_way_out(slots: Any) -> bool:
    """Whether the next question should offer to skip or stop (the second miss in a row)."""
    return int((slots or {}).get(MISSES_SLOT) or 0) >= MISSES_BEFORE_OFFER


def first_words(reason: Optional[str]) -> Optional[str]:
    """Said before the form's own closing words."""
    return THANKS_FIRST if reason == THANK else None


def last_messages(reason: Optional[str]) -> List[Dict[str, Any]]:
    """Said after the form's own closing words (keyword arguments of utter_message)."""
    if reason == GOODBYE:
        return [{"response": "utter_goodbye"}]
    if reason == OTHER:
        return [{"text": ASK_AWAY}]
    return []


def closing(reason: Optional[str], text: str) -> List[Dict[str, Any]]:
    """The form's closing `text` with the words that fit how the user left."""
    first = first_words(reason)
    return [{"text": f"{first} {text}" if first else text}, *last_messages(reason)]


def with_way_out(message: Dict[str, Any], slots: Any, skip: bool = True) -> Dict[str, Any]:
    """The question `message` (utter_message keywords), offering to skip or stop after two misses."""
    if not offers_way_out(slots):
        return message
    extra = [SKIP_BUTTON, STOP_BUTTON] if skip else [STOP_BUTTON]
    buttons = list(message.get("buttons") or [])
    buttons += [{"title": title, "payload": payload} for title, payload in extra]
    hint = SKIP_OR_STOP if skip else "Je kunt ook stoppen: typ dan stop."
    first = STILL_NOT if int((slots or {}).get(MISSES_SLOT) or 0) > MISSES_BEFORE_OFFER else NOT_UNDERSTOOD_AGAIN
    return {**message, "text": f"{first}\n{message.get('text', '')}\n{hint}", "buttons": buttons}
