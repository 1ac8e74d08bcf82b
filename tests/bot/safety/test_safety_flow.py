"""What a person sees around a red flag, decided without Rasa: the echo line, the Belgian
numbers, a clarifying question answered with something else, and news of a call."""
from datetime import datetime, timezone

import pytest

from bot.core.after_advice import MADE, PLANNED, advice_doubted, call_news, is_other_topic, mentions_belgium, \
    route_asked, urgency_asked
from bot.core.turn_guard import TurnView, decide
from bot.safety.advice import escalation_response_name
from bot.safety.echo import age_in, person_of, triage_summary
from bot.safety.questions import question_for

MONDAY_MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
SATURDAY = datetime(2026, 11, 28, 11, 0, tzinfo=timezone.utc)


def flag(text, code, words, level=None):
    """A red-flag entity for `words` inside `text`, as the care extractor makes it."""
    start = text.index(words)
    return {"entity": "red_flag", "value": code, "start": start, "end": start + len(words),
            **({"level": level} if level else {})}


def view(text="", entities=(), slots=None, actions=(), now=MONDAY_MORNING, **kwargs):
    return TurnView(message_id="m1", intent=kwargs.pop("intent", "nlu_fallback"), entities=list(entities),
                    slots=slots or {}, turn_actions=tuple(actions), text=text, now=now, **kwargs)


# --- the echo line ------------------------------------------------------------------------

def test_the_echo_gives_the_age_that_was_written_not_the_band():
    text = "Ik ben 72 jaar en heb sinds enkele dagen voor het eerst rugpijn, zomaar uit het niets."
    summary = triage_summary([flag(text, "onset_age", "ben 72 jaar en heb sinds enkele dagen voor het eerst")],
                             text, "soon")
    assert summary == "ik ben 72 en heb voor het eerst rugpijn"
    assert "jonger" not in summary and "20" not in summary


def test_the_echo_without_an_age_says_only_that_it_is_the_first_time():
    text = "ik heb voor het eerst van mijn leven rugpijn"
    summary = triage_summary([flag(text, "onset_age", "voor het eerst")], text, "soon")
    assert summary == "ik heb voor het eerst rugpijn"


def test_an_infection_is_echoed_as_that_infection_not_as_fever():
    text = "ik heb van de huisarts ciprofloxacine gekregen voor een blaasontsteking. ik ben 77."
    summary = triage_summary([flag(text, "fever", "blaasontsteking")], text, "urgent")
    assert summary == "ik heb een blaasontsteking"
    assert "koorts" not in summary


def test_fever_is_echoed_as_fever_and_chills_only_when_both_were_written():
    text = "ik heb koorts van 39 en koude rillingen"
    assert triage_summary([flag(text, "fever", "koorts van 39 en koude rillingen")], text, "urgent") \
        == "ik heb koorts en koude rillingen"
    text = "sinds gisteren 38,9 en mijn rug doet zeer"
    assert triage_summary([flag(text, "fever", "38,9")], text, "urgent") == "ik heb koorts"


def test_an_emergency_for_someone_else_is_told_as_theirs():
    text = "mijn man kan zijn benen niet meer bewegen"
    summary = triage_summary([flag(text, "sudden_paralysis", "kan zijn benen niet meer bewegen")], text, "emergency")
    assert summary == "mijn man heeft rugpijn en hij kan zijn benen niet meer bewegen"
    assert "ik heb" not in summary


def test_someone_else_named_in_an_earlier_sentence_is_followed_by_the_pronoun():
    text = "Goedemorgen, ik schrijf voor mijn vrouw. Ze is 58 en heeft nu voor het eerst rugpijn."
    summary = triage_summary([flag(text, "onset_age", "is 58 en heeft nu voor het eerst")], text, "soon")
    assert summary == "mijn vrouw heeft rugpijn en zij is 58 en het is de eerste keer"


def test_the_writer_is_the_one_with_the_flag_when_they_say_ik():
    text = "ik heb koorts en mijn vrouw zegt dat ik naar de dokter moet"
    assert person_of(text, text.index("koorts")) is None
    assert triage_summary([flag(text, "fever", "koorts")], text, "urgent") == "ik heb koorts"


