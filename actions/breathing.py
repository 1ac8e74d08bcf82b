"""Breathing together: the user starts it, timed reminders pace each breath."""
from datetime import datetime, timezone
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.exercises import breathing
from bot.plan.schedule import BREATHING_TIMER, timer_of, timer_step
from bot.turn import emit


class ActionBreathing(Action):
    """Starts the exercise (user's request) or says the next step (the step's timer fired)."""

    def name(self) -> Text:
        return "action_breathing"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        message = tracker.latest_message or {}
        now = datetime.now(timezone.utc)
        if timer_of(message) == BREATHING_TIMER:
            step = timer_step(message) or 0
            reply = breathing.step(tracker.sender_id, step, tracker.get_slot(breathing.STARTED_SLOT), now)
        else:
            reply = breathing.start(tracker.sender_id, now, form_active=tracker.active_loop_name is not None)
        return emit(reply, dispatcher)
