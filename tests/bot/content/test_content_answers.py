"""The answers with the console's edits: PracticeNLG, the country the CarePolicy uses, the preview."""
from __future__ import annotations

import asyncio

import pytest
from rasa.shared.core.domain import Domain

from bot.content.answers import answer_values, current_country, preview, responses_with
from bot.content.config import ContentConfig
from bot.content.live import ContentSnapshot, live_content
from bot.content.versions import save
from bot.core.nlg import PracticeNLG
from bot.settings import PROJECT_ROOT
from tests.settings import make_settings

LINKS = {"practice_name": "Praktijk Test", "practice_phone": "020-7654321"}


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(PROJECT_ROOT / "domain"))


@pytest.fixture
def nlg(domain, db_url):
    return PracticeNLG(domain=domain, config=ContentConfig(db_url, links=LINKS))


def _say(nlg, name, slots=None, channel="rest"):
    return nlg.generate_from_slots(name, slots or {}, channel)["text"]


def test_defaults_come_from_practice_yml_and_the_domain(nlg):
    text = _say(nlg, "utter_practice_hours")
    assert text.startswith("Dit zijn de openingstijden van Praktijk Test:")
    assert "vrijdag: 8.30 tot 13.00 uur" in text


def test_an_edited_detail_and_text_are_said_and_the_default_comes_back(nlg, db_url):
    save(kind="practice", key="opening_hours", value="- alleen op woensdag: 9 tot 12 uur", actor="bea", db_url=db_url)
    save(kind="response", key="utter_practice_hours", value=("Je kunt bij {practice_name} terecht:\n{practice_hours}",),
         actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    assert _say(nlg, "utter_practice_hours") == "Je kunt bij Praktijk Test terecht:\n- alleen op woensdag: 9 tot 12 uur"
    save(kind="response", key="utter_practice_hours", value=None, actor="bea", db_url=db_url)
    save(kind="practice", key="opening_hours", value=None, actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    assert "vrijdag: 8.30 tot 13.00 uur" in _say(nlg, "utter_practice_hours")


def test_responses_rasa_sets_after_loading_a_model_are_used_with_the_edits(domain, db_url):
    nlg = PracticeNLG(domain=None, config=ContentConfig(db_url, links=LINKS))
    nlg.responses = domain.responses  # what Agent.load_model does
    assert "vrijdag: 8.30" in _say(nlg, "utter_practice_hours")
    save(kind="response", key="utter_practice_hours", value=("Open: {practice_hours}",), actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    assert _say(nlg, "utter_practice_hours").startswith("Open: - maandag")


def test_an_edited_variant_keeps_its_channel_and_custom_payload(nlg, db_url):
    texts = ("Een therapeut heeft je gesprek. Nood? Bel 112.", "Een therapeut heeft je gesprek (website). Nood? Bel 112.")
    save(kind="response", key="utter_handoff_waiting", value=texts, actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    on_widget = nlg.generate_from_slots("utter_handoff_waiting", {}, "socketio")
    assert on_widget["text"] == texts[1] and on_widget["custom"] == {"handoff": "claimed"}
    assert _say(nlg, "utter_handoff_waiting") == texts[0]


def test_a_booking_link_is_added_to_the_appointment_answer(nlg, db_url):
    assert "online" not in _say(nlg, "utter_practice_appointment")
    save(kind="practice", key="booking_link", value="https://praktijk.example/boeken", actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    assert "online een afspraak plannen: https://praktijk.example/boeken" in _say(nlg, "utter_practice_appointment")


def test_generate_reads_the_database_off_the_event_loop_and_answers(nlg, db_url):
    from rasa.shared.core.trackers import DialogueStateTracker

    reply = asyncio.run(nlg.generate("utter_practice_costs", DialogueStateTracker("someone", []), "rest"))
    assert "€ 95" in reply["text"]


def test_an_override_that_no_longer_fits_the_domain_is_not_said():
    defaults = {"utter_x": [{"text": "Bel 112 bij nood."}], "utter_y": [{"text": "a"}, {"text": "b"}]}
    snapshot = ContentSnapshot(3, {}, {"utter_x": ("Bel de praktijk.",), "utter_y": ("één",)})
    assert responses_with(defaults, snapshot) == defaults


def test_the_country_is_the_settings_until_the_console_sets_one(db_url, tmp_path):
    settings = make_settings(tmp_path, app_db_url=db_url, practice_country="NL")
    assert current_country(settings) == "NL"
    save(kind="practice", key="country", value="BE", actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    assert current_country(settings) == "BE"
    save(kind="practice", key="country", value=None, actor="bea", db_url=db_url)
    live_content(db_url).refresh()
    assert current_country(settings) == "NL"


def test_preview_fills_practice_values_and_shows_conversation_values_as_examples(db_url):
    values = answer_values(ContentConfig(db_url, links=LINKS), ContentSnapshot())
    shown = preview("Bel {practice_phone}. Je zei: {triage_summary}. {onbekend}", values)
    assert shown == "Bel 020-7654321. Je zei: [wat de patiënt vertelde]. [onbekend]"
