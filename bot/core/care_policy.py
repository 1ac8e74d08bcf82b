"""The Rasa policy that runs `turn_guard.decide` at every prediction step.

It lives in the Rasa server, not the action server, so an escalation reaches the user
even when the action server is down, and it outranks forms and rules: its predictions
are marked as "no user" predictions, the only kind that beats an active loop.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.content.answers import current_country
from bot.core.turn_guard import GuardDecision, TurnView, decide
from bot.context import current_settings

logger = logging.getLogger(__name__)

# Bookkeeping actions that do not count as the assistant's reply in a turn.
_SILENT_ACTIONS = {ACTION_LISTEN_NAME, "action_extract_slots", "action_session_start"}


def turn_view(tracker: DialogueStateTracker, country: str) -> Optional[TurnView]:
    """The state of the current turn in `country` (NL or BE), or None before the first user message."""
    turn_actions: List[str] = []
    latest: Optional[UserUttered] = None
    for event in reversed(tracker.applied_events()):
        if isinstance(event, UserUttered):
            latest = event
            break
        if isinstance(event, ActionExecuted) and event.action_name not in _SILENT_ACTIONS:
            turn_actions.append(event.action_name)
    if latest is None:
        return None
    metadata = latest.metadata or {}
    return TurnView(
        message_id=latest.message_id or "",
        intent=(latest.intent or {}).get("name"),
        intent_confidence=float((latest.intent or {}).get("confidence") or 0.0),
        entities=latest.entities or [],
        slots=tracker.current_slot_values(),
        turn_actions=tuple(reversed(turn_actions)),
        active_loop=tracker.active_loop_name,
        typed_command=bool(metadata.get("typed_command")),
        country=country,
        text=latest.text or "",
        first_contact=bool(metadata.get("first_contact")),
        welcomed=bool(metadata.get("welcomed")),
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class CarePolicy(Policy):
    """Red flags, open questions, erasure, medicines, unreadable input, handoff silence: in every state."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"priority": 7}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        # Rasa builds the policy from config.yml: the factory installed this process's settings.
        view = turn_view(tracker, current_country(current_settings()))
        decision = decide(view) if view else GuardDecision(None)
        known_slots = {slot.name for slot in domain.slots}
        slot_events: List[Event] = [
            SlotSet(name, value) for name, value in decision.slots.items() if name in known_slots
        ]
        if decision.action is None or decision.action not in domain.action_names_or_texts:
            if decision.action is not None:
                logger.error("CarePolicy chose '%s', which is not in the domain", decision.action)
            return self._prediction(self._default_predictions(domain), events=slot_events)
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(decision.action)] = 1.0
        optional: List[Event] = list(slot_events)
        if decision.end_active_loop:
            optional += [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]
        return self._prediction(probabilities, optional_events=optional, is_no_user_prediction=True)
