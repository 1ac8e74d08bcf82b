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
    ("ok bedankt, ik vraag het volgende week aan de cardioloog", "utter_thank"),
])
def test_closing_words_get_their_answer_not_topic_buttons(text, response):
    assert [m["response"] for m in _run(text)] == [response]


def test_a_question_still_gets_the_topics():
    assert _run("hoe zit het met die dingen?")[0]["response"] == "utter_fallback_suggest"


@pytest.mark.parametrize("text", ["laat maar ik zet zelf wel een timer", "nvm ik zoek het zelf wel op"])
def test_letting_go_gets_a_plain_ok_not_topic_buttons(text):
    assert [m["response"] for m in _run(text)] == ["utter_deny_ack"]


def test_laat_maar_zien_is_no_letting_go():
    assert _run("laat maar zien hoe dat gaat")[0]["response"] != "utter_deny_ack"


def test_one_likely_topic_sure_enough_is_answered_by_the_action():
    ranking = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "breathing_exercise", "confidence": 0.52},
               {"name": "start_breathing", "confidence": 0.47}]
    latest = {"text": "adem oefening", "intent": {"name": "nlu_fallback"}, "intent_ranking": ranking}
    tracker = Tracker("gebruiker-1", {}, latest, [{"event": "user", "text": "adem oefening"}], False, None, {},
                      "action_listen")
    dispatcher = CollectingDispatcher()
    ActionFallbackSuggest().run(dispatcher, tracker, {"responses": {"utter_breathing_exercise": []}})
    assert [m["response"] for m in dispatcher.messages] == ["utter_breathing_exercise"]


@pytest.mark.parametrize("text", ["goed, dan bel ik even", "oke dan bel ik ze morgen wel"])
def test_a_plan_to_call_gets_a_plain_good_luck(text):
    assert [m["response"] for m in _run(text)] == ["utter_call_planned_plain"]
