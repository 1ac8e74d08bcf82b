"""What must happen in a turn whatever the conversation is doing: plain Python, no Rasa.

The Rasa policy in `care_policy.py` feeds this a `TurnView` (the state of the turn) and
turns the `GuardDecision` into a prediction. Keeping the decision here lets tests walk
through every branch without a model or a server.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.core import after_replies, safety_turns
from bot.core.after_advice import thoughts_confirmed
from bot.core.after_triage import ANSWER_PREFIX, asks_about_medicine, next_after_triage, topic_answer
from bot.core import input_turns, medicine_turns
from bot.core.form_answers import (asks_erasure, plan_answer_kept, plain_reply, plain_yes_to_erase,
                                   without_form_answer_flags)
from bot.core.yes_no import NO, UNSURE, YES, read_answer
from bot.handoff.status import ACTIVE, HandoffStatus
from bot.nlu.erasure_request import asks_about_erasure
from bot.privacy.questions import asks_what_is_erased
from bot.nlu.second_question import SOCIAL, TELLING
from bot.safety import highest_level
from bot.safety.advice import escalation_response_name
from bot.safety.questions import ClarifyingQuestion, question_for

LISTEN = "action_listen"
MEDICATION_CHECK = "action_medication_check"
OFFER_HANDOFF = "utter_offer_handoff"
HANDOFF_WAITING = "utter_handoff_waiting"
HANDOFF_FORM = "handoff_form"
HANDOFF_DECLINED = after_replies.HANDOFF_DECLINED
CONFIRM_DELETE = "utter_confirm_delete"
DELETE = "action_delete_my_data"
DELETE_CANCELLED = "utter_delete_cancelled"
ERASE_WHAT_GOES = "utter_erase_what_goes"
SAFETY_QUESTION = "utter_safety_question"
SAFETY_ASK_AGAIN = "utter_safety_ask_again"
SAFETY_CALM = "utter_safety_calm"
FIRST_CONTACT_INTRO = "utter_first_contact_intro"
TRIAGE_PREFIX = "utter_triage_"
NOT_PLACED = medicine_turns.NOT_PLACED
PRIVACY_INFO = "utter_privacy_info"
CRISIS_LINES_OFFER = "utter_crisis_lines_offer"
# Handoff states in which a therapist, not the assistant, is talking with the user.
THERAPIST_TALKING = (HandoffStatus.CLAIMED.value,)

# The question the assistant is waiting for an answer to, kept in a slot so that a typed
# answer works after a reload, when the buttons are gone: "handoff", "erase" or
# "safety:<code>" (data/clinical/clarifying_questions.yml).
OPEN_QUESTION = "open_question"
HANDOFF, ERASE, SAFETY = "handoff", "erase", "safety:"
# The handoff offer after a red-flag reply, kept open over one message that did not answer
# it ("weer zo'n standaard antwoord", then "ja doe maar, verbind maar door").
HANDOFF_KEPT = "handoff:kept"
AGAIN = ":again"  # a safety question asked a second time is not asked a third
# Responses that ask a yes/no question, whoever predicted them. (utter_bot_challenge's
# "Praat je liever met een mens?" is left out: an "oké" there acknowledges, it does not
# ask for a therapist.)
ASKED_BY = {
    OFFER_HANDOFF: HANDOFF,
    CONFIRM_DELETE: ERASE,
    # "Wil je dat een van hen contact met je opneemt?" after the list of therapists.
    "utter_practice_therapists": HANDOFF,
    CRISIS_LINES_OFFER: HANDOFF,
    CRISIS_LINES_OFFER + "_be": HANDOFF,
}
# Buttons the assistant sent with these questions: a press means what its title says.
PAYLOAD_ANSWERS = {"/affirm": YES, "/deny": NO, "/request_therapist": YES}
# Responses after which the guard itself waits for the user.
THEN_LISTEN = (HANDOFF_DECLINED, DELETE_CANCELLED, ERASE_WHAT_GOES, SAFETY_CALM, FIRST_CONTACT_INTRO, *safety_turns.LISTEN_AFTER,
               *after_replies.LISTEN_AFTER)


@dataclass(frozen=True)
class TurnView:
    """What the guard needs to know about the conversation at one prediction step."""

    message_id: str
    intent: Optional[str]
    entities: Sequence[Dict[str, Any]]
    slots: Dict[str, Any]
    turn_actions: Tuple[str, ...]  # actions run since the latest user message
    active_loop: Optional[str] = None
    typed_command: bool = False
    country: str = "NL"
    text: str = ""
    first_contact: bool = False  # the user's very first message, sent without the welcome
    welcomed: bool = False  # the whole welcome was said just before this opening message
    intent_confidence: float = 0.0
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def flag_levels(self) -> List[str]:
        """Levels of this message's red flags, as the matcher judged them in context."""
        from bot.safety.catalogue import level_of

        return [item.get("level") or level_of(item.get("value")) for item in self.entities
                if item.get("entity") == "red_flag"]

    def values(self, entity: str) -> List[Any]:
        found: List[Any] = []
        for item in self.entities:
            if item.get("entity") == entity and item.get("value") not in found:
                found.append(item.get("value"))
        return found


