"""Is a reply to the plan's question an answer, a question for the FAQ, a request to skip, or to stop?"""
import pytest

from bot.plan.choices import PlanChoices
from bot.plan.form import edit_plan_slots, fresh_plan_slots, reply_to_question, update_for
from bot.plan.questions import question, required_slots


def asked(slot, **slots):
    return {"requested_slot": slot, **slots}


def test_a_food_named_is_an_answer_even_if_the_nlu_thinks_it_is_a_question():
    slots = asked("plan_foods", plan_nut_allergy=False)
    assert reply_to_question("plan_foods", slots, "noten", "magnesium_food_sources", 0.95) == "noten"
    assert reply_to_question("plan_foods", slots, "spinazie en bonen", "nutrition_general", 0.9) == "spinazie en bonen"


def test_a_real_question_lets_the_form_step_aside():
    slots = asked("plan_foods", plan_nut_allergy=False)
    question_text = "hoeveel magnesium zit er in noten?"
    assert reply_to_question("plan_foods", slots, question_text, "magnesium_food_sources", 0.9) is None
    assert reply_to_question("plan_bedtime", asked("plan_bedtime"), "helpt magnesium bij slapen",
                             "sleep_tips", 0.8) is None
    assert reply_to_question("plan_water", asked("plan_water"), "ben jij een robot", "bot_challenge", 0.9) is None


def test_an_unreadable_reply_stays_with_the_form_when_the_nlu_is_unsure_or_not_faq():
    slots = asked("plan_bedtime")
    assert reply_to_question("plan_bedtime", slots, "laat", "sleep_tips", 0.4) == "laat"
    assert reply_to_question("plan_bedtime", slots, "hallo", "greet", 0.99) == "hallo"


def test_only_the_asked_slot_reads_the_message_and_reminders_are_not_answers():
    slots = asked("plan_water")
    assert reply_to_question("plan_bedtime", slots, "22:30", None, 0.0) is None
    assert reply_to_question("plan_water", slots, "EXTERNAL: show_plan", "show_plan", 1.0) is None
    assert reply_to_question("plan_water", slots, "/start_breathing", "start_breathing", 1.0) is None
    assert reply_to_question("plan_water", slots, None, None, 0.0) is None


def test_stop_ends_the_form_without_filling():
    update = update_for("plan_water", "stop", asked("plan_water"))
    assert update.slots == {"plan_water": None, "plan_stopped": True, "form_exit": "stop"} and not update.messages
    assert required_slots({"plan_stopped": True}) == []


def test_the_question_order_and_its_conditions():
    new = fresh_plan_slots()
    assert required_slots(new) == ["plan_movement", "plan_movement_minutes", "plan_breathing_count",
                                   "plan_breathing_moments", "plan_nut_allergy", "plan_foods", "plan_water",
                                   "plan_sits", "plan_move_alarm", "plan_bedtime", "plan_consent"]
    assert "plan_move_alarm" not in required_slots({**new, "plan_sits": False})
    assert required_slots({**new, "plan_consent": True})[-1] == "plan_reminder_time"


def test_changing_a_part_asks_only_that_part():
    slots = edit_plan_slots(PlanChoices(sits=True, move_alarm=45), "19:00", None)
    assert required_slots(slots) == ["plan_edit_part"]
    slots = edit_plan_slots(PlanChoices(), "19:00", "movement")
    assert required_slots(slots) == ["plan_edit_part", "plan_movement", "plan_movement_minutes"]
    assert slots["plan_movement"] is None and slots["plan_bedtime"] == "23:00"
    assert required_slots(edit_plan_slots(PlanChoices(), None, "reminder"))[-1] == "plan_reminder_time"


def test_questions_have_buttons_where_they_help_and_follow_the_allergy():
    assert [b[0] for b in question("plan_movement", {}).buttons] == [
        "Wandelen", "Fietsen", "Rekken", "Zwemmen", "Iets anders"]
    with_nuts = [b[1] for b in question("plan_foods", {"plan_nut_allergy": False}).buttons]
    without = [b[1] for b in question("plan_foods", {"plan_nut_allergy": True}).buttons]
    assert "noten" in with_nuts and "noten" not in without
    assert "pompoenpitten" in question("plan_foods", {"plan_nut_allergy": True}).text


def test_the_consent_question_shows_the_plan_first():
    text = question("plan_consent", {"plan_movement": "cycling", "plan_movement_minutes": 15}).text
    assert text.index("fiets elke dag 15 minuten") < text.index("Mag ik dit plan bewaren?")
    assert "14 dagen" in question("plan_reminder_time", {}, checkin_days=14).text


