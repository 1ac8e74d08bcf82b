"""Deterministic extraction of what must never depend on a classifier's mood.

Red flags, clarifying safety questions, erasure requests, medicines and supplement doses
are found by the plain-Python matchers of
`bot.safety` and `bot.medication` and added to every parsed message as entities.
The policy in `bot.core.care_policy` acts on them; `/model/parse` shows them, which
makes the detector visible to anyone debugging a conversation.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.input_screen import screen_input

logger = logging.getLogger(__name__)

EXTRACTOR_NAME = "CareEntityExtractor"
RED_FLAG = "red_flag"
MEDICATION = "medication"
INTERACTION_CLASS = "interaction_class"
SUPPLEMENT_DOSE = "supplement_dose"
INPUT_ISSUE = "input_issue"
SAFETY_QUESTION = "safety_question"  # value: a code of data/clinical/clarifying_questions.yml
PRIVACY_REQUEST = "privacy_request"  # value: "erase"


def _entity(kind: str, value: Any, start: int, end: int, text: str = "") -> Dict[Text, Any]:
    return {
        "entity": kind,
        "value": value,
        "start": start,
        "end": end,
        "confidence_entity": 1.0,
        "extractor": EXTRACTOR_NAME,
        **({"text": text} if text else {}),
    }


def care_entities(text: Optional[str]) -> List[Dict[Text, Any]]:
    """All deterministic entities for one message text."""
    from bot.medication import find_medications, parse_supplement
    from bot.nlu.erasure_request import is_erasure_request
    from bot.safety import detect_red_flags
    from bot.safety.questions import question_for

    text = text or ""
    entities: List[Dict[Text, Any]] = []
    issue = screen_input(text)
    if issue:
        entities.append(_entity(INPUT_ISSUE, issue, 0, len(text)))
    detection = detect_red_flags(text)
    for flag in detection.flags:
        # The level travels with the code: context can raise it above the code's own
        # level (weakness in both legs is an emergency, not "urgent").
        entities.append({**_entity(RED_FLAG, flag.code, flag.start, flag.end, flag.matched_text),
                         "level": flag.level, "layer": flag.layer})
    question = getattr(detection, "question", None)
    if question and not detection.flags and question_for(question) is not None:
        entities.append(_entity(SAFETY_QUESTION, question, 0, len(text)))
    if is_erasure_request(text):
        entities.append(_entity(PRIVACY_REQUEST, "erase", 0, len(text)))
    findings = find_medications(text)
    for mention in findings.mentions:
        start = max(text.lower().find(mention.matched_text.lower()), 0)
        end = start + len(mention.matched_text)
        if mention.kind in ("generic", "brand"):
            entities.append(_entity(MEDICATION, mention.canonical, start, end, mention.matched_text))
        entities.append(_entity(INTERACTION_CLASS, mention.class_code, start, end, mention.matched_text))
    for generic in findings.no_interaction:
        # Named, though it needs no warning: "naproxen en magnesium, kan dat?" is still a medicine question.
        start = text.lower().find(generic)
        start, end = (start, start + len(generic)) if start >= 0 else (0, len(text))  # a brand name
        entities.append(_entity(MEDICATION, generic, start, end, text[start:end]))
    dose = parse_supplement(text)
    if dose is not None:
        entities.append(_entity(SUPPLEMENT_DOSE, dose.form, 0, len(text)))
    return entities


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class CareEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds red-flag, safety-question, erasure, medication and input-screen entities to every message."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CareEntityExtractor":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = care_entities(message.get(TEXT))
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Training examples carry no such entities; nothing to learn from them.
        return training_data
