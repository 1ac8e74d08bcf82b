"""The turn guard's decisions, step by step, without Rasa."""
from datetime import datetime, timezone

import pytest

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


# ---- open questions: typed answers, in any state ----

def test_the_offer_after_an_escalation_is_remembered_as_an_open_question():
    decision = decide(view([entity("red_flag", "fever")], ["utter_triage_urgent"]))
    assert decision.action == "utter_offer_handoff"
    assert decision.slots["open_question"] == "handoff"


@pytest.mark.parametrize("text", ["ja", "ja graag", "Ja, graag", "ja, geef maar door", "graag", "doe maar",
                                  "oké", "is goed", "prima", "/request_therapist"])
@pytest.mark.parametrize("state", [{}, {"handoff_status": "closed"}, {"triage_level": "emergency"}])
def test_a_typed_yes_to_the_offer_starts_the_handoff(text, state):
    decision = decide(view(intent="nlu_fallback", text=text, slots={"open_question": "handoff", **state}))
    assert decision.action == "handoff_form"
    assert decision.slots["open_question"] is None


@pytest.mark.parametrize("text", ["nee", "nee dank je", "liever niet", "laat maar", "/deny"])
def test_a_typed_no_to_the_offer_is_answered_kindly(text):
    decision = decide(view(intent="affirm", text=text, slots={"open_question": "handoff"}))
    assert decision.action == "utter_handoff_declined"
    assert decide(view(actions=["utter_handoff_declined"])).action == "action_listen"


def test_a_yes_with_a_phone_number_starts_the_handoff_with_both():
    decision = decide(view(intent="affirm", text="ja da mag, bel mij maar op 0478 12 34 56",
                           slots={"open_question": "handoff"}))
    assert decision.action == "handoff_form"
    assert decision.slots["contact_method"] == "phone" and decision.slots["contact_value"] == "0478123456"


def test_a_contact_method_typed_after_the_offer_starts_the_handoff_with_it():
    decision = decide(view(intent="sleep_tips", text="telefoon", slots={"open_question": "handoff"}))
    assert decision.action == "handoff_form"
    assert decision.slots["contact_method"] == "phone"


def test_an_unsure_answer_asks_again_and_keeps_the_question_open():
    decision = decide(view(text="ja maar misschien later", slots={"open_question": "handoff"}))
    assert decision.action == "utter_offer_handoff"
    assert decision.slots["open_question"] == "handoff"


def test_something_else_closes_the_question_and_goes_its_own_way():
    decision = decide(view(intent="magnesium_dosage", text="hoeveel magnesium mag ik per dag",
                           slots={"open_question": "handoff"}))
    assert decision.action is None
    assert decision.slots == {"open_question": None}


def test_the_offer_of_a_red_flag_reply_stays_open_over_one_other_message():
    # "weer zo'n standaard antwoord", then "ja doe maar dan, verbind maar door".
    other = decide(view(intent="setback", text="weer zo'n standaard antwoord",
                        slots={"open_question": "handoff", "triage_level": "emergency"}))
    assert other.action is None
    assert other.slots["open_question"] == "handoff:kept"
    yes = decide(view(intent="affirm", text="ja doe maar dan, verbind maar door",
                      slots={"open_question": "handoff:kept", "triage_level": "emergency"}))
    assert yes.action == "handoff_form"
    assert yes.slots["open_question"] is None
    # ...but not over two: a later "ja" answers something else.
    again = decide(view(intent="sleep_tips", text="en wat helpt tegen slecht slapen",
                        slots={"open_question": "handoff:kept", "triage_level": "emergency"}))
    assert again.slots == {"open_question": None}


def test_an_unsure_answer_after_the_crisis_reply_gives_the_lines_and_the_offer_again():
    decision = decide(view(intent="nlu_fallback", text="weet ik niet",
                           slots={"open_question": "handoff", "triage_level": "crisis"}))
    assert decision.action == "utter_crisis_lines_offer"
    assert decide(view(actions=["utter_crisis_lines_offer"])).slots == {"open_question": "handoff"}


def test_a_yes_that_names_a_flemish_city_after_the_crisis_reply_gets_1813_first():
    decision = decide(view(intent="affirm", text="ja soms denk ik daar wel aan. ik woon in gent",
                           slots={"open_question": "handoff", "triage_level": "crisis"}))
    assert decision.action == "utter_crisis_lines_offer_be"


@pytest.mark.parametrize("text", ["daar wil ik liever niet over praten", "ik wil er niet over praten"])
def test_not_wanting_to_talk_about_it_declines_the_offer(text):
    decision = decide(view(intent="deny", text=text, slots={"open_question": "handoff", "triage_level": "crisis"}))
    assert decision.action == "utter_handoff_declined"


def test_a_question_about_the_gp_after_the_crisis_lines_is_no_route_question():
    decision = decide(view(intent="when_to_see_gp", text="moet ik naar de huisdokter voor die pijn?",
                           slots={"triage_level": "crisis"}))
    assert decision.action is None


def test_a_parent_who_finds_the_doctor_overdone_gets_the_advice_again():
    decision = decide(view(intent="nlu_fallback", text="Ze wil eigenlijk niet naar de dokter, ze vindt dat overdreven.",
                           slots={"triage_level": "urgent"}))
    assert decision.action.startswith("utter_safety_urgency_urgent")


