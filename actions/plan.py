"""The starter plan and its daily reminder: the actions speak, `bot.plan` decides."""
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.fallback import topic_suggestions
from bot.plan import breathing, dialogue
from bot.plan.choices import ALL_SLOTS
from bot.forms.exits import with_way_out
from bot.plan.form import extraction, update_for
from bot.plan.questions import question, required_slots
from bot.plan.reply import emit
from bot.plan.schedule import DAILY_TIMER, timer_of
from bot.settings import get_settings


def context(tracker: Tracker) -> dialogue.Context:
    return dialogue.Context.current(tracker.sender_id, tracker.get_latest_input_channel())


def _with_slot_methods(cls):
    """Adds extract_<slot> and validate_<slot> for every question: rasa-sdk finds them by name."""
    for slot in ALL_SLOTS:
        setattr(cls, f"extract_{slot}", lambda self, _d, tracker, _domain, s=slot: self._extract(s, tracker))
        setattr(cls, f"validate_{slot}",
                lambda self, value, dispatcher, tracker, _domain, s=slot: self._validate(s, value, dispatcher, tracker))
    return cls


@_with_slot_methods
class ValidatePlanForm(FormValidationAction):
    """Reads each reply: an answer fills the asked slot, a topic question lets the form step aside."""

    def name(self) -> Text:
        return "validate_plan_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        return required_slots(tracker.slots)

    def _extract(self, slot: Text, tracker: Tracker) -> Dict[Text, Any]:
        message = tracker.latest_message or {}
        intent = message.get("intent") or {}
        return extraction(slot, tracker.slots, message.get("text"), intent.get("name"),
                          float(intent.get("confidence") or 0.0))

    def _validate(self, slot: Text, value: Any, dispatcher: CollectingDispatcher,
                  tracker: Tracker) -> Dict[Text, Any]:
        update = update_for(slot, value, tracker.slots)
        for message in update.messages:
            dispatcher.utter_message(text=message)
        return update.slots


class AskPlanQuestion(Action, ABC):
    """Asks for one slot; a custom action, because buttons and wording depend on earlier answers."""

    @property
    @abstractmethod
    def slot(self) -> Text:
        """The slot this action asks for."""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        asked = question(self.slot, tracker.slots, get_settings().checkin_after_days)
        dispatcher.utter_message(**with_way_out(asked.as_message(), tracker.slots))
        return []


class AskEditPart(AskPlanQuestion):
    slot = "plan_edit_part"


class AskMovement(AskPlanQuestion):
    slot = "plan_movement"


class AskMovementMinutes(AskPlanQuestion):
    slot = "plan_movement_minutes"


class AskBreathingCount(AskPlanQuestion):
    slot = "plan_breathing_count"


class AskBreathingMoments(AskPlanQuestion):
    slot = "plan_breathing_moments"


class AskNutAllergy(AskPlanQuestion):
    slot = "plan_nut_allergy"


class AskFoods(AskPlanQuestion):
    slot = "plan_foods"


class AskWater(AskPlanQuestion):
    slot = "plan_water"


class AskSits(AskPlanQuestion):
    slot = "plan_sits"


class AskMoveAlarm(AskPlanQuestion):
    slot = "plan_move_alarm"


class AskBedtime(AskPlanQuestion):
    slot = "plan_bedtime"


class AskConsent(AskPlanQuestion):
    slot = "plan_consent"


class AskReminderTime(AskPlanQuestion):
    slot = "plan_reminder_time"


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
            reply = dialogue.daily_reminder(context(tracker), form_active=tracker.active_loop_name is not None)
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
        return emit(dialogue.stop_reminders(ctx), dispatcher)
