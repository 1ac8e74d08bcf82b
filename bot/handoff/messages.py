"""What the user reads while handing over (Dutch, B1, je-form). Form questions live in the domain."""
from __future__ import annotations

from typing import Optional

EMERGENCY_NOTE = "Let op: dit is geen spoedhulp. Bij een noodgeval bel je 112."

PROBLEMS = {
    "unclear_method": "Sorry, dat begreep ik niet goed. Typ bijvoorbeeld: chat, telefoon, e-mail of liever niet.",
    "yes_without_method": "Fijn! Zeg nog even hoe: typ chat, telefoon of e-mail.",
    "explain_methods": (
        "Je kiest zelf hoe de therapeut reageert:\n"
        "- Via deze chat: het antwoord komt hier in dit gesprek.\n"
        "- Telefoon: de therapeut belt je.\n"
        "- E-mail: je krijgt een mail van de therapeut.\n"
        "- Liever niet: de therapeut leest je gesprek, maar neemt geen contact op."
    ),
    "invalid_phone": (
        "Dat nummer kan ik niet goed lezen. Typ het bijvoorbeeld zo: 06 12345678, 010 1234567 of 0470 12 34 56. "
        "Wil je je nummer liever niet geven? Typ dan: liever niet."
    ),
    "invalid_email": (
        "Dat e-mailadres klopt volgens mij niet helemaal. Het ziet er zo uit: naam@voorbeeld.nl. "
        "Wil je je adres liever niet geven? Typ dan: liever niet."
    ),
}

_HOW = {
    "chat": "Het antwoord komt hier in deze chat. Kom gerust later terug om te kijken.",
    "phone": "De therapeut belt je op {value}.",
    "email": "De therapeut mailt je op {value}.",
    "none": (
        "Je wilt liever geen contact. De therapeut leest je gesprek. "
        "Als er een antwoord komt, zie je dat hier in de chat."
    ),
}


def handed_over(practice_name: str, method: str, value: Optional[str], created: bool) -> str:
    """Tells the user their conversation went to a therapist, and what happens next."""
    first = (
        f"Dank je. Ik heb je gesprek doorgegeven aan een therapeut van {practice_name}."
        if created else f"Je vraag lag al bij een therapeut van {practice_name}. Ik heb je gesprek bijgewerkt."
    )
    how = _HOW.get(method, _HOW["chat"]).format(value=value or "")
    return f"{first}\nEen therapeut kijkt er zo snel mogelijk naar. Dat kan even duren.\n{how}\n{EMERGENCY_NOTE}"


def cancelled() -> str:
    return "Goed, ik geef je gesprek niet door. Wil je later toch een therapeut spreken? Vraag het gerust."


def not_recorded(practice_phone: str) -> str:
    """When the handoff could not be stored: the user must still know a way to a human."""
    return (
        "Sorry, het doorgeven lukt nu niet. Dat ligt niet aan jou. "
        f"Bel de praktijk op {practice_phone}, of probeer het later nog eens.\n{EMERGENCY_NOTE}"
    )


def not_withdrawn(practice_phone: str) -> str:
    """When taking back a request failed: it stays, and how to reach the practice."""
    return ("Het lukte me niet om je vraag in te trekken. Een therapeut kan dus nog contact opnemen. "
            f"Liever niet? Bel dan de praktijk: {practice_phone}.")