@pytest.mark.parametrize("said, asked_by, yes", [
    ((), "utter_practice_therapists", "ja doe maar"),
    ((entity("input_issue", "other_language"),), "utter_bad_input_other_language", "yes"),
])
def test_the_offer_at_the_end_of_other_answers_takes_a_typed_answer(said, asked_by, yes):
    decision = decide(view(list(said), actions=[asked_by]))
    assert decision.action == "action_listen"
    assert decision.slots == {"open_question": "handoff"}
    assert decide(view(intent="nlu_fallback", text=yes, slots=decision.slots)).action == "handoff_form"


def test_a_question_asked_by_a_rule_is_remembered_too():
    decision = decide(view(intent="delete_my_data", actions=["utter_confirm_delete"]))
    assert decision.action == "action_listen"
    assert decision.slots == {"open_question": "erase"}
    inside_a_form = decide(view(actions=["utter_confirm_delete"], active_loop="plan_form"))
    assert "open_question" not in inside_a_form.slots


# ---- erasure from any state ----

ERASE = [entity("privacy_request", "erase")]


@pytest.mark.parametrize("state, loop", [
    ({}, None), ({"requested_slot": "plan_movement_minutes"}, "plan_form"), ({}, "pain_form"),
    ({}, "handoff_form"), ({"awaiting_medications": True}, None), ({"handoff_status": "claimed"}, None),
    ({"open_question": "handoff", "triage_level": "emergency"}, None), ({"breathing_started": 1.0}, None),
])
def test_an_erasure_request_is_confirmed_first_in_any_state(state, loop):
    decision = decide(view(ERASE, intent="nlu_fallback", text="verwijder mijn gegevens", slots=state,
                           active_loop=loop))
    assert decision.action == "utter_confirm_delete"
    assert decision.slots["open_question"] == "erase"
    assert decision.end_active_loop is (loop is not None)


def test_telegrams_vergeetmij_payload_is_an_erasure_request():
    decision = decide(view(intent="delete_my_data", text="/delete_my_data", active_loop="plan_form"))
    assert decision.action == "utter_confirm_delete"
    typed = decide(view(intent="delete_my_data", text="delete my data", typed_command=True, active_loop="plan_form"))
    assert typed.action != "utter_confirm_delete"


@pytest.mark.parametrize("text, action", [("ja", "action_delete_my_data"), ("ja, wis alles", "action_delete_my_data"),
                                          ("/affirm", "action_delete_my_data"), ("nee", "utter_delete_cancelled"),
                                          ("nee toch niet", "utter_delete_cancelled"), ("misschien", "utter_confirm_delete")])
def test_the_erasure_confirmation_reads_typed_answers(text, action):
    decision = decide(view(text=text, slots={"open_question": "erase", "handoff_status": "claimed"}))
    assert decision.action == action


@pytest.mark.parametrize("text", [
    "Goed. Dan mijn vraag: ik zit de hele dag aan mijn bureau en 's middags wordt mijn rug steeds stijver.",
    "ok, ik wilde eigenlijk nog iets vragen over mijn plan en de herinneringen van morgen ochtend",
])
def test_an_acknowledgement_that_moves_on_erases_nothing(text):
    decision = decide(view(text=text, slots={"open_question": "erase"}))
    assert decision.action != "action_delete_my_data"


def test_a_yes_that_names_the_erasing_still_erases():
    decision = decide(view(text="ja doe maar, alles weg", slots={"open_question": "erase"}))
    assert decision.action == "action_delete_my_data"


def test_a_question_about_erasing_later_gets_the_privacy_information():
    decision = decide(view(intent="delete_my_data", text="En kan ik later alles laten verwijderen als ik dat wil?"))
    assert decision.action == "utter_privacy_info"


def test_a_red_flag_inside_the_erasure_confirmation_escalates_first():
    decision = decide(view([entity("red_flag", "bladder_bowel")], text="ja maar ik kan niet meer plassen",
                           slots={"open_question": "erase"}))
    assert decision.action == "utter_triage_emergency"
    assert decision.slots["open_question"] is None


# ---- clarifying safety questions ----

def test_an_uncertain_crisis_signal_gets_the_question_not_the_escalation():
    decision = decide(view([entity("safety_question", "crisis")], text="ik weet het allemaal niet meer",
                           active_loop="plan_form"))
    assert decision.action == "utter_safety_question"
    assert decision.slots["open_question"] == "safety:crisis"
    assert "einde aan je leven" in decision.slots["safety_question_text"]
    assert not decision.end_active_loop  # the form waits: a "nee" goes back to it
    assert decide(view(actions=["utter_safety_question"])).action == "action_listen"


@pytest.mark.parametrize("loop", ["plan_form", "handoff_form"])
def test_no_to_the_crisis_question_inside_a_form_goes_back_to_the_form(loop):
    asked = {"open_question": "safety:crisis"}
    calm = decide(view(text="nee hoor", slots=asked, active_loop=loop))
    assert calm.action == "utter_safety_calm" and not calm.end_active_loop
    assert "113" in calm.slots["safety_calm_text"]
    assert "verder waar we waren" in calm.slots["safety_calm_text"]
    assert "Waar kan ik je nu mee helpen" not in calm.slots["safety_calm_text"]
    assert calm.slots["open_question"] is None
    assert decide(view(actions=["utter_safety_calm"], active_loop=loop)).action == loop
    assert decide(view(actions=["utter_safety_calm"])).action == "action_listen"


