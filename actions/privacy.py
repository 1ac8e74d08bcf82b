"""The user's right to be forgotten."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted
from rasa_sdk.executor import CollectingDispatcher

from bot.context import current_settings
from bot.privacy.erase import erasure_message, forget_conversation


class ActionDeleteMyData(Action):
    """Deletes the practice's records; the tracker store drops the events on `Restarted`."""

    def name(self) -> Text:
        return "action_delete_my_data"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        report = forget_conversation(tracker.sender_id, url=current_settings().app_db)
        dispatcher.utter_message(text=erasure_message(report))
        return [Restarted()]