@dataclass(frozen=True)
class GuardDecision:
    """`action` to run (None: let the other policies decide) and slot changes to apply."""

    action: Optional[str]
    slots: Dict[str, Any] = field(default_factory=dict)
    end_active_loop: bool = False


def _merge(old: Optional[Sequence[Any]], new: Sequence[Any]) -> List[Any]:
    merged = list(old or [])
    merged.extend(value for value in new if value not in merged)
    return merged


def _changed(view: TurnView, updates: Dict[str, Any]) -> Dict[str, Any]:
    return {name: value for name, value in updates.items() if view.slots.get(name) != value}


def conversation_state(view: TurnView) -> Dict[str, Any]:
    """Slot values that record what this user message revealed (the slot contract)."""
    flags = view.values("red_flag")
    classes = view.values("interaction_class")
    updates: Dict[str, Any] = {}
    if flags:
        updates["red_flags"] = _merge(view.slots.get("red_flags"), flags)
        updates["triage_level"] = highest_level(view.slots.get("triage_level"), *view.flag_levels())
    named = view.values("medication")
    if classes or named:
        # Also a medicine with no known clash ("mijn man slikt ibuprofen"): medicines came up,
        # so "hij neemt ook nog xarelto" next is read as one more (about_earlier_medicine).
        updates["medications"] = _merge(view.slots.get("medications"), named)
    if classes:
        updates["interaction_classes"] = _merge(view.slots.get("interaction_classes"), classes)
    return _changed(view, updates)


def _with(decision: GuardDecision, view: TurnView, pending: Dict[str, Any]) -> GuardDecision:
    """`decision` plus the slot changes in `pending` that it does not set itself."""
    extra = _changed(view, {name: value for name, value in pending.items() if name not in decision.slots})
    if not extra:
        return decision
    return GuardDecision(decision.action, {**decision.slots, **extra}, decision.end_active_loop)


def answer_of(view: TurnView) -> Optional[str]:
    """The user's message read as an answer to a yes/no question: YES, NO, UNSURE or None."""
    text = (view.text or "").strip()
    if text.startswith("/") and not view.typed_command:
        return PAYLOAD_ANSWERS.get(text.split("{")[0])
    return read_answer(text)


def _still_open(view: TurnView, open_question: str) -> Optional[str]:
    """What stays open after a message that did not answer `open_question`: the handoff
    offer of a red-flag reply, over one such message and outside forms; nothing else."""
    kept = (open_question == HANDOFF and view.active_loop is None and view.slots.get("triage_level")
            and view.slots.get("handoff_status") not in ACTIVE)
    return HANDOFF_KEPT if kept else None


def _asked_safety(open_question: Optional[str]) -> Optional[ClarifyingQuestion]:
    if not open_question or not open_question.startswith(SAFETY):
        return None
    return question_for(open_question[len(SAFETY):].split(":")[0])


def _escalation(view: TurnView, flags: List[str], asked: Optional[ClarifyingQuestion]) -> GuardDecision:
    """The triage response for this message's red flags (and an escalating answer)."""
    levels = view.flag_levels()
    state = conversation_state(view)
    if asked is not None:
        flags = _merge(flags, [asked.flag])
        levels = [*levels, asked.level]
        state["red_flags"] = _merge(view.slots.get("red_flags"), flags)
        state["triage_level"] = highest_level(view.slots.get("triage_level"), *levels)
    level = highest_level(*levels)
    summary = safety_turns.escalation_summary(view, level, [asked.flag] if asked is not None else [])
    slots = {**state, "triage_summary": summary, "awaiting_medications": False, OPEN_QUESTION: None,
             **plan_answer_kept(view)}
    return GuardDecision(
        escalation_response_name(level, view.country, view.now, safety_turns.belgium_named(view)),
        _changed(view, slots),
        end_active_loop=view.active_loop is not None,
    )


