"""What a message means right after a particular reply: plain Python, no Rasa.

- a question asked with the news of a call, answered after the acknowledgement;
- "gaan we verder met het plan" after declining the offer that interrupted the plan;
- how the breathing exercise went, during it or just after;
- taking back a request for a therapist while it is still open.
The turn guard (bot/core/turn_guard.py) asks these in its order of steps.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple

from bot.core import safety_turns
from bot.core.after_triage import topic_answer
from bot.dutch_text import normalise
from bot.forms.turns import ends_with_goodbye
from bot.handoff.status import ACTIVE, HandoffStatus

if TYPE_CHECKING:
    from bot.core.turn_guard import TurnView

HANDOFF_DECLINED = "utter_handoff_declined"
PLAN_FORM = "plan_form"
HANDOFF_FORM = "handoff_form"
BREATHING_FEEDBACK = "utter_breathing_feedback_"  # + good | other
WITHDRAW_HANDOFF = "action_withdraw_handoff"
THERAPIST_NOT_NEEDED = "utter_therapist_not_needed"
FORM_RESUMED = "utter_form_resumed"
LET_GO = "utter_deny_ack"
BREATHING_HOW_LONG = "utter_breathing_how_long"
HANDOFF_EXPLAINED = "utter_handoff_explained"
# Where the person will ask instead: "ik vraag het wel bij de apotheek", "ik zoek het zelf op".
_ELSEWHERE = re.compile(r"\b(vraag|vragen|zoek|zoeken|regel|regelen|bel|bellen|check|kijk)\b( \w+){0,2} "
                        r"(wel|zelf|even|ff|bij|aan|op|na)\b"
                        r"|\b(vraag|vragen|bel|bellen)\b( \w+){0,2} (apotheek|apotheker|huisarts|dokter|huisdokter|"
                        r"verloskundige|fysio|specialist)\b")
_LETS_GO_ELSEWHERE = re.compile(r"^(laat (maar|maar zitten|het maar)|laat ook maar|laat dan maar)\b[, ]*(ik|we)\b")
# After these the guard listens.
LISTEN_AFTER = (BREATHING_FEEDBACK + "good", BREATHING_FEEDBACK + "other", WITHDRAW_HANDOFF, THERAPIST_NOT_NEEDED,
                BREATHING_HOW_LONG, HANDOFF_EXPLAINED)
# A question about the offer itself while it is open: "wat gebeurt er dan?", "belt die mij?",
# "wat betekent die knop ja?", "als ik ja klik, gaan ze dan mijn ouders bellen?".
_ABOUT_OFFER = re.compile(
    r"\bwat (gebeurt|gebeurd|gebeurde) (er|het|dan)\b|\bwat houdt (dat|dit|het) in\b|\bhoe (werkt|gaat) (dat|dit|het)\b"
    r"|\bwat (betekent|betekend|bedoel je met) (die|de|dat|deze|het) (knop|ja|doorgeven)\b"
    r"|\b(belt|bellen|mailt|leest|ziet) (die|ze|hij|zij|iemand|de therapeut|er iemand) (mij|me|mijn|dan|het|dit)\b"
    r"|\bwie (belt|leest|ziet|krijgt)\b|\bals ik (op )?ja (klik|zeg|kies|druk|typ)\b|\bgaan ze (dan )?(mij|me|mijn)\b"
)

_RESUME_PLAN = re.compile(r"\b(verder|door|afmaken|doorgaan|verdergaan)\b.{0,30}\b(plan|startplan|vragen)\b"
                          r"|\b(plan|startplan|vragen)\b.{0,20}\b(verder|afmaken|doorgaan|verdergaan)\b")


# "kunnen we verder?": only when a plan was under way.
_GO_ON = re.compile(r"\b(kunnen|zullen|mogen|gaan|kan|mag) (we|ik) (nu |dan |maar |weer |gewoon )*(verder|door)\b"
                    r"|\b(ga|gaan|doe|doen) (maar |nu |dan |gewoon )*(verder|door)\b|^(verder|door)\W*$")


def resumes_plan(text: str, plan_under_way: bool = False) -> bool:
    """"nee hoeft niet, gaan we verder met het plan": the plan a red flag interrupted; "kunnen
    we verder?" too when a plan was under way."""
    clean = normalise(text or "")
    return bool(_RESUME_PLAN.search(clean)) or (plan_under_way and bool(_GO_ON.search(clean)))


