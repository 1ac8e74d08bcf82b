"""No traps in the three forms' validation actions, with real rasa-sdk trackers.

A question about something else fills nothing (the form steps aside), goodbye and thanks
leave the form, a second misunderstood reply offers to skip or stop, and numbers count as
a pain score only where the sentence says so.
"""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import ActionRecordHandoff, ValidateHandoffForm
from actions.plan_form import AskWater, ValidatePlanForm
from actions.progress import AskPainScore, ValidatePainForm

HANDOFF_DOMAIN = {
    "forms": {"handoff_form": {"required_slots": ["contact_method", "contact_value"]}},
    "slots": {name: {"type": "text", "mappings": [{"type": "custom"}]}
              for name in ("contact_method", "contact_value", "form_exit", "form_misses")},
}


@pytest.fixture(autouse=True)
def installed_settings(tmp_path, monkeypatch):
    """The actions read the process's Settings, which the action server's factory installs."""
    from bot import context
    from bot.settings import load_settings

    monkeypatch.setattr(context, "_installed", None)
    context.install_settings(load_settings({"VAR_DIR": str(tmp_path / "var")}, tmp_path / "none.env"))


@pytest.fixture(scope="module")
def domain():
    from pathlib import Path

    from rasa.shared.core.domain import Domain

    return Domain.load(str(Path(__file__).resolve().parents[2] / "domain")).as_dict()


def tracker(text, slots, form, intent="nlu_fallback", confidence=0.9, entities=()):
    message = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": list(entities)}
    return Tracker("trap-1", dict(slots), message, [{"event": "user", "text": text, "parse_data": message}],
                   False, None, {"name": form}, "action_listen")


def run(action, track, domain):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, track, domain)
    events = asyncio.run(result) if asyncio.iscoroutine(result) else result
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, dispatcher.messages


# ---- handoff ----

def test_a_practice_question_inside_the_handoff_form_lets_the_form_step_aside():
    slots, said = run(ValidateHandoffForm(), tracker("wanneer zijn jullie open?", {"requested_slot": "contact_method"},
                                                     "handoff_form", "out_of_scope", 0.7), HANDOFF_DOMAIN)
    assert slots == {"requested_slot": "contact_method"} and said == []


@pytest.mark.parametrize("text", ["12345", "mijn nummer is 06 1234", "jan@", "bel 0612"])
def test_a_mistyped_number_is_explained_even_when_the_nlu_hears_a_pain_report(text):
    asked = {"requested_slot": "contact_value", "contact_method": "phone"}
    slots, said = run(ValidateHandoffForm(), tracker(text, asked, "handoff_form", "report_pain", 0.95),
                      HANDOFF_DOMAIN)
    assert slots["contact_value"] is None and "06 12345678" in said[0]["text"]


@pytest.mark.parametrize("text, intent, reason", [("ok bedankt, doei", "goodbye", "goodbye"),
                                                  ("bedankt", "thank", "thank"), ("laat maar", "deny", "stop")])
def test_goodbye_and_thanks_leave_the_handoff_form(text, intent, reason):
    slots, said = run(ValidateHandoffForm(), tracker(text, {"requested_slot": "contact_method"}, "handoff_form",
                                                     intent), HANDOFF_DOMAIN)
    assert slots["contact_method"] == "cancelled" and slots["form_exit"] == reason and said == []
    assert slots["requested_slot"] is None


def test_leaving_the_handoff_form_says_goodbye_after_saying_nothing_was_passed_on():
    dispatcher = CollectingDispatcher()
    track = Tracker("trap-1", {"contact_method": "cancelled", "form_exit": "goodbye"}, {}, [], False, None, {},
                    "handoff_form")
    events = asyncio.run(ActionRecordHandoff().run(dispatcher, track, {}))
    assert "niet door" in dispatcher.messages[0]["text"] and dispatcher.messages[-1]["response"] == "utter_goodbye"
    assert {"event": "slot", "name": "form_exit", "value": None, "timestamp": None} in events


def test_the_second_unclear_contact_method_is_not_asked_with_the_same_words():
    first, said_first = run(ValidateHandoffForm(), tracker("blauw", {"requested_slot": "contact_method"},
                                                           "handoff_form"), HANDOFF_DOMAIN)
    assert first["form_misses"] == 1 and "Kies een knop" not in said_first[0]["text"]
    second, said_second = run(ValidateHandoffForm(), tracker("groen", {"requested_slot": "contact_method",
                                                                       "form_misses": 1}, "handoff_form"),
                              HANDOFF_DOMAIN)
    # No explanation this time: the question's form_misses variation offers a way on.
    assert second["form_misses"] == 2 and said_second == []