def test_a_plain_reply_inside_a_form_is_not_asked_the_classifiers_crisis_question():
    # "Liever niet" is a button of the handoff form's contact question; typed, with "laat maar".
    reply = decide(view([entity("safety_question", "crisis")], text="liever niet eigenlijk, laat maar",
                        active_loop="handoff_form"))
    assert reply.action != "utter_safety_question"
    # The rule layers' own question is asked whatever the form: "ik wil niet meer" reads as a
    # "no" too, but may mean much more.
    rule = decide(view([entity("safety_question", "crisis")], text="nee, ik wil niet meer", active_loop="handoff_form"))
    assert rule.action == "utter_safety_question"
    # Outside a form the same short reply is still asked about.
    outside = decide(view([entity("safety_question", "crisis")], text="liever niet eigenlijk, laat maar"))
    assert outside.action == "utter_safety_question"


def test_a_form_answer_without_a_word_of_the_crisis_topic_is_not_asked_the_question():
    text = "Niet zoveel eerlijk gezegd, een glas of vier per dag denk ik."
    inside = decide(view([entity("safety_question", "crisis")], text=text, active_loop="plan_form"))
    assert inside.action != "utter_safety_question"
    dark = decide(view([entity("safety_question", "crisis")], text="het heeft allemaal geen zin meer",
                       active_loop="plan_form"))
    assert dark.action == "utter_safety_question"


def test_a_request_to_erase_ones_data_is_confirmed_not_asked_the_crisis_question():
    text = "eigenlijk wil ik alles wissen wat je van me hebt"
    decision = decide(view([entity("safety_question", "crisis"), entity("privacy_request", "erase")], text=text))
    assert decision.action == "utter_confirm_delete"


def test_yes_to_the_crisis_question_inside_a_form_ends_the_form():
    decision = decide(view(text="ja", slots={"open_question": "safety:crisis"}, active_loop="plan_form"))
    assert decision.action == "utter_triage_crisis" and decision.end_active_loop


def test_an_unreadable_reply_inside_a_form_is_asked_once_more_then_left_to_the_form():
    again = decide(view(text="twintig minuten", slots={"open_question": "safety:crisis"}, active_loop="plan_form"))
    assert again.action == "utter_safety_ask_again" and not again.end_active_loop
    let_go = decide(view(text="twintig minuten", slots={"open_question": "safety:crisis:again"},
                         active_loop="plan_form"))
    assert let_go.action is None and let_go.slots == {"open_question": None}


def test_a_confident_flag_is_never_delayed_by_a_question():
    decision = decide(view([entity("red_flag", "suicidal"), entity("safety_question", "crisis")]))
    assert decision.action == "utter_triage_crisis"


@pytest.mark.parametrize("text", ["ja", "ja, soms", "misschien", "weet ik niet", "/affirm"])
def test_yes_or_unsure_to_the_crisis_question_gives_113_and_the_offer(text):
    decision = decide(view(text=text, slots={"open_question": "safety:crisis"}))
    assert decision.action == "utter_triage_crisis"
    assert decision.slots["triage_level"] == "crisis"
    assert decision.slots["red_flags"] == ["suicidal"]
    assert decision.slots["open_question"] is None
    assert decide(view(actions=["utter_triage_crisis"], slots=decision.slots)).action == "utter_offer_handoff"
    assert decide(view(text=text, slots={"open_question": "safety:crisis"}, country="BE")).action == "utter_triage_crisis_be"


@pytest.mark.parametrize("text", ["nee", "nee hoor", "nee, dat niet", "/deny"])
def test_no_to_the_crisis_question_continues_kindly(text):
    decision = decide(view(text=text, slots={"open_question": "safety:crisis"}))
    assert decision.action == "utter_safety_calm"
    assert "113" in decision.slots["safety_calm_text"]
    assert "triage_level" not in decision.slots
    be = decide(view(text=text, slots={"open_question": "safety:crisis"}, country="BE"))
    assert "1813" in be.slots["safety_calm_text"]


def test_a_physical_question_escalates_on_the_answer_its_catalogue_names():
    assert decide(view(text="nee", slots={"open_question": "safety:bladder_bowel"})).action == "utter_triage_emergency"
    calm = decide(view(text="ja hoor", slots={"open_question": "safety:bladder_bowel"}))
    assert calm.action == "utter_safety_calm" and "112" in calm.slots["safety_calm_text"]


# ---- first contact ----

def test_on_first_contact_the_escalation_comes_first_and_the_introduction_last():
    flags = [entity("red_flag", "bladder_bowel")]
    assert decide(view(flags, first_contact=True)).action == "utter_triage_emergency"
    chain = ["utter_triage_emergency", "utter_offer_handoff"]
    assert decide(view(flags, chain, first_contact=True)).action == "utter_first_contact_intro"
    assert decide(view(flags, [*chain, "utter_first_contact_intro"], first_contact=True)).action == "action_listen"
    assert decide(view(flags, chain)).action == "action_listen"
    asked = ["utter_safety_question"]
    assert decide(view(actions=asked, first_contact=True)).action == "utter_first_contact_intro"


def test_a_question_about_calling_is_not_taken_as_a_contact_method():
    decision = decide(view(intent="when_to_see_gp", text="moet ik de huisarts bellen?",
                           slots={"open_question": "handoff"}))
    assert decision.action is None


def test_an_answer_that_repeats_the_request_confirms_it():
    decision = decide(view(ERASE, text="ja, wis alles", slots={"open_question": "erase"}))
    assert decision.action == "action_delete_my_data"
    again = decide(view(ERASE, text="verwijder mijn gegevens", slots={"open_question": "erase"}))
    assert again.action == "utter_confirm_delete"


