"""The starter plan's turns and its daily reminder: the actions speak, `bot.plan` and `bot.progress` decide.

The form's questions and the reading of its answers are in `actions/plan_form.py`.
"""
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.context import current_settings
from bot.exercises import breathing
from bot.fallback import topic_suggestions
from bot.plan import dialogue
from bot.plan.schedule import DAILY_TIMER, timer_of
from bot.progress.daily import daily_reminder
from bot.turn import TurnContext, emit


def context(tracker: Tracker) -> TurnContext:
    return TurnContext.of(tracker.sender_id, tracker.get_latest_input_channel(), current_settings())


class ActionPlanStart(Action):
    """Clears earlier answers and explains how the questions work."""

    def name(self) -> Text:
        return "action_plan_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        return emit(dialogue.start_plan(), dispatcher)


class ActionPlanEditStart(Action):
    """Loads the stored plan into the form, with the part to change if the message named it."""

    def name(self) -> Text:
        return "action_plan_edit_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        text: Optional[str] = (tracker.latest_message or {}).get("text")
        return emit(dialogue.start_edit(context(tracker), text or ""), dispatcher)


class ActionPlanLeave(Action):
    """Ends the plan form so a request for a therapist or for deletion can go first."""

    def name(self) -> Text:
        return "action_plan_leave"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        return [*emit(dialogue.leave_plan(), dispatcher), ActiveLoop(None), SlotSet("requested_slot", None)]


def _suggest_topics(dispatcher: CollectingDispatcher, tracker: Tracker, otherwise: Optional[str] = None) -> None:
    """The likely topics of the latest message as buttons, or `otherwise` (the general give-up)."""
    ranking = [item for item in (tracker.latest_message or {}).get("intent_ranking") or []
               if item.get("name") != "stop_reminders"]
    suggestions = topic_suggestions(ranking)
    if suggestions:
        buttons = [{"title": title, "payload": payload} for title, payload in suggestions]
        dispatcher.utter_message(response="utter_fallback_suggest", buttons=buttons)
    elif otherwise:
        dispatcher.utter_message(text=otherwise)
    else:
        dispatcher.utter_message(response="utter_fallback_give_up")


class ActionLeaveForm(Action):
    """Ends the active form, clearing its answers, because the user asked for another form."""

    def name(self) -> Text:
        return "action_leave_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        reply = dialogue.leave_form(tracker.active_loop_name)
        return [*emit(reply, dispatcher), ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionPlanSuggestTopics(Action):
    """A question the NLU could not place, asked during the plan: suggest the likely topics.

    The general fallback would count the form's short answers as earlier misunderstandings.
    """

    def name(self) -> Text:
        return "action_plan_suggest_topics"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        _suggest_topics(dispatcher, tracker, dialogue.UNPLACED_QUESTION)
        return []


class ActionPlanDone(Action):
    """After the form: stores the plan if allowed, sets the reminder, or says how to come back."""

    def name(self) -> Text:
        return "action_plan_done"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        return emit(dialogue.finish_plan(context(tracker), tracker.slots), dispatcher)


class ActionShowPlan(Action):
    """Shows the stored plan; when the daily reminder fires, sends the day's nudge or check-in."""

    def name(self) -> Text:
        return "action_show_plan"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        if timer_of(tracker.latest_message or {}) == DAILY_TIMER:
            reply = daily_reminder(context(tracker), form_active=tracker.active_loop_name is not None)
        else:
            reply = dialogue.show_plan(context(tracker))
        return emit(reply, dispatcher)


class ActionStopReminders(Action):
    """Turns reminders and check-ins off; a bare "stop" during breathing stops the exercise."""

    def name(self) -> Text:
        return "action_stop_reminders"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        ctx = context(tracker)
        text = (tracker.latest_message or {}).get("text") or ""
        if breathing.is_about_breathing_stop(text, tracker.get_slot(breathing.STARTED_SLOT), ctx.now):
            return emit(breathing.stop(), dispatcher)
        if not dialogue.is_about_reminders(text):
            # The NLU heard "geen ..." ("geen koorts, alleen een zeurende onderrug"): not about reminders.
            _suggest_topics(dispatcher, tracker)
            return []
        return emit(dialogue.stop_reminders(ctx, text), dispatcher)
