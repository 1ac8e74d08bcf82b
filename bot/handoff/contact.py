"""Reads how a user wants to be reached: the method, and a phone number or e-mail address.

Dutch and Belgian numbers are accepted in the forms people type them (06-12345678,
+31 (0)6 1234 5678, 0470 12 34 56, 0032 2 123 45 67) and stored as digits with a
leading 0 or +, so a therapist can dial them as shown.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional

from bot.forms import exits
from bot.forms.answer_words import is_skip, parse_yes_no
from bot.forms.turns import Leaving, read_turn, slot_value

CHAT, PHONE, EMAIL, NO_CONTACT, CANCELLED = "chat", "phone", "email", "none", "cancelled"
METHODS_WITH_VALUE = (PHONE, EMAIL)
# The handoff's own intent: "kan de therapeut me bellen?" inside the form is an answer.
HANDOFF_INTENTS = ("request_therapist",)
CHOICE_ENTITY = "contact_choice"
YES_WITHOUT_METHOD = "yes_without_method"

_CANCEL = ("annuleer", "annuleren", "stop", "laat maar", "toch niet", "toch maar niet", "toch geen", "niet doorgeven",
           "niet meer nodig", "vergeet het", "eerst zelf",
           # "nee dank u, ik wil geen therapeut spreken": no handoff at all.
           "geen therapeut", "geen therapeuten", "wil niemand spreken", "hoef niemand")
# "nee dank u" declines the handoff, unless a way is named with it ("nee dank je, bel me maar").
_NO_THANKS = ("nee dank u", "nee dank je", "nee dankje", "nee dankuwel", "neen dank u")
_NO_CONTACT = ("liever niet", "liever geen", "geen contact", "hoeft niet", "niet nodig")
# A bare "no" counts only when no method is named: "nee, bel me maar" means phone.
_PLAIN_NO = ("nee", "geen", "none", "nee dank je", "nee bedankt")
_KEYWORDS = {
    CHAT: ("chat", "hier", "deze chat", "via dit gesprek", "in dit gesprek"),
    PHONE: ("telefoon", "telefonisch", "bel", "bellen", "gebeld", "terugbellen", "nummer", "gsm", "mobiel",
            "phone", "sms", "whatsapp"),
    EMAIL: ("e-mail", "email", "mail", "mailen", "gemaild", "e mail", "per mail"),
}

EXPLAIN_METHODS = "explain_methods"
_ASKS_WHAT_THEY_MEAN = re.compile(
    r" (wat is (het|de) verschil|wat (bedoel|betekent|houdt)|hoe (werkt|gaat) (dat|het)|wat zijn de (keuzes|opties)|"
    r"welke (is|kies ik) (het )?(best|beste)|wat raad je aan) "
)
_PHONE_CANDIDATE = re.compile(r"(?:\+|\b0)[\d\s\-./()]{6,}\d")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                    r"[A-Za-z]{2,24}")
_ATTEMPT = re.compile(r"\d{3}|@")
_EMAIL_FULL = re.compile(rf"^{_EMAIL.pattern}$")


@dataclass(frozen=True)
class ContactReading:
    """What a user's answer means: slot values to set, and a problem to explain (or None)."""

    slots: Dict[str, Any]
    problem: Optional[str] = None  # "unclear_method", "invalid_phone", "invalid_email"


def _padded_words(text: str) -> str:
    """Lower case, punctuation as spaces (but "e-mail" keeps its hyphen), padded for phrase search.

    Accents stay, unlike `bot.dutch_text.normalise`: an address or name is read as typed.
    """
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " " + re.sub(r"[^\w\-]+", " ", text).strip() + " "


def _mentions(text: str, phrases) -> bool:
    return any(f" {phrase} " in text for phrase in phrases)


def normalise_phone(text: str) -> Optional[str]:
    """The Dutch or Belgian number in `text` as `0...` or `+31...`/`+32...`, or None."""
    for candidate in _PHONE_CANDIDATE.findall(text or ""):
        number = _phone_digits(candidate)
        if number:
            return number
    return None


