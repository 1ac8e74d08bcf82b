"""Replies to the crisis lines and to offers that the words, not the classifier, decide:
thoughts confirmed, a retraction, "geen therapeut nodig", "kunnen we verder?" in a form."""
from datetime import datetime, timezone

import pytest

from bot.core.after_advice import call_news, plainly_taken_back, taken_back, thoughts_confirmed
from bot.core.after_replies import asks_to_go_on
from bot.core.turn_guard import TurnView, decide
from bot.core.yes_no import read_answer

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
AFTER_CRISIS = {"open_question": "handoff", "triage_level": "crisis"}


def view(actions=(), slots=None, entities=(), **kwargs):
    return TurnView(message_id="m1", intent=kwargs.pop("intent", "nlu_fallback"), entities=list(entities),
                    slots=slots or {}, turn_actions=tuple(actions), now=NOW, **kwargs)


@pytest.mark.parametrize("text", [
    "ja daar denk ik wel eens aan ja. niet vandaag ofzo maar het komt vaak",
    "ja, da denk ik de laatste tijd veel",
    "ik denk er elke dag aan",
    "de gedachte komt wel vaak ja",
])
def test_thoughts_confirmed_after_the_crisis_lines_get_the_lines_and_the_offer_again(text):
    assert thoughts_confirmed(text)
    decision = decide(view(text=text, slots=AFTER_CRISIS, intent="affirm"))
    assert decision.action == "utter_crisis_lines_offer"
    # In Belgium, the Belgian lines.
    belgian = decide(view(text=text, slots=AFTER_CRISIS, intent="affirm", country="BE"))
    assert belgian.action == "utter_crisis_lines_offer_be"


@pytest.mark.parametrize("text", ["ja graag", "ja wil wel met iemand praten", "ja soms",
                                  "daar denk ik niet aan hoor, ik ben gewoon moe", "nee, daar denk ik niet meer aan",
                                  "denk je dat het helpt?"])
def test_no_confirmation_in_a_plain_yes_a_denial_or_a_question(text):
    assert not thoughts_confirmed(text)


def test_a_plain_yes_after_the_crisis_lines_still_starts_the_handoff():
    assert decide(view(text="ja graag", slots=AFTER_CRISIS, intent="affirm")).action == "handoff_form"


@pytest.mark.parametrize("text", [
    "nee nee ik bedoel nie da ik dood wil hé, ik ben gewoon op",
    "nee nee zo bedoel ik het niet, ik bedoel de pijn, niet mijn leven. ik wil gewoon een plan",
    "ik zei toch niet dat ik dood wil?? doe normaal",
    "neeee zo bedoel ik da nie haha, ik bedoel uitslapen, nooit meer een wekker",
])
def test_a_plain_retraction_is_believed_even_when_the_detector_is_unsure(text):
    assert plainly_taken_back(text)
    unsure = [{"entity": "safety_question", "value": "crisis"}]
    decision = decide(view(text=text, slots=AFTER_CRISIS, entities=unsure, intent="feeling_down"))
    assert decision.action == "utter_crisis_taken_back"


def test_a_retraction_that_keeps_the_thought_open_is_no_plain_one():
    text = "zo bedoel ik het niet, maar soms denk ik er wel aan"
    assert taken_back(text) and not plainly_taken_back(text)
    unsure = [{"entity": "safety_question", "value": "crisis"}]
    decision = decide(view(text=text, slots=AFTER_CRISIS, entities=unsure, intent="feeling_down"))
    assert decision.action != "utter_crisis_taken_back"


@pytest.mark.parametrize("text", ["nee dank u, geen therapeut nodig, mijn zoon brengt mij wel.",
                                  "hoeft geen therapeut hoor", "nee hoor"])