def test_an_emergency_of_ones_own_keeps_ik_heb_rugpijn_and_lists_each_flag_once():
    text = "ik kan niet plassen en mijn benen zijn slap"
    flags = [flag(text, "bladder_bowel", "kan niet plassen"),
             flag(text, "leg_weakness", "benen zijn slap", "emergency"),
             flag(text, "bladder_bowel", "niet plassen")]
    assert triage_summary(flags, text, "emergency") == \
        "ik heb rugpijn, ik kan niet goed meer plassen en mijn benen zijn slap of zwak"


def test_the_echo_says_only_what_was_said_toes_are_not_a_dragging_foot():
    text = "wel is mn been sinds vandaag slap, ik kan niet op mn tenen staan"
    summary = triage_summary([flag(text, "leg_weakness", "kan niet op mn tenen staan")], text, "urgent")
    assert summary == "ik kan niet goed op mijn tenen of hakken staan"
    assert "sleept" not in summary


def test_an_answer_to_a_clarifying_question_is_echoed_as_that_answer():
    assert triage_summary([], "nee", "emergency", ["bladder_bowel"]) == \
        "ik heb rugpijn en plassen of naar de wc gaan lukt niet zoals ik gewend ben"


@pytest.mark.parametrize("text, age", [("mijn vader (72) sleept met zijn voet", 72), ("ik ben 17", 17),
                                       ("58 jaar oud", 58), ("al 3 dagen rugpijn", None)])
def test_ages_are_read_as_numbers(text, age):
    assert age_in(text) == age


def test_the_guard_puts_the_echo_in_the_triage_summary():
    text = "mijn vader (72) heeft pijn in zijn rug en sinds een paar dagen sleept hij met zijn rechtervoet"
    decision = decide(view(text, [flag(text, "leg_weakness", "sleept hij met zijn rechtervoet")]))
    assert decision.action == "utter_triage_urgent"
    assert decision.slots["triage_summary"] == "mijn vader heeft rugpijn en zijn voet sleept of blijft haken"


# --- Belgium -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["mijn huisdokter is dicht", "we wonen in België", "ik woon in Vlaanderen",
                                  "moet ik naar de wachtpost"])
def test_flemish_words_place_the_writer_in_belgium(text):
    assert mentions_belgium(text)


def test_flemish_words_in_the_red_flag_message_add_the_belgian_numbers():
    text = "ik kan niet meer plassen, moet ik naar de huisdokter?"
    decision = decide(view(text, [flag(text, "bladder_bowel", "kan niet meer plassen")]))
    assert decision.action == "utter_triage_emergency_with_be"
    assert escalation_response_name("urgent", "NL", SATURDAY, belgium_named=True) == \
        "utter_triage_urgent_after_hours_with_be"
    assert escalation_response_name("crisis", "BE", SATURDAY, belgium_named=True) == "utter_triage_crisis_be"
    plain = "ik kan niet meer plassen"
    assert decide(view(plain, [flag(plain, "bladder_bowel", "kan niet meer plassen")])).action == \
        "utter_triage_emergency"


@pytest.mark.parametrize("text, route", [
    ("het is zaterdag, mijn huisdokter is dicht", "BE"),
    ("we wonen in belgie, bij wie moeten we dan zijn", "BE"),
    ("mijn huisarts is op vakantie", "NL"),
    ("hoeveel magnesium mag ik per dag", None),
])
def test_where_to_go_is_read_from_the_message(text, route):
    assert route_asked(text) == route


def test_after_advice_a_belgian_gets_the_belgian_route_and_the_offer_stays_open():
    slots = {"triage_level": "urgent", "open_question": "handoff"}
    decision = decide(view("we wonen in belgie, bij wie moeten we dan zijn", slots=slots))
    assert decision.action == "utter_safety_route_be"
    assert "open_question" not in decision.slots
    assert decide(view("ik woon in Vlaanderen", slots={"triage_level": "crisis"})).action == \
        "utter_safety_route_be_crisis"
    assert decide(view("mijn huisarts is dicht", slots={"triage_level": "urgent"})).action == \
        "utter_safety_route_closed"
    assert decide(view("x", actions=["utter_safety_route_be"])).action == "action_listen"