def _after_soon_or_urgent(view: TurnView) -> Optional[GuardDecision]:
    """The rest of a turn opened by a soon or urgent red-flag reply (bot/core/after_triage.py)."""
    classes = view.values("interaction_class")
    step = next_after_triage(view.turn_actions, medicine=asks_about_medicine(classes, view.intent),
                             first_contact=view.first_contact,
                             offer=view.slots.get("handoff_status") not in ACTIVE,
                             topic=topic_answer(view.intent))
    if step == MEDICATION_CHECK:
        # Answered now, so the same medicine is not warned about again in passing.
        slots = {"warned_classes": _merge(view.slots.get("warned_classes"), classes), "classes_to_warn": [],
                 "medication_check_mode": "answer", "care_checked_message": view.message_id}
        return GuardDecision(step, _changed(view, slots))
    if step == OFFER_HANDOFF:
        return GuardDecision(step, _changed(view, {OPEN_QUESTION: HANDOFF}))
    return None if step is None else GuardDecision(step)


def _then_listen(view: TurnView) -> GuardDecision:
    """Listen; on first contact, first say in one line what the assistant is."""
    if view.first_contact and FIRST_CONTACT_INTRO not in view.turn_actions:
        return GuardDecision(FIRST_CONTACT_INTRO)
    return GuardDecision(LISTEN)


def _answer_decision(view: TurnView, open_question: str, answer: Optional[str]) -> Optional[GuardDecision]:
    """What the user's answer to the open question leads to, or None if it is no answer."""
    from bot.handoff.contact import read_contact_method

    closed = {OPEN_QUESTION: None}
    if open_question in (HANDOFF, HANDOFF_KEPT):
        crisis = view.slots.get("triage_level") == safety_turns.CRISIS
        belgian = safety_turns.belgium_named(view)
        if crisis and (answer in (YES, UNSURE) and belgian or thoughts_confirmed(view.text)):
            # "ja soms denk ik daar wel aan. ik woon in gent", "ja, da denk ik de laatste tijd
            # veel": the lines first, then the offer once more (it may have been a yes to the
            # thoughts, not to the offer).
            be = belgian or view.country.upper() == "BE"
            return GuardDecision(CRISIS_LINES_OFFER + ("_be" if be else ""), closed)
        if answer == YES:
            # "ja da mag, bel mij maar op 0478 12 34 56": the form starts with how, and where.
            said = {name: value for name, value in read_contact_method(view.text).slots.items() if value}
            return GuardDecision(HANDOFF_FORM, {**closed, **said})
        if answer == NO:
            return GuardDecision(HANDOFF_DECLINED, closed)
        if answer == UNSURE and crisis:
            # "weet ik niet" after the crisis reply: where help is, once more, and the offer.
            return GuardDecision(CRISIS_LINES_OFFER + ("_be" if view.country.upper() == "BE" else ""), closed)
        if answer == UNSURE:
            return GuardDecision(OFFER_HANDOFF, {OPEN_QUESTION: HANDOFF})
        # "telefoon", "bel me maar": a yes that already says how; the form starts with it.
        # Only a short reply that is no question: "moet ik de huisarts bellen?" is not one.
        short = len(view.text.split()) <= 4 and "?" not in view.text
        method = read_contact_method(view.text).slots.get("contact_method") if short else None
        if method in ("chat", "phone", "email"):
            return GuardDecision(HANDOFF_FORM, {**closed, "contact_method": method})
        return None
    if open_question == ERASE:
        if answer is None and asks_what_is_erased(view.text):
            return GuardDecision(ERASE_WHAT_GOES, {OPEN_QUESTION: ERASE})
        if answer == YES and not plain_yes_to_erase(view.text):
            return None  # "Goed. Dan mijn vraag: ...": an acknowledgement moving on erases nothing
        if answer == YES:
            return GuardDecision(DELETE, closed)
        if answer == NO:
            return GuardDecision(DELETE_CANCELLED, closed)
        if answer == UNSURE:
            return GuardDecision(CONFIRM_DELETE, {OPEN_QUESTION: ERASE})
        return None
    asked = _asked_safety(open_question)
    if asked is not None and asked.escalates(answer) is False:
        calm = asked.calm_text(view.country, in_form=view.active_loop is not None)
        return GuardDecision(SAFETY_CALM, {**closed, "safety_calm_text": calm})
    door = safety_turns.door_open(view, asked) if asked is not None and answer is None else None
    if door is not None:
        return door
    if asked is not None and answer is None and not open_question.endswith(AGAIN):
        # Too important to drop on a reply we cannot read: ask once more, then let go.
        return GuardDecision(SAFETY_ASK_AGAIN, {OPEN_QUESTION: open_question + AGAIN})
    return None