def test_a_reply_the_reader_cannot_place_gets_the_safety_question_once_more():
    first = decide(view(intent="magnesium_dosage", text="waarom vraag je dat?",
                        slots={"open_question": "safety:crisis"}))
    assert first.action == "utter_safety_ask_again"
    assert first.slots["open_question"] == "safety:crisis:again"
    assert decide(view(actions=["utter_safety_ask_again"])).action == "utter_safety_question"
    assert decide(view(actions=["utter_safety_ask_again", "utter_safety_question"])).action == "action_listen"
    assert decide(view(text="ja", slots={"open_question": "safety:crisis:again"})).action == "utter_triage_crisis"
    let_go = decide(view(intent="greet", text="hmm",
                         slots={"open_question": "safety:crisis:again"}))
    assert let_go.action is None and let_go.slots == {"open_question": None}
    # A question on another topic is answered, after one line on where help is.
    other = decide(view(intent="magnesium_dosage", text="hoeveel magnesium mag ik",
                        slots={"open_question": "safety:crisis:again"}))
    assert other.action == "action_safety_door_open" and other.slots["open_question"] is None


def test_an_uncertain_crisis_signal_goes_before_an_erasure_request():
    # A question the rule layers raise ("geen zin meer") is asked first; one the classifier
    # alone raises on a plain erasure request is not (see the test above).
    both = [entity("safety_question", "crisis"), entity("privacy_request", "erase")]
    text = "wis al mijn gegevens maar, het heeft allemaal geen zin meer"
    assert decide(view(both, text=text)).action == "utter_safety_question"
    answering = decide(view([entity("safety_question", "crisis")], text="ja graag", slots={"open_question": "handoff"}))
    assert answering.action == "handoff_form"


def test_an_unsure_detector_does_not_ask_the_open_question_on_every_reply():
    signal = [entity("safety_question", "crisis")]
    first = decide(view(signal, intent="magnesium_dosage", text="magnesium helpt toch tegen stress",
                        slots={"open_question": "safety:crisis"}))
    assert first.action == "utter_safety_ask_again"
    let_go = decide(view(signal, intent="magnesium_dosage", text="hoeveel magnesium mag ik",
                         slots={"open_question": "safety:crisis:again"}))
    assert let_go.action is None and let_go.slots == {"open_question": None}
    assert decide(view(signal, intent="goodbye", text="doei")).action == "utter_safety_question"


@pytest.mark.parametrize("text", ["toch wel, mijn nummer is 0612398765", "bel me op 020-1234567"])
def test_a_phone_number_typed_outside_a_form_starts_the_handoff_with_it(text):
    decision = decide(view(intent="report_pain", text=text))
    assert decision.action == "handoff_form"
    assert decision.slots["contact_method"] == "phone" and decision.slots["contact_value"].startswith("0")


@pytest.mark.parametrize("kwargs", [
    {"active_loop": "pain_form"}, {"slots": {"handoff_status": "claimed"}}, {"slots": {"awaiting_medications": True}},
])
def test_a_phone_number_inside_a_form_or_a_therapists_chat_is_left_to_them(kwargs):
    assert decide(view(intent="report_pain", text="mijn nummer is 0612398765", **kwargs)).action != "handoff_form"


def test_a_number_that_is_no_phone_number_starts_no_handoff():
    assert decide(view(intent="report_pain", text="mijn pijn is een 7, al 3 dagen")).action != "handoff_form"


def test_a_hello_right_after_the_welcome_gets_no_second_greeting():
    assert decide(view(intent="greet", welcomed=True)).action == "action_listen"
    assert decide(view(intent="greet")).action is None
    assert decide(view([entity("red_flag", "bladder_bowel")], intent="greet", welcomed=True)).action == "utter_triage_emergency"


def test_a_statement_is_no_yes_to_the_crisis_question():
    crisis = {"open_question": "safety:crisis"}
    pain = decide(view(intent="flare_up", text="ik heb gewoon veel pijn", slots=crisis))
    assert pain.action != "utter_triage_crisis"
    assert decide(view(intent="affirm", text="ja", slots=crisis)).action == "utter_triage_crisis"
    assert decide(view(intent="affirm", text="ja, maar wat moet ik nu doen?", slots=crisis)).action == "utter_triage_crisis"


def test_a_named_medicine_next_to_magnesium_decides_an_unplaced_message():
    named = [entity("medication", "naproxen")]
    decision = decide(view(named, intent="nlu_fallback", text="ik gebruik naproxen en magnesium, kan dat samen?"))
    assert decision.action == "action_medication_check"
    assert decision.slots["medication_check_mode"] == "answer"
    # Without magnesium, or with a topic the NLU was sure of, the other policies decide.
    assert decide(view(named, intent="nlu_fallback", text="ik gebruik naproxen")).action is None
    assert decide(view(named, intent="painkillers", text="naproxen en magnesium?")).action is None