def test_when_the_nlu_cannot_place_a_reply_only_a_question_steps_aside():
    slots = asked("plan_bedtime")
    assert reply_to_question("plan_bedtime", slots, "half elf", "nlu_fallback", 0.55) == "half elf"
    assert reply_to_question("plan_bedtime", slots, "hoeveel magnesium zit er in noten?", "nlu_fallback", 0.55) is None


def test_asking_for_a_therapist_or_deletion_goes_before_the_plan():
    slots = asked("plan_water")
    assert reply_to_question("plan_water", slots, "ik wil met een therapeut praten", "request_therapist", 0.97) is None
    assert reply_to_question("plan_water", slots, "verwijder mijn gegevens", "delete_my_data", 0.99) is None
    assert reply_to_question("plan_water", slots, "6 glazen", "request_therapist", 0.7) == "6 glazen"


def test_looking_at_the_plan_or_progress_steps_aside_only_when_it_is_no_answer():
    slots = asked("plan_bedtime")
    assert reply_to_question("plan_bedtime", slots, "laat mijn plan zien", "show_plan", 0.95) is None
    assert reply_to_question("plan_bedtime", slots, "23:00", "show_plan", 0.95) == "23:00"


def test_a_change_of_mind_about_the_previous_answer_changes_it_and_asks_again():
    from bot.plan.form import update_for

    slots = {"plan_movement": "walking", "requested_slot": "plan_movement_minutes"}
    update = update_for("plan_movement_minutes", "oh nee wacht, doe toch maar fietsen. wandelen gaat slecht met mn knie",
                        slots)
    assert update.slots == {"plan_movement": "cycling", "plan_movement_minutes": None}
    assert update.messages == ["Oké, dat pas ik aan: fietsen."]


@pytest.mark.parametrize("text", ["toch maar niet", "fietsen", "eigenlijk 10 minuten"])
def test_without_a_change_of_mind_the_reply_is_read_for_the_question_asked(text):
    from bot.plan.form import update_for

    update = update_for("plan_movement_minutes", text, {"plan_movement": "walking",
                                                         "requested_slot": "plan_movement_minutes"})
    assert update.slots.get("plan_movement", "walking") == "walking"


@pytest.mark.parametrize("intent", ["not_what_i_meant", "time_to_effect", "out_of_scope"])
def test_how_long_still_is_read_by_the_plan_whatever_the_nlu_says(intent):
    from bot.plan.form import read_reply

    turn = read_reply("plan_breathing_count", {"requested_slot": "plan_breathing_count"},
                      "pff wat een vragen, duurt dit nog lang?", intent, 0.95)
    assert turn is not None and turn.kind == "answer"


def test_a_change_of_mind_is_an_answer_whatever_the_nlu_says():
    from bot.plan.form import read_reply

    slots = {"plan_movement": "walking", "requested_slot": "plan_movement_minutes"}
    turn = read_reply("plan_movement_minutes", slots, "oh nee wacht, doe toch maar fietsen", "movement_exercise", 0.95)
    assert turn is not None and turn.kind == "answer"


def test_an_earlier_answer_named_in_a_later_question_is_changed_and_the_question_comes_back():
    slots = {"plan_movement": "walking", "plan_movement_minutes": 15, "plan_breathing_count": 2,
             "plan_breathing_moments": ["ochtend", "avond"], "plan_nut_allergy": False}
    text = "Sorry, ik moet iets aanpassen: bij dat wandelen haal ik eigenlijk maar tien minuten, geen vijftien."
    update = update_for("plan_foods", text, slots)
    assert update.slots == {"plan_movement_minutes": 10, "plan_foods": None}
    assert update.messages == ["Oké, dat pas ik aan: 10 minuten."]
    # An ordinary answer to the question is just that.
    assert update_for("plan_foods", "pompoenpitten en spinazie eet ik graag", slots).slots["plan_foods"]


def test_a_question_with_wacht_in_front_is_no_change_of_mind():
    from bot.plan.form import update_for

    slots = {"plan_movement": "cycling", "requested_slot": "plan_movement_minutes"}
    update = update_for("plan_movement_minutes", "wacht, mag mijn dochter van 12 ook magnesium?", slots)
    assert "plan_movement" not in update.slots
    assert not any(message.startswith("Oké, dat pas ik aan") for message in update.messages)
