"""The guard's turns around safety advice: plain Python, no Rasa.

Kept apart from `turn_guard.decide` so each reads on its own: what the triage reply
repeats (`escalation_summary`), the Belgian numbers, a reply to a clarifying question
that is about something else (`door_open`), where to go when the GP is closed or the
person lives in Belgium, and "ik heb 112 gebeld" (`after_advice`).
"""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, Dict, Optional, Sequence

from bot.core.after_advice import BE, EMERGENCY_CALL, GOING, MADE, PLANNED, advice_doubted, asks_about_crisis_line, \
    asks_about_gp, call_news, is_other_topic, leading_answer, mentions_belgium, plainly_taken_back, risk_added, \
    route_asked, taken_back, urgency_asked
from bot.core.yes_no import UNSURE, opens_unsure, read_answer
from bot.safety.questions import ClarifyingQuestion

if TYPE_CHECKING:
    from bot.core.turn_guard import GuardDecision, TurnView

logger = logging.getLogger(__name__)

DOOR_OPEN = "action_safety_door_open"
CALL_MADE = "utter_call_made"
ON_THE_WAY = "utter_on_the_way"
CRISIS_LINE_INFO = "utter_crisis_line_info"
CALL_PLANNED = "utter_call_planned"
ROUTE_BE = "utter_safety_route_be"
ROUTE_CLOSED = "utter_safety_route_closed"
URGENCY = "utter_safety_urgency_"  # + level, + "_be" where the numbers differ
URGENCY_BE = ("crisis", "urgent")
CRISIS = "crisis"
CRISIS_TAKEN_BACK = "utter_crisis_taken_back"
# The acknowledgements of a call made or planned.
CALL_NEWS = (CALL_MADE, ON_THE_WAY, CALL_PLANNED, CALL_PLANNED + "_crisis")
# Responses of these turns after which the guard waits for the user.
LISTEN_AFTER = (CALL_MADE, ON_THE_WAY, CRISIS_LINE_INFO, CRISIS_LINE_INFO + "_be", CALL_PLANNED, CALL_PLANNED + "_crisis",
                CRISIS_TAKEN_BACK,
                ROUTE_BE, ROUTE_BE + "_crisis", ROUTE_CLOSED, ROUTE_CLOSED + "_crisis",
                *(URGENCY + level for level in ("emergency", "crisis", "urgent", "soon")),
                *(URGENCY + level + "_be" for level in URGENCY_BE))


def escalation_summary(view: "TurnView", level: Optional[str], asked: Sequence[str]) -> str:
    """The triage reply's echo of what the person said (bot/safety/echo.py).

    Never raises: the escalation must go out, with the catalogue's labels if need be.
    """
    from bot.safety.catalogue import label_of
    from bot.safety.echo import triage_summary

    flags = [item for item in view.entities if item.get("entity") == "red_flag"]
    try:
        return triage_summary(flags, view.text or "", level, asked)
    except Exception:  # noqa: BLE001 - a crash here would stop the escalation
        logger.exception("triage echo failed")
        codes = list(dict.fromkeys([*(str(item.get("value")) for item in flags), *asked]))
        return " en ".join(label_of(code) for code in codes)


def belgium_named(view: "TurnView") -> bool:
    """The red-flag message itself places the writer in Belgium."""
    return mentions_belgium(view.text)


def safety_answer(view: "TurnView", asked: Optional[ClarifyingQuestion], answer: Optional[str]) -> Optional[str]:
    """The answer to an open clarifying question: a reply that opens with an answer that
    escalates ("ja, maar wat moet ik nu doen?") is that answer, whatever follows."""
    # Only a real yes or no answers the crisis question, not "ik heb gewoon veel pijn" (which
    # answers "kun je nog gewoon plassen?").
    statements = asked is None or asked.code != "crisis"
    if not statements and answer is not None and not view.text.startswith("/"):
        answer = read_answer(view.text, statements=False)
        if answer == UNSURE and not opens_unsure(view.text):
            answer = None  # a doubt word inside a reply to something else: no answer, asked again
    if asked is None or answer is not None or view.text.startswith("/"):
        return answer
    lead = leading_answer(view.text, statements=statements)
    return lead if lead is not None and asked.escalates(lead) else None


def door_open(view: "TurnView", asked: ClarifyingQuestion) -> Optional["GuardDecision"]:
    """A reply that is clearly about something else closes the question with one line
    that says where help is; the message is then answered as usual. The same unsure
    signal again, or an unclear reply, is no such reply (None)."""
    from bot.core.turn_guard import OPEN_QUESTION, GuardDecision

    if asked.code in view.values("safety_question") or not is_other_topic(view.text):
        return None
    slots = {OPEN_QUESTION: None, "safety_door_text": asked.door_text(view.country)}
    return GuardDecision(DOOR_OPEN, slots)


