"""Handing the conversation to a therapist: the form asks how, `bot.handoff` does the rest."""
import asyncio
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.context import current_settings
from bot.handoff import messages
from bot.forms import exits
from bot.handoff.contact import CANCELLED, ContactReading, required_contact_slots, validate_reply
from bot.handoff.contact import reply_for as contact_reply
from bot.handoff.service import close_open_handoff, notify_in_background, open_handoff
from bot.handoff.store import HandoffRequest
from bot.handoff.transcript import transcript_from_events
from bot.handoff.withdraw import MESSAGES as WITHDRAW_MESSAGES, withdrawal

logger = logging.getLogger(__name__)
RESET_CONTACT = [SlotSet("contact_method", None), SlotSet("contact_value", None),
                 *(SlotSet(name, value) for name, value in exits.cleared().items())]


def _explained(reading: ContactReading, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    if reading.problem:
        dispatcher.utter_message(text=messages.PROBLEMS[reading.problem])
    return reading.slots


def _extracted(slot: Text, tracker: Tracker) -> Dict[Text, Any]:
    value = contact_reply(slot, tracker.slots, tracker.latest_message or {})
    return {slot: value} if value is not None else {}


class ValidateHandoffForm(FormValidationAction):
    """Reads the contact method and, for phone or e-mail, the number or address."""

    def name(self) -> Text:
        return "validate_handoff_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        return required_contact_slots(tracker.get_slot("contact_method"))

    def extract_contact_method(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: Dict[Text, Any]) -> Dict[Text, Any]:
        return _extracted("contact_method", tracker)

    def extract_contact_value(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: Dict[Text, Any]) -> Dict[Text, Any]:
        return _extracted("contact_value", tracker)

    def validate_contact_method(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: Dict[Text, Any]) -> Dict[Text, Any]:
        return _explained(validate_reply("contact_method", value, tracker.slots), dispatcher)

    def validate_contact_value(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: Dict[Text, Any]) -> Dict[Text, Any]:
        return _explained(validate_reply("contact_value", value, tracker.slots), dispatcher)


def handoff_request(tracker: Tracker) -> HandoffRequest:
    """What the tracker tells about the conversation being handed over."""
    return HandoffRequest(
        conversation_id=tracker.sender_id,
        channel=tracker.get_latest_input_channel() or "unknown",
        level=tracker.get_slot("triage_level") or "none",
        red_flags=list(tracker.get_slot("red_flags") or []),
        transcript=transcript_from_events(tracker.events),
        contact_method=tracker.get_slot("contact_method") or "chat",
        contact_value=tracker.get_slot("contact_value"),
    )


class ActionRecordHandoff(Action):
    """Records the handoff, e-mails the therapists and tells the user what happens next."""

    def name(self) -> Text:
        return "action_record_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.get_slot("contact_method") == CANCELLED:
            for message in exits.closing(tracker.get_slot(exits.EXIT_SLOT), messages.cancelled()):
                dispatcher.utter_message(**message)
            return RESET_CONTACT
        # rasa-sdk builds actions itself: the action server's factory installed the settings.
        settings = current_settings()
        request = handoff_request(tracker)
        try:
            outcome = await asyncio.get_running_loop().run_in_executor(None, open_handoff, request, settings.app_db)
        except Exception:  # noqa: BLE001 - the user must hear a way to a human whatever broke
            logger.exception("Handoff for %s could not be recorded", tracker.sender_id[:8])
            dispatcher.utter_message(text=messages.not_recorded(settings.practice_phone))
            return RESET_CONTACT
        if outcome.created:
            notify_in_background(outcome, request, settings)
        dispatcher.utter_message(text=messages.handed_over(
            settings.practice_name, request.contact_method, request.contact_value, outcome.created))
        status: Optional[Text] = outcome.status
        return [SlotSet("handoff_status", status), SlotSet("handoff_notice_given", False), *RESET_CONTACT]


class ActionWithdrawHandoff(Action):
    """The user takes back their request for contact (bot/handoff/withdraw.py decides what stays)."""

    def name(self) -> Text:
        return "action_withdraw_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        outcome, close = withdrawal(tracker.get_slot("handoff_status"), tracker.get_slot("triage_level"))
        events: List[Dict[Text, Any]] = []
        if close:
            settings = current_settings()
            try:
                await asyncio.get_running_loop().run_in_executor(
                    None, close_open_handoff, tracker.sender_id, settings.app_db)
            except Exception:  # noqa: BLE001 - the request then simply stays open for a therapist
                logger.exception("Handoff of %s could not be taken back", tracker.sender_id[:8])
                dispatcher.utter_message(text=messages.not_withdrawn(settings.practice_phone))
                return []
            events.append(SlotSet("handoff_status", "closed"))
        dispatcher.utter_message(text=WITHDRAW_MESSAGES[outcome])
        return events