def test_no_to_a_therapist_the_classifier_took_for_a_request_is_a_no(text):
    plain = decide(view(text=text, intent="request_therapist"))
    assert plain.action == "utter_therapist_not_needed"
    assert decide(view(actions=["utter_therapist_not_needed"])).action == "action_listen"
    # After advice, the advice comes once more with the "fine, not then".
    advised = decide(view(text=text, intent="request_therapist", slots={"triage_level": "urgent"}))
    assert advised.action == "utter_handoff_declined"


def test_a_request_for_a_therapist_is_still_one():
    assert decide(view(text="ik wil graag met een therapeut praten", intent="request_therapist")).action \
        != "utter_therapist_not_needed"


def test_going_on_inside_a_form_asks_its_question_again_without_reading_an_answer():
    said = decide(view(text="ok. kunnen we verder met mijn plan?", intent="show_plan", active_loop="plan_form"))
    assert said.action == "utter_form_resumed"
    again = decide(view(actions=["utter_form_resumed"], text="ok. kunnen we verder met mijn plan?",
                        intent="show_plan", active_loop="plan_form"))
    assert again.action == "plan_form"


@pytest.mark.parametrize("text, goes_on", [("kunnen we verder?", True), ("ga maar door", True), ("verder", True),
                                           ("ik wil verder met fietsen", False),
                                           ("door naar de volgende vraag", False)])
def test_asks_to_go_on(text, goes_on):
    assert asks_to_go_on(text) is goes_on


@pytest.mark.parametrize("text", ["prima zo. fijne avond", "ok cheers", "oke, fijne dag nog"])
def test_an_ok_that_says_goodbye_is_no_yes(text):
    assert read_answer(text) is None


def test_calling_the_doctor_first_is_a_call_planned():
    assert call_news("misschien later, eerst de huisarts bellen") == "planned"
    assert call_news("ik wil niet bellen") is None


def test_a_clear_question_in_english_gets_its_answer_in_dutch_after_the_language_reply():
    english = [{"entity": "input_issue", "value": "other_language"}]
    text = "can magnesium help with my back pain?"

    def step(actions, confidence=0.9):
        return decide(view(actions, entities=english, text=text, intent="magnesium_helps_back_pain",
                           intent_confidence=confidence)).action

    assert step([]) == "utter_bad_input_other_language"
    assert step(["utter_bad_input_other_language"]) == "utter_other_language_answer_follows"
    assert step(["utter_bad_input_other_language", "utter_other_language_answer_follows"]) \
        == "utter_magnesium_helps_back_pain"
    assert step(["utter_bad_input_other_language", "utter_other_language_answer_follows",
                 "utter_magnesium_helps_back_pain"]) == "action_listen"
    # Unsure of the topic: the language reply alone, and a typed "yes" reaches a therapist.
    unsure = decide(view(["utter_bad_input_other_language"], entities=english, text=text,
                         intent="magnesium_helps_back_pain", intent_confidence=0.5))
    assert unsure.action == "action_listen" and unsure.slots.get("open_question") == "handoff"


def test_how_long_the_exercise_takes_asked_while_it_runs():
    started = {"breathing_started": NOW.timestamp() - 20}
    decision = decide(view(text="wacht, hoelang duurt dat? ik heb maar 5 minuten pauze", slots=started))
    assert decision.action == "utter_breathing_how_long" and decision.slots == {"breathing_started": None}
    assert decide(view(actions=["utter_breathing_how_long"])).action == "action_listen"
    # Long after the exercise, the question is the NLU's.
    assert decide(view(text="hoelang duurt dat?", slots={"breathing_started": NOW.timestamp() - 3600})).action \
        != "utter_breathing_how_long"


def test_asked_what_goes_while_erasing_waits_says_so_and_keeps_the_question():
    asked = {"open_question": "erase"}
    decision = decide(view(text="wacht is mn plan dan ook weg?", intent="show_plan", slots=asked))
    assert decision.action == "utter_erase_what_goes" and decision.slots["open_question"] == "erase"
    assert decide(view(actions=["utter_erase_what_goes"], slots=asked)).action == "action_listen"
    yes = decide(view(text="ja prima alles weg", intent="affirm", slots=asked))
    assert yes.action == "action_delete_my_data"


