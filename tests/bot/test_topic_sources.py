"""Every answer beyond the first topics says only what a named source says."""
from __future__ import annotations

import yaml
from rasa.shared.core.domain import Domain

from bot.settings import PROJECT_ROOT

SOURCES = PROJECT_ROOT / "data" / "clinical" / "topic_sources.yml"
NAMED_SOURCES = ("Voedingscentrum", "Gezondheidsraad", "NHG", "Thuisarts", "EFSA", "NIH ODS",
                 "Farmacotherapeutisch Kompas", "clinical.md", "KNGF", "Cochrane", "BfR", "FDA", "NHS", "product decision",
                 "113.nl", "zelfmoord1813.be")


def _topics():
    return yaml.safe_load(SOURCES.read_text(encoding="utf-8"))["topics"]


def test_every_listed_answer_exists_and_every_fact_names_a_source():
    responses = Domain.load(str(PROJECT_ROOT / "domain")).responses
    for topic in _topics():
        assert topic["response"] in responses, topic["response"]
        assert topic["facts"], topic["response"]
        for fact in topic["facts"]:
            assert fact["fact"].strip()
            assert any(name in fact["source"] for name in NAMED_SOURCES), fact


def test_every_new_clinical_answer_is_listed():
    listed = {topic["response"] for topic in _topics()}
    for name in ("supplements.yml", "self_care.yml"):
        domain = yaml.safe_load((PROJECT_ROOT / "domain" / name).read_text(encoding="utf-8"))
        assert set(domain["responses"]) <= listed, name


def test_answers_for_special_groups_send_people_to_someone_who_knows_them():
    responses = Domain.load(str(PROJECT_ROOT / "domain")).responses
    who = {
        "utter_magnesium_pregnancy": "verloskundige",
        "utter_magnesium_children": "huisarts",
        "utter_magnesium_older_people": "apotheker",
        "utter_magnesium_kidney": "huisarts",
        "utter_painkillers": "apotheker",
        "utter_other_supplements": "apotheker",
    }
    for response, person in who.items():
        text = responses[response][0]["text"]
        assert person in text, response
        assert "veilig" not in text, response
