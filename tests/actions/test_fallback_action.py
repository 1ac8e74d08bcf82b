"""The fallback action: a thank-you or goodbye the NLU could not place is answered as one."""
import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallbackSuggest

RANKING = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "thank", "confidence": 0.33},
           {"name": "sleep_tips", "confidence": 0.2}]


def _run(text, events=()):
    latest = {"text": text, "intent": {"name": "nlu_fallback"}, "intent_ranking": RANKING}
    events = [*events, {"event": "user", "text": text}]
    tracker = Tracker("gebruiker-1", {}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionFallbackSuggest().run(dispatcher, tracker, {})
    return dispatcher.messages


@pytest.mark.parametrize("text, response", [
    ("Dank u wel voor de uitleg.", "utter_thank"), ("merci, salu!", "utter_goodbye"),
    ("oke, ik vraag het de apotheker. dankjewel", "utter_thank"),
])
def test_closing_words_get_their_answer_not_topic_buttons(text, response):
    assert [m["response"] for m in _run(text)] == [response]


def test_a_question_still_gets_the_topics():
    assert _run("hoe zit het met die dingen?")[0]["response"] == "utter_fallback_suggest"
