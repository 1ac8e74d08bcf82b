"""Which exchanges count as not understood: plain functions over event dicts."""
from bot.learning.capture import misunderstood, previous_exchange
from bot.learning.store import Reason

from .conftest import ActionExecuted, Restarted, as_dicts, bot, user

THRESHOLD = 0.5


def test_each_kind_of_miss_is_found_with_the_answer_it_got():
    events = as_dicts([
        user("hoi", "greet", 0.99), bot("Hallo!"),
        user("wat kost een fiets", "nlu_fallback", 0.2), bot("Bedoel je een van deze?", "utter_fallback_suggest"),
        user("wie wint het wk", "out_of_scope", 0.95), bot("Dat weet ik helaas niet.", "utter_out_of_scope"),
        user("heb je parkeerplek", "practice_location", 0.9), bot("Dat weet ik niet, bel de praktijk.", "utter_p"),
        user("mag ik zwemmen", "movement_exercise", 0.41), bot("Bewegen helpt.", "utter_movement_exercise"),
        user("helpt magnesium", "magnesium_helps_back_pain", 0.93), bot("Misschien.", "utter_m"),
    ])
    found = misunderstood(events, THRESHOLD)
    assert [(e.user_text, e.reason) for e in found] == [
        ("wat kost een fiets", Reason.FALLBACK), ("wie wint het wk", Reason.OUT_OF_SCOPE),
        ("heb je parkeerplek", Reason.UNKNOWN_ANSWER), ("mag ik zwemmen", Reason.LOW_CONFIDENCE)]
    assert found[0].bot_text == "Bedoel je een van deze?"
    assert found[3].confidence == 0.41 and found[3].intent == "movement_exercise"


def test_buttons_red_flags_and_short_answers_are_not_lessons():
    events = as_dicts([
        user("/magnesium_dosage", "magnesium_dosage", 0.1), bot("Zoveel."),
        user("ik kan niet meer plassen", "nlu_fallback", 0.1, entities=[{"entity": "red_flag", "value": "x"}]),
        bot("Bel 112."),
        user("ja", "affirm", 0.3), bot("Fijn."),
    ])
    assert misunderstood(events, THRESHOLD) == []


def test_nothing_from_before_a_restart_counts():
    events = as_dicts([user("wat kost een fiets", "nlu_fallback", 0.2), bot("Sorry."), Restarted(),
                       ActionExecuted("action_listen")])
    assert misunderstood(events, THRESHOLD) == []


def test_not_meant_points_at_the_last_question_and_its_whole_answer():
    events = as_dicts([
        user("mag ik sporten", "movement_exercise", 0.9, timestamp=100.0), bot("Bewegen helpt."), bot("Rustig aan."),
        user("dat bedoelde ik niet", "not_what_i_meant", 0.97, timestamp=101.0),
    ])
    exchange = previous_exchange(events)
    assert exchange.user_text == "mag ik sporten" and exchange.reason is Reason.NOT_MEANT
    assert exchange.bot_text == "Bewegen helpt.\n\nRustig aan." and exchange.message_at == 100.0
    # Said twice in a row: still the same question.
    again = events + as_dicts([bot("Sorry."), user("dat bedoelde ik niet", "not_what_i_meant", 0.97)])
    assert previous_exchange(again).user_text == "mag ik sporten"


def test_not_meant_with_nothing_before_or_after_a_button_has_no_exchange():
    assert previous_exchange(as_dicts([user("dat bedoelde ik niet", "not_what_i_meant")])) is None
    events = as_dicts([user("/start_plan", "start_plan", 1.0), bot("Wat wil je?"),
                       user("dat bedoelde ik niet", "not_what_i_meant")])
    assert previous_exchange(events) is None