def decide(view: TurnView) -> GuardDecision:
    """The guard's decision for one prediction step."""
    view = without_form_answer_flags(view)
    flags = view.values("red_flag")
    actions = view.turn_actions
    last = actions[-1] if actions else None
    open_question = None if actions else view.slots.get(OPEN_QUESTION)
    answer = answer_of(view) if open_question else None

    # 1. A red flag outranks everything, including a form, a therapist's chat and any
    #    open question; so does a "yes" to "are you thinking of ending your life?".
    asked = _asked_safety(open_question)
    answer = safety_turns.safety_answer(view, asked, answer)
    if asked is not None and asked.escalates(answer) is not True:
        asked = None
    if not actions and (flags or asked is not None):
        return _escalation(view, flags, asked)
    after_soon = _after_soon_or_urgent(view)
    if after_soon is not None:
        return after_soon
    if last and last.startswith(TRIAGE_PREFIX) and len(actions) == 1:
        if view.slots.get("handoff_status") in ACTIVE:
            return _then_listen(view)
        return GuardDecision(OFFER_HANDOFF, _changed(view, {OPEN_QUESTION: HANDOFF}))
    if last == OFFER_HANDOFF and len(actions) == 2 and actions[0].startswith(TRIAGE_PREFIX):
        return _then_listen(view)
    # Before the news of a call: "laat maar zitten, ik bel zelf wel" takes the request back.
    if not actions and after_replies.takes_back_request(view):
        return GuardDecision(after_replies.WITHDRAW_HANDOFF)
    after = safety_turns.after_advice(view, open_question, answer) if not actions else None
    if after is not None:
        return after
    if not actions and view.welcomed and view.intent == "greet":
        return GuardDecision(LISTEN)  # the welcome just said hello; a second one is noise

    # 2. When the detector is unsure, the assistant asks (the question is a safe reply),
    #    before anything but a red flag, unless the message answers the open question.
    question = next((question_for(code) for code in view.values("safety_question") if question_for(code)), None)
    # A reply to this very question that is no yes or no is handled in step 4 (asked once
    # more, then let go): asking it anew here would ask it on every message.
    already_open = bool(question and open_question and open_question.startswith(SAFETY + question.code))
    if (not actions and question is not None and not already_open and not (open_question and answer is not None)
            and not plain_reply(view, question)):
        # An active form stays active: after a "no" the person is brought back to its question
        # (step 4), after a "yes" the escalation ends it (step 1).
        if question.code == "crisis" and view.slots.get("triage_level") == "crisis":
            # They told us already ("wil er niet meer zijn"): asking now whether they think of
            # ending their life is not listening. The crisis lines again instead.
            return safety_turns.urgency_again(view, "crisis")
        slots = {OPEN_QUESTION: SAFETY + question.code, "safety_question_text": question.question,
                 "awaiting_medications": False}
        return GuardDecision(SAFETY_QUESTION, _changed(view, slots))

    # 3. Erasure is asked for in any state, also inside a form whose validator would
    #    otherwise read "verwijder mijn gegevens" as an answer to its question.
    # ("ja, wis alles" answers the confirmation: it does not ask again.)
    confirming = open_question == ERASE and answer in (YES, NO)
    if not actions and asks_erasure(view) and not confirming:
        slots = {OPEN_QUESTION: ERASE, "awaiting_medications": False}
        return GuardDecision(CONFIRM_DELETE, _changed(view, slots), end_active_loop=view.active_loop is not None)
    if (not actions and view.intent == "delete_my_data" and not view.text.startswith("/")
            and open_question != ERASE and asks_about_erasure(view.text)):
        return GuardDecision(PRIVACY_INFO)  # "kan ik later alles laten verwijderen als ik dat wil?"
    if last == PRIVACY_INFO and len(actions) == 1:
        return GuardDecision(LISTEN)

    # 4. A typed answer to the question the assistant asked last (kept in a slot).
    pending: Dict[str, Any] = {}
    if open_question:
        pending = {OPEN_QUESTION: _still_open(view, open_question)}
        # Inside a form, the form's validator reads the handoff and erasure answers; a
        # safety question the guard asked mid-form is the guard's to read.
        if view.active_loop is None or open_question.startswith(SAFETY):
            answered = _answer_decision(view, open_question, answer)
            if answered is not None:
                return _with(answered, view, pending)
    if last == SAFETY_ASK_AGAIN and len(actions) == 1:
        return GuardDecision(SAFETY_QUESTION)
    if last == SAFETY_CALM and view.active_loop is not None and len(actions) == 1:
        # Back to the form: run after a reply, not after listening, it skips validating
        # the "nee" as a form answer and asks its pending question again.
        return GuardDecision(view.active_loop)
    after_reply = after_replies.decision(view, last)
    if after_reply is not None:
        return GuardDecision(*after_reply)
    if last in THEN_LISTEN or last == SAFETY_QUESTION:
        return _then_listen(view)
    if last in ASKED_BY and view.active_loop is None:
        # Remember the question whoever asked it, so that a typed answer reaches it.
        return GuardDecision(LISTEN, _changed(view, {OPEN_QUESTION: ASKED_BY[last]}))

    return _with(_routine(view, actions, last), view, pending)


