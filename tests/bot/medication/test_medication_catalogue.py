"""The YAML catalogues hold every fact of clinical.md sections 2 and 3, and load strictly."""
from __future__ import annotations

import re

import pytest
import yaml

from bot.medication.catalogue import MEDICATIONS_FILE, load_catalogue
from bot.medication.salts import SUPPLEMENTS_FILE, load_supplement_facts

CLASS_CODES = {
    "tetracyclines", "quinolones", "levothyroxine", "bisphosphonates", "integrase_inhibitors",
    "gabapentin", "eltrombopag", "penicillamine", "ppi", "diuretics", "potassium_sparing_diuretics",
    "digoxin", "calcium_channel_blockers",
}
CONDITION_CODES = {"kidney_disease", "heart_rhythm", "myasthenia"}
BRANDS = {
    "Thyrax", "Euthyrox", "Losec", "Nexium", "Pantozol", "Fosamax", "Fosavance", "Actonel", "Bonviva",
    "Tivicay", "Triumeq", "Dovato", "Juluca", "Isentress", "Biktarvy", "Neurontin", "Revolade", "Lasix",
    "Burinex", "Aldactone", "Lanoxin", "Minocin", "Ciproxin", "Tavanic", "Avelox",
}
# clinical.md section 3: elemental magnesium share of each salt, as (min, max).
SHARES = {
    "oxide": (0.60, 0.60), "hydroxide": (0.42, 0.42), "chloride": (0.12, 0.26), "sulfate": (0.10, 0.20),
    "malate": (0.155, 0.155), "bisglycinate": (0.14, 0.14), "lactate": (0.12, 0.12),
    "citrate": (0.11, 0.16), "taurate": (0.09, 0.09), "threonate": (0.08, 0.08),
}


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(MEDICATIONS_FILE.read_text(encoding="utf-8"))


def test_every_class_and_condition_of_section_two_is_there():
    classes = load_catalogue().classes
    assert {code for code, c in classes.items() if not c.is_condition} == CLASS_CODES
    assert {code for code, c in classes.items() if c.is_condition} == CONDITION_CODES


def test_the_brands_from_the_brief_are_listed(raw):
    brands = {b for entry in raw["classes"] for m in entry["medicines"] for b in m["brands"]}
    assert BRANDS <= brands


def test_the_file_says_brands_must_be_checked_in_the_g_standaard():
    assert "G-Standaard" in MEDICATIONS_FILE.read_text(encoding="utf-8")


def test_generic_names_are_canonical_lowercase(raw):
    for entry in raw["classes"]:
        for medicine in entry["medicines"]:
            assert medicine["generic"] == medicine["generic"].lower().strip()


@pytest.mark.parametrize("code", sorted(CLASS_CODES | CONDITION_CODES))
def test_each_entry_has_plain_dutch_advice_why_and_source(code):
    entry = load_catalogue().classes[code]
    for text in (entry.label, entry.advice, entry.why):
        assert text.strip() and "veilig" not in text.lower()
    assert not re.search(r"\b(u|uw)\b", entry.advice.lower()), "advice is written in the je-form"
    assert entry.source


def _hours(value):
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("code", sorted(CLASS_CODES))
def test_the_advice_states_the_hours_of_the_data(code):
    entry = load_catalogue().classes[code]
    numbers = set(re.findall(r"\d+", entry.advice))
    for value in entry.hours.values():
        # A range [a, b] may be advised as "a tot b uur" or, conservatively, as "minstens b uur".
        assert str(_hours(value)[-1]) in numbers, (code, value, entry.advice)


def test_levothyroxine_advice_is_four_hours_apart():
    assert load_catalogue().classes["levothyroxine"].advice == "Neem levothyroxine en magnesium minstens 4 uur na elkaar in."


def test_no_known_interaction_is_short_and_disjoint(raw):
    names = {m["generic"] for m in raw["no_known_interaction"]}
    assert {"paracetamol", "ibuprofen", "naproxen", "diclofenac"} <= names
    assert len(names) <= 8
    interacting = {m["generic"] for entry in raw["classes"] for m in entry["medicines"]}
    assert not names & interacting


def test_supplement_shares_match_section_three():
    salts = {s.form: (s.share_min, s.share_max) for s in load_supplement_facts().salts}
    assert salts == SHARES


def test_supplement_limits_match_section_three():
    facts = load_supplement_facts()
    assert (facts.upper_level_mg, facts.diarrhoea_from_mg) == (250, 360)
    assert (facts.need_women_mg, facts.need_men_mg) == (300, 350)
    assert "source" in yaml.safe_load(SUPPLEMENTS_FILE.read_text(encoding="utf-8"))["limits"]


def _write(tmp_path, data):
    path = tmp_path / "medications.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _class(code, generic):
    return {"code": code, "label": "x", "advice": "x", "why": "x", "source": "x",
            "medicines": [{"generic": generic, "forms": [], "brands": []}]}


def test_a_name_used_for_two_medicines_is_refused(tmp_path):
    path = _write(tmp_path, {"classes": [_class("a", "samenaam"), _class("b", "samenaam")]})
    with pytest.raises(ValueError, match="names two things"):
        load_catalogue(path)


def test_a_class_without_advice_is_refused(tmp_path):
    entry = _class("a", "iets")
    del entry["advice"]
    with pytest.raises(ValueError, match="advice"):
        load_catalogue(_write(tmp_path, {"classes": [entry]}))
