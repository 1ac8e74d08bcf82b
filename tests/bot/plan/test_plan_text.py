"""The plan in plain Dutch, and the magnesium estimate checked by hand."""
from datetime import date

import pytest

from bot.plan.choices import PlanChoices
from bot.plan.magnesium import PORTIONS, estimate_mg, rounded_mg
from bot.plan.plan_text import nudge_for, nudges, plan_lines, plan_text


def test_portions_follow_clinical_md_section_4():
    # mg per 100 g and portion sizes (handful 25 g, slice of bread 35 g) from the reference.
    assert PORTIONS["nuts"].mg == pytest.approx(25 * 270 / 100)        # 67.5
    assert PORTIONS["seeds"].mg == pytest.approx(25 * 535 / 100)       # 133.75
    assert PORTIONS["greens"].mg == pytest.approx(87)
    assert PORTIONS["legumes"].mg == pytest.approx(45)
    assert PORTIONS["grains"].mg == pytest.approx(2 * 35 * 82 / 100)   # 57.4
    assert PORTIONS["chocolate"].mg == pytest.approx(20 * 228 / 100)   # 45.6


@pytest.mark.parametrize("foods, exact, shown", [
    (["nuts", "seeds"], 201.25, 200),
    (["seeds", "greens"], 220.75, 220),
    (["legumes", "grains", "chocolate"], 148.0, 150),
    (["nuts", "seeds", "greens", "legumes", "grains", "chocolate"], 436.25, 435),
    ([], 0, 0),
])
def test_magnesium_estimate_by_hand(foods, exact, shown):
    assert estimate_mg(foods) == pytest.approx(exact)
    assert rounded_mg(foods) == shown


def test_a_food_counts_once():
    assert estimate_mg(["nuts", "nuts"]) == pytest.approx(67.5)


def full_choices(**changes):
    values = dict(movement="walking", movement_minutes=15, breathing_count=3, breathing_moments=["meals"],
                  nut_allergy=False, foods=["nuts", "greens"], water=6, sits=True, move_alarm=30,
                  bedtime="22:30")
    values.update(changes)
    return PlanChoices(**values)


def test_the_plan_says_what_when_how_much_and_why_one_line_each():
    lines = plan_lines(full_choices())
    assert [line.split(":")[0] for line in lines] == ["Bewegen", "Ademen", "Eten", "Water", "Beweegwekker", "Avond"]
    assert all("Waarom:" in line for line in lines)
    text = plan_text(full_choices())
    assert "wandel elke dag 15 minuten" in text
    assert "3 keer per dag 2 minuten, 4 tellen in en 6 tellen uit, voor het ontbijt" in text
    assert "een handje amandelen (25 g) en een portie gekookte spinazie (100 g)" in text
    assert "ongeveer 155 mg magnesium" in text  # 67.5 + 87 = 154.5
    assert "6 glazen water per dag (ongeveer 1,5 liter)" in text
    assert "elke 30 minuten" in text
    assert "leg om 21:30 je scherm weg en ga om 22:30 naar bed" in text


def test_one_food_is_not_called_together():
    text = plan_text(full_choices(foods=["seeds"]))
    assert "Dat geeft ongeveer 135 mg magnesium" in text  # 133.75 rounded to 5


def test_a_nut_allergy_changes_the_plan():
    text = plan_text(full_choices(nut_allergy=True, foods=["seeds", "greens"]))
    assert "amandelen" not in text and "pompoenpitten" in text
    assert "allergisch voor noten" in text and "etiket" in text


def test_without_sitting_there_is_no_movement_alarm():
    text = plan_text(full_choices(sits=False, move_alarm=None))
    assert "Beweegwekker" not in text


def test_swimming_and_own_activities():
    assert "zwem 2 keer per week 20 minuten" in plan_text(full_choices(movement="swimming", movement_minutes=20))
    assert "doe elke dag 15 minuten dansen" in plan_text(full_choices(movement="dansen"))


def test_breathing_moments_follow_the_count_and_clock_times():
    assert "voor twee van je maaltijden" in plan_text(full_choices(breathing_count=2))
    assert "om 08:00 en 13:00" in plan_text(full_choices(breathing_count=2, breathing_moments=["08:00", "13:00"]))


def test_the_plan_is_plain_and_kind():
    text = plan_text(full_choices())
    assert "je " in text and " u " not in f" {text.lower()} "
    assert "huisarts" in text  # when to stop and call: part of every plan


def test_nudges_are_one_line_each_and_take_turns():
    choices = full_choices()
    assert all("\n" not in nudge for nudge in nudges(choices))
    days = [nudge_for(choices, date(2025, 5, day)) for day in range(1, 1 + len(nudges(choices)))]
    assert sorted(days) == sorted(nudges(choices))


def test_choices_round_trip_through_json():
    choices = full_choices(nut_allergy=True, foods=["seeds"])
    assert PlanChoices.from_dict(choices.to_dict()) == choices
    assert PlanChoices.from_slots(choices.to_slots()) == choices
