"""What must happen in a turn whatever the conversation is doing: plain Python, no Rasa.

The Rasa policy in `care_policy.py` feeds this a `TurnView` (the state of the turn) and
turns the `GuardDecision` into a prediction. Keeping the decision here lets tests walk
through every branch without a model or a server.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.safety import highest_level
from bot.safety.advice import escalation_response_name

LISTEN = "action_listen"
MEDICATION_CHECK = "action_medication_check"
OFFER_HANDOFF = "utter_offer_handoff"
HANDOFF_WAITING = "utter_handoff_waiting"
TRIAGE_PREFIX = "utter_triage_"
INPUT_RESPONSES = {
    "empty": "utter_bad_input_empty",
    "other_language": "utter_bad_input_other_language",
    "typed_command": "utter_typed_command",
}
# Handoff states in which a therapist, not the assistant, is talking with the user.
THERAPIST_TALKING = ("claimed",)


@dataclass(frozen=True)
class TurnView:
    """What the guard needs to know about the conversation at one prediction step."""

    message_id: str
    intent: Optional[str]
    entities: Sequence[Dict[str, Any]]
    slots: Dict[str, Any]
    turn_actions: Tuple[str, ...]  # actions run since the latest user message
    active_loop: Optional[str] = None
    typed_command: bool = False
    country: str = "NL"
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def flag_levels(self) -> List[str]:
        """Levels of this message's red flags, as the matcher judged them in context."""
        from bot.safety.catalogue import level_of

        return [item.get("level") or level_of(item.get("value")) for item in self.entities
                if item.get("entity") == "red_flag"]

    def values(self, entity: str) -> List[Any]:
        found: List[Any] = []
        for item in self.entities:
            if item.get("entity") == entity and item.get("value") not in found:
                found.append(item.get("value"))
        return found


@dataclass(frozen=True)
class GuardDecision:
    """`action` to run (None: let the other policies decide) and slot changes to apply."""

    action: Optional[str]
    slots: Dict[str, Any] = field(default_factory=dict)
    end_active_loop: bool = False


def _merge(old: Optional[Sequence[Any]], new: Sequence[Any]) -> List[Any]:
    merged = list(old or [])
    merged.extend(value for value in new if value not in merged)
    return merged


def _changed(view: TurnView, updates: Dict[str, Any]) -> Dict[str, Any]:
    return {name: value for name, value in updates.items() if view.slots.get(name) != value}


def conversation_state(view: TurnView) -> Dict[str, Any]:
    """Slot values that record what this user message revealed (the slot contract)."""
    flags = view.values("red_flag")
    classes = view.values("interaction_class")
    updates: Dict[str, Any] = {}
    if flags:
        updates["red_flags"] = _merge(view.slots.get("red_flags"), flags)
        updates["triage_level"] = highest_level(view.slots.get("triage_level"), *view.flag_levels())
    if classes:
        updates["medications"] = _merge(view.slots.get("medications"), view.values("medication"))
        updates["interaction_classes"] = _merge(view.slots.get("interaction_classes"), classes)
    return _changed(view, updates)


def decide(view: TurnView) -> GuardDecision:
    """The guard's decision for one prediction step."""
    from bot.safety.catalogue import label_of

    flags = view.values("red_flag")
    actions = view.turn_actions
    last = actions[-1] if actions else None

    # 1. A red flag outranks everything, including a form and a therapist's chat.
    if flags and not actions:
        level = highest_level(*view.flag_levels())
        summary = " en ".join(label_of(code) for code in flags)
        slots = {**conversation_state(view), "triage_summary": summary, "awaiting_medications": False}
        return GuardDecision(
            escalation_response_name(level, view.country, view.now),
            _changed(view, slots),
            end_active_loop=view.active_loop is not None,
        )
    if last and last.startswith(TRIAGE_PREFIX) and len(actions) == 1:
        handed_over = view.slots.get("handoff_status") in ("open", "claimed")
        return GuardDecision(LISTEN if handed_over else OFFER_HANDOFF)
    if last == OFFER_HANDOFF and len(actions) == 2 and actions[0].startswith(TRIAGE_PREFIX):
        return GuardDecision(LISTEN)

    # 2. While a therapist has the conversation, the assistant does not talk over them.
    if view.slots.get("handoff_status") in THERAPIST_TALKING:
        if not actions:
            notice = not view.slots.get("handoff_notice_given")
            return GuardDecision(HANDOFF_WAITING if notice else LISTEN, {"handoff_notice_given": True})
        if last == HANDOFF_WAITING:
            return GuardDecision(LISTEN)

    # 3. Input the NLU cannot read gets a specific, kind answer (a form validates its own).
    issue = "typed_command" if view.typed_command else next(iter(view.values("input_issue")), None)
    if issue and view.active_loop is None and not view.slots.get("awaiting_medications"):
        if not actions:
            return GuardDecision(INPUT_RESPONSES[issue])
        if last == INPUT_RESPONSES[issue] and len(actions) == 1:
            return GuardDecision(LISTEN)

    # 4. Medicines: answer a pending question, or warn once about a passing mention.
    state = conversation_state(view)
    if not actions and view.slots.get("awaiting_medications"):
        return GuardDecision(MEDICATION_CHECK, {**state, "medication_check_mode": "answer"})
    if last == MEDICATION_CHECK and view.slots.get("medication_check_mode") == "answer":
        return GuardDecision(LISTEN)
    if not actions and view.intent != "magnesium_medication" and view.slots.get("care_checked_message") != view.message_id:
        warned = view.slots.get("warned_classes") or []
        new_classes = [c for c in view.values("interaction_class") if c not in warned]
        if new_classes or view.values("supplement_dose"):
            slots = {
                **state,
                "warned_classes": _merge(warned, new_classes),
                "classes_to_warn": new_classes,
                "medication_check_mode": "passing",
                "care_checked_message": view.message_id,
            }
            return GuardDecision(MEDICATION_CHECK, slots)
    if view.intent == "magnesium_medication" and not actions:
        warned = view.slots.get("warned_classes") or []
        slots = {**state, "warned_classes": _merge(warned, view.values("interaction_class")),
                 "medication_check_mode": "answer"}
        return GuardDecision(None, _changed(view, slots))
    return GuardDecision(None, state)
