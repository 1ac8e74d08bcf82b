"""The care extractor's new entities: clarifying questions and erasure requests."""
import bot.safety
from bot.channels.inbound import needs_escalation_first
from bot.nlu.care_extractor import care_entities
from bot.safety.matcher import Detection


def kinds(text):
    return {(item["entity"], item["value"]) for item in care_entities(text)}


def test_an_uncertain_signal_becomes_a_safety_question(monkeypatch):
    monkeypatch.setattr(bot.safety, "detect_red_flags", lambda text: Detection(question="crisis"))
    assert ("safety_question", "crisis") in kinds("ik ben het allemaal zo zat")
    assert needs_escalation_first("ik ben het allemaal zo zat")


def test_a_question_code_without_a_question_is_not_emitted(monkeypatch):
    monkeypatch.setattr(bot.safety, "detect_red_flags", lambda text: Detection(question="no_such_code"))
    assert not any(kind == "safety_question" for kind, _ in kinds("iets"))


def test_an_erasure_request_is_an_entity():
    assert ("privacy_request", "erase") in kinds("verwijder mijn gegevens")
    assert not any(kind == "privacy_request" for kind, _ in kinds("hoeveel magnesium mag ik"))


def test_a_red_flag_goes_before_the_welcome_but_a_question_about_magnesium_does_not():
    assert needs_escalation_first("ik kan sinds vanochtend niet meer plassen")
    assert not needs_escalation_first("hoeveel magnesium mag ik per dag")


def test_a_medicine_with_no_known_interaction_is_still_named():
    assert ("medication", "naproxen") in kinds("ik gebruik naproxen en magnesium")
    assert ("medication", "naproxen") in kinds("ik slik Aleve")  # the brand names the generic
    assert not any(kind == "interaction_class" for kind, _ in kinds("ik gebruik naproxen"))
