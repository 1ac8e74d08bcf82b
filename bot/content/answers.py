"""The content in force, as the answers use it: practice values, the country, the response texts."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.content.catalogue import PLACEHOLDER
from bot.content.config import ContentConfig, normal_country
from bot.content.live import ContentSnapshot
from bot.content.rules import emergency_terms
from bot.content.variants import EditedAnswer, EditedVariant, as_rasa, edited_answer, uncovered, with_texts
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


@dataclass(frozen=True)
class InForce:
    """The variants an answer has now, and what of the beheerder's edit was left out and why (for the log)."""

    variants: Tuple[EditedVariant, ...]
    left_out: Tuple[Tuple[int, str], ...] = ()  # (logging level, why)


def variants_in_force(domain_variants: Sequence[Mapping[str, Any]], edited: Optional[EditedAnswer]) -> InForce:
    """The texts said for one response: the domain's, with the console's edit where it still fits.

    Reworded and removed domain variants count only while the domain has as many variants as
    when they were saved, and only while each reworded text keeps its default's emergency
    numbers; otherwise the domain's texts are said. Added variants stay after a domain
    update (they take the first variant's buttons, channel and condition as the domain has
    them now), unless one lacks an emergency number the answer now names: that one is left out.
    """
    defaults = tuple(EditedVariant(str(variant.get("text") or ""), number)
                     for number, variant in enumerate(domain_variants))
    if edited is None or not domain_variants:
        return InForce(defaults)
    left_out: List[Tuple[int, str]] = []
    own = [variant for variant in edited.variants if not variant.added]
    if edited.base != len(domain_variants) or any(variant.source >= len(domain_variants) for variant in own):
        left_out.append((logging.WARNING, "its edited texts no longer fit the domain (other variants); "
                                          "the default texts are used"))
        own = list(defaults)
    else:
        own = with_texts(domain_variants, own)
        if any(set(emergency_terms(str(domain_variants[v.source].get("text") or ""))) - set(emergency_terms(v.text))
               for v in own):
            left_out.append((logging.ERROR, "an edited text lacks an emergency number of the default; "
                                            "the default texts are used"))
            own = list(defaults)
    required = set(emergency_terms("\n".join(str(variant.get("text") or "") for variant in domain_variants)))
    added = []
    for variant in (v for v in edited.variants if v.added):
        if required - set(emergency_terms(variant.text)):
            left_out.append((logging.ERROR, "an added text lacks an emergency number the answer names; "
                                            "it is left out"))
        else:
            added.append(variant)
    said = {term for variant in own + added for term in emergency_terms(variant.text)}
    if uncovered(domain_variants, own + added) or required - said:
        left_out.append((logging.ERROR, "its removed texts leave a channel, a condition or an emergency number "
                                        "without a text; the default texts are used"))
        own = list(defaults)
    return InForce(tuple(own + added), tuple(left_out))


def responses_with(defaults: Mapping[str, List[Dict[str, Any]]], snapshot: ContentSnapshot) -> Dict[str, List[Dict[str, Any]]]:
    """The domain's responses with the edited, removed and added texts; buttons, channels, conditions as written."""
    merged = dict(defaults)
    for name, edited in snapshot.responses.items():
        variants = defaults.get(name)
        if variants is None:
            logger.warning("edited text of %s no longer fits the domain (no such response); the default is used", name)
            continue
        in_force = variants_in_force(variants, edited_answer(edited))
        for level, reason in in_force.left_out:
            logger.log(level, "edited text of %s: %s", name, reason)
        merged[name] = as_rasa(variants, in_force.variants)
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