@pytest.mark.parametrize("text, intent, slots", [
    ("bel mij maar, 0612345678, ik ben Petra. we bellen nu eerst 112", "request_therapist",
     {"contact_method": "phone", "contact_value": "0612345678"}),
    ("ok ik bel vandaag de huisarts. kan iemand van jullie ook meekijken?", "request_therapist", {}),
])
def test_a_call_told_with_a_request_for_a_therapist_gets_both(text, intent, slots):
    offered = {"open_question": "handoff", "triage_level": "urgent"}
    first = decide(view(text=text, intent=intent, slots=offered))
    assert first.action in ("utter_call_planned", "utter_call_made")
    then = decide(view(actions=[first.action], text=text, intent=intent, slots=offered))
    assert then.action == "handoff_form"
    assert {name: then.slots.get(name) for name in slots} == slots


def test_a_call_told_alone_is_only_acknowledged():
    offered = {"open_question": "handoff", "triage_level": "urgent"}
    text = "ok ik bel vandaag de huisarts"
    first = decide(view(text=text, intent="affirm", slots=offered))
    assert decide(view(actions=[first.action], text=text, intent="affirm", slots=offered)).action == "action_listen"


def test_letting_go_that_the_classifier_took_for_a_complaint_gets_a_plain_ok():
    text = "laat maar, ik vraag het wel bij de apotheek"
    assert decide(view(text=text, intent="not_what_i_meant")).action == "utter_deny_ack"
    assert decide(view(actions=["utter_deny_ack"], text=text, intent="not_what_i_meant")).action == "action_listen"
    # A real complaint is still one.
    assert decide(view(text="dat is niet wat ik vroeg", intent="not_what_i_meant")).action != "utter_deny_ack"


def test_a_question_after_telling_which_signs_are_absent_is_answered_after_the_telling():
    second = [{"entity": "second_topic", "value": "magnesium_helps_back_pain"}]
    text = "geen koorts, niet gevallen. ik wil gewoon weten of magnesium iets doet"
    decision = decide(view(["utter_no_alarm_signs"], entities=second, text=text, intent="no_alarm_signs"))
    assert decision.action == "utter_magnesium_helps_back_pain"


def test_laat_maar_with_a_complaint_is_still_a_complaint():
    assert decide(view(text="laat maar je bent nutteloos", intent="not_what_i_meant")).action != "utter_deny_ack"


def test_after_telling_no_alarm_signs_when_to_see_the_gp_is_not_added():
    second = [{"entity": "second_topic", "value": "when_to_see_gp"}]
    text = "geen koorts, niet gevallen. moet ik dan naar de huisarts of kan ik zelf wat doen?"
    decision = decide(view(["utter_no_alarm_signs"], entities=second, text=text, intent="no_alarm_signs"))
    assert decision.action != "utter_when_to_see_gp"


def test_a_thumbs_up_alone_is_an_ok():
    approval = [{"entity": "input_issue", "value": "approval"}]
    assert decide(view(entities=approval, text="👍")).action == "utter_affirm_ack"
    assert decide(view(["utter_affirm_ack"], entities=approval, text="👍")).action == "action_listen"


AFTER_EMERGENCY = {"open_question": "handoff", "triage_level": "emergency"}


@pytest.mark.parametrize("text", ["mn vrouw zegt eerst even afwachten...", "hij wil geen ambulance, hij zegt dat het wel overgaat",
                                  "hij wil niet dat ik 112 bel, hij zegt dat het gewoon zijn rug is",
                                  "het wordt al wat minder nu"])
def test_waiting_no_ambulance_or_easing_after_an_emergency_gets_the_advice_again(text):
    assert decide(view(text=text, slots=AFTER_EMERGENCY)).action == "utter_safety_urgency_emergency"


def test_easing_after_a_call_made_is_the_call_acknowledged():
    decision = decide(view(text="ik heb 112 gebeld, het gaat al wat beter", slots=AFTER_EMERGENCY))
    assert decision.action == "utter_call_made"