def test_an_unknown_medicine_named_after_a_medicine_answer_gets_the_medicine_check():
    earlier = {"medications": ["furosemide"], "interaction_classes": ["diuretics"]}
    named = decide(view(intent="nlu_fallback", text="het andere heet volgens mij xarelto", slots=earlier))
    assert named.action == "action_medication_check"
    assert named.slots["medication_check_mode"] == "answer"
    # Without medicines earlier, or with a person's name, the NLU's fallback stands.
    assert decide(view(intent="nlu_fallback", text="het andere heet volgens mij xarelto")).action is None
    assert decide(view(intent="nlu_fallback", text="mijn naam is Kowalski", slots=earlier)).action is None
    # Asking about the time between them after a warning is about those medicines too.
    between = decide(view(intent="nlu_fallback", text="ok sorry, ik probeer nederlands: hoe lang moet er tussen?",
                          slots=earlier))
    assert between.action == "action_medication_check"
    assert decide(view(intent="nlu_fallback", text="hoe lang moet er tussen?")).action is None
    # The NLU reads the mixed-language start as off-topic; the question is still about them.
    off_topic = decide(view(intent="out_of_scope", text="ok sorry, ik probeer nederlands: hoe lang moet er tussen?",
                            slots=earlier))
    assert off_topic.action == "action_medication_check"
    assert decide(view(intent="out_of_scope", text="hoe laat begint ajax vanavond?", slots=earlier)).action is None
    assert decide(view(intent="out_of_scope", text="hoe lang moet er tussen?")).action is None
    # "het verschil tussen" asks for a difference, not for hours between medicines.
    difference = "en wa is eigenlijk het verschil tussen een kine en een fysio? ik woon in belgie"
    assert decide(view(intent="nlu_fallback", text=difference, slots=earlier)).action != "action_medication_check"
    at_once = decide(view(intent="nlu_fallback", text="kan ik ze niet allemaal in 1 keer nemen 's ochtends", slots=earlier))
    assert at_once.action == "action_medication_check"


def test_a_medicine_clash_in_another_language_is_still_warned_about_after_the_language_reply():
    said = [entity("input_issue", "other_language"), entity("medication", "doxycycline"),
            entity("interaction_class", "tetracyclines")]
    text = "I take doxycycline, can I take magnesium?"
    assert decide(view(said, text=text)).action == "utter_bad_input_other_language"
    warning = decide(view(said, text=text, actions=["utter_bad_input_other_language"]))
    assert warning.action == "action_medication_check"
    assert warning.slots["classes_to_warn"] == ["tetracyclines"]
    assert warning.slots["medications"] == ["doxycycline"]
    done = decide(view(said, text=text, actions=["utter_bad_input_other_language", "action_medication_check"]))
    assert done.action == "action_listen"
    # Without a clash, the language reply stands alone.
    plain = [entity("input_issue", "other_language")]
    assert decide(view(plain, text="how are you", actions=["utter_bad_input_other_language"])).action == "action_listen"


@pytest.mark.parametrize("text, slots, stops", [
    ("moet ik dan stoppen met mijn maagpillen?", {}, True),
    ("kan ik beter stoppen met de pantoprazol?", {}, False),  # no entity in this bare view
    ("moet ik er dan mee stoppen?", {"medications": ["pantoprazol"]}, True),
    ("moet ik er dan mee stoppen?", {}, False),
    ("moet ik stoppen met magnesium?", {}, False),
    ("ik wil stoppen met de herinneringen", {}, False),
])
def test_a_question_about_stopping_a_medicine_gets_ask_your_gp_or_pharmacist(text, slots, stops):
    decision = decide(view(intent="nlu_fallback", text=text, slots=slots))
    assert (decision.action == "utter_medicine_stop") is stops
    if stops:
        assert decide(view(intent="nlu_fallback", text=text, slots=slots,
                           actions=["utter_medicine_stop"])).action == "action_listen"


def test_a_message_that_ends_with_a_goodbye_gets_the_goodbye_whatever_its_topic_words():
    text = "het gaat al iets beter met de warmte. bedankt he, ik ga liggen. dag"
    assert decide(view(intent="heat_cold", text=text)).action == "utter_goodbye"
    assert decide(view(intent="heat_cold", text=text, actions=["utter_goodbye"])).action == "action_listen"
    # A goodbye word first greets; a question at the end is answered; a form reads its own.
    assert decide(view(intent="magnesium_pregnancy", text="dag, ik geef borstvoeding, mag ik magnesium")).action is None
    assert decide(view(intent="heat_cold", text="warmte of kou? doei")).action is None
    assert decide(view(intent="heat_cold", text=text, active_loop="plan_form")).action != "utter_goodbye"


def test_a_medicine_with_no_known_clash_is_remembered_so_a_next_unknown_name_gets_the_pharmacist():
    ibuprofen = [{"entity": "medication", "value": "ibuprofen"}]
    first = decide(view(ibuprofen, intent="magnesium_medication", text="mijn man slikt ibuprofen, mag magnesium erbij?"))
    assert first.slots.get("medications") == ["ibuprofen"]
    later = decide(view(intent="out_of_scope", text="hij neemt ook nog xarelto, zo'n bloedverdunner",
                        slots={"medications": ["ibuprofen"]}))
    assert later.action == "action_medication_check"


def test_wacht_mn_baas_belt_gets_a_patient_answer_and_a_form_keeps_its_question():
    assert decide(view(intent="out_of_scope", text="wacht mn baas belt")).action == "utter_hold_on"
    in_form = decide(view(intent="out_of_scope", text="momentje", active_loop="plan_form"))
    assert in_form.action == "utter_hold_on" and not in_form.end_active_loop
    assert decide(view(intent="out_of_scope", text="momentje", actions=["utter_hold_on"])).action == "action_listen"
    # A question after "wacht" is a question; waiting until tomorrow is no pause.
    assert decide(view(intent="magnesium_dosage", text="wacht, hoeveel mag ik dan?")).action is None
    assert decide(view(intent="out_of_scope", text="wacht tot morgen met bellen")).action != "utter_hold_on"