def asks_to_go_on(text: Optional[str]) -> bool:
    """"kunnen we verder?", "ok, ga maar door met het plan": nothing but the wish to go on."""
    clean = normalise(text or "").strip(" .!?")
    if not clean or len(clean.split()) > 10:
        return False
    return bool(_GO_ON.search(clean) or _RESUME_PLAN.search(clean))


def plan_under_way(view: "TurnView") -> bool:
    """A plan begun and not finished or stopped: some of its answers given, some not."""
    from bot.plan.choices import CONTENT_SLOTS, STOPPED_SLOT

    given = [view.slots.get(name) is not None for name in CONTENT_SLOTS]
    return not view.slots.get(STOPPED_SLOT) and any(given) and not all(given)


def resumes_interrupted_plan(view: "TurnView") -> bool:
    """"kunnen we verder?" as a message of its own after a red flag interrupted the plan (the
    channel splits "nee, ik ga niks doen hoor. kunnen we verder?" into the no and the question)."""
    return (not view.turn_actions and view.active_loop is None and bool(view.slots.get("triage_level"))
            and plan_under_way(view) and bool(_GO_ON.search(normalise(view.text or ""))))


# "Nee, dank u. Ik bel vandaag de huisarts. Ik wil graag eerst mijn pijnscore doorgeven.":
# after the offer is declined, what the person asks to do next.
_PAIN_SCORE = re.compile(r"\b(pijnscore|pijncijfer|pijnscores)\b|\bpijn\w* (door ?geven|doorgeven|invullen|noteren)\b"
                         r"|\b(score|cijfer) (voor (mijn|de) pijn )?(door ?geven|doorgeven|invullen)\b")
PAIN_FORM = "pain_form"


def form_asked_after_declining(view: "TurnView", last: Optional[str]) -> Optional[str]:
    """The form a person asks for in the message that declines the offer or tells of a call."""
    if (last != HANDOFF_DECLINED and last not in safety_turns.CALL_NEWS) or len(view.turn_actions) != 1:
        return None
    return PAIN_FORM if _PAIN_SCORE.search(normalise(view.text or "")) else None


def question_after_call_news(view: "TurnView", last: Optional[str]) -> Optional[str]:
    """The answer to a question asked with the news of a call ("Goed, dan bel ik vandaag de
    huisarts. Hoeveel mg magnesium mag ze per dag?"), after the acknowledgement."""
    if last not in safety_turns.CALL_NEWS or len(view.turn_actions) != 1:
        return None
    from bot.nlu.second_question import question_clauses

    if not question_clauses(view.text):
        return None
    for intent in (view.intent, *view.values("second_topic")):
        answer = topic_answer(intent)
        if answer is not None:
            return answer
    return None


# "wacht, hoelang duurt dat?" while the exercise runs (typing stopped its pacing).
_HOW_LONG = re.compile(r"\b(hoe ?lang|duurt|duren|hoeveel (tijd|minuten))\b")


def breathing_how_long(view: "TurnView") -> Optional[Tuple[str, Dict[str, Any]]]:
    """How long the exercise takes, asked while it runs: said, and the exercise stopped."""
    from bot.exercises import breathing

    if not breathing.in_progress(view.slots.get(breathing.STARTED_SLOT), view.now):
        return None
    if not _HOW_LONG.search(normalise(view.text or "")):
        return None
    return BREATHING_HOW_LONG, {breathing.STARTED_SLOT: None}


def therapist_after_call_news(view: "TurnView", last: Optional[str]) -> Optional[Tuple[str, Dict[str, Any]]]:
    """The handoff, after acknowledging a call, when the same message also asks for a
    therapist ("ik bel vandaag de huisarts. kan iemand van jullie ook meekijken?") or gives a
    number or address for one ("bel mij maar, 0612345678. we bellen nu eerst 112")."""
    if last not in safety_turns.CALL_NEWS or len(view.turn_actions) != 1:
        return None
    if view.slots.get("handoff_status") in ACTIVE:
        return None
    from bot.handoff.contact import EMAIL, PHONE, read_contact_method

    said = {name: value for name, value in read_contact_method(view.text).slots.items() if value}
    if said.get("contact_method") in (PHONE, EMAIL) and said.get("contact_value"):
        return HANDOFF_FORM, said
    return (HANDOFF_FORM, {}) if view.intent == "request_therapist" else None