def test_without_advice_given_a_belgian_place_name_is_no_route_question():
    assert decide(view("we wonen in belgie, mag ik magnesium?")).action is None


# --- a clarifying question answered with something else ----------------------------------

@pytest.mark.parametrize("code", ["crisis", "bladder_bowel", "saddle_numbness"])
@pytest.mark.parametrize("text", ["en kan ik ze beter s ochtends of s avonds nemen?", "doei",
                                  "hoeveel magnesium mag ik per dag", "bedankt, doei"])
def test_a_reply_about_something_else_is_answered_after_one_line_on_where_help_is(code, text):
    decision = decide(view(text, slots={"open_question": f"safety:{code}"}, intent="goodbye"))
    assert decision.action == "action_safety_door_open", text
    assert decision.slots["open_question"] is None
    door = decision.slots["safety_door_text"]
    assert ("113" in door and "0800-0113" in door) if code == "crisis" else "112" in door


def test_the_door_line_names_the_belgian_number_for_a_belgian_practice():
    decision = decide(view("doei", slots={"open_question": "safety:crisis"}, country="BE"))
    assert "1813" in decision.slots["safety_door_text"]


@pytest.mark.parametrize("text", ["ja", "Ja.", "jaa", "ja, maar wat moet ik nu doen?", "ja soms", "misschien",
                                  "eigenlijk wel", "ja ik denk er vaak aan, hoe kom ik hiervan af?"])
def test_a_yes_in_any_typed_form_still_gives_the_crisis_reply(text):
    assert decide(view(text, slots={"open_question": "safety:crisis"})).action == "utter_triage_crisis"


def test_a_no_that_opens_a_question_on_a_body_question_escalates():
    decision = decide(view("nee, maar wat betekent dat?", slots={"open_question": "safety:bladder_bowel"}))
    assert decision.action == "utter_triage_emergency"
    assert "plassen" in decision.slots["triage_summary"]


def test_a_crisis_message_in_reply_still_gives_113():
    text = "ik wil dood"
    decision = decide(view(text, [flag(text, "suicidal", "wil dood")], slots={"open_question": "safety:crisis"}))
    assert decision.action == "utter_triage_crisis"


@pytest.mark.parametrize("text", ["wat bedoel je?", "huh", "pff"])
def test_an_unclear_reply_gets_the_question_once_more(text):
    assert decide(view(text, slots={"open_question": "safety:crisis"})).action == "utter_safety_ask_again"


def test_the_same_unsure_signal_again_is_asked_once_more_not_waved_through():
    signal = [{"entity": "safety_question", "value": "crisis"}]
    decision = decide(view("waarom zou ik nog?", signal, slots={"open_question": "safety:crisis"}))
    assert decision.action == "utter_safety_ask_again"


def test_the_door_line_inside_a_form_leaves_the_form_running():
    decision = decide(view("hoeveel magnesium mag ik?", slots={"open_question": "safety:bladder_bowel"},
                           active_loop="plan_form"))
    assert decision.action == "action_safety_door_open" and not decision.end_active_loop


@pytest.mark.parametrize("text", ["en waarom?", "doei", "hoe laat is het?", "stop", "ik wil stoppen"])
def test_other_topic_reader(text):
    assert is_other_topic(text)


@pytest.mark.parametrize("text", ["wat bedoel je?", "hmm", "ik weet het niet", ""])
def test_not_another_topic(text):
    assert not is_other_topic(text)


# --- news of a call ----------------------------------------------------------------------

@pytest.mark.parametrize("text, news", [
    ("ik heb 112 gebeld ze komen eraan", MADE),
    ("de ambulance is onderweg", MADE),
    ("ze zijn onderweg", MADE),
    ("mn vriend is al aan het bellen", MADE),
    ("mijn man belt nu 112", MADE),
    ("zijn ze onderweg?", None),
    ("mijn vrouw heeft de huisarts gebeld", MADE),
    ("dank je, misschien bel ik 113 wel", PLANNED),
    ("Goed, ik bel. Kunnen we het later over magnesium hebben?", PLANNED),
    ("ok ik ga de huisartsenpost bellen", PLANNED),
    ("bel me maar", None),
    ("ik wil niet gebeld worden", None),
    ("moet ik 112 bellen?", None),
    ("ik durf niet te bellen", None),
    ("ik bel liever niet", None),
])
def test_news_of_a_call_is_read(text, news):
    assert call_news(text) == news