@pytest.mark.parametrize("text", ["Dank u wel.", "dank je wel", "bedankt hoor"])
def test_thanks_never_confirm_erasing_everything(text):
    assert decide(view(intent="thank", text=text, slots={"open_question": "erase"})).action != "action_delete_my_data"
    assert decide(view(intent="affirm", text="ja, wis alles", slots={"open_question": "erase"})).action == \
        "action_delete_my_data"


def test_an_unknown_medicine_with_magnesium_or_a_question_to_stop_it_is_never_out_of_scope():
    asked = decide(view(intent="out_of_scope", text="ik neem ook sertraline, kan ik magnesium nemen?"))
    assert asked.action == "action_medication_check"
    stop = decide(view(intent="out_of_scope", text="en mag ik mijn sertraline stoppen nu ik me beter voel?"))
    assert stop.action == "utter_medicine_stop"
    for text in ("mag ik stoppen met yoga?", "kan ik mijn abonnement stoppen?", "mag mijn hond magnesium?"):
        assert decide(view(intent="out_of_scope", text=text)).action is None, text


def test_a_pain_score_given_in_the_pain_form_is_no_reason_for_the_learned_crisis_question():
    crisis = [{"entity": "safety_question", "value": "crisis"}]
    slots = {"requested_slot": "pain_score"}
    text = "'k zou zeggen ne zeven, gisteren was da nog erger"
    assert decide(view(crisis, intent="report_pain", text=text, slots=slots, active_loop="pain_form")).action != \
        "utter_safety_question"
    # Outside the form, the same question is asked.
    assert decide(view(crisis, intent="report_pain", text=text)).action == "utter_safety_question"


def test_after_a_crisis_reply_a_new_crisis_signal_gets_the_lines_again_not_the_question():
    decision = decide(view([entity("safety_question", "crisis")], text="heeft toch geen zin, niemand kan me helpen",
                           slots={"triage_level": "crisis"}))
    assert decision.action == "utter_safety_urgency_crisis"


def test_without_an_earlier_crisis_the_question_is_asked():
    decision = decide(view([entity("safety_question", "crisis")], text="heeft toch geen zin, niemand kan me helpen"))
    assert decision.action == "utter_safety_question"


@pytest.mark.parametrize("text", ["hallo??? ben je er nog", "is daar iemand?", "zijt ge der nog"])
def test_asking_whether_the_assistant_is_still_there_gets_a_yes(text):
    assert decide(view(intent="greet", text=text)).action == "utter_still_here"
    assert decide(view(intent="greet", text=text, actions=["utter_still_here"])).action == "action_listen"


def test_a_question_after_ben_je_er_nog_is_a_question():
    assert decide(view(intent="magnesium_dosage", text="ben je er nog, hoeveel magnesium mag ik?")).action is None


def test_a_second_question_is_answered_after_the_first():
    second = [entity("second_topic", "practice_hours")]
    after_first = decide(view(second, ["utter_magnesium_dosage"], intent="magnesium_dosage",
                              text="hoeveel magnesium per dag en tot hoe laat zijn jullie open"))
    assert after_first.action == "utter_practice_hours"
    done = decide(view(second, ["utter_magnesium_dosage", "utter_practice_hours"], intent="magnesium_dosage"))
    assert done.action == "action_listen"
    # Not inside a form, and not after anything but the first topic's own answer.
    assert decide(view(second, ["utter_magnesium_dosage"], intent="magnesium_dosage",
                       active_loop="plan_form")).action != "utter_practice_hours"
    assert decide(view(second, ["action_medication_check"], intent="magnesium_dosage")).action != "utter_practice_hours"


def test_a_question_after_thanks_is_answered_instead_of_the_thanks():
    second = [entity("second_topic", "magnesium_timing")]
    text = "Dank u wel. Moet ik de calcium dan ook op een ander moment nemen?"
    assert decide(view(second, intent="thank", text=text)).action == "utter_magnesium_timing"
    assert decide(view(second, ["utter_magnesium_timing"], intent="thank", text=text)).action == "action_listen"


def test_asking_whether_someone_is_in_danger_gets_the_advice_again():
    decision = decide(view(intent="nlu_fallback", text="is hij nu in gevaar denk je?", slots={"triage_level": "emergency"}))
    assert decision.action == "utter_safety_urgency_emergency"


def test_a_call_to_113_someone_plans_with_the_writer_is_acknowledged_with_the_lines():
    decision = decide(view(intent="nlu_fallback", text="ze wil met mij samen 113 bellen. moet ik nog iets voorbereiden?",
                           slots={"triage_level": "crisis"}))
    assert decision.action == "utter_call_planned_crisis"


def test_more_despair_after_the_crisis_reply_gets_the_lines_again_whatever_the_classifier():
    text = "heeft toch geen zin, niemand kan me helpen"
    for intent in ("nlu_fallback", "feeling_down"):
        decision = decide(view(intent=intent, text=text, slots={"triage_level": "crisis"}))
        assert decision.action == "utter_safety_urgency_crisis"
    # A question on a topic is answered as usual.
    assert decide(view(intent="nlu_fallback", text="hoeveel magnesium mag ik per dag?",
                       slots={"triage_level": "crisis"})).action is None


def learned(code):
    return {"entity": "red_flag", "value": code, "layer": "learned", "level": "crisis"}


