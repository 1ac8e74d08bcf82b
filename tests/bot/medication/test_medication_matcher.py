"""find_medications: names, brands, typos, combinations, negations, conditions, unknown names."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.medication.catalogue import MEDICATIONS_FILE
from bot.medication.matcher import MedicationFindings, MedicationMention, _findings, find_medications


def _catalogue_yaml():
    return yaml.safe_load(MEDICATIONS_FILE.read_text(encoding="utf-8"))


def _interacting_names():
    for entry in _catalogue_yaml()["classes"]:
        for medicine in entry["medicines"]:
            for name in [medicine["generic"], *medicine["forms"]]:
                yield pytest.param(name, medicine["generic"], entry["code"], "generic", id=name)
            for brand in medicine["brands"]:
                yield pytest.param(brand, medicine["generic"], entry["code"], "brand", id=brand)


def _condition_phrases():
    for entry in _catalogue_yaml()["conditions"]:
        for phrase in entry["phrases"]:
            yield pytest.param(phrase, entry["code"], id=phrase)


def _no_interaction_names():
    for medicine in _catalogue_yaml()["no_known_interaction"]:
        for name in [medicine["generic"], *medicine["forms"], *medicine["brands"]]:
            yield pytest.param(name, medicine["generic"], id=name)


@pytest.mark.parametrize("name, generic, class_code, kind", list(_interacting_names()))
def test_every_catalogue_name_is_found_in_a_sentence(name, generic, class_code, kind):
    findings = find_medications(f"Ik gebruik {name} sinds een paar weken.")
    assert findings.medications == (generic,)
    assert findings.interaction_classes == (class_code,)
    assert findings.mentions[0].kind == kind
    assert findings.mentions[0].matched_text == name


@pytest.mark.parametrize("name, generic, class_code, kind", list(_interacting_names()))
def test_every_catalogue_name_is_found_whatever_the_case(name, generic, class_code, kind):
    assert find_medications(name.upper()).medications == (generic,)


@pytest.mark.parametrize("phrase, code", list(_condition_phrases()))
def test_every_condition_phrase_is_found(phrase, code):
    findings = find_medications(f"Ik heb {phrase}, dat wil ik even zeggen.")
    assert code in findings.interaction_classes
    assert findings.medications == ()


@pytest.mark.parametrize("name, generic", list(_no_interaction_names()))
def test_no_interaction_medicines_give_no_class(name, generic):
    findings = find_medications(f"ik neem {name} als het nodig is", expecting_list=True)
    assert findings.no_interaction == (generic,)
    assert findings.interaction_classes == ()
    assert findings.unknown == ()


@pytest.mark.parametrize(
    "typo, generic",
    [
        ("levothyroxin", "levothyroxine"),
        ("omeprazool", "omeprazol"),
        ("ciprofloxacin", "ciprofloxacine"),
        ("alendronaat", "alendroninezuur"),
        ("pantaprazol", "pantoprazol"),
        ("doxycyline", "doxycycline"),
        ("gabapentin", "gabapentine"),
        ("spironolacton", "spironolacton"),
        ("Levothyroxine-natrium", "levothyroxine"),
        ("levothyroxinetabletten", "levothyroxine"),
    ],
)
def test_typos_and_word_forms_are_found(typo, generic):
    assert find_medications(f"ik slik {typo}").medications == (generic,)


def test_short_words_are_never_corrected():
    # "lasik" is one letter from Lasix, but too short to guess safely.
    assert find_medications("ik had lasik aan mijn ogen").medications == ()


def test_several_medicines_in_one_message():
    findings = find_medications("Ik gebruik levothyroxine en omeprazol, en Fosamax op maandag.")
    assert findings.medications == ("levothyroxine", "omeprazol", "alendroninezuur")
    assert findings.interaction_classes == ("levothyroxine", "ppi", "bisphosphonates")


def test_a_group_word_gives_classes_but_no_medicine():
    findings = find_medications("ik gebruik een plaspil")
    assert findings.medications == ()
    assert set(findings.interaction_classes) == {"diuretics", "potassium_sparing_diuretics"}
    assert findings.mentions[0].kind == "group"


def test_medicines_and_conditions_together():
    findings = find_medications("Ik heb nierproblemen en gebruik Lasix")
    assert findings.medications == ("furosemide",)
    assert findings.interaction_classes == ("kidney_disease", "diuretics")


def test_mentions_are_frozen_dataclasses():
    mention = find_medications("omeprazol").mentions[0]
    assert mention == MedicationMention("omeprazol", "ppi", "omeprazol", "generic")
    with pytest.raises(AttributeError):
        mention.canonical = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "ik gebruik geen omeprazol meer",
        "omeprazol gebruik ik niet meer",
        "Ik gebruik omeprazol niet meer",
        "ik ben gestopt met omeprazol",
        "met omeprazol ben ik gestopt",
        "Nexium gebruik ik al jaren niet",
        "geen Lasix meer sinds de zomer",
        "ik heb geen nierproblemen of hartritmestoornissen",
        "ik heb geen trage hartslag",
    ],
)
def test_negated_names_are_not_mentions(text):
    findings = find_medications(text)
    assert findings.mentions == ()
    assert findings.says_none is False


@pytest.mark.parametrize(
    "text, generic",
    [
        # Missing a warning is worse than one too many: these still count.
        ("ik neem geen levothyroxine tegelijk met magnesium", "levothyroxine"),
        ("ik gebruik omeprazol niet elke dag", "omeprazol"),
        ("Ik weet niet of levothyroxine samengaat met magnesium", "levothyroxine"),
        ("ik gebruik geen omeprazol maar wel levothyroxine", "levothyroxine"),
        ("mijn arts wil dat ik stop met omeprazol", "omeprazol"),
        ("ik kan niet zonder omeprazol", "omeprazol"),
    ],
)
def test_unclear_negations_still_warn(text, generic):
    assert generic in find_medications(text).medications


@pytest.mark.parametrize(
    "text, expecting_list",
    [
        ("Ik gebruik geen medicijnen", False),
        ("ik slik geen medicatie", False),
        ("geen", False),
        ("nee, niks", False),
        ("Nee hoor, niets", True),
        ("nee", True),
        ("medicijnen gebruik ik geen", False),
        ("ik gebruik verder niks", False),
    ],
)
def test_says_none(text, expecting_list):
    findings = find_medications(text, expecting_list=expecting_list)
    assert findings == MedicationFindings(says_none=True)


@pytest.mark.parametrize(
    "text, expecting_list",
    [
        ("nee", False),  # "no" to some other question
        ("ik heb geen idee", False),
        ("ik gebruik geen medicijnen behalve omeprazol", False),
        ("geen pijn meer vandaag", False),
    ],
)
def test_does_not_say_none(text, expecting_list):
    assert find_medications(text, expecting_list=expecting_list).says_none is False


def test_no_medicines_but_a_condition():
    findings = find_medications("Ik gebruik geen medicijnen, maar mijn nieren werken niet goed.")
    assert findings.says_none is True
    assert findings.interaction_classes == ("kidney_disease",)


def test_unknown_names_when_asked_for_the_list():
    findings = find_medications("metoprolol, simvastatine en omeprazol", expecting_list=True)
    assert findings.unknown == ("metoprolol", "simvastatine")
    assert findings.medications == ("omeprazol",)
    assert findings.says_none is False


def test_unknown_names_stay_empty_when_not_asked():
    assert find_medications("metoprolol, simvastatine en omeprazol").unknown == ()
    assert find_medications("Ik heb rugpijn en slaap slecht", expecting_list=True).unknown == ()


@pytest.mark.parametrize(
    "text, unknown",
    [
        ("ik slik metoprolol", ("metoprolol",)),
        ("Ik gebruik simvastatine voor mijn cholesterol", ("simvastatine",)),
        ("ik neem ook nog lisinopril en losartan", ("lisinopril", "losartan")),
        ("Mag ik magnesium met metoprolol?", ("metoprolol",)),
    ],
)
def test_unknown_names_when_the_text_clearly_names_a_medicine(text, unknown):
    assert find_medications(text).unknown == unknown


@pytest.mark.parametrize(
    "text",
    ["ik neem magnesiumcitraat", "ik gebruik vitamine D", "ik neem een warme douche", "ik gebruik geen metoprolol meer"],
)
def test_no_unknown_for_supplements_or_ordinary_words(text):
    assert find_medications(text).unknown == ()


@pytest.mark.parametrize("text", ["", "   ", None, 42, "🙂🙂", "\x00", "a" * 10000])
def test_odd_input_gives_empty_findings(text):
    findings = find_medications(text)  # type: ignore[arg-type]
    assert findings.mentions == () and findings.unknown == ()


_WORDS = st.sampled_from(
    ["ik", "gebruik", "geen", "niet", "meer", "omeprazol", "Thyrax", "nieren", "werken", "goed", "en",
     "metoprolol", ",", "?", "nee", "niks", "av-blok", "levothyroxin", "gestopt", "met", "mg", "400"]
)


@settings(deadline=None, max_examples=300, database=None)
@given(st.text(max_size=300), st.booleans())
def test_never_raises_on_any_text(text, expecting_list):
    assert isinstance(find_medications(text, expecting_list), MedicationFindings)
    # The public function swallows errors; the matching itself must not need that.
    if text.strip():
        _findings(text, expecting_list)


@settings(deadline=None, max_examples=300, database=None)
@given(st.lists(_WORDS, max_size=25).map(" ".join), st.booleans())
def test_never_raises_on_medicine_like_text(text, expecting_list):
    findings = _findings(text, expecting_list)
    assert not (findings.says_none and findings.medications)


@pytest.mark.parametrize("text", [
    "ik heb nierstenen gehad",
    "vorig jaar had ik een niersteen",
    "mijn nierfunctie is niet zo best",
    "ik heb al jaren last van mijn nieren",
    "ik heb maar één nier",
    "mijn eGFR is 45",
    "ik had ooit een nierkoliek",
])
def test_kidney_stones_and_kidney_function_reach_the_kidney_caution(text):
    assert find_medications(text).interaction_classes == ("kidney_disease",)


@pytest.mark.parametrize("text", ["ik heb geen nierstenen", "ik heb nooit nierstenen gehad"])
def test_no_kidney_stones_is_no_kidney_caution(text):
    assert find_medications(text).interaction_classes == ()


@pytest.mark.parametrize("text, unknown", [
    ("het andere heet volgens mij xarelto", ("xarelto",)),
    ("dat spul van hem heet sintrom", ("sintrom",)),
    ("de naam is eliquis", ("eliquis",)),
    # A person's or a pet's name, or a Dutch word after 'heet', is no medicine.
    ("ik heet annelies en ik slik magnesium", ()),
    ("mijn hond heet boris", ()),
    ("hoe heet dat spul ook alweer", ()),
    # The name before 'heet': "iets dat Zolbanex heet".
    ("ze slikt ook nog iets dat Zolbanex heet", ("zolbanex",)),
    ("ik weet niet wat dat heet", ()),
])
def test_a_name_given_with_heet_or_naam_is_an_unknown_medicine(text, unknown):
    assert find_medications(text).unknown == unknown


@pytest.mark.parametrize("text, unknown", [
    ("hij neemt ook nog xarelto, zo'n bloedverdunner", ("xarelto",)),
    ("ik slik eliquis en wil magnesium erbij", ("eliquis",)),
    ("ik gebruik sinds kort metformine", ("metformine",)),
    # A typo of a Dutch word, a Dutch word or a sport after the verb is no medicine.
    ("ik neem elke ochtnd een glas water", ()),
    ("ik neem de trein naar amsterdam", ()),
    ("ik neem ook nog pilates", ()),
])
def test_a_brand_name_right_after_a_use_verb_is_an_unknown_medicine(text, unknown):
    assert find_medications(text).unknown == unknown


@pytest.mark.parametrize("text, unknown", [
    ("Ik gebruik metformine, heeft dat invloed op magnesium?", ("metformine",)),
    ("insuline en nog iets voor de bloeddruk", ("insuline",)),
    ("ascal en sintrom", ("ascal", "sintrom")),
])
def test_in_an_answer_to_which_medicines_a_common_dutch_word_is_no_medicine(text, unknown):
    assert find_medications(text, expecting_list=True).unknown == unknown


@pytest.mark.parametrize("text, generic", [
    ("en mijn vriend slikt cipro, geldt dat daar ook voor?", "ciprofloxacine"),
    ("ik slik doxy voor mijn huid", "doxycycline"),
])
def test_the_short_names_people_use_for_an_antibiotic_are_known(text, generic):
    assert generic in find_medications(text).medications


@pytest.mark.parametrize("text, unknown", [
    ("tramadol en magnesium samen ok? huisarts gaf tramadol voor mn hernia", ("tramadol",)),
    ("de huisarts gaf me pregabaline, mag magnesium erbij?", ("pregabaline",)),
])
def test_a_medicine_given_by_a_doctor_or_combined_with_magnesium_is_named(text, unknown):
    assert find_medications(text).unknown == unknown


def test_a_thyroid_pill_in_the_diminutive_is_levothyroxine():
    findings = find_medications("ik neem elke ochtend een schildklierpilletje, mag magnesium erbij?")
    assert findings.interaction_classes == ("levothyroxine",)


def test_a_slow_heart_told_with_the_heart_as_subject_is_a_heart_rhythm_caution():
    findings = find_medications("Mijn hart klopt soms ook erg traag, maakt dat uit?")
    assert findings.interaction_classes == ("heart_rhythm",)