def test_a_call_is_acknowledged_inside_the_contact_form_without_its_question():
    slots = {"triage_level": "emergency", "requested_slot": "contact_method"}
    decision = decide(view("ik heb 112 gebeld ze komen eraan", slots=slots, active_loop="handoff_form"))
    assert decision.action == "utter_call_made" and not decision.end_active_loop
    after = decide(view("ik heb 112 gebeld ze komen eraan", slots=slots, active_loop="handoff_form",
                        actions=["utter_call_made"]))
    assert after.action == "action_listen", "no form question pushed in that turn"


def test_a_planned_call_closes_the_offer_instead_of_reading_goed_as_yes():
    slots = {"triage_level": "emergency", "open_question": "handoff"}
    decision = decide(view("Goed, ik bel.", slots=slots))
    assert decision.action == "utter_call_planned" and decision.slots == {"open_question": None}


def test_a_no_to_the_offer_with_a_reason_is_still_a_no():
    slots = {"triage_level": "urgent", "open_question": "handoff"}
    assert decide(view("neen, we bellen zelf wel", slots=slots)).action == "utter_handoff_declined"


def test_a_call_to_an_emergency_number_is_acknowledged_also_without_advice_before():
    assert decide(view("ik heb net 112 gebeld")).action == "utter_call_made"
    assert decide(view("ik heb gisteren de huisarts gebeld, wat helpt tegen spit?")).action is None


def test_a_call_planned_after_the_crisis_reply_gets_the_numbers_once_more():
    slots = {"triage_level": "crisis"}
    assert decide(view("dank je, misschien bel ik 113 wel", slots=slots)).action == "utter_call_planned_crisis"
    assert question_for("crisis") is not None


def test_while_a_therapist_has_the_chat_the_assistant_stays_quiet_about_a_call():
    slots = {"triage_level": "emergency", "handoff_status": "claimed", "handoff_notice_given": True}
    assert decide(view("ik heb 112 gebeld ze komen eraan", slots=slots)).action == "action_listen"


def test_a_reply_to_an_earlier_question_is_no_yes_to_the_crisis_question():
    decision = decide(view("toch wel, mijn nummer is 0612398765", slots={"open_question": "safety:crisis:again"}))
    assert decision.action != "utter_triage_crisis"


# --- "is dat erg?" after the advice ------------------------------------------------------

@pytest.mark.parametrize("text, asked", [
    ("is dat erg?", True), ("is dat erg", True), ("kan het wachten tot maandag?", True),
    ("Moet dat echt zo dringend? Ik wilde eigenlijk alleen iets over magnesium weten.", True),
    ("is magnesium erg duur?", False), ("hoeveel magnesium mag ik?", False),
])
def test_a_question_about_the_urgency_is_read(text, asked):
    assert urgency_asked(text) is asked


@pytest.mark.parametrize("level, country, action", [
    ("emergency", "NL", "utter_safety_urgency_emergency"), ("crisis", "BE", "utter_safety_urgency_crisis_be"),
    ("urgent", "NL", "utter_safety_urgency_urgent"), ("soon", "BE", "utter_safety_urgency_soon"),
])
def test_after_advice_is_dat_erg_gets_the_advice_again_and_the_offer_stays_open(level, country, action):
    decision = decide(view("is dat erg?", slots={"triage_level": level, "open_question": "handoff"}, country=country))
    assert decision.action == action and "open_question" not in decision.slots
    assert decide(view("is dat erg?", actions=[action])).action == "action_listen"


@pytest.mark.parametrize("text, level, doubted", [
    ("ik wil niet midden in de nacht bellen, das toch overdreven", "urgent", True),
    ("moet dat echt? ik heb dit wel vaker gehad", "soon", True),
    ("Hij zegt nu dat het wel meevalt en wil tot morgen wachten", "emergency", True),
    ("ze wil zelf ni bellen", "crisis", True),
    ("ze lijkt wel ok, moet ik echt bellen", "emergency", True),
    ("moet da echt? is vast niks", "emergency", True),
    # Tomorrow is what the advice says at "soon"; not wanting to be called is no doubt.
    ("nee hoor, ik ga morgen wel even langs de huisarts", "urgent", True),
    ("nee hoor, ik ga morgen wel even langs de huisarts", "soon", False),
    ("ik wil niet dat jullie me bellen", "soon", False),
    ("hoeveel magnesium per dag?", "soon", False),
    ("ik wil niet bellen", None, False),
])
def test_a_doubt_about_the_advice_is_read(text, level, doubted):
    assert advice_doubted(text, level) is doubted


