"""Every plan question: good answers, kind corrections, defaults for "weet ik niet", and stop."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.plan.choices import NO_REMINDER
from bot.plan.validators import DEFAULTS, VALIDATORS, validate


def value(slot, text, **slots):
    outcome = validate(slot, text, slots)
    assert outcome.message is None, outcome.message
    return outcome.value


def corrected(slot, text, **slots):
    """The kind message for a reply that does not fit; the slot stays empty."""
    outcome = validate(slot, text, slots)
    assert outcome.value is None and outcome.message
    return outcome.message


@pytest.mark.parametrize("text, code", [
    ("wandelen", "walking"), ("Ik loop graag", "walking"), ("fietsen", "cycling"), ("rekken", "stretching"),
    ("stretchen", "stretching"), ("zwemmen", "swimming"), ("baantjes trekken", "swimming"),
    ("tuinieren", "tuinieren"), ("yoga", "yoga"), ("walking", "walking"),
])
def test_movement(text, code):
    assert value("plan_movement", text) == code


def test_movement_something_else_asks_what():
    assert "Wat doe je graag" in corrected("plan_movement", "iets anders")
    assert "knoppen" in corrected("plan_movement", "hoi, ik weet het niet zo goed hoor")


@pytest.mark.parametrize("text, minutes", [
    ("twintig minuten", 20), ("20 min", 20), ("een kwartier", 15), ("half uur", 30), ("5", 5), (20, 20),
])
def test_minutes(text, minutes):
    assert value("plan_movement_minutes", text) == minutes


def test_too_many_minutes_gets_a_gentle_suggestion():
    message = corrected("plan_movement_minutes", "300 minuten")
    assert "300 minuten is veel" in message and "15 of 20 minuten" in message
    assert "veel" in corrected("plan_movement_minutes", "2 uur")


def test_zero_or_unreadable_minutes():
    assert "5 minuten telt" in corrected("plan_movement_minutes", "0 minuten")
    assert "een kwartier" in corrected("plan_movement_minutes", "zo lang als het gaat")


@pytest.mark.parametrize("text, count", [("3 keer", 3), ("twee", 2), ("1x", 1), (3, 3)])
def test_breathing_count(text, count):
    assert value("plan_breathing_count", text) == count


def test_breathing_count_out_of_range():
    assert "1 keer" in corrected("plan_breathing_count", "0")
    assert "2 of 3 keer" in corrected("plan_breathing_count", "tien keer")


def test_breathing_moments_named_or_clock_times():
    assert value("plan_breathing_moments", "bij de maaltijden") == ["meals"]
    assert value("plan_breathing_moments", "ochtend, middag en avond") == ["spread"]
    assert value("plan_breathing_moments", "na het opstaan en voor het slapen") == ["waking", "bedtime"]
    outcome = validate("plan_breathing_moments", "om 8 uur en om 13 uur", {"plan_breathing_count": 3})
    assert outcome.value == ["08:00", "13:00"]
    assert outcome.slots == {"plan_breathing_count": 2} and "2 ademmomenten" in outcome.message
    assert value("plan_breathing_moments", "8:00 en 13:00", plan_breathing_count=2) == ["08:00", "13:00"]


@pytest.mark.parametrize("text, allergic", [
    ("ja", True), ("nee", False), ("ja, voor pinda's", True), ("ik ben niet allergisch", False),
    ("zeker niet", False), (True, True),
])
def test_nut_allergy(text, allergic):
    assert value("plan_nut_allergy", text) is allergic


def test_foods_and_the_nut_allergy():
    assert value("plan_foods", "noten en spinazie") == ["nuts", "greens"]
    assert value("plan_foods", "alles", plan_nut_allergy=False) == [
        "nuts", "seeds", "greens", "legumes", "grains", "chocolate"]
    outcome = validate("plan_foods", "noten en pompoenpitten", {"plan_nut_allergy": True})
    assert outcome.value == ["seeds"] and "Noten laat ik weg" in outcome.message
    assert "allergisch" in corrected("plan_foods", "amandelen", plan_nut_allergy=True)
    assert "knoppen" in corrected("plan_foods", "pizza")


def test_foods_none_of_them_gives_a_sensible_choice():
    outcome = validate("plan_foods", "niks daarvan", {"plan_nut_allergy": True})
    assert outcome.value == ["seeds", "greens"] and outcome.message


@pytest.mark.parametrize("text, glasses", [("6 glazen", 6), ("2 liter", 8), ("4", 4)])
def test_water(text, glasses):
    assert value("plan_water", text) == glasses


def test_water_out_of_range():
    assert "4 glazen" in corrected("plan_water", "0")
    assert "6 tot 8 glazen" in corrected("plan_water", "5 liter")


def test_sitting_and_the_movement_alarm():
    assert value("plan_sits", "ja, de hele dag achter de computer") is True
    no = validate("plan_sits", "nee, ik sta veel", {})
    assert no.value is False and no.slots == {"plan_move_alarm": None}
    assert value("plan_move_alarm", "elk half uur") == 30
    assert value("plan_move_alarm", "elk uur") == 60
    assert value("plan_move_alarm", "45 minuten") == 45
    assert "half uur" in corrected("plan_move_alarm", "5 minuten")
    assert "elk uur" in corrected("plan_move_alarm", "3 uur")


@pytest.mark.parametrize("text, bedtime", [
    ("22:30", "22:30"), ("half elf", "22:30"), ("om tien uur 's avonds", "22:00"), ("23 uur", "23:00"),
])
def test_bedtime(text, bedtime):
    assert value("plan_bedtime", text) == bedtime


def test_bedtime_corrections():
    assert "bestaat niet" in corrected("plan_bedtime", "25:00")
    assert "22:30" in corrected("plan_bedtime", "laat")


def test_consent():
    assert value("plan_consent", "ja") is True
    assert value("plan_consent", "Nee, niet bewaren") is False
    assert "ja of nee" in corrected("plan_consent", "hmm")


@pytest.mark.parametrize("text, time_of_day", [
    ("9:00", "09:00"), ("om 7 uur 's avonds", "19:00"), ("nee", NO_REMINDER), ("geen herinneringen", NO_REMINDER),
])
def test_reminder_time(text, time_of_day):
    assert value("plan_reminder_time", text) == time_of_day


def test_reminder_yes_without_time_asks_the_time():
    assert "Hoe laat" in corrected("plan_reminder_time", "ja graag")


def test_edit_part_clears_that_part_only():
    outcome = validate("plan_edit_part", "bewegen", {})
    assert outcome.value == "movement"
    assert outcome.slots == {"plan_movement": None, "plan_movement_minutes": None}
    assert validate("plan_edit_part", "herinnering", {}).value == "reminder"


@pytest.mark.parametrize("slot", sorted(DEFAULTS))
@pytest.mark.parametrize("text", ["weet ik niet", "sla over", "geen idee", "maakt niet uit"])
def test_skip_gives_the_default_with_a_message(slot, text):
    outcome = validate(slot, text, {})
    assert outcome.value == DEFAULTS[slot] and outcome.message


def test_unknown_nut_allergy_errs_on_the_safe_side():
    assert validate("plan_nut_allergy", "weet ik niet", {}).value is True


@pytest.mark.parametrize("slot", sorted(VALIDATORS))
@pytest.mark.parametrize("text", ["stop", "ik wil stoppen", "stop maar", "laat maar"])
def test_stop_leaves_the_form(slot, text):
    outcome = validate(slot, text, {})
    assert outcome.stopped and outcome.value is None


@pytest.mark.parametrize("slot, text", [
    ("plan_movement", "zwemmen"), ("plan_movement_minutes", "een kwartier"), ("plan_breathing_count", "2 keer"),
    ("plan_breathing_moments", "voor het slapen"), ("plan_nut_allergy", "nee"), ("plan_foods", "zaden"),
    ("plan_water", "1,5 liter"), ("plan_sits", "ja"), ("plan_move_alarm", "elk uur"), ("plan_bedtime", "half 12"),
    ("plan_consent", "ja"), ("plan_reminder_time", "19:00"),
])
def test_a_validated_value_validates_to_itself(slot, text):
    first = validate(slot, text, {}).value
    assert first is not None and validate(slot, first, {}).value == first


@given(st.text(max_size=40))
def test_validators_never_crash(text):
    for slot in VALIDATORS:
        outcome = validate(slot, text, {"plan_nut_allergy": True})
        assert outcome.value is not None or outcome.message or outcome.stopped


@pytest.mark.parametrize("text, activity", [
    ("yoga of zo, iets rustigs", "yoga"), ("pilates denk ik", "pilates"), ("misschien tuinieren", "tuinieren"),
    ("ik doe aan judo", "judo"), ("dansen, met vriendinnen", "dansen"),
])
def test_an_own_activity_with_hedges_or_a_remark(text, activity):
    assert validate("plan_movement", text, {}).value == activity


@pytest.mark.parametrize("text", ["asdfgh", "jkjkjkjk", "qwer"])
def test_keyboard_mashing_is_no_activity(text):
    outcome = validate("plan_movement", text, {})
    assert outcome.value is None and not outcome.understood


def test_how_long_still_tells_the_questions_left_and_asks_again():
    start = validate("plan_movement", "hoeveel vragen komen er nog?", {})
    assert start.value is None and start.message.startswith("Nog 11 korte vragen")
    last = validate("plan_bedtime", "pff duurt dit nog lang?", {"plan_sits": False})
    assert last.value is None and "korte vragen" in last.message


def test_a_count_that_names_its_moments_answers_both_questions():
    outcome = validate("plan_breathing_count",
                       "Twee keer per dag lijkt me goed, 's ochtends na het opstaan en 's avonds voor het slapen.", {})
    assert outcome.value == 2 and outcome.slots == {"plan_breathing_moments": ["waking", "bedtime"]}
    assert validate("plan_breathing_count", "3 keer", {}).slots == {}


def test_a_shrug_followed_by_a_choice_takes_the_choice():
    assert validate("plan_movement", "maakt niet uit, fietsen", {}).value == "cycling"
    assert validate("plan_movement", "maakt mij nie uit, iets simpels", {}).value == "walking"
    assert validate("plan_movement_minutes", "weet ik echt niet hoor", {}).value == 10
