"""The two-stage fallback: suggest likely topics first, then admit we did not understand."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

from bot.settings import PROJECT_ROOT

DOMAIN_DIR = PROJECT_ROOT / "domain"

FALLBACK_ACTION = "action_fallback_suggest"
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


def fallback_stage(events: Sequence[Dict[str, Any]]) -> int:
    """2 when the assistant already had to suggest topics for the message before, else 1.

    Only a misunderstanding the user was actually told about counts: a short answer a
    form accepted may have looked like a fallback to the NLU, and a thank-you the fallback
    answered with "graag gedaan" confused nobody either.
    """
    from bot.forms.turns import closing

    user_turns, told = 0, False
    for event in reversed(events):
        if event.get("event") == "user":
            user_turns += 1
            if user_turns == 2:
                return 2 if told and not closing(event.get("text") or "") else 1
        elif user_turns == 1 and event.get("event") == "action" and event.get("name") == FALLBACK_ACTION:
            told = True
    return 2 if told else 1


def open_question_of(suggestions: Sequence[Tuple[str, str]]) -> Optional[str]:
    """The yes/no question a suggestion asks when it is the only one: "Bedoel je: Praat met
    een therapeut?" is the handoff offer, so a typed "ja graag" must start the handoff, not
    get "Waar kan ik je nu mee helpen?". (bot/core/turn_guard.py HANDOFF)"""
    if [payload for _, payload in suggestions] == ["/request_therapist"]:
        return "handoff"
    return None