def test_a_doubt_gets_the_advice_again_also_with_a_no_to_the_offer_and_before_a_call_for_tomorrow():
    slots = {"triage_level": "urgent", "open_question": "handoff"}
    assert decide(view("nee hoor, ik ga morgen wel even langs de huisarts", slots=slots)).action == \
        "utter_safety_urgency_urgent"
    assert decide(view("ok ik bel morgen wel", slots={"triage_level": "emergency"})).action == \
        "utter_safety_urgency_emergency"
    assert decide(view("ze wil zelf ni bellen", slots={"triage_level": "crisis"}, country="BE")).action == \
        "utter_safety_urgency_crisis_be"


def test_is_dat_erg_without_advice_before_is_left_to_the_other_policies():
    assert decide(view("is dat erg?")).action is None


def test_a_broken_echo_still_lets_the_escalation_out(monkeypatch):
    import bot.safety.echo as echo

    def broken(*args, **kwargs):
        raise ValueError("bad echo data")

    monkeypatch.setattr(echo, "triage_summary", broken)
    text = "ik kan niet plassen"
    decision = decide(view(text, [flag(text, "bladder_bowel", "kan niet plassen")]))
    assert decision.action == "utter_triage_emergency"
    assert decision.slots["triage_summary"] == "ik heb problemen met plassen of met mijn ontlasting"


def test_the_sentence_adds_what_the_flag_words_leave_out_but_not_what_was_denied():
    text = "mn vriendin heeft 39,5 koorts en rillingen"
    assert triage_summary([flag(text, "fever", "koorts")], text, "urgent") == \
        "mijn vriendin heeft rugpijn en zij heeft koorts en koude rillingen"
    text = "ik ben 39, geen koorts, wel een blaasontsteking"
    assert triage_summary([flag(text, "fever", "blaasontsteking")], text, "urgent") == "ik heb een blaasontsteking"
    text = "HELP scheurende pijn in mijn buik en rug"
    assert triage_summary([flag(text, "aortic_or_chest", "scheurende pijn")], text, "emergency") == \
        "ik heb rugpijn en ik heb een scheurende pijn in mijn buik en rug"


def test_not_holding_urine_is_not_echoed_as_not_being_able_to_pass_it():
    text = "sinds vanochtend kan ik mijn plas niet meer ophouden"
    assert triage_summary([flag(text, "bladder_bowel", "kan ik mijn plas niet meer ophouden")], text, "emergency") \
        == "ik heb rugpijn en ik kan mijn plas niet goed ophouden"


def test_a_risk_added_after_the_advice_gets_the_advice_again():
    slots = {"triage_level": "urgent", "open_question": "handoff"}
    assert decide(view("ze heeft ook botontkalking", slots=slots)).action == "utter_safety_urgency_urgent"
    # Not without advice before it, and not when it asks something of its own.
    assert decide(view("ze heeft ook botontkalking")).action != "utter_safety_urgency_urgent"
    assert decide(view("mag ze met botontkalking magnesium?", slots=slots)).action != "utter_safety_urgency_urgent"


@pytest.mark.parametrize("text", ["'k weet nie of ik wel ga bellen", "ik weet niet of ik durf te bellen",
                                  "ik twijfel nog of ik ga bellen"])
def test_not_being_sure_about_calling_after_the_crisis_reply_gets_the_lines_again(text):
    assert advice_doubted(text, "crisis")
    assert decide(view(text, slots={"triage_level": "crisis"})).action == "utter_safety_urgency_crisis"


def test_not_knowing_whether_to_take_magnesium_is_no_doubt_about_calling():
    assert not advice_doubted("weet niet of ik magnesium moet nemen", "crisis")