def breathing_report(view: "TurnView") -> Optional[Tuple[str, Dict[str, Any]]]:
    """"klaar, voelde goed eigenlijk" during the exercise or after "Hoe voelt je lichaam nu?"."""
    from bot.exercises import breathing

    report = breathing.feedback(view.text, view.slots.get(breathing.STARTED_SLOT),
                                view.slots.get(breathing.ENDED_SLOT), view.now)
    if report is None:
        return None
    return BREATHING_FEEDBACK + report, {breathing.STARTED_SLOT: None}


def takes_back_request(view: "TurnView") -> bool:
    """"wacht, doe toch maar niet, ik bel zelf wel" while the request is still open."""
    if view.active_loop is not None or view.slots.get("handoff_status") != HandoffStatus.OPEN.value:
        return False
    from bot.handoff.withdraw import asks_to_withdraw

    return asks_to_withdraw(view.text)


# "nee dank u, geen therapeut nodig": the word "therapeut" made it a request to the classifier.
_NO_THERAPIST = re.compile(
    r"\bgeen (therapeut|therapie|kine|fysio|contact|gesprek|hulp)\w*( meer)? (nodig|hoeven)\b"
    r"|\b(therapeut|kine|fysio)\w* (is |zijn )?(niet|nie|ni) nodig\b"
    r"|\b(hoeft|hoef) (geen|niet|nie|ni)( \w+){0,3} (therapeut|kine|fysio|te bellen|contact)\w*\b"
)


def declines_therapist(view: "TurnView") -> bool:
    """A message the classifier took for a request for a therapist that says no to one."""
    from bot.core.yes_no import NO, read_answer

    text = view.text or ""
    if view.intent != "request_therapist" or text.startswith("/") or view.turn_actions:
        return False
    return read_answer(text) == NO or bool(_NO_THERAPIST.search(normalise(text)))


def decision(view: "TurnView", last: Optional[str]) -> Optional[Tuple[str, Dict[str, Any]]]:
    """(action, slots) for a message right after one of these replies, else None."""
    actions = view.turn_actions
    from bot.core.turn_guard import HANDOFF, HANDOFF_KEPT, OPEN_QUESTION

    if (not actions and view.active_loop is None and view.slots.get(OPEN_QUESTION) in (HANDOFF, HANDOFF_KEPT)
            and _ABOUT_OFFER.search(normalise(view.text or ""))):
        # What passing the conversation on means, then the offer again: still answerable.
        return HANDOFF_EXPLAINED, {OPEN_QUESTION: HANDOFF}
    if view.active_loop is not None and not actions and asks_to_go_on(view.text):
        # "ok. kunnen we verder met mijn plan?" after an aside inside the form: its question
        # again. The form, run after a reply, asks without reading the message as an answer.
        return FORM_RESUMED, {}
    if last == FORM_RESUMED and len(actions) == 1 and view.active_loop is not None:
        return view.active_loop, {}
    # "laat maar ik vraag de apotheek om een schema": letting go, whatever topic a word suggests.
    if last == LET_GO and len(actions) == 1:
        return "action_listen", {}
    letting_go = view.intent == "not_what_i_meant" or (not actions and _LETS_GO_ELSEWHERE.match(normalise(view.text or ""))
                                                         and not ends_with_goodbye(view.text or ""))
    if letting_go and view.active_loop is None and not view.text.startswith("/"):
        # "laat maar, ik vraag het wel bij de apotheek": letting go, nothing misunderstood to report.
        from bot.forms.answer_words import is_stop

        if not actions and is_stop(view.text) and _ELSEWHERE.search(normalise(view.text)):
            return LET_GO, {}
    if declines_therapist(view) and view.active_loop is None:
        # After advice the "no" repeats it in one line; otherwise a plain "fine, not then".
        return (HANDOFF_DECLINED if view.slots.get("triage_level") else THERAPIST_NOT_NEEDED), {}
    if not actions and view.active_loop is None:
        report = breathing_report(view) or breathing_how_long(view)
        if report is not None:
            return report
    if last == HANDOFF_DECLINED and len(actions) == 1 and resumes_plan(view.text, plan_under_way(view)):
        return PLAN_FORM, {}
    if resumes_interrupted_plan(view):
        return PLAN_FORM, {}
    form = form_asked_after_declining(view, last)
    if form is not None:
        return form, {}
    handoff = therapist_after_call_news(view, last)
    if handoff is not None:
        return handoff
    answer = question_after_call_news(view, last)
    return (answer, {}) if answer is not None else None
