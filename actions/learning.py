""""Dat bedoelde ik niet": the previous exchange goes to the console's inbox."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.context import current_settings
from bot.learning.capture import previous_exchange
from bot.learning.inbox import file_not_meant


class ActionFileMisunderstood(Action):
    def name(self) -> Text:
        return "action_file_misunderstood"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        exchange = previous_exchange(tracker.events)
        if exchange is None:
            dispatcher.utter_message(response="utter_not_what_i_meant_nothing")
            return []
        file_not_meant(conversation_id=tracker.sender_id, exchange=exchange, url=current_settings().app_db)
        dispatcher.utter_message(response="utter_not_what_i_meant")
        return []