def after_advice(view: "TurnView", open_question: Optional[str], answer: Optional[str]) -> Optional["GuardDecision"]:
    """"Ik heb 112 gebeld" is acknowledged, without a question, in any state; after advice,
    "we wonen in België" or "mijn huisarts is dicht" gets the route, and "is dat erg?" the
    advice again. None otherwise."""
    from bot.core.turn_guard import HANDOFF, HANDOFF_KEPT, NO, OPEN_QUESTION, THERAPIST_TALKING, GuardDecision

    if view.slots.get("handoff_status") in THERAPIST_TALKING:
        return None  # the therapist answers, the assistant does not talk over them
    level = view.slots.get("triage_level")
    if (level == CRISIS and not view.values("red_flag") and taken_back(view.text)
            and (not view.values("safety_question") or plainly_taken_back(view.text))):
        # "nee zo bedoel ik het niet, ik ben alleen die pijn zo zat": believed, kindly, with
        # the lines still there; the offer is not pushed.
        return GuardDecision(CRISIS_TAKEN_BACK, {OPEN_QUESTION: None} if open_question else {})
    if advice_doubted(view.text, level) or (answer is None and risk_added(view.text, level)):
        # "Das toch overdreven", "hij wil tot morgen wachten", also with a "no" to the offer:
        # the advice again, kindly and plainly, before a call planned for tomorrow is praised.
        return urgency_again(view, level)
    news = call_news(view.text)
    declines_offer = open_question in (HANDOFF, HANDOFF_KEPT) and answer == NO
    if news == PLANNED and level and route_asked(view.text):
        # "Goed, ik zal de huisartsenpost bellen. Kunt u mij helpen aan het nummer?": where.
        news = None
    if news and (level or EMERGENCY_CALL.search(view.text.lower())) and not declines_offer:
        # An open offer is not pushed either: it can be asked for again ("praat met een therapeut").
        slots: Dict[str, Any] = {OPEN_QUESTION: None} if open_question else {}
        planned = CALL_PLANNED + ("_crisis" if level == CRISIS else "")
        return GuardDecision({MADE: CALL_MADE, GOING: ON_THE_WAY}.get(news, planned), slots)
    if asks_about_crisis_line(view.text, after_crisis=level == CRISIS):
        # "wat is 113? spreken ze engels?": what the line is and how to reach it.
        belgian = in_belgium(view) or "1813" in view.text
        return GuardDecision(CRISIS_LINE_INFO + ("_be" if belgian else ""))
    route = route_asked(view.text) if level else None
    if route and level == CRISIS and asks_about_gp(view.text):
        # "moet ik naar de huisdokter voor die pijn?" after the crisis lines: a question about
        # the GP and the pain, not where to call in Belgium; the topic answers it.
        route = None
    if route and answer is None:
        belgian = route == BE or view.country.upper() == "BE"
        name = ROUTE_BE if belgian else ROUTE_CLOSED
        return GuardDecision(name + ("_crisis" if level == CRISIS else ""))
    if level == CRISIS and answer is None and more_despair(view):
        # "heeft toch geen zin, niemand kan me helpen" after the crisis lines: the lines again,
        # whether or not a classifier still hears a wish to die in it.
        return urgency_again(view, level)
    if level and answer is None and urgency_asked(view.text):
        # "Is dat erg?": the advice again, plainly; the offer stays open for a typed answer.
        return urgency_again(view, level)
    return None


# "heeft toch geen zin" opens like a question but is none; these words do open one.
_ASKS = re.compile(r"(wat|wa|hoe|hoeveel|hoelang|wanneer|waar|welke|waarom|wie|mag ik|moet ik|kan ik|kun je|kan je)\b")
# Intents that place no topic: a message of despair often lands here or as venting.
_DESPAIR_INTENTS = ("feeling_down", "nlu_fallback", "out_of_scope")


def more_despair(view: "TurnView") -> bool:
    """After the crisis reply, a message that is no question, places no topic and holds a word
    of the crisis topic (red_flags.yml `crisis_topic`)."""
    from bot.safety.uncertain import mentions_crisis_topic

    text = view.text or ""
    return (view.intent in _DESPAIR_INTENTS and "?" not in text and not _ASKS.match(text.strip().lower())
            and not text.startswith("/") and mentions_crisis_topic(text))


def in_belgium(view: "TurnView") -> bool:
    """The conversation's country is Belgium, or the message places the writer there."""
    return view.country.upper() == "BE" or mentions_belgium(view.text)


def urgency_again(view: "TurnView", level: str) -> "GuardDecision":
    """The urgency advice of `level` again, with the Belgian numbers where they differ."""
    from bot.core.turn_guard import GuardDecision

    belgian = level in URGENCY_BE and in_belgium(view)
    return GuardDecision(URGENCY + level + ("_be" if belgian else ""))