def _phone_digits(candidate: str) -> Optional[str]:
    candidate = candidate.replace("(0)", "")
    digits = re.sub(r"[\s\-./()]", "", candidate)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not re.fullmatch(r"\+?\d+", digits):
        return None
    if digits.startswith("+31"):
        rest = digits[3:]
        return digits if len(rest) == 9 and rest[0] != "0" else None
    if digits.startswith("+32"):
        rest = digits[3:]
        mobile = len(rest) == 9 and rest[0] == "4"
        landline = len(rest) == 8 and rest[0] != "0"
        return digits if mobile or landline else None
    if digits.startswith("0") and digits[1:2] not in ("", "0"):
        # 10 digits: any Dutch number or a Belgian mobile (04..); 9 digits: a Belgian landline.
        if len(digits) in (9, 10):
            return digits
    return None


def normalise_email(text: str) -> Optional[str]:
    """The e-mail address in `text` (domain in lower case), or None."""
    match = _EMAIL.search(text or "")
    if not match:
        return None
    address = match.group(0).strip(".")
    local, _, domain = address.rpartition("@")
    if len(address) > 254 or len(local) > 64 or ".." in address or not _EMAIL_FULL.match(address):
        return None
    return f"{local}@{domain.lower()}"


def _refused(answer: str, named: List[str]) -> List[str]:
    """The methods named only to refuse them: "niet bellen", "liever niet via mail", "laat die
    mail maar", "geen telefoon", "mailen hoeft niet"."""
    # Clause by clause: in "mailen hoeft niet, bel maar" the "niet" belongs to the mail.
    # "kan het ni gewoon hier in de chat?" asks for the chat: that "niet" refuses nothing.
    clauses = [re.sub(r" (kan|kun|kunnen|mag) (het|dat|je|jij|we|u|ge) (niet|ni|nie) ", r" \1 \2 ",
                      _padded_words(clause)) for clause in re.split(r"[,.;!?]", answer)]
    return [method for method in named
            if any(re.search(rf" (niet|geen|nie|ni|zonder) (\w+ )?{re.escape(word)} ", text)
                   or re.search(rf" {re.escape(word)} (\w+ )?(niet|nie|ni|hoeft niet) ", text)
                   or re.search(rf" laat (die |de |het |dat )?{re.escape(word)} (\w+ )?(maar|nou|zitten) ", text)
                   for word in _KEYWORDS[method] for text in clauses)]


def _chosen(answer: str, kept: List[str]) -> List[str]:
    """Of several methods named and not refused, the ones in the first clause ("hier in de
    chat maar, ik hoor slecht aan de telefoon")."""
    if len(kept) <= 1:
        return kept
    first = _padded_words(re.split(r"[,.;!?]|\b(?:want|omdat|maar ik)\b", answer, maxsplit=1)[0])
    in_first = [method for method in kept if _mentions(first, _KEYWORDS[method])]
    return in_first if len(in_first) == 1 else kept


def read_contact_method(answer: Optional[str]) -> ContactReading:
    """Reads the answer to "how may the therapist reach you?"."""
    text = _padded_words(answer or "")
    if is_skip(answer or ""):
        # "weet ik niet", "sla over": the therapist answers here, the way that needs nothing.
        return ContactReading({"contact_method": CHAT, "contact_value": None})
    if _mentions(text, _CANCEL):
        return ContactReading({"contact_method": CANCELLED, "contact_value": None})
    number, address = normalise_phone(answer or ""), normalise_email(answer or "")
    if address:
        return ContactReading({"contact_method": EMAIL, "contact_value": address})
    if number:
        return ContactReading({"contact_method": PHONE, "contact_value": number})
    if text.strip() in (CHAT, PHONE, EMAIL):
        return ContactReading({"contact_method": text.strip(), "contact_value": None})
    if _ASKS_WHAT_THEY_MEAN.search(text):
        # "hmm wat is het verschil?": the choices explained, then the question again.
        return ContactReading({"contact_method": None}, problem=EXPLAIN_METHODS)
    named = [method for method, words in _KEYWORDS.items() if _mentions(text, words)]
    refused = _refused(answer or "", named)
    # "liever niet via mail, gewoon hier": the refusal is of mail, the choice is the chat.
    kept = _chosen(answer or "", [method for method in named if method not in refused])
    if len(kept) == 1:
        return ContactReading({"contact_method": kept[0], "contact_value": None})
    if not named and _mentions(text, _NO_THANKS):
        return ContactReading({"contact_method": CANCELLED, "contact_value": None})
    if not kept and _mentions(text, _NO_CONTACT):
        return ContactReading({"contact_method": NO_CONTACT, "contact_value": None})
    if not named and text.strip() in _PLAIN_NO:
        return ContactReading({"contact_method": NO_CONTACT, "contact_value": None})
    if not named and len(text.split()) <= 3 and parse_yes_no(answer or "") is True:
        # "ja graag": yes to being contacted, the way not said yet. No misunderstanding.
        return ContactReading({"contact_method": None}, problem=YES_WITHOUT_METHOD)
    return ContactReading({"contact_method": None}, problem="unclear_method")


