"""Long conversations for the tracker store tests, logged turn by turn as Rasa logs them.

`Conversation.turn()` writes one user turn through the store (retrieve, append, save),
like the processor does, and keeps the events it sent in `sent`: the truth that the
stored rows and the retrieved trackers are compared with. The turns cover what changes
state across a long session: the plan form (happy path, rejections that stay rejected,
a red flag that ends it), a medicine warning taken back with `ActionReverted`, a
fallback rewound with `UserUtteranceReverted` (with a slot set in the rewound turn),
pauses, slot resets, restarts, a triage level that only goes up, and bot buttons.
"""
from __future__ import annotations

import asyncio
import json
import random
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop, AllSlotsReset, BotUttered,
    ConversationPaused, ConversationResumed, DefinePrevUserUtteredFeaturization, Event, Restarted,
    SessionStarted, SlotSet, UserUttered, UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db.tracker_store import ErasingSQLTrackerStore
from bot.settings import PROJECT_ROOT

LISTEN = "action_listen"
FORM = "plan_form"
FORM_SLOTS = ["plan_movement", "plan_movement_minutes", "plan_water", "plan_bedtime"]
LEVELS = ["soon", "urgent", "crisis", "emergency"]
FAQ = ["utter_magnesium_role", "utter_chronic_pain_explained", "utter_stress_and_back_pain"]
_DOMAIN: Optional[Domain] = None


def domain() -> Domain:
    global _DOMAIN
    if _DOMAIN is None:
        _DOMAIN = Domain.load(str(PROJECT_ROOT / "domain"))
    return _DOMAIN


def store_at(path: Any, app_url: Optional[str] = None) -> ErasingSQLTrackerStore:
    """The store on the SQLite file `path`; an erasure also deletes in `app_url` (needed only then)."""
    return ErasingSQLTrackerStore(domain=domain(), url=f"sqlite:///{path}", app_url=app_url)


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def user(text: str, intent: str, n: int) -> List[Event]:
    return [ActionExecuted(LISTEN), UserUttered(text, {"name": intent, "confidence": 0.9}, message_id=f"m{n}"),
            DefinePrevUserUtteredFeaturization(False)]


def bot(action: str, text: str, buttons: Optional[List[Dict[str, str]]] = None) -> List[Event]:
    return [ActionExecuted(action), BotUttered(text, {"buttons": buttons} if buttons else {})]


