"""The turn guard's decisions, step by step, without Rasa."""
from datetime import datetime, timezone

from bot.core.turn_guard import GuardDecision, TurnView, decide

MONDAY_MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def entity(kind, value):
    return {"entity": kind, "value": value}


def view(entities=(), actions=(), slots=None, **kwargs):
    return TurnView(message_id=kwargs.pop("message_id", "m1"), intent=kwargs.pop("intent", "greet"),
                    entities=list(entities), slots=slots or {}, turn_actions=tuple(actions),
                    now=MONDAY_MORNING, **kwargs)


def test_a_red_flag_escalates_first_and_records_the_contract():
    decision = decide(view([entity("red_flag", "bladder_bowel")]))
    assert decision.action == "utter_triage_emergency"
    assert decision.slots["triage_level"] == "emergency"
    assert decision.slots["red_flags"] == ["bladder_bowel"]
    assert decision.slots["triage_summary"]
    assert decision.end_active_loop is False


def test_a_red_flag_ends_an_active_form():
    decision = decide(view([entity("red_flag", "suicidal")], active_loop="plan_form"))
    assert decision.action == "utter_triage_crisis" and decision.end_active_loop


def test_belgian_practice_gets_belgian_numbers():
    assert decide(view([entity("red_flag", "suicidal")], country="BE")).action == "utter_triage_crisis_be"


def test_the_level_never_goes_down():
    decision = decide(view([entity("red_flag", "weight_loss")],
                           slots={"triage_level": "emergency", "red_flags": ["bladder_bowel"]}))
    assert decision.action == "utter_triage_soon"
    assert "triage_level" not in decision.slots  # unchanged: still emergency
    assert decision.slots["red_flags"] == ["bladder_bowel", "weight_loss"]


def test_after_the_escalation_comes_the_offer_then_listening():
    flags = [entity("red_flag", "fever")]
    assert decide(view(flags, ["utter_triage_urgent"])).action == "utter_offer_handoff"
    assert decide(view(flags, ["utter_triage_urgent", "utter_offer_handoff"])).action == "action_listen"


def test_no_offer_when_a_therapist_already_has_it():
    flags = [entity("red_flag", "fever")]
    decision = decide(view(flags, ["utter_triage_urgent"], slots={"handoff_status": "claimed"}))
    assert decision.action == "action_listen"


def test_while_a_therapist_talks_the_assistant_says_so_once_then_stays_quiet():
    assert decide(view(slots={"handoff_status": "claimed"})).action == "utter_handoff_waiting"
    quiet = decide(view(slots={"handoff_status": "claimed", "handoff_notice_given": True}))
    assert quiet.action == "action_listen"


def test_red_flags_are_still_checked_during_a_handoff():
    decision = decide(view([entity("red_flag", "suicidal")], slots={"handoff_status": "claimed"}))
    assert decision.action == "utter_triage_crisis"


def test_unreadable_input_gets_a_specific_answer_but_not_inside_a_form():
    assert decide(view([entity("input_issue", "empty")])).action == "utter_bad_input_empty"
    assert decide(view([entity("input_issue", "other_language")])).action == "utter_bad_input_other_language"
    assert decide(view(typed_command=True)).action == "utter_typed_command"
    assert decide(view([entity("input_issue", "empty")], active_loop="plan_form")).action is None


def test_a_medicine_in_passing_is_warned_about_once():
    meds = [entity("medication", "levothyroxine"), entity("interaction_class", "levothyroxine")]
    first = decide(view(meds, intent="sleep_tips"))
    assert first.action == "action_medication_check"
    assert first.slots["classes_to_warn"] == ["levothyroxine"]
    assert first.slots["medication_check_mode"] == "passing"
    after = {**first.slots}
    assert decide(view(meds, intent="sleep_tips", slots=after)).action is None  # same message
    later = decide(view(meds, intent="sleep_tips", slots=after, message_id="m2"))
    assert later.action is None  # a new message, but the class was already warned about


def test_an_answer_to_which_medicines_goes_to_the_check():
    decision = decide(view(intent="deny", slots={"awaiting_medications": True}))
    assert decision.action == "action_medication_check"
    assert decision.slots["medication_check_mode"] == "answer"
    assert decide(view(actions=["action_medication_check"], slots={"medication_check_mode": "answer"})).action == "action_listen"


def test_ordinary_messages_are_left_to_the_other_policies():
    assert decide(view()) == GuardDecision(None, {})


def test_the_level_judged_in_context_wins_over_the_codes_own_level():
    both_legs = [{"entity": "red_flag", "value": "leg_weakness", "level": "emergency"}]
    decision = decide(view(both_legs))
    assert decision.action == "utter_triage_emergency"
    assert decision.slots["triage_level"] == "emergency"
