"""What an edit must respect: emergency numbers stay, placeholders exist, braces only around them."""
from __future__ import annotations

import pytest

from bot.content.catalogue import PRACTICE_FIELDS, domain_responses, editable, variant_label
from bot.content.config import ContentConfig
from bot.content.rules import ContentRefused, check_practice, check_response, emergency_terms
from bot.settings import PROJECT_ROOT

RESPONSES = domain_responses(PROJECT_ROOT / "domain")
SHARED = ["practice_name", "practice_phone", "practice_hours", "link_magnesium"]


def test_emergency_terms_finds_numbers_and_services_not_parts_of_other_numbers():
    text = "Bel 113, of gratis 0800-0113. Chat op 113.nl. Gevaar? Bel 112. Of de Huisartsenpost."
    assert emergency_terms(text) == ["113", "0800-0113", "112", "huisartsenpost"]
    assert emergency_terms("Bel 010-1123456 of 11234") == []
    assert emergency_terms("zelfmoord1813.be of de huisarts van wacht (1733)") == ["1813", "huisarts van wacht", "1733"]


def test_a_safety_answer_can_be_reworded_when_its_numbers_stay():
    crisis = RESPONSES["utter_triage_crisis"]
    text = ("Wat vervelend dat je je zo voelt. Je bent niet alleen.\nBel 113 of gratis 0800-0113, dag en nacht. "
            "In direct gevaar: bel 112.")
    assert check_response(crisis, [text], SHARED).texts == (text,)


@pytest.mark.parametrize("name, text, missing", [
    ("utter_triage_crisis", "Bel 113 of gratis 0800-0113. Chatten kan op 113.nl.", "112"),
    ("utter_triage_crisis", "Bel 112 als het echt niet gaat.", "113"),
    ("utter_triage_crisis_be", "Bel 112 als je in gevaar bent.", "1813"),
    ("utter_triage_urgent_after_hours", "Bel vandaag nog je huisarts. Erger? Bel 112.", "huisartsenpost"),
    ("utter_goodbye", "Dag! Tot de volgende keer.", "112"),
])
def test_an_edit_that_drops_an_emergency_number_is_refused_in_dutch(name, text, missing):
    response = RESPONSES[name]
    with pytest.raises(ContentRefused) as refused:
        check_response(response, [text] * len(response.variants), SHARED)
    assert missing in str(refused.value)
    assert "blijven noemen" in str(refused.value)


def test_a_placeholder_that_does_not_exist_is_refused_and_the_existing_ones_are_named():
    hours = RESPONSES["utter_practice_hours"]
    with pytest.raises(ContentRefused) as refused:
        check_response(hours, ["Open: {practice_hour}"], SHARED)
    assert "{practice_hour}" in str(refused.value) and "{practice_hours}" in str(refused.value)


def test_a_slot_of_another_answer_is_no_placeholder_here():
    with pytest.raises(ContentRefused):
        check_response(RESPONSES["utter_practice_hours"], ["Open: {practice_hours} {triage_summary}"], SHARED)
    # ...but the response's own slot is.
    urgent = RESPONSES["utter_triage_urgent"]
    assert check_response(urgent, ["Bel vandaag je huisarts over {triage_summary}. Erger? Bel 112."], SHARED)


@pytest.mark.parametrize("text", ["Open {maandag", "Open maandag}", "Open {{practice_hours}}", "Open {}"])
def test_a_stray_brace_is_refused_since_it_would_break_the_answer(text):
    with pytest.raises(ContentRefused):
        check_response(RESPONSES["utter_practice_hours"], [text], SHARED)


def test_empty_and_too_many_texts_are_refused():
    with pytest.raises(ContentRefused, match="leeg"):
        check_response(RESPONSES["utter_practice_hours"], ["   \r\n "], SHARED)
    with pytest.raises(ContentRefused, match="aantal"):
        check_response(RESPONSES["utter_practice_hours"], ["a", "b"], SHARED)


def test_windows_line_ends_and_trailing_spaces_are_made_plain():
    assert check_response(RESPONSES["utter_practice_hours"], ["Open:  \r\n{practice_hours}\r\n"], SHARED).texts == \
        ("Open:\n{practice_hours}",)


def test_practice_details_are_checked_by_kind():
    known = ["practice_phone", "practice_name"]
    assert check_practice("country", " be ", known) == "BE"
    with pytest.raises(ContentRefused, match="Nederland of België"):
        check_practice("country", "DE", known)
    assert check_practice("booking_link", "https://praktijk.example/boeken", known) == "https://praktijk.example/boeken"
    assert check_practice("booking_link", "", known) == ""
    for bad in ("javascript:alert(1)", "https://a b", "praktijk.nl"):
        with pytest.raises(ContentRefused, match="webadres"):
            check_practice("booking_link", bad, known)
    assert check_practice("appointment", "Bel {practice_phone}.", known) == "Bel {practice_phone}."
    with pytest.raises(ContentRefused, match="bestaat niet"):
        check_practice("appointment", "Bel {telefoon}.", known)


def test_only_carrier_responses_are_not_editable_and_every_practice_field_has_a_label():
    assert not editable(RESPONSES["utter_safety_question"])
    assert not editable(RESPONSES["utter_therapist_message"])
    assert editable(RESPONSES["utter_triage_crisis"])
    assert all(field.label and field.hint for field in PRACTICE_FIELDS)
    assert variant_label(RESPONSES["utter_handoff_waiting"].variants[1], 2) == "Tekst 2 (alleen in de website-chat)"


def test_the_domain_defaults_pass_their_own_rules():
    """Saving a default unchanged must never be refused."""
    config = ContentConfig(None, links={"practice_name": "x", "practice_phone": "y"})
    from bot.content.answers import answer_values
    from bot.content.live import ContentSnapshot

    shared = list(answer_values(config, ContentSnapshot()))
    for response in RESPONSES.values():
        if editable(response):
            check_response(response, list(response.texts), shared)
