"""Magnesium and medicines: the action speaks, `bot.medication` knows."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionReverted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.medication.dialogue import kidney_caution_given, medication_reply


class ActionMedicationCheck(Action):
    """Answers a medicine question, or warns about a medicine mentioned in passing."""

    def name(self) -> Text:
        return "action_medication_check"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        passing = tracker.get_slot("medication_check_mode") == "passing"
        reply = medication_reply(
            tracker.latest_message.get("text") or "",
            passing=passing,
            awaiting_list=bool(tracker.get_slot("awaiting_medications")),
            classes_to_warn=tracker.get_slot("classes_to_warn") or [],
            known_classes=tracker.get_slot("interaction_classes") or [],
            kidney_cautioned=kidney_caution_given(
                event.get("text") for event in tracker.events if event.get("event") == "bot"),
        )
        for text in reply.messages:
            dispatcher.utter_message(text=text)
        if passing:
            # Undo this action in the dialogue state, so the user's message is
            # still answered as if the warning had not come in between.
            return [ActionReverted()]
        return [SlotSet("awaiting_medications", reply.awaiting_list), SlotSet("classes_to_warn", [])]
