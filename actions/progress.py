"""Pain scores and progress: the actions speak, `bot.progress.pain` decides."""
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.forms.exits import MISSES_SLOT, with_way_out
from bot.context import current_settings
from bot.plan.questions import Question
from bot.progress import pain
from bot.turn import TurnContext, emit


def context(tracker: Tracker) -> TurnContext:
    return TurnContext.of(tracker.sender_id, tracker.get_latest_input_channel(), current_settings())


class ValidatePainForm(FormValidationAction):
    """A score from 0 to 10 (also from the opening message), then what helped."""

    def name(self) -> Text:
        return "validate_pain_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        return pain.required_slots(tracker.slots)

    def extract_pain_score(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        value = pain.reply_for(pain.SCORE_SLOT, tracker.slots, tracker.latest_message or {})
        return {pain.SCORE_SLOT: value} if value is not None else {}

    def extract_pain_note(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: DomainDict) -> Dict[Text, Any]:
        value = pain.reply_for(pain.NOTE_SLOT, tracker.slots, tracker.latest_message or {})
        return {pain.NOTE_SLOT: value} if value is not None else {}

    def validate_pain_score(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: DomainDict) -> Dict[Text, Any]:
        result = pain.validate_score(value, opening=tracker.get_slot("requested_slot") is None,
                                     misses=tracker.get_slot(MISSES_SLOT))
        if "message" in result:
            dispatcher.utter_message(text=result.pop("message"))
        return result

    def validate_pain_note(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> Dict[Text, Any]:
        return pain.validate_note(value)


class AskPainQuestion(Action, ABC):
    """Asks for one slot of the pain form, with buttons."""

    @property
    @abstractmethod
    def slot(self) -> Text:
        """The slot this action asks for."""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        question: Question = pain.question_for(self.slot, tracker.slots)
        dispatcher.utter_message(**with_way_out(question.as_message(), tracker.slots, skip=False))
        return []


class AskPainScore(AskPainQuestion):
    slot = pain.SCORE_SLOT


class AskPainNote(AskPainQuestion):
    slot = pain.NOTE_SLOT


class ActionSavePainScore(Action):
    """Stores the score after the pain form and confirms it (with advice after a sharp rise)."""

    def name(self) -> Text:
        return "action_save_pain_score"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        return emit(pain.save_score(context(tracker), tracker.slots), dispatcher)


class ActionShowProgress(Action):
    """The scores as a chart served by the Rasa server, with a short honest sentence."""

    def name(self) -> Text:
        return "action_show_progress"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        from bot.web.charts import chart_url

        settings = current_settings()
        # Any Rasa server draws the chart when the link is opened (bot/web/charts.py).
        return emit(pain.link_progress(context(tracker), lambda conversation: chart_url(conversation, settings)),
                    dispatcher)
