"""Low NLU confidence: first suggest the likely topics, then say honestly we did not understand.

A thank-you or goodbye the NLU could not place (thanks and goodbye tie) gets its own answer,
and so does "laat maar ..." (nothing to stop, so a plain "oké").
"""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.core.after_advice import PLANNED, call_news
from bot.fallback import context_answer, direct_answer, fallback_stage, open_question_of, previous_topic, topic_suggestions
from bot.forms.answer_words import is_stop
from bot.forms.turns import GOODBYE, THANK, closing


class ActionFallbackSuggest(Action):
    def name(self) -> Text:
        return "action_fallback_suggest"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        said = closing(text)
        if said in (GOODBYE, THANK):
            dispatcher.utter_message(response="utter_goodbye" if said == GOODBYE else "utter_thank")
            return []
        if call_news(text) == PLANNED:
            # "goed, dan bel ik even": a plan to call (the practice, the pharmacy), nothing to place.
            dispatcher.utter_message(response="utter_call_planned_plain")
            return []
        if is_stop(text):
            # "laat maar ik zet zelf wel een timer": nothing was misunderstood, nothing is open.
            dispatcher.utter_message(response="utter_deny_ack")
            return []
        ranking = tracker.latest_message.get("intent_ranking") or []
        responses = list((domain.get("responses") or {}).keys())
        answer = direct_answer(ranking, responses) or context_answer(ranking, previous_topic(tracker.events), responses)
        if answer:
            dispatcher.utter_message(response=answer)
            return []
        stage = fallback_stage(tracker.events)
        suggestions = topic_suggestions(ranking)
        if stage == 1 and suggestions:
            buttons = [{"title": title, "payload": payload} for title, payload in suggestions]
            dispatcher.utter_message(response="utter_fallback_suggest", buttons=buttons)
            question = open_question_of(suggestions)
            return [SlotSet("open_question", question)] if question else []
        else:
            dispatcher.utter_message(response="utter_fallback_give_up")
        return []
