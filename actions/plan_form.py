"""The starter plan's form: each question asked, each reply read; `bot.plan` decides."""
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.context import current_settings
from bot.forms.exits import with_way_out
from bot.plan.form import extraction, update_for
from bot.plan.questions import question, required_slots


class ValidatePlanForm(FormValidationAction):
    """Reads each reply: an answer fills the asked slot, a topic question lets the form step aside.

    rasa-sdk finds `extract_<slot>` and `validate_<slot>` by name: one pair per question
    (`bot.plan.choices.ALL_SLOTS`), each handing over to `bot.plan.form`.
    """

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

    def extract_plan_edit_part(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_edit_part", tracker)

    def validate_plan_edit_part(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_edit_part", value, dispatcher, tracker)

    def extract_plan_movement(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_movement", tracker)

    def validate_plan_movement(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_movement", value, dispatcher, tracker)

    def extract_plan_movement_minutes(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_movement_minutes", tracker)

    def validate_plan_movement_minutes(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_movement_minutes", value, dispatcher, tracker)

    def extract_plan_breathing_count(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                     domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_breathing_count", tracker)

    def validate_plan_breathing_count(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                      domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_breathing_count", value, dispatcher, tracker)

    def extract_plan_breathing_moments(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                       domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_breathing_moments", tracker)

    def validate_plan_breathing_moments(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_breathing_moments", value, dispatcher, tracker)

    def extract_plan_nut_allergy(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_nut_allergy", tracker)

    def validate_plan_nut_allergy(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_nut_allergy", value, dispatcher, tracker)

    def extract_plan_foods(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_foods", tracker)

    def validate_plan_foods(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_foods", value, dispatcher, tracker)

    def extract_plan_water(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_water", tracker)

    def validate_plan_water(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_water", value, dispatcher, tracker)

    def extract_plan_sits(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_sits", tracker)

    def validate_plan_sits(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_sits", value, dispatcher, tracker)

    def extract_plan_move_alarm(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_move_alarm", tracker)

    def validate_plan_move_alarm(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_move_alarm", value, dispatcher, tracker)

    def extract_plan_bedtime(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_bedtime", tracker)

    def validate_plan_bedtime(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_bedtime", value, dispatcher, tracker)

    def extract_plan_consent(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_consent", tracker)

    def validate_plan_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_consent", value, dispatcher, tracker)

    def extract_plan_reminder_time(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> Dict[Text, Any]:
        return self._extract("plan_reminder_time", tracker)

    def validate_plan_reminder_time(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> Dict[Text, Any]:
        return self._validate("plan_reminder_time", value, dispatcher, tracker)


class AskPlanQuestion(Action, ABC):
    """Asks for one slot; a custom action, because buttons and wording depend on earlier answers."""

    @property
    @abstractmethod
    def slot(self) -> Text:
        """The slot this action asks for."""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        asked = question(self.slot, tracker.slots, current_settings().checkin_after_days)
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