def test_a_plan_answer_is_not_taken_for_despair_by_the_classifier_alone():
    slots = {"requested_slot": "plan_breathing_count"}
    text = "Een keer per dag lijkt me genoeg, het liefst 's avonds."
    answer = decide(view([learned("suicidal")], text=text, active_loop="plan_form", slots=slots))
    assert not (answer.action or "").startswith("utter_triage")
    # Words the rule layers know stand, also in a form.
    rules = decide(view([{**learned("suicidal"), "layer": "concept"}], text="een keer, ik wil niet meer leven",
                        active_loop="plan_form", slots=slots))
    assert rules.action == "utter_triage_crisis"
    # Outside a form, or when the reply is no answer to the question, the flag stands.
    outside = decide(view([learned("suicidal")], text=text))
    assert outside.action == "utter_triage_crisis"
    no_answer = decide(view([learned("suicidal")], text="het is allemaal te veel voor me",
                            active_loop="plan_form", slots=slots))
    assert no_answer.action == "utter_triage_crisis"


def test_leaving_a_form_is_not_asked_the_classifiers_crisis_question():
    text = "laat maar, heb er even geen zin meer in"
    decision = decide(view([entity("safety_question", "crisis")], text=text, active_loop="plan_form"))
    assert decision.action != "utter_safety_question"


def test_a_question_asked_with_the_news_of_a_call_is_answered_after_the_acknowledgement():
    text = "Goed, dan bel ik vandaag de huisarts. Hoeveel mg magnesium mag ze eigenlijk per dag?"
    slots = {"triage_level": "urgent"}
    first = decide(view(intent="magnesium_dosage", text=text, slots=slots))
    assert first.action == "utter_call_planned"
    then = decide(view(intent="magnesium_dosage", text=text, slots=slots, actions=["utter_call_planned"]))
    assert then.action == "utter_magnesium_dosage"
    # News without a question: listening after the acknowledgement.
    plain = decide(view(intent="when_to_see_gp", text="ok ik bel morgen de huisarts", slots=slots,
                        actions=["utter_call_planned"]))
    assert plain.action == "action_listen"


def test_thanks_with_a_question_about_the_gp_gets_that_answer_when_no_red_flag_came_up():
    text = "Hartelijk dank voor uw antwoord. Moet ik dit dan met de huisarts bespreken?"
    calm = decide(view([entity("second_topic", "when_to_see_gp")], intent="thank", text=text))
    assert calm.action == "utter_when_to_see_gp"
    after_flag = decide(view([entity("second_topic", "when_to_see_gp")], intent="thank", text=text,
                             slots={"triage_level": "urgent"}))
    assert after_flag.action != "utter_when_to_see_gp"


def test_after_advice_a_question_for_the_number_gets_where_to_find_it():
    slots = {"triage_level": "urgent"}
    text = "Goed, ik zal de huisartsenpost bellen. Kunt u mij helpen aan het nummer?"
    assert decide(view(intent="when_to_see_gp", text=text, slots=slots)).action == "utter_safety_route_closed"
    flemish = decide(view(intent="nlu_fallback", text="wat is da eigenlijk, 1733?", slots=slots))
    assert flemish.action == "utter_safety_route_be"


def test_a_report_after_the_breathing_exercise_is_answered_kindly():
    started = MONDAY_MORNING.timestamp() - 40
    decision = decide(view(intent="nlu_fallback", text="klaar, voelde goed eigenlijk",
                           slots={"breathing_started": started}))
    assert decision.action == "utter_breathing_feedback_good"
    assert decide(view(actions=["utter_breathing_feedback_good"])).action == "action_listen"
    # A question is a question, also right after breathing.
    asked = decide(view(intent="breathing_exercise", text="hoe vaak moet ik dit doen?",
                        slots={"breathing_started": started}))
    assert not (asked.action or "").startswith("utter_breathing_feedback")


def test_an_open_request_for_a_therapist_can_be_taken_back_in_words():
    text = "wacht, doe toch maar nie, ik bel morgen zelf wel naar de praktijk"
    decision = decide(view(intent="nlu_fallback", text=text, slots={"handoff_status": "open"}))
    assert decision.action == "action_withdraw_handoff"
    assert decide(view(actions=["action_withdraw_handoff"])).action == "action_listen"
    # Without an open request there is nothing to take back.
    assert decide(view(intent="nlu_fallback", text=text)).action != "action_withdraw_handoff"


def test_words_taken_back_after_the_crisis_reply_are_believed_kindly_with_the_lines():
    slots = {"triage_level": "crisis", "open_question": "handoff"}
    text = "nee zo bedoel ik het niet hoor, ik ben alleen die pijn zo zat"
    decision = decide(view(intent="feeling_down", text=text, slots=slots))
    assert decision.action == "utter_crisis_taken_back"
    # Taken back in words but said again: the crisis reply.
    again = decide(view([entity("red_flag", "suicidal")], intent="feeling_down",
                        text="zo bedoel ik het niet, ik wil echt dood", slots=slots))
    assert again.action == "utter_triage_crisis"


def test_declining_the_offer_and_asking_to_go_on_with_the_plan_resumes_it():
    text = "nee hoeft niet, gaan we verder met het plan"
    slots = {"open_question": "handoff", "triage_level": "soon"}
    assert decide(view(intent="deny", text=text, slots=slots)).action == "utter_handoff_declined"
    resumed = decide(view(intent="deny", text=text, slots=slots, actions=["utter_handoff_declined"]))
    assert resumed.action == "plan_form"
    plain = decide(view(intent="deny", text="nee hoeft niet", slots=slots, actions=["utter_handoff_declined"]))
    assert plain.action == "action_listen"


