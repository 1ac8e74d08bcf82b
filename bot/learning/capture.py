"""Which exchanges count as not understood, read from a conversation's events.

Pure functions over Rasa's event dicts (the tracker store's `data` column and
rasa-sdk's `tracker.events` have the same shape), so the scan, the action and the
tests share one definition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional

from bot.learning.store import Reason

FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"
NOT_MEANT_INTENT = "not_what_i_meant"
# Answers that admit not knowing; "dat weet ik niet" also comes from an empty practice field.
UNKNOWN_ANSWERS = frozenset({"utter_out_of_scope", "utter_fallback_give_up", "utter_fallback_suggest"})
_UNKNOWN_TEXT = re.compile(r"\bdat weet ik (helaas )?niet\b", re.IGNORECASE)
# A red flag or a safety question is answered by the escalation, whatever the intent was.
SAFETY_ENTITIES = frozenset({"red_flag", "safety_question"})
# Intents that are not a question to learn from (a "ja", "dank je", or the complaint itself).
NOT_A_QUESTION = frozenset({NOT_MEANT_INTENT, "affirm", "deny", "thank", "greet", "goodbye"})


@dataclass(frozen=True)
class Exchange:
    """One user message and what the assistant answered to it."""

    user_text: str
    bot_text: str
    message_at: float
    intent: Optional[str]
    confidence: Optional[float]
    reason: Reason


def _intent(event: Mapping[str, Any]) -> Dict[str, Any]:
    return dict((event.get("parse_data") or {}).get("intent") or {})


def _is_button(event: Mapping[str, Any]) -> bool:
    return str(event.get("text") or "").startswith("/")


def _has_safety_entity(event: Mapping[str, Any]) -> bool:
    entities = (event.get("parse_data") or {}).get("entities") or []
    return any(isinstance(e, dict) and e.get("entity") in SAFETY_ENTITIES for e in entities)


def _since_restart(events: Iterable[Mapping[str, Any]]) -> List[Mapping[str, Any]]:
    """Events after the last restart: an erased conversation's earlier words are gone."""
    kept: List[Mapping[str, Any]] = []
    for event in events:
        if event.get("event") == "restart":
            kept = []
        else:
            kept.append(event)
    return kept


def turns(events: Iterable[Mapping[str, Any]]) -> List[tuple]:
    """(user event, [bot texts that followed it]) for every user message."""
    result: List[tuple] = []
    for event in events:
        kind = event.get("event")
        if kind == "user":
            result.append((event, [], []))
        elif kind == "bot" and result and (event.get("text") or "").strip():
            result[-1][1].append(str(event["text"]).strip())
            result[-1][2].append(str((event.get("metadata") or {}).get("utter_action") or ""))
    return result


def reason_for(user: Mapping[str, Any], utters: List[str], texts: List[str], threshold: float) -> Optional[Reason]:
    """Why this turn belongs in the inbox, or None when it was understood."""
    intent = _intent(user)
    name, confidence = intent.get("name"), intent.get("confidence")
    if _is_button(user) or _has_safety_entity(user) or not str(user.get("text") or "").strip():
        return None
    if name == FALLBACK_INTENT:
        return Reason.FALLBACK
    if name == OUT_OF_SCOPE_INTENT:
        return Reason.OUT_OF_SCOPE
    if any(u in UNKNOWN_ANSWERS for u in utters) or any(_UNKNOWN_TEXT.search(t) for t in texts):
        return Reason.UNKNOWN_ANSWER
    if name in NOT_A_QUESTION:
        return None
    if confidence is not None and float(confidence) < threshold:
        return Reason.LOW_CONFIDENCE
    return None


def _exchange(user: Mapping[str, Any], texts: List[str], reason: Reason) -> Exchange:
    intent = _intent(user)
    confidence = intent.get("confidence")
    return Exchange(str(user.get("text") or "").strip(), "\n\n".join(texts), float(user.get("timestamp") or 0.0),
                    intent.get("name"), None if confidence is None else float(confidence), reason)


def misunderstood(events: Iterable[Mapping[str, Any]], threshold: float) -> List[Exchange]:
    """Every exchange in `events` that fell back, was out of scope, admitted not knowing or was unsure."""
    found = []
    for user, texts, utters in turns(_since_restart(events)):
        reason = reason_for(user, utters, texts, threshold)
        if reason is not None:
            found.append(_exchange(user, texts, reason))
    return found


def previous_exchange(events: Iterable[Mapping[str, Any]]) -> Optional[Exchange]:
    """The exchange a "dat bedoelde ik niet" is about: the last real question before it, with its answer."""
    earlier = turns(_since_restart(events))[:-1]  # the last turn is the complaint itself
    for user, texts, _utters in reversed(earlier):
        if _intent(user).get("name") == NOT_MEANT_INTENT:
            continue
        if _is_button(user) or not texts:
            return None  # a button press was no words to learn from
        return _exchange(user, texts, Reason.NOT_MEANT)
    return None