@pytest.mark.parametrize("text, action", [
    ("ok we rijden naar de post. bedankt", "utter_on_the_way"),
    ("oké da's goed, dan gaan we eerst naar de huisdokter", "utter_on_the_way"),
    ("ok mn vrouw belt nu", "utter_call_made"),
])
def test_on_the_way_or_someone_calling_after_advice_is_acknowledged_and_the_offer_let_go(text, action):
    decision = decide(view(text=text, slots=AFTER_EMERGENCY, intent="affirm"))
    assert decision.action == action
    assert decision.slots.get("open_question", "unset") is None


def test_a_question_about_going_is_no_news():
    assert call_news("moet ik naar de post?") is None


@pytest.mark.parametrize("text, country, action", [
    ("kan zij zelf met 113 chatten? ze is pas 12", "NL", "utter_crisis_line_info"),
    ("wat zeg ik dan tegen die mensen van 113", "NL", "utter_crisis_line_info"),
    ("wat is 1813 juist? moet ik da bellen of hij?", "NL", "utter_crisis_line_info_be"),
    ("wat is dat nummer 113 eigenlijk?", "BE", "utter_crisis_line_info_be"),
])
def test_a_question_about_the_crisis_line_gets_what_it_is_and_how_to_reach_it(text, country, action):
    assert decide(view(text=text, slots=AFTER_CRISIS, country=country)).action == action


def test_news_of_a_call_to_113_is_no_question_about_it():
    assert decide(view(text="ok ik bel 113", slots=AFTER_CRISIS)).action != "utter_crisis_line_info"


@pytest.mark.parametrize("text", ["wat gebeurt er dan als ik ja zeg?", "belt die mij dan?", "Dank u. Wat betekent die knop ja precies?",
                                  "als ik ja klik, gaan ze dan mijn ouders bellen? ik woon nog thuis"])
def test_a_question_about_the_open_offer_explains_it_and_keeps_it_open(text):
    decision = decide(view(text=text, slots=AFTER_EMERGENCY))
    assert decision.action == "utter_handoff_explained"
    assert decision.slots.get("open_question") == "handoff"
    listen = decide(view(text=text, slots=AFTER_EMERGENCY, actions=["utter_handoff_explained"]))
    assert listen.action == "action_listen"


def test_the_same_question_without_an_open_offer_is_not_about_it():
    assert decide(view(text="wat gebeurt er dan als ik magnesium neem?")).action != "utter_handoff_explained"


def test_iron_from_the_gp_with_magnesium_gets_the_combinations_answer_not_which_medicines():
    text = "Ik moet van de huisarts ijzertabletten slikken (ferrofumaraat). Kan magnesium daar samen mee?"
    decision = decide(view(text=text, intent="magnesium_medication"))
    assert decision.action == "utter_other_supplements"
    after = decide(view(text=text, intent="magnesium_medication", actions=["utter_other_supplements"]))
    assert after.action == "action_listen"


def test_letting_go_to_ask_the_pharmacy_is_no_plan_whatever_word_it_uses():
    text = "laat maar ik vraag de apotheek om een schema"
    assert decide(view(text=text, intent="start_plan")).action == "utter_deny_ack"
    assert decide(view(text=text, intent="start_plan", actions=["utter_deny_ack"])).action == "action_listen"


def test_letting_go_with_a_goodbye_gets_the_goodbye():
    decision = decide(view(text="laat maar, ik vraag het de apotheek. doei", intent="start_plan"))
    assert decision.action == "utter_goodbye"


def test_the_line_named_as_daar_after_the_crisis_lines_is_asked_about():
    text = "kan zij daar zelf mee chatten? ze is 15"
    assert decide(view(text=text, slots=AFTER_CRISIS)).action == "utter_crisis_line_info"
    # Without the crisis lines before it, "daar" is something else.
    assert decide(view(text=text, slots={})).action != "utter_crisis_line_info"
