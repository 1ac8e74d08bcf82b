"""parse_supplement arithmetic (checked by hand) and supplement_advice wording."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.medication.supplement import SupplementCheck, _parse, parse_supplement, supplement_advice


def _check(text):
    check = parse_supplement(text)
    assert check is not None, text
    return check


@pytest.mark.parametrize(
    "text, form, per_unit, units, low, high, stated",
    [
        # 1000 mg citrate x 11% = 110 mg; x 16% = 160 mg
        ("ik neem 1000 mg magnesiumcitraat", "citrate", 1000, 1, 110, 160, False),
        # 2 x 400 mg = 800 mg oxide x 60% = 480 mg
        ("2 tabletten van 400 mg magnesiumoxide", "oxide", 400, 2, 480, 480, False),
        # 500 mg bisglycinate x 14% = 70 mg
        ("500mg magnesium bisglycinaat per dag", "bisglycinate", 500, 1, 70, 70, False),
        # the label's elemental figure is used as is
        ("ik slik 300 mg elementair magnesium", "elemental", 300, 1, 300, 300, True),
        # 1 gram = 1000 mg citrate -> 110 to 160 mg
        ("1 gram citraat", "citrate", 1000, 1, 110, 160, False),
        # no form: 2 x 250 = 500 mg; from 500 x 8% (threonate, the poorest) = 40 up to 500 if elemental
        ("twee capsules van 250 mg", "unknown", 250, 2, 40, 500, False),
        # 1.000 is a thousands separator; 2x a day: 2000 mg x 11% = 220, x 16% = 320
        ("1.000 mg citraat 2x per dag", "citrate", 1000, 2, 220, 320, False),
        # 1,5 gram = 1500 mg chloride x 12% = 180 (hexahydrate) up to x 26% = 390 (dry)
        ("1,5 gram magnesiumchloride", "chloride", 1500, 1, 180, 390, False),
        # 3 a day x 2 tablets x 100 mg = 600 mg malate x 15.5% = 93 mg
        ("drie keer per dag 2 tabletten van 100 mg magnesium malaat", "malate", 100, 6, 93, 93, False),
        # 12 x 100 mg = 1200 mg lactate x 12% = 144 mg
        ("twaalf tabletjes van 100 mg magnesiumlactaat", "lactate", 100, 12, 144, 144, False),
        # 400 mg taurate x 9% = 36 mg
        ("magnesium tauraat 400 mg", "taurate", 400, 1, 36, 36, False),
        # 2 x 1000 mg L-threonate = 2000 x 8% = 160 mg
        ("2 capsules van 1000 mg magnesium L-threonaat", "threonate", 1000, 2, 160, 160, False),
        # 500 mg hydroxide x 42% = 210 mg
        ("500 mg magnesiumhydroxide", "hydroxide", 500, 1, 210, 210, False),
        # 1000 mg sulfate x 10% = 100 (heptahydrate) up to x 20% = 200 (dry)
        ("een gram magnesiumsulfaat", "sulfate", 1000, 1, 100, 200, False),
        # "magnesium 200 mg" on a label is elemental; the vitamin C dose is not magnesium
        ("vitamine C 1000 mg en magnesium 200 mg", "elemental", 200, 1, 200, 200, True),
        # a salt the table lacks: 500 x 8% = 40 up to 500 if the label figure is elemental
        ("500 mg magnesiumgluconaat", "unknown", 500, 1, 40, 500, False),
        ("magnesium carbonaat 500 mg", "unknown", 500, 1, 40, 500, False),
    ],
)
def test_elemental_magnesium_by_hand(text, form, per_unit, units, low, high, stated):
    check = _check(text)
    assert (check.form, check.salt_mg_per_unit, check.units) == (form, per_unit, units)
    assert check.elemental_min_mg == pytest.approx(low)
    assert check.elemental_max_mg == pytest.approx(high)
    assert check.stated_elemental is stated
    assert check.above_upper_level is (high > 250)


@pytest.mark.parametrize(
    "text",
    [
        "ik neem 500 mg paracetamol",
        "70 mg alendronaat",
        "ik slik 40 mg furosemide",
        "Ik heb rugpijn",
        "hoeveel magnesium mag ik?",
        "",
        "0 mg citraat",
    ],
)
def test_no_magnesium_dose(text):
    assert parse_supplement(text) is None


def test_advice_names_the_range_the_upper_level_and_the_daily_need():
    advice = supplement_advice(_check("ik neem 1000 mg magnesiumcitraat"))
    assert "110 tot 160 mg" in advice
    assert "250 mg" in advice and "onder" in advice
    assert "300 mg" in advice and "350 mg" in advice
    assert "eten" in advice.lower()


def test_advice_above_the_upper_level_mentions_diarrhoea_and_oxide():
    advice = supplement_advice(_check("2 tabletten van 400 mg magnesiumoxide"))
    assert "480 mg" in advice and "meer dan 250 mg" in advice
    assert "diarree" in advice and "360 mg" in advice
    assert "twee momenten" in advice
    assert "dunne ontlasting" in advice


def test_advice_for_an_unknown_form_points_to_the_label():
    advice = supplement_advice(_check("twee capsules van 250 mg"))
    assert "etiket" in advice and "500 mg" in advice


@pytest.mark.parametrize("text", ["ik neem 1000 mg magnesiumcitraat", "ik slik 300 mg elementair magnesium"])
def test_kidney_problems_always_open_with_the_huisarts(text):
    advice = supplement_advice(_check(text), kidney_problem=True)
    assert "huisarts" in advice.splitlines()[0]
    assert "huisarts" not in supplement_advice(_check(text)).splitlines()[0]


_CHECKS = st.builds(
    SupplementCheck,
    form=st.sampled_from(["oxide", "citrate", "bisglycinate", "elemental", "unknown", "other"]),
    salt_mg_per_unit=st.floats(min_value=1, max_value=5000),
    units=st.integers(min_value=1, max_value=12),
    elemental_min_mg=st.floats(min_value=0, max_value=3000),
    elemental_max_mg=st.floats(min_value=0, max_value=3000),
    stated_elemental=st.booleans(),
    above_upper_level=st.booleans(),
)


@settings(deadline=None, max_examples=200, database=None)
@given(_CHECKS, st.booleans())
def test_advice_never_says_safe(check, kidney_problem):
    advice = supplement_advice(check, kidney_problem=kidney_problem).lower()
    assert "veilig" not in advice and "geen probleem" not in advice


@settings(deadline=None, max_examples=300, database=None)
@given(st.text(max_size=300))
def test_parse_never_raises_on_any_text(text):
    # The public function swallows errors; the parsing itself must not need that.
    result = _parse(text)
    assert result is None or result.elemental_min_mg <= result.elemental_max_mg


_PIECES = st.sampled_from(
    ["2", "twee", "x", "keer", "tabletten", "van", "400", "1.000", "1,5", "mg", "gram", "g", "magnesium",
     "citraat", "oxide", "elementair", "per", "dag", "paracetamol", "vitamine", "0", "999999"]
)


@settings(deadline=None, max_examples=300, database=None)
@given(st.lists(_PIECES, max_size=20).map(" ".join))
def test_parse_never_raises_on_dose_like_text(text):
    result = _parse(text)
    if result is not None:
        assert 0 < result.elemental_max_mg and result.units >= 1
        assert supplement_advice(result)