def test_a_new_number_or_address_after_a_request_changes_how_the_therapist_reaches_out():
    slots = {"handoff_status": "open"}
    phone = decide(view(intent="report_pain", text="ah nee wacht, bellen is eigenlijk beter: 0486 55 12 90", slots=slots))
    assert phone.action == "handoff_form" and phone.slots["contact_value"] == "0486551290"
    mail = decide(view(intent="nlu_fallback", text="mail toch maar naar an.peeters@telenet.be", slots=slots))
    assert mail.action == "handoff_form" and mail.slots["contact_method"] == "email"
    # While a therapist has the chat, the therapist reads it.
    talking = decide(view(intent="report_pain", text="mijn nummer is 0486 55 12 90", slots={"handoff_status": "claimed"}))
    assert talking.action != "handoff_form"


@pytest.mark.parametrize("text, intent, judged", [
    ("dus alles samen is ok?", "nlu_fallback", True),
    ("de kuur is 5 dagen, daarna mag ik weer gewoon?", "nlu_fallback", True),
    ("moet mijn hiv-arts dit weten?", "when_to_see_gp", True),
    ("hoe moet dat op die dag dan?", "magnesium_timing", True),
    ("moet ik stoppen met magnesium?", "magnesium_role", True),
    ("en als ik het per ongeluk toch samen heb genomen?", "nlu_fallback", True),
    ("hoeveel magnesium zit er in noten?", "magnesium_food_sources", False),
])
def test_after_medicines_a_question_for_a_judgement_goes_to_the_pharmacist(text, intent, judged):
    slots = {"medications": ["ciprofloxacine"], "interaction_classes": ["quinolones"]}
    decision = decide(view(intent=intent, text=text, slots=slots))
    assert (decision.action == "utter_medicine_judgement") is judged
    # Without medicines in the conversation there is nothing to judge.
    assert decide(view(intent=intent, text=text)).action != "utter_medicine_judgement"
    if judged:
        after = decide(view(intent=intent, text=text, slots=slots, actions=["utter_medicine_judgement"]))
        assert after.action == "action_listen"
        # Asked again: said shorter, not the same paragraph twice.
        again = decide(view(intent=intent, text=text, slots={**slots, "medicine_judged": True}))
        assert again.action == "utter_medicine_judgement_again"


def test_asked_which_medicines_a_why_is_explained_and_a_request_for_a_therapist_moves_on():
    waiting = {"awaiting_medications": True}
    why = decide(view(intent="ask_why", text="wrm?", slots=waiting))
    assert why.action == "utter_medication_why" and "awaiting_medications" not in why.slots
    moved = decide(view(intent="request_therapist", text="kan ik ook eens met een kine spreken?", slots=waiting))
    assert moved.action is None and moved.slots["awaiting_medications"] is False
    answered = decide(view(intent="nlu_fallback", text="zolpidem", slots=waiting))
    assert answered.action == "action_medication_check"


def test_declining_and_asking_to_go_on_resumes_the_plan_only_when_one_was_under_way():
    text = "nee, ik ga niks doen hoor. als het erger wordt bel ik 113. kunnen we verder?"
    under_way = {"open_question": "handoff", "triage_level": "crisis", "plan_movement": "cycling"}
    resumed = decide(view(intent="deny", text=text, slots=under_way, actions=["utter_handoff_declined"]))
    assert resumed.action == "plan_form"
    no_plan = {"open_question": "handoff", "triage_level": "crisis"}
    assert decide(view(intent="deny", text=text, slots=no_plan, actions=["utter_handoff_declined"])).action != "plan_form"


def test_declining_the_offer_and_asking_to_give_a_pain_score_starts_the_pain_question():
    text = "Nee, dank u. Ik bel vandaag de huisarts. Ik wil graag eerst mijn pijnscore doorgeven."
    slots = {"open_question": "handoff", "triage_level": "urgent"}
    started = decide(view(intent="deny", text=text, slots=slots, actions=["utter_handoff_declined"]))
    assert started.action == "pain_form"


def test_a_plan_answer_said_with_a_red_flag_is_kept_for_when_the_plan_resumes():
    text = "fietsen, al is da nu moeilijk want ik ben eergisteren van de trap gevallen en ik heb osteoporose"
    decision = decide(view([entity("red_flag", "minor_trauma")], text=text, active_loop="plan_form",
                           slots={"requested_slot": "plan_movement"}))
    assert decision.action.startswith("utter_triage_") and decision.end_active_loop
    assert decision.slots["plan_movement"] == "cycling"
    # A message that answers nothing keeps nothing.
    alarm = decide(view([entity("red_flag", "suicidal")], text="ik wil er niet meer zijn", active_loop="plan_form",
                        slots={"requested_slot": "plan_movement"}))
    assert "plan_movement" not in alarm.slots


def test_go_on_as_a_message_of_its_own_resumes_a_plan_a_red_flag_interrupted():
    slots = {"triage_level": "crisis", "plan_movement": "cycling"}
    assert decide(view(intent="nlu_fallback", text="kunnen we verder?", slots=slots)).action == "plan_form"
    # Without a red flag, or with the plan finished or stopped, it is not a resume.
    assert decide(view(intent="nlu_fallback", text="kunnen we verder?", slots={"plan_movement": "cycling"})).action != "plan_form"
    stopped = {**slots, "plan_stopped": True}
    assert decide(view(intent="nlu_fallback", text="kunnen we verder?", slots=stopped)).action != "plan_form"
