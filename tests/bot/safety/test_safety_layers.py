"""The layers beyond the catalogue: word order, numbers, indirect crisis, context, the question."""
from __future__ import annotations

import pytest

from bot.safety import detect_red_flags
from bot.safety.catalogue import load_catalogue
from bot.safety.document import build_document
from bot.safety.matcher import detect_with_rules
from bot.safety.numbers import temperatures


def _codes(text):
    return set(detect_red_flags(text).codes)


# ---------------------------------------------------------------- word order (concepts)

@pytest.mark.parametrize("text, code, level", [
    ("Ik merk dat ik er niet meer wil zijn", "suicidal", "crisis"),
    ("soms denk ik dat ik niet meer wil leven", "suicidal", "crisis"),
    ("ik schrik ervan dat ik sinds vanochtend niet meer kan plassen", "bladder_bowel", "emergency"),
    ("ik heb mijn blaas niet meer onder controle", "bladder_bowel", "emergency"),
    ("de binnenkant van mijn dijen is doof", "saddle_numbness", "emergency"),
    ("mijn beide benen zijn zwak en tintelen", "sudden_paralysis", "emergency"),
    ("ik heb osteoporose en tilde een krat, toen schoot het ineens in mijn rug", "minor_trauma", "urgent"),
])
def test_meaning_is_found_in_any_word_order(text, code, level):
    detection = detect_with_rules(text)
    assert code in detection.codes
    assert detection.level == level


@pytest.mark.parametrize("text", [
    "ik wil niet dood, ik wil gewoon minder pijn",
    "dood wil ik zeker niet",
    "krachtsverlies heb ik niet en plassen gaat ook gewoon goed",
    "mijn blaas heb ik gewoon onder controle",
    "ik wil graag 8 kilo kwijt voor de zomer",
    "ik ben moe van de pijn",
])
def test_negation_and_wishes_cancel_a_concept(text):
    assert detect_with_rules(text).flags == ()


def test_a_negation_the_concept_uses_is_the_symptom():
    # 'niet' here is part of the signal, not a denial of it.
    assert "bladder_bowel" in detect_with_rules("dat ik niet meer kan plassen, dat is nieuw").codes


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("text, value", [
    ("vanochtend 38,9", 38.9),
    ("de thermometer zegt 38.7", 38.7),
    ("39 graden gemeten", 39.0),
    ("ik zit op 38,5°", 38.5),
    ("ik heb bijna 39", 38.8),
    ("gisteren 38 komma 8", 38.8),
])
def test_temperatures_are_read_in_any_notation(text, value):
    doc = build_document(text, load_catalogue())
    assert [reading.value for reading in temperatures(doc, text)] == [value]
    assert detect_red_flags(text).level == "urgent"


@pytest.mark.parametrize("text", [
    "ik heb 37,2 gemeten, dat is normaal toch?",
    "het was elke dag 38 graden in Spanje",
    "ik ben 39 en heb al jaren rugpijn",
    "geen 38,5 meer, de koorts is weg",
    "de sauna was 40 graden",
])
def test_numbers_that_are_not_a_fever(text):
    assert "fever" not in _codes(text)


# ---------------------------------------------------------------- indirect crisis

@pytest.mark.parametrize("text", [
    "ik ben alleen nog maar een last voor mijn gezin",
    "ik spaar al weken pillen op",
    "mijn leven heeft geen enkele betekenis meer",
    "de dood lijkt me beter dan deze pijn",
    "het liefst word ik morgen niet meer wakker",
    "iedereen is beter af zonder mij",
])
def test_indirect_crisis_language_reaches_crisis_or_the_question(text):
    detection = detect_red_flags(text)
    assert detection.level == "crisis" or detection.question == "crisis"


# ---------------------------------------------------------------- context beyond the phrase

@pytest.mark.parametrize("text", [
    "Wat moet ik doen als ik ooit niet meer kan plassen? Nu is het niet zo.",
    "De huisarts vroeg naar koorts en tintelingen, maar dat heb ik allemaal niet.",
    "Die tintelingen zijn na de fysio helemaal weggegaan.",
    "Mijn tante had vorig jaar koorts en is weer beter.",
])
def test_what_if_denial_and_gone_again_give_no_flag(text):
    assert detect_red_flags(text).flags == ()


def test_something_happening_now_to_someone_else_keeps_its_flag():
    detection = detect_red_flags("mijn man zakte net door allebei zijn benen, hij kan niet meer opstaan")
    assert detection.level == "emergency"


# ---------------------------------------------------------------- the clarifying question

def test_uncertain_crisis_signal_asks():
    detection = detect_red_flags("het hoeft voor mij allemaal niet meer")
    assert detection.question == "crisis" or detection.level == "crisis"


def test_uncertain_bladder_signal_asks_about_the_bladder():
    detection = detect_red_flags("het plassen gaat de laatste dagen zo raar")
    assert detection.question == "bladder_bowel"
    assert detection.level is None


def test_no_question_when_a_flag_of_that_level_is_found():
    assert detect_red_flags("ik wil dood").question is None
    # An emergency outranks the crisis question: the 112 reply comes first.
    detection = detect_red_flags("ik kan niet meer plassen en het hoeft voor mij allemaal niet meer")
    assert detection.level == "emergency" and detection.question is None


def test_question_codes_are_the_agreed_ones():
    for text in ("het hoeft allemaal niet meer", "plassen gaat raar", "mijn onderrug voelt doof",
                 "hoi", "ik heb koorts"):
        assert detect_red_flags(text).question in (None, "crisis", "bladder_bowel", "saddle_numbness")


def test_question_is_rare_on_ordinary_reviewed_cases():
    from bot.safety.evaluate import load_cases

    ordinary = [case["text"] for case in load_cases() if case["kind"] == "no_flag"]
    asked = [text for text in ordinary if detect_red_flags(text).question]
    assert len(asked) <= 0.05 * len(ordinary), asked


def test_a_short_chat_reply_is_not_asked_about_crisis():
    for text in ("en waarom niet meer?", "hij wil er zelf niks van weten 🙄"):
        assert detect_red_flags(text).question is None, text


def test_a_very_short_crisis_message_is_still_asked_about():
    detection = detect_red_flags("waarom zou ik nog doorgaan")
    assert detection.question == "crisis" or detection.level == "crisis"


def test_zonder_dat_denies_the_explanation_not_the_signal():
    assert detect_red_flags("ik ben wat afgevallen zonder dat ik op dieet ben").level == "soon"
    assert detect_red_flags("ik ben afgevallen door mijn dieet").level is None
    assert detect_red_flags("ik heb rugpijn zonder dat ik koorts heb").level is None


def test_a_signal_repeated_as_a_question_and_answered_no_is_no_flag():
    for text in ("zweterig en bleek? nee helemaal niet, ik zag dat op de website staan",
                 "van de ladder gevallen? ik? nee joh, ik klim nooit op ladders",
                 "mn krachtsverlies in de benen? heb ik niet hoor"):
        assert detect_red_flags(text).level is None, text
    # A real question with the signal in it still counts, whatever follows.
    assert detect_red_flags("ik heb koorts, wat moet ik doen? nee serieus").level == "urgent"