@dataclass
class Conversation:
    """One sender's conversation, written through `store` one turn at a time."""

    store: ErasingSQLTrackerStore
    sender: str = "long-user"
    seed: int = 7
    sent: List[Event] = field(default_factory=list)
    form_step: Optional[int] = None  # which FORM_SLOTS question the form asks, None: no form
    level: int = -1
    n: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def write(self, events: List[Event]) -> DialogueStateTracker:
        """Retrieves the tracker, appends `events`, saves: what the processor does."""
        tracker = run(self.store.retrieve(self.sender)) or DialogueStateTracker(self.sender, domain().slots)
        for event in events:
            tracker.update(event)
        run(self.store.save(tracker))
        self.sent.extend(events)
        return tracker

    def start(self) -> None:
        self.write([SessionStarted(), ActionExecuted(LISTEN)])

    def turn(self) -> DialogueStateTracker:
        self.n += 1
        if self.form_step is not None:
            return self.write(self._form_turn())
        roll = self.rng.random()
        if roll < 0.12:
            self.form_step = 0
            return self.write(user("ik wil een plan", "start_plan", self.n) + [
                ActionExecuted(FORM), ActiveLoop(FORM), SlotSet("requested_slot", FORM_SLOTS[0]),
                BotUttered("Welke beweging?")])
        if roll < 0.20:
            return self.write(self._red_flag())
        if roll < 0.30:  # the care policy sets slots, the check is taken back (ActionReverted)
            return self.write(user("ik slik omeprazol", "magnesium_medication", self.n) + [
                SlotSet("warned_classes", ["ppi"]), SlotSet("medication_check_mode", "passing"),
                SlotSet("care_checked_message", f"m{self.n}")] + bot("action_medication_check", "Let op")
                + [ActionReverted()] + bot(FAQ[0], "Magnesium ..."))
        if roll < 0.38:  # not understood: the turn is rewound, a slot set in it too
            return self.write(user("blabla", "nlu_fallback", self.n) + [SlotSet("pain_note", f"lost {self.n}")]
                              + bot("action_default_fallback", "Sorry?") + [UserUtteranceReverted()])
        if roll < 0.41:
            return self.write(user("pauze", "deny", self.n) + [ConversationPaused()] + bot("utter_deny_ack", "Ok")
                              + ([ConversationResumed()] if self.rng.random() < 0.7 else []))
        if roll < 0.43:
            return self.write(user("opnieuw", "restart", self.n) + [ActionExecuted("action_restart"), Restarted()])
        if roll < 0.45:
            return self.write(user("wis", "deny", self.n) + [AllSlotsReset()] + bot("utter_deny_ack", "Ok"))
        buttons = [{"title": "Ja", "payload": f"/affirm{self.n}"}] if roll < 0.6 else None
        return self.write(user(f"vraag {self.n}", "magnesium_role", self.n) + [SlotSet("care_checked_message", f"m{self.n}")]
                          + bot(self.rng.choice(FAQ), f"Antwoord {self.n}", buttons))

    def _red_flag(self) -> List[Event]:
        self.level = min(self.level + self.rng.choice([0, 1]), len(LEVELS) - 1) if self.level >= 0 else 0
        events = user("ik kan niet plassen", "red_flag", self.n) + [
            SlotSet("triage_level", LEVELS[self.level]), SlotSet("red_flags", ["cauda"] * (self.level + 1))]
        if self.form_step is not None:
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
            self.form_step = None
        return events + bot(f"utter_triage_{LEVELS[self.level]}", "Bel 112") + bot(
            "utter_offer_handoff", "Wil je een therapeut?", [{"title": "Ja", "payload": "/handoff"}])

    def _form_turn(self) -> List[Event]:
        roll, step = self.rng.random(), self.form_step
        if roll < 0.1:
            return self._red_flag()
        if roll < 0.25:  # a question instead of an answer: rejected, answered, asked again
            return user("wat is magnesium", "magnesium_role", self.n) + [ActionExecutionRejected(FORM)] + bot(
                FAQ[0], "Magnesium ...") + [ActionExecuted(FORM), SlotSet("requested_slot", FORM_SLOTS[step]),
                                            BotUttered("Nog even ...")]
        if roll < 0.32:  # rejected and not asked again: stays rejected until the form runs
            return user("hoi", "greet", self.n) + [ActionExecutionRejected(FORM)] + bot("utter_greet", "Hallo")
        events = user(f"antwoord {self.n}", "inform", self.n) + [
            ActionExecuted(FORM), SlotSet(FORM_SLOTS[step], f"{FORM_SLOTS[step]} {self.n}")]
        if step + 1 < len(FORM_SLOTS):
            self.form_step = step + 1
            return events + [SlotSet("requested_slot", FORM_SLOTS[step + 1]), BotUttered("Volgende vraag")]
        self.form_step = None
        return events + [SlotSet("requested_slot", None), ActiveLoop(None)] + bot("utter_plan_done", "Klaar")

    def grow(self, events: int) -> None:
        if not self.sent:
            self.start()
        while len(self.sent) < events:
            self.turn()


def stored_rows(store: ErasingSQLTrackerStore, sender: str) -> List[Dict[str, Any]]:
    """The sender's stored events, as dicts, in id order."""
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent.data).filter(store.SQLEvent.sender_id == sender) \
            .order_by(store.SQLEvent.id).all()
    return [json.loads(data) for (data,) in rows]


def as_dicts(events: List[Event]) -> List[Dict[str, Any]]:
    return [json.loads(json.dumps(event.as_dict())) for event in events]


def full_tracker(events: List[Event], sender: str = "long-user") -> DialogueStateTracker:
    """What stock Rasa builds from the latest session of `events`."""
    starts = [i for i, e in enumerate(events) if isinstance(e, SessionStarted)]
    session = events[starts[-1]:] if starts else events
    return DialogueStateTracker.from_events(sender, session, domain().slots)