def _second_answer(view: TurnView, last: Optional[str]) -> Optional[str]:
    """The answer to a second question in the message, right after the first one's; after
    thanks or a greeting ("Dank u wel. Moet ik de calcium apart nemen?") instead of it."""
    topics = view.values("second_topic")
    if not topics or view.active_loop is not None:
        return None
    # Without a red flag in the conversation, "when to see the GP" may follow too.
    second = topic_answer(topics[0], after_red_flag=bool(view.slots.get("triage_level")))
    if view.intent in SOCIAL and not view.turn_actions and not view.first_contact:
        return second
    # "geen koorts, niet gevallen. ik wil weten of magnesium helpt": the telling's own answer first.
    # Its answer already says when to see the GP, and offers that topic as a button.
    first = topic_answer(view.intent) or (ANSWER_PREFIX + view.intent if view.intent in TELLING else None)
    if view.intent in TELLING and topics[0] == "when_to_see_gp":
        return None
    if not last or last != first:
        return None
    return second if second and second not in view.turn_actions else None



def _routine(view: TurnView, actions: Tuple[str, ...], last: Optional[str]) -> GuardDecision:
    """Therapist silence, unreadable input and medicines: the guard's everyday work."""
    # 5. While a therapist has the conversation, the assistant does not talk over them.
    if view.slots.get("handoff_status") in THERAPIST_TALKING:
        if not actions:
            notice = not view.slots.get("handoff_notice_given")
            return GuardDecision(HANDOFF_WAITING if notice else LISTEN, {"handoff_notice_given": True})
        if last == HANDOFF_WAITING:
            return GuardDecision(LISTEN)

    # 5a. "hoeveel magnesium per dag en tot hoe laat zijn jullie open?": after the answer to
    #     the first question, the second's (bot/nlu/second_question.py).
    second = _second_answer(view, last)
    if second is not None:
        return GuardDecision(second)
    if last and any(last == topic_answer(topic) for topic in view.values("second_topic")) \
            and (len(actions) >= 2 or view.intent in SOCIAL):
        return GuardDecision(LISTEN)

    # 6. Unreadable input, "wacht even", a goodbye at the end, a phone number typed loose.
    aside = input_turns.decision(view, actions, last)
    if aside is not None:
        return aside

    # 7. Medicines: answer a pending question, or warn once about a passing mention.
    state = conversation_state(view)
    action, slots = medicine_turns.decision(view, actions, last, state)
    return GuardDecision(action, slots)