def test_an_old_contact_button_still_counts_when_the_form_just_opened():
    choice = [{"entity": "contact_choice", "value": "telefoon"}]
    track = tracker('/request_therapist{"contact_choice": "telefoon"}', {"requested_slot": None}, "handoff_form",
                    "request_therapist", 1.0, choice)
    slots, _ = run(ValidateHandoffForm(), track, HANDOFF_DOMAIN)
    assert slots["contact_method"] == "phone" and slots.get("requested_slot") in (None, "contact_value")


# ---- pain ----

@pytest.mark.parametrize("text", ["mijn rug doet al 3 dagen heel erg pijn", "<script>alert(1)</script>",
                                  "ik slaap maar 5 uur", "sinds 2 weken"])
def test_a_number_that_is_no_score_is_not_stored(domain, text):
    slots, said = run(ValidatePainForm(), tracker(text, {"requested_slot": "pain_score"}, "pain_form", "report_pain"),
                      domain)
    assert slots.get("pain_score") is None and "cijfer" in said[0]["text"]


@pytest.mark.parametrize("text, score", [("een 7", 7), ("ik denk 6 van de 10", 6), ("zeven", 7), ("8", 8),
                                         ("vandaag een zesje", 6), ("nu een 4, vanochtend 7", 4)])
def test_scores_said_as_scores(domain, text, score):
    slots, _ = run(ValidatePainForm(), tracker(text, {"requested_slot": "pain_score"}, "pain_form", "report_pain"),
                   domain)
    assert slots["pain_score"] == score


def test_a_question_in_the_pain_form_steps_aside_and_goodbye_leaves(domain):
    slots, said = run(ValidatePainForm(), tracker("hoeveel magnesium mag ik per dag?", {"requested_slot": "pain_score"},
                                                  "pain_form", "magnesium_dosage"), domain)
    assert "pain_score" not in slots and said == []
    slots, _ = run(ValidatePainForm(), tracker("ok bedankt, doei", {"requested_slot": "pain_score"},
                                               "pain_form", "goodbye"), domain)
    assert slots["pain_stopped"] is True and slots["form_exit"] == "goodbye" and slots["requested_slot"] is None


def test_goodbye_at_the_note_keeps_the_score(domain):
    slots, _ = run(ValidatePainForm(), tracker("ok doei", {"requested_slot": "pain_note", "pain_score": 6},
                                               "pain_form", "goodbye"), domain)
    assert slots["pain_note"] == "-" and slots["form_exit"] == "goodbye" and "pain_stopped" not in slots


def test_the_score_question_after_two_misses_offers_to_stop(domain):
    dispatcher = CollectingDispatcher()
    AskPainScore().run(dispatcher, tracker("", {"form_misses": 2}, "pain_form"), domain)
    (asked,) = dispatcher.messages
    assert "Kies een knop" not in asked["text"] and asked["buttons"][-1]["payload"] == "stop"


# ---- plan ----

def test_the_plan_form_steps_aside_for_any_question_and_leaves_on_goodbye(domain):
    asked = {"requested_slot": "plan_water", "plan_mode": "new"}
    slots, said = run(ValidatePlanForm(), tracker("wanneer zijn jullie open?", asked, "plan_form", "out_of_scope",
                                                  0.7), domain)
    assert "plan_water" not in slots and "plan_stopped" not in slots and said == []
    slots, _ = run(ValidatePlanForm(), tracker("ok bedankt, doei", asked, "plan_form", "goodbye"), domain)
    assert slots["plan_stopped"] is True and slots["form_exit"] == "goodbye"


def test_the_plan_question_offers_skip_and_stop_after_two_misses(domain):
    asked = {"requested_slot": "plan_water", "plan_mode": "new"}
    first, said = run(ValidatePlanForm(), tracker("blauw", asked, "plan_form"), domain)
    assert first["form_misses"] == 1 and said
    second, said = run(ValidatePlanForm(), tracker("groen", {**asked, "form_misses": 1}, "plan_form"), domain)
    assert second["form_misses"] == 2 and said == []
    dispatcher = CollectingDispatcher()
    AskWater().run(dispatcher, tracker("", {**asked, "form_misses": 2}, "plan_form"), domain)
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]][-2:] == ["sla over", "stop"]
    third, _ = run(ValidatePlanForm(), tracker("6 glazen", {**asked, "form_misses": 2}, "plan_form"), domain)
    assert third["plan_water"] == 6 and third["form_misses"] is None
