"""The content in force, as the answers use it: practice values, the country, the response texts."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Dict, List, Mapping

from bot.content.catalogue import PLACEHOLDER
from bot.content.config import ContentConfig, normal_country
from bot.content.live import ContentSnapshot
from bot.content.rules import emergency_terms
from bot.practice.details import practice_values

if TYPE_CHECKING:
    from bot.settings import Settings

logger = logging.getLogger(__name__)

# What a preview shows where the conversation fills in a value.
SLOT_EXAMPLES = {
    "triage_summary": "[wat de patiënt vertelde]",
    "therapist_message": "[het bericht van de therapeut]",
    "safety_question_text": "[de vraag uit de veiligheidslijst]",
    "safety_calm_text": "[het geruststellende antwoord uit de veiligheidslijst]",
}


def answer_values(config: ContentConfig, snapshot: ContentSnapshot) -> Dict[str, Any]:
    """Every value an answer may use regardless of the conversation: links, name, phone, practice texts."""
    links = dict(config.links)
    return {**links, **practice_values(config.practice_file, links, snapshot.practice),
            "retention_days": config.retention_days}


def practice_country(config: ContentConfig, snapshot: ContentSnapshot) -> str:
    """NL or BE: the console's choice if it made one, else the setting. The one place that decides it."""
    return normal_country(snapshot.practice.get("country") or config.default_country)


def responses_with(defaults: Mapping[str, List[Dict[str, Any]]], snapshot: ContentSnapshot) -> Dict[str, List[Dict[str, Any]]]:
    """The domain's responses with the edited texts in place; buttons, channels and conditions as written.

    An override that no longer fits its response (the domain changed: other variants, or
    a safety answer now names a number the edit lacks) is left out, and the default is said.
    """
    merged = dict(defaults)
    for name, texts in snapshot.responses.items():
        variants = defaults.get(name)
        if variants is None or len(variants) != len(texts):
            logger.warning("edited text of %s no longer fits the domain; the default is used", name)
            continue
        if any(set(emergency_terms(str(v.get("text") or ""))) - set(emergency_terms(t)) for v, t in zip(variants, texts)):
            logger.error("edited text of %s lacks an emergency number of the default; the default is used", name)
            continue
        merged[name] = [{**variant, "text": text} for variant, text in zip(variants, texts)]
    return merged


def preview(text: str, values: Mapping[str, Any]) -> str:
    """`text` as a patient would read it, with conversation values shown as examples."""
    def fill(match) -> str:
        name = match.group(1)
        if name in values:
            return str(values[name])
        return SLOT_EXAMPLES.get(name, f"[{name}]")

    return PLACEHOLDER.sub(fill, text)


def current_country(settings: "Settings") -> str:
    """The country in force for a process configured by `settings` (the CarePolicy asks every turn)."""
    from bot.content.live import live_content

    config = ContentConfig.from_settings(settings)
    return practice_country(config, live_content(config.db_url).snapshot())
