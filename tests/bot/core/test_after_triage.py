"""A medicine question asked together with a soon or urgent red flag still gets its answer."""
from datetime import datetime, timezone

import pytest

from bot.core.after_triage import triage_level_of
from bot.core.turn_guard import TurnView, decide

MONDAY_MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
FOSAMAX = [{"entity": "red_flag", "value": "onset_age"}, {"entity": "medication", "value": "Fosamax"},
           {"entity": "interaction_class", "value": "bisphosphonates"}]


def view(entities=(), actions=(), slots=None, **kwargs):
    return TurnView(message_id="m1", intent=kwargs.pop("intent", "when_to_see_gp"), entities=list(entities),
                    slots=slots or {}, turn_actions=tuple(actions), now=MONDAY_MORNING, **kwargs)


@pytest.mark.parametrize("action, level", [
    ("utter_triage_soon", "soon"), ("utter_triage_urgent_after_hours_be", "urgent"),
    ("utter_triage_emergency_be", "emergency"), ("utter_offer_handoff", None),
])
def test_the_level_is_read_from_the_triage_response(action, level):
    assert triage_level_of(action) == level


@pytest.mark.parametrize("triage", ["utter_triage_soon", "utter_triage_urgent_after_hours", "utter_triage_urgent_be"])
def test_the_red_flag_reply_then_the_medicine_answer_then_the_offer(triage):
    assert decide(view(FOSAMAX)).action == "utter_triage_soon"
    check = decide(view(FOSAMAX, [triage]))
    assert check.action == "action_medication_check"
    assert check.slots["medication_check_mode"] == "answer"
    assert check.slots["warned_classes"] == ["bisphosphonates"]  # not warned again in passing later
    offer = decide(view(FOSAMAX, [triage, "action_medication_check"]))
    assert offer.action == "utter_offer_handoff" and offer.slots["open_question"] == "handoff"
    done = [triage, "action_medication_check", "utter_offer_handoff"]
    assert decide(view(FOSAMAX, done)).action == "action_listen"


def test_on_first_contact_the_introduction_comes_before_the_offer_so_its_buttons_stay_last():
    steps = ["utter_triage_soon", "action_medication_check", "utter_first_contact_intro", "utter_offer_handoff",
             "action_listen"]
    for done in range(1, len(steps)):
        assert decide(view(FOSAMAX, steps[:done], first_contact=True)).action == steps[done]
    flag = [{"entity": "red_flag", "value": "onset_age"}]
    assert decide(view(flag, ["utter_triage_urgent"], first_contact=True)).action == "utter_first_contact_intro"


def test_a_question_about_magnesium_and_medicines_is_answered_too():
    flag = [{"entity": "red_flag", "value": "fever"}]
    decision = decide(view(flag, ["utter_triage_urgent"], intent="magnesium_medication"))
    assert decision.action == "action_medication_check"


@pytest.mark.parametrize("triage", ["utter_triage_emergency", "utter_triage_crisis_be"])
def test_after_an_emergency_or_crisis_reply_comes_only_the_offer(triage):
    assert decide(view(FOSAMAX, [triage])).action == "utter_offer_handoff"


def test_without_a_medicine_the_offer_follows_the_red_flag_reply_at_once():
    flag = [{"entity": "red_flag", "value": "onset_age"}]
    assert decide(view(flag, ["utter_triage_soon"])).action == "utter_offer_handoff"


@pytest.mark.parametrize("status", ["open", "claimed"])
def test_while_a_handoff_is_under_way_the_answer_comes_and_no_offer(status):
    slots = {"handoff_status": status}
    assert decide(view(FOSAMAX, ["utter_triage_soon"], slots=slots)).action == "action_medication_check"
    answered = ["utter_triage_soon", "action_medication_check"]
    assert decide(view(FOSAMAX, answered, slots=slots)).action == "action_listen"


FEVER = [{"entity": "red_flag", "value": "fever"}]


def test_a_topic_the_nlu_placed_is_answered_between_the_reply_and_the_offer():
    asked = {"intent": "magnesium_dosage"}
    steps = ["utter_triage_urgent", "utter_magnesium_dosage", "utter_offer_handoff", "action_listen"]
    for done in range(1, len(steps)):
        assert decide(view(FEVER, steps[:done], **asked)).action == steps[done]


def test_a_medicine_and_a_topic_are_both_answered_medicine_first():
    asked = {"intent": "painkillers"}
    steps = ["utter_triage_soon", "action_medication_check", "utter_painkillers", "utter_offer_handoff"]
    for done in range(1, len(steps)):
        assert decide(view(FOSAMAX, steps[:done], **asked)).action == steps[done]


@pytest.mark.parametrize("intent", [
    "nlu_fallback",  # the NLU could not place it
    "when_to_see_gp",  # the red-flag reply answers it
    "flare_up",  # "meestal wordt het beter" would blur the advice
    "greet",  # no topic
])
def test_no_answer_for_a_guess_a_topic_the_reply_covers_or_no_topic(intent):
    decision = decide(view(FEVER, ["utter_triage_urgent"], intent=intent))
    assert decision.action == "utter_offer_handoff"


def test_after_an_emergency_reply_no_topic_is_answered_either():
    flag = [{"entity": "red_flag", "value": "bladder_bowel"}]
    decision = decide(view(flag, ["utter_triage_emergency"], intent="magnesium_dosage"))
    assert decision.action == "utter_offer_handoff"
