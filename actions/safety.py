"""Safety: the one line that keeps the door open after a clarifying question."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionReverted
from rasa_sdk.executor import CollectingDispatcher


class ActionSafetyDoorOpen(Action):
    """Says where help is, then steps back so the message itself is answered next.

    The CarePolicy chose the line (`safety_door_text`) and closed the question.
    """

    def name(self) -> Text:
        return "action_safety_door_open"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # The line is reviewable data (clarifying_questions.yml, door_open), chosen per country.
        dispatcher.utter_message(text=tracker.get_slot("safety_door_text"))
        # Undo this action in the dialogue state, so the rules answer the message as if
        # the line had not come in between (as action_medication_check does).
        return [ActionReverted()]
