"""The two-stage fallback: suggest likely topics first, then admit we did not understand."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

from bot.settings import PROJECT_ROOT

DOMAIN_DIR = PROJECT_ROOT / "domain"

FALLBACK_ACTION = "action_fallback_suggest"
_FALLBACK_RESPONSES = frozenset({"utter_fallback_suggest", "utter_fallback_give_up", "utter_goodbye", "utter_thank"})
MAX_SUGGESTIONS = 3
MIN_CONFIDENCE = 0.05


@lru_cache(maxsize=None)
def topic_titles(domain_dir: Path = DOMAIN_DIR) -> Dict[str, str]:
    """Intent -> button title a person recognises, for every domain intent with a `title`.

    The domain is the one place a topic is declared; read on first use, then kept.
    """
    titles: Dict[str, str] = {}
    for path in sorted(domain_dir.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for intent in document.get("intents") or []:
            if isinstance(intent, dict):
                name, properties = next(iter(intent.items()))
                if isinstance(properties, dict) and properties.get("title"):
                    titles[name] = str(properties["title"])
    return titles


def topic_suggestions(intent_ranking: Sequence[Dict[str, Any]]) -> List[Tuple[str, str]]:
    """(title, payload) for the likeliest topics in the NLU's ranking; the payload is the intent."""
    titles = topic_titles()
    picked: List[Tuple[str, str]] = []
    for candidate in intent_ranking:
        name = candidate.get("name")
        if name in titles and (candidate.get("confidence") or 0) >= MIN_CONFIDENCE:
            picked.append((titles[name], f"/{name}"))
        if len(picked) == MAX_SUGGESTIONS:
            break
    return picked


# One likely topic this sure is answered, not offered as "bedoel je ...?": the NLU was only
# torn between two intents of that one topic ("adem oefening": the explanation or the guided
# exercise, of which only the first has a button).
DIRECT_CONFIDENCE = 0.4
# Topics whose answer starts a flow of its own (a question with a slot, an offer): never
# answered from here, where that flow would not follow.
_OWN_FLOW = frozenset({"magnesium_medication", "practice_therapists"})
# Topics whose answer is not named utter_<intent> (data/rules).
_ANSWERED_BY = {"privacy_question": "utter_privacy_info"}
_TOPIC_OF = {response: intent for intent, response in _ANSWERED_BY.items()}


def answer_of(intent: str) -> str:
    """The response that answers topic `intent`."""
    return _ANSWERED_BY.get(intent, f"utter_{intent}")


def direct_answer(intent_ranking: Sequence[Dict[str, Any]], responses: Sequence[str]) -> Optional[str]:
    """The response that answers the message when the fallback has one likely topic only."""
    suggestions = topic_suggestions(intent_ranking)
    if len(suggestions) != 1:
        return None
    intent = suggestions[0][1].lstrip("/")
    confidence = next((c.get("confidence") or 0 for c in intent_ranking if c.get("name") == intent), 0)
    response = answer_of(intent)
    if confidence < DIRECT_CONFIDENCE or intent in _OWN_FLOW or response not in responses:
        return None
    return response


# A follow-up the NLU cannot place ("en welke is dan beter?" after the supplement forms) whose
# likely topics include the one just answered stays with that topic.
CONTEXT_CONFIDENCE = 0.2


def previous_topic(events: Sequence[Dict[str, Any]]) -> Optional[str]:
    """The topic (intent) of the last topic answer the assistant gave before this message."""
    titles = topic_titles()
    user_turns = 0
    for event in reversed(events):
        if event.get("event") == "user":
            user_turns += 1
            if user_turns == 2:
                return None
        elif user_turns == 1 and event.get("event") == "bot":
            said = (event.get("metadata") or {}).get("utter_action") or ""
            topic = _TOPIC_OF.get(said) or (said[len("utter_"):] if said.startswith("utter_") else "")
            if topic in titles:
                return topic
    return None


def context_answer(intent_ranking: Sequence[Dict[str, Any]], topic: Optional[str],
                   responses: Sequence[str]) -> Optional[str]:
    """The previous topic's answer when it is one of the two likeliest topics of this message."""
    if topic is None or topic in _OWN_FLOW or answer_of(topic) not in responses:
        return None
    likely = [c for c in intent_ranking if c.get("name") in topic_titles()][:2]
    if any(c.get("name") == topic and (c.get("confidence") or 0) >= CONTEXT_CONFIDENCE for c in likely):
        return answer_of(topic)
    return None


def fallback_stage(events: Sequence[Dict[str, Any]]) -> int:
    """2 when the assistant already had to suggest topics for the message before, else 1.

    Only a misunderstanding the user was actually told about counts: a short answer a
    form accepted may have looked like a fallback to the NLU, and a thank-you the fallback
    answered with "graag gedaan" confused nobody either.
    """
    from bot.forms.turns import closing

    user_turns, told, answered = 0, False, False
    for event in reversed(events):
        if event.get("event") == "user":
            user_turns += 1
            if user_turns == 2:
                return 2 if told and not answered and not closing(event.get("text") or "") else 1
        elif user_turns == 1 and event.get("event") == "action" and event.get("name") == FALLBACK_ACTION:
            told = True
        elif user_turns == 1 and event.get("event") == "bot":
            # The fallback answered its one likely topic (`direct_answer`): no misunderstanding.
            said = (event.get("metadata") or {}).get("utter_action")
            answered = answered or (said is not None and said not in _FALLBACK_RESPONSES)
    return 2 if told and not answered else 1


def open_question_of(suggestions: Sequence[Tuple[str, str]]) -> Optional[str]:
    """The yes/no question a suggestion asks when it is the only one: "Bedoel je: Praat met
    een therapeut?" is the handoff offer, so a typed "ja graag" must start the handoff, not
    get "Kan ik je nog ergens anders mee helpen?". (bot/core/turn_guard.py HANDOFF)"""
    if [payload for _, payload in suggestions] == ["/request_therapist"]:
        return "handoff"
    return None
