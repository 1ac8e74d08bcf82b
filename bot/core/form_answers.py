"""Whether a message answers the question the assistant has open, so that a classifier's
guess of despair does not take it over: the form's own answer, a plain yes or no, an erasure."""
from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from bot.core.yes_no import NO, YES, normalise_answer, read_answer

if TYPE_CHECKING:
    from bot.core.turn_guard import TurnView
    from bot.safety.questions import ClarifyingQuestion

# A short reply is mostly the answer; a longer one may say more than the form asked.
FORM_ANSWER_WORDS = 12


def asks_erasure(view: "TurnView") -> bool:
    """An erasure request, found by the care extractor or sent as the erase payload.

    A hand-typed "/delete_my_data" is not one: typed commands get their own answer.
    """
    if view.typed_command:
        return False
    return bool(view.values("privacy_request")) or (view.intent == "delete_my_data" and view.text.startswith("/"))


# Erasing cannot be undone: a yes to it is short, or names the erasing itself.
_ERASE_YES_WORDS = 6
_ERASE_WORDS = re.compile(r"\b(wis\w*|gewist|verwijder\w*|weg|alles)\b")


def plain_yes_to_erase(text: str) -> bool:
    clean = normalise_answer(text)
    return len(clean.split()) <= _ERASE_YES_WORDS or bool(_ERASE_WORDS.search(clean))


def plain_reply(view: "TurnView", question: "ClarifyingQuestion") -> bool:
    """A crisis question only the classifier raised, on a message that plainly says what it
    is: an answer to the active form's question ("liever niet, laat maar" to "how may a
    therapist reach you?") or a request to erase one's data ("eigenlijk wil ik alles wissen
    wat je van me hebt"). A bag of words hears 'niet', 'laat maar' and 'alles' as despair there.
    The rule layers' own questions ("ik wil niet meer") are always asked."""
    from bot.safety.matcher import detect_with_rules

    if question.code != "crisis":
        return False
    from bot.safety.uncertain import mentions_crisis_topic

    # Inside a form, a reply without a single word of the crisis topic ("niet zoveel eerlijk
    # gezegd, een glas of vier per dag") answers the form's question.
    # Leaving the form ("laat maar, heb er even geen zin meer in") is plain too.
    from bot.forms.answer_words import is_stop

    in_form = view.active_loop is not None
    plain = asks_erasure(view) or (in_form and (read_answer(view.text) in (YES, NO) or is_stop(view.text))) \
        or gives_pain_score(view) or (view.active_loop is not None and not mentions_crisis_topic(view.text))
    return plain and detect_with_rules(view.text).question is None


def gives_pain_score(view: "TurnView") -> bool:
    """The pain form asked for a score and the message gives one ("'k zou zeggen ne zeven,
    gisteren was da nog erger"): the answer it is, not despair."""
    from bot.progress.scores import parse_pain_score

    if view.active_loop != "pain_form" or view.slots.get("requested_slot") != "pain_score":
        return False
    score, _ = parse_pain_score(view.text)
    return score is not None


def answers_form(view: "TurnView") -> bool:
    """The active form's question has its answer in this message (pain score, plan answer)."""
    if gives_pain_score(view):
        return True
    slot = view.slots.get("requested_slot")
    if view.active_loop != "plan_form" or not slot:
        return False
    from bot.plan.validators import VALIDATORS, validate

    if slot not in VALIDATORS:
        return False
    outcome = validate(slot, view.text, view.slots)
    return outcome.value is not None and outcome.understood and not outcome.stopped


def without_form_answer_flags(view: "TurnView") -> "TurnView":
    """`view` without a crisis flag that only the classifier raised on a short reply that
    answers the form's question ("Een keer per dag lijkt me genoeg, het liefst 's avonds." to
    "how often do you want to breathe?"): a bag of words hears 'genoeg' and 'liefst' as
    despair there. The rule layers' flags and questions always stand."""
    flags = [item for item in view.entities if item.get("entity") == "red_flag"]
    if not flags or view.active_loop is None:
        return view
    if any(item.get("layer") != "learned" or item.get("value") != "suicidal" for item in flags):
        return view
    if len((view.text or "").split()) > FORM_ANSWER_WORDS or not answers_form(view):
        return view
    from bot.safety.matcher import detect_with_rules

    rules = detect_with_rules(view.text)
    if rules.flags or rules.question is not None:
        return view
    kept = [item for item in view.entities if item.get("entity") != "red_flag"]
    return dataclasses.replace(view, entities=kept)


_FIRST_SENTENCE = re.compile(r"^[^.!?\n]+")


def plan_answer_kept(view: "TurnView") -> dict:
    """The plan answer said with a red flag ("fietsen, al is da nu moeilijk want ik ben gevallen"):
    the red flag ends the form, but the answer to its question is kept for when it resumes."""
    from bot.plan.choices import CONTENT_SLOTS
    from bot.plan.validators import validate

    slot = view.slots.get("requested_slot")
    if view.active_loop != "plan_form" or slot not in CONTENT_SLOTS:
        return {}
    first = _FIRST_SENTENCE.match(view.text or "")
    if first is None:
        return {}
    outcome = validate(slot, first.group(0), view.slots)
    if outcome.value is None or not outcome.understood or outcome.stopped or outcome.message:
        return {}
    return {slot: outcome.value, **outcome.slots}
