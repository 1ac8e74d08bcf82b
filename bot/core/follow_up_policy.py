"""Rasa adapter for `bot.core.follow_up`: predicts the repeat of the previous answer."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot.core.follow_up import next_clarify_action

_BOOKKEEPING = {ACTION_LISTEN_NAME, "action_extract_slots", "action_session_start"}


def turn_context(tracker: DialogueStateTracker) -> Tuple[Optional[str], Optional[str], List[str]]:
    """(latest intent, the assistant's last action before it, actions done since)."""
    intent, earlier, done = _turns(tracker)
    return intent, (earlier[-1] if earlier else None), done


def _turns(tracker: DialogueStateTracker) -> Tuple[Optional[str], List[str], List[str]]:
    """(latest intent, the actions of the assistant's turn before it, actions done since)."""
    done: List[str] = []
    earlier: List[str] = []
    intent: Optional[str] = None
    users = 0
    for event in reversed(tracker.applied_events()):
        if isinstance(event, UserUttered):
            users += 1
            if users == 2:
                break
            intent = (event.intent or {}).get("name")
            continue
        if isinstance(event, ActionExecuted) and event.action_name not in _BOOKKEEPING:
            (done if users == 0 else earlier).append(event.action_name)
    return intent, list(reversed(earlier)), list(reversed(done))


def said_before(tracker: DialogueStateTracker) -> List[str]:
    """Every action of the assistant's previous turn, also one the CarePolicy ran and then
    reverted so that the other policies predict as if it had not (bot/core/care_policy.py):
    its message was said all the same."""
    earlier: List[str] = []
    users = 0
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            users += 1
            if users == 2:
                break
        elif users == 1 and isinstance(event, ActionExecuted) and event.action_name not in _BOOKKEEPING:
            earlier.append(event.action_name)
    return list(reversed(earlier))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class FollowUpPolicy(Policy):
    """Answers "wat bedoel je?" with the previous answer again, and "moet ik het dan niet
    nemen?" after a magnesium answer; abstains otherwise."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6), so the rule for "wat bedoel je?" without context is only a
        # fallback; below nothing that matters: the CarePolicy's "no user" predictions win anyway.
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
        action = None
        if tracker.active_loop_name is None:
            intent, earlier, done = _turns(tracker)
            text = tracker.latest_message.text if tracker.latest_message else None
            action = next_clarify_action(intent, earlier[-1] if earlier else None, done, domain.responses.keys(),
                                         text, previous_turn=said_before(tracker),
                                         warned=tracker.get_slot("warned_classes") or [])
        if action is None or action not in domain.action_names_or_texts:
            return self._prediction(self._default_predictions(domain))
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities)
