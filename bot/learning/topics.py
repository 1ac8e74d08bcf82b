"""The topics a therapist can give a misunderstood message: the domain's intents.

Labels are the titles of the fallback's topic buttons, read from the domain (one source for
what a patient reads); intents without a title get a label here, and an intent nobody
labelled shows its name.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from bot.fallback import topic_titles
from bot.settings import PROJECT_ROOT

# Not topics a message can be taught: Rasa's own, and the complaint itself.
NOT_ASSIGNABLE = frozenset({"nlu_fallback", "not_what_i_meant"})
EXTRA_LABELS: Dict[str, str] = {
    "greet": "Groet",
    "goodbye": "Afscheid",
    "thank": "Bedanken",
    "affirm": "Ja",
    "deny": "Nee",
    "bot_challenge": "Ben jij een mens?",
    "what_can_you_do": "Wat kun je?",
    "out_of_scope": "Buiten de onderwerpen van de assistent",
    "ask_clarify": "Wat bedoel je?",
    "ask_why": "Waarom?",
    "delete_my_data": "Verwijder mijn gegevens",
    "report_pain": "Pijnscore doorgeven",
}


def domain_intents(domain_dir: Path = PROJECT_ROOT / "domain") -> List[str]:
    """Every intent the domain lists, in file order, without duplicates."""
    seen: Dict[str, None] = {}
    for path in sorted(domain_dir.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for intent in document.get("intents") or []:
            name = next(iter(intent)) if isinstance(intent, dict) else str(intent)
            seen.setdefault(name, None)
    return list(seen)


def label(intent: str) -> str:
    return topic_titles().get(intent) or EXTRA_LABELS.get(intent) or intent.replace("_", " ")


def assignable_topics(domain_dir: Path = PROJECT_ROOT / "domain") -> List[Tuple[str, str]]:
    """(intent, Dutch label) for the choice list, sorted by label."""
    topics = [(name, label(name)) for name in domain_intents(domain_dir) if name not in NOT_ASSIGNABLE]
    return sorted(topics, key=lambda pair: pair[1].lower())