def read_contact_value(method: Optional[str], answer: Optional[str]) -> ContactReading:
    """Reads a phone number or e-mail address for `method`; the user may also change their mind."""
    if method == PHONE:
        number = normalise_phone(answer or "")
        if number:
            return ContactReading({"contact_value": number})
    elif method == EMAIL:
        address = normalise_email(answer or "")
        if address:
            return ContactReading({"contact_value": address})
    if is_skip(answer or ""):
        return ContactReading({"contact_value": None, "contact_method": CHAT})
    changed = read_contact_method(answer)
    new_method = changed.slots.get("contact_method")
    if new_method and (new_method != method or changed.slots.get("contact_value")):
        return ContactReading({"contact_value": None, **changed.slots})
    problem = "invalid_email" if method == EMAIL else "invalid_phone"
    return ContactReading({"contact_value": None}, problem=problem)


def reply_for(slot: str, slots: Mapping[str, Any], message: Mapping[str, Any]) -> Any:
    """The value `validate_handoff_form` reads for `slot`: the text, `Leaving`, or None.

    None when the form did not ask for `slot`, and for a question about something else:
    the form then steps aside, the question gets its answer and the form asks again.
    """
    text = message.get("text") or ""
    requested = slots.get("requested_slot")
    choice = button_choice(message)
    if choice is not None:
        # A contact button, also one of an earlier question: when the form just opened it
        # answers the first question, else the question being asked (a change of mind).
        return choice if requested == slot or (requested is None and slot == "contact_method") else None
    if requested != slot or not text.strip() or text.startswith("/"):
        return None
    if slot == "contact_method":
        reading = read_contact_method(text)
        if reading.problem == EXPLAIN_METHODS:
            return text  # "wat is het verschil?" is about this question, whatever the NLU says
        understood = reading.problem is None
    else:
        understood = read_contact_value(slots.get("contact_method"), text).problem is None
    intent = message.get("intent") or {}
    if not understood and slot == "contact_value" and _ATTEMPT.search(text):
        return text  # a mistyped number or address: the validator explains how to write it
    turn = read_turn(text, intent.get("name"), float(intent.get("confidence") or 0.0), understood,
                     own_intents=HANDOFF_INTENTS)
    return slot_value(turn, text)


def button_choice(message: Mapping[str, Any]) -> Optional[str]:
    """The words of a contact button (`/request_therapist{"contact_choice": ...}`), or None."""
    for entity in message.get("entities") or []:
        if entity.get("entity") == CHOICE_ENTITY and isinstance(entity.get("value"), str):
            return entity["value"]
    return None


def validate_reply(slot: str, value: Any, slots: Mapping[str, Any]) -> ContactReading:
    """The slot changes for a reply to `slot`; `problem` only for the first miss in a row."""
    if isinstance(value, Leaving):
        return ContactReading({"contact_method": CANCELLED, "contact_value": None, exits.EXIT_SLOT: value.reason})
    if slot == "contact_method":
        reading = read_contact_method(value)
    else:
        reading = read_contact_value(slots.get("contact_method"), value)
    if reading.problem in (None, YES_WITHOUT_METHOD):
        understood = {**reading.slots, **(exits.understood() if slots.get(exits.MISSES_SLOT) else {})}
        return ContactReading(understood, reading.problem)
    # Capped at the offer: the question's variations in domain/handoff.yml know 2, not 3.
    counted = {**reading.slots, **exits.missed(slots.get(exits.MISSES_SLOT), cap=exits.MISSES_BEFORE_OFFER)}
    # The second miss in a row: the question itself then offers a way on (domain/handoff.yml).
    return ContactReading(counted, None if exits.offers_way_out(counted) else reading.problem)


def required_contact_slots(method: Optional[str]) -> List[str]:
    """The form's slots still relevant for `method`: a number or address only for phone/e-mail."""
    return ["contact_method", "contact_value"] if method in METHODS_WITH_VALUE else ["contact_method"]
