"""One turn of the plan, breathing and pain-score actions, as plain data.

`TurnContext` is who and when (and the settings a turn needs); `Reply` is what the turn
says and changes (messages, slot changes, timers), turned into rasa-sdk events in one
place (`emit`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

if TYPE_CHECKING:
    from bot.settings import Settings


@dataclass(frozen=True)
class TurnContext:
    """Who and when: everything a turn needs besides the slots."""

    conversation_id: str
    channel: str
    now: datetime
    db_url: str
    checkin_days: int
    tz_name: str

    @classmethod
    def of(cls, conversation_id: str, channel: Optional[str], settings: "Settings",
           now: Optional[datetime] = None) -> "TurnContext":
        """The context of a turn in `conversation_id` now (or at `now`), with `settings`' values."""
        return cls(conversation_id, channel or "unknown", now or datetime.now(timezone.utc),
                   settings.app_db, settings.checkin_after_days, settings.timezone)


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
