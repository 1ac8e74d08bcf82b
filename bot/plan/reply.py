"""A reply as data (messages, slot changes, timers), turned into rasa-sdk events in one place."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence, Tuple


@dataclass(frozen=True)
class Timer:
    """A Rasa reminder: trigger `intent` with `entities` at `at` (aware)."""

    intent: str
    at: datetime
    name: str
    entities: Sequence[Dict[str, Any]] = ()
    kill_on_user_message: bool = False


@dataclass
class Reply:
    """What an action says and changes."""

    messages: List[Dict[str, Any]] = field(default_factory=list)
    slots: Dict[str, Any] = field(default_factory=dict)
    timers: List[Timer] = field(default_factory=list)
    cancel: List[Dict[str, Optional[str]]] = field(default_factory=list)  # {"name"|"intent": ...}
    followup: Optional[str] = None  # an action to run next, whatever the policies predict

    def say(self, text: str, buttons: Sequence[Tuple[str, str]] = (), image: Optional[str] = None) -> "Reply":
        message: Dict[str, Any] = {"text": text}
        if buttons:
            message["buttons"] = [{"title": title, "payload": payload} for title, payload in buttons]
        if image:
            message["image"] = image
        self.messages.append(message)
        return self


def emit(reply: Reply, dispatcher: Any) -> List[Dict[str, Any]]:
    """Sends the messages through `dispatcher` and returns the events to apply."""
    from rasa_sdk.events import FollowupAction, ReminderCancelled, ReminderScheduled, SlotSet

    for message in reply.messages:
        dispatcher.utter_message(**message)
    events: List[Dict[str, Any]] = [SlotSet(name, value) for name, value in reply.slots.items()]
    events += [ReminderCancelled(name=item.get("name"), intent_name=item.get("intent"))
               for item in reply.cancel]
    events += [
        ReminderScheduled(timer.intent, timer.at, entities=list(timer.entities), name=timer.name,
                          kill_on_user_message=timer.kill_on_user_message)
        for timer in reply.timers
    ]
    if reply.followup:
        events.append(FollowupAction(reply.followup))
    return events
