"""The plan, breathing and progress actions with real rasa-sdk Trackers and a temp database."""
import asyncio
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.breathing import ActionBreathing
from actions.plan import (ActionPlanDone, ActionPlanEditStart, ActionPlanLeave, ActionPlanStart, ActionShowPlan,
                          ActionStopReminders)
from actions.plan_form import AskFoods, ValidatePlanForm
from actions.progress import ActionSavePainScore, ActionShowProgress, ValidatePainForm
from bot import context
from bot.db.migrate import upgrade
from bot.plan import store
from bot.plan.schedule import timer_entities
from bot.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def app_settings(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    # The actions read the process's Settings, which the action server's factory installs.
    monkeypatch.setattr(context, "_installed", None)
    context.install_settings(load_settings({"APP_DB_URL": url, "VAR_DIR": str(tmp_path / "var"),
                                            "CONSOLE_SECRET": "test-chart-secret"},
                                           tmp_path / "none.env"))
    yield url


@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain")).as_dict()


def tracker(text=None, intent=None, confidence=0.9, slots=None, entities=(), active_loop=None, sender="p1"):
    message = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": list(entities)}
    return Tracker(
        sender_id=sender, slots=dict(slots or {}), latest_message=message,
        events=[{"event": "user", "text": text, "input_channel": "socketio", "parse_data": message}],
        paused=False, followup_action=None, active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run(action, track, domain=None):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, track, domain or {})
    events = asyncio.run(result) if asyncio.iscoroutine(result) else result
    return dispatcher.messages, events


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


ANSWERS = {"plan_mode": "new", "plan_movement": "walking", "plan_movement_minutes": 15,
           "plan_breathing_count": 3, "plan_breathing_moments": ["meals"], "plan_nut_allergy": False,
           "plan_foods": ["nuts", "seeds"], "plan_water": 6, "plan_sits": True, "plan_move_alarm": 30,
           "plan_bedtime": "22:30", "plan_consent": True, "plan_reminder_time": "19:00"}


def in_form(slot, text, intent="affirm", confidence=0.9, **slots):
    """The form asking `slot`, with every earlier question answered."""
    order = list(ANSWERS)[1:]
    earlier = {name: ANSWERS[name] for name in order[: order.index(slot)]}
    values = {**earlier, "requested_slot": slot, "plan_mode": "new", **slots}
    return tracker(text, intent, confidence, values, active_loop="plan_form")


def test_start_clears_earlier_answers_and_explains(domain):
    messages, events = run(ActionPlanStart(), tracker("maak mijn startplan", "start_plan"))
    assert "sla over" in messages[0]["text"] and "stop" in messages[0]["text"]
    assert SlotSet("plan_movement", None) in events and SlotSet("plan_mode", "new") in events


def test_a_kind_correction_keeps_asking_the_same_question(domain):
    messages, events = run(ValidatePlanForm(), in_form("plan_movement_minutes", "300 minuten"), domain)
    assert slot_events(events) == {"plan_movement_minutes": None, "requested_slot": "plan_movement_minutes"}
    assert "300 minuten is veel" in messages[0]["text"]


def test_an_answer_fills_the_slot_and_moves_on(domain):
    messages, events = run(ValidatePlanForm(), in_form("plan_movement_minutes", "een kwartier"), domain)
    assert slot_events(events) == {"plan_movement_minutes": 15, "requested_slot": "plan_breathing_count"}
    assert messages == []


def test_a_food_is_an_answer_even_when_the_nlu_says_food_question(domain):
    track = in_form("plan_foods", "noten", "magnesium_food_sources", plan_nut_allergy=False)
    _, events = run(ValidatePlanForm(), track, domain)
    assert slot_events(events)["plan_foods"] == ["nuts"]


def test_a_real_question_fills_nothing_so_the_faq_rule_answers_it(domain):
    track = in_form("plan_foods", "hoeveel magnesium zit er in noten?", "magnesium_food_sources")
    messages, events = run(ValidatePlanForm(), track, domain)
    assert slot_events(events) == {"requested_slot": "plan_foods"} and messages == []


def test_skip_and_stop(domain):
    messages, events = run(ValidatePlanForm(), in_form("plan_bedtime", "weet ik niet", "deny"), domain)
    assert slot_events(events)["plan_bedtime"] == "23:00" and "23:00" in messages[0]["text"]
    _, events = run(ValidatePlanForm(), in_form("plan_water", "stop", "stop_reminders"), domain)
    assert slot_events(events) == {"plan_water": None, "plan_stopped": True, "form_exit": "stop",
                                   "requested_slot": None}


def test_not_sitting_skips_the_movement_alarm(domain):
    _, events = run(ValidatePlanForm(), in_form("plan_sits", "nee", "deny"), domain)
    assert slot_events(events)["requested_slot"] == "plan_bedtime"
    _, events = run(ValidatePlanForm(), in_form("plan_sits", "ja, de hele dag", "affirm"), domain)
    assert slot_events(events)["requested_slot"] == "plan_move_alarm"


def test_leaving_the_plan_ends_the_form_quietly_for_what_comes_next():
    messages, events = run(ActionPlanLeave(), in_form("plan_water", "ik wil een therapeut", "request_therapist"))
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    assert SlotSet("requested_slot", None) in events and "maak mijn startplan" in messages[0]["text"]


def test_the_food_question_follows_the_nut_allergy():
    messages, _ = run(AskFoods(), tracker(slots={"plan_nut_allergy": True}))
    assert "noten" not in [button["payload"] for button in messages[0]["buttons"]]


def test_done_stores_the_plan_and_schedules_the_daily_reminder(app_settings):
    messages, events = run(ActionPlanDone(), tracker(slots=ANSWERS))
    assert "bewaard" in messages[0]["text"] and "19:00" in messages[0]["text"]
    (reminder,) = [e for e in events if e["event"] == "reminder"]
    assert reminder["intent"] == "show_plan" and reminder["entities"] == timer_entities("daily_reminder")
    assert reminder["kill_on_user_msg"] is False
    choices, text = store.load_plan(conversation_id="p1", url=app_settings)
    assert choices.foods == ["nuts", "seeds"] and "ongeveer 200 mg magnesium" in text
    assert store.load_reminder(conversation_id="p1", url=app_settings).active


def test_without_consent_nothing_is_stored(app_settings):
    messages, events = run(ActionPlanDone(), tracker(slots={**ANSWERS, "plan_consent": False}))
    assert "niet" in messages[0]["text"] and store.load_plan(conversation_id="p1", url=app_settings) is None
    assert not [e for e in events if e["event"] == "reminder"]


def test_show_change_and_the_daily_nudge():
    run(ActionPlanDone(), tracker(slots=ANSWERS))
    messages, _ = run(ActionShowPlan(), tracker("laat mijn plan zien", "show_plan"))
    assert "Dit is jouw startplan" in messages[0]["text"]
    _, events = run(ActionPlanEditStart(), tracker("ik wil mijn bedtijd veranderen", "change_plan"))
    assert slot_events(events)["plan_edit_part"] == "bedtime" and slot_events(events)["plan_bedtime"] is None
    fired = tracker("EXTERNAL: show_plan", "show_plan", 1.0, entities=timer_entities("daily_reminder"))
    messages, events = run(ActionShowPlan(), fired)
    assert len(messages) == 1 and "stop herinneringen" in messages[0]["text"]
    assert [e["name"] for e in events if e["event"] == "reminder"] == [events[-1]["name"]]


def test_stop_reminders_and_stop_breathing():
    run(ActionPlanDone(), tracker(slots=ANSWERS))
    messages, events = run(ActionStopReminders(), tracker("stop herinneringen", "stop_reminders"))
    assert events[0]["event"] == "cancel_reminder" and "geen herinneringen" in messages[0]["text"]
    _, started = run(ActionBreathing(), tracker("laten we samen ademen", "start_breathing"))
    begun = slot_events(started)["breathing_started"]
    messages, events = run(ActionStopReminders(), tracker("stop", "stop_reminders", slots={"breathing_started": begun}))
    assert "we stoppen" in messages[0]["text"]
    assert {"event": "cancel_reminder", "timestamp": None, "intent": "start_breathing", "entities": None,
            "name": None} in events


def test_breathing_starts_and_each_step_schedules_the_next():
    messages, events = run(ActionBreathing(), tracker("/start_breathing", "start_breathing"))
    assert "4 tellen in" in messages[0]["text"]
    (first,) = [e for e in events if e["event"] == "reminder"]
    assert first["intent"] == "start_breathing" and first["kill_on_user_msg"] is True
    begun = slot_events(events)["breathing_started"]
    step = tracker("EXTERNAL: start_breathing", "start_breathing", 1.0, slots={"breathing_started": begun},
                   entities=first["entities"])
    messages, events = run(ActionBreathing(), step)
    assert messages[0]["text"].startswith("Adem rustig in")
    assert [e["entities"][1]["value"] for e in events if e["event"] == "reminder"] == [1]


def test_pain_score_from_the_opening_message_then_the_note(domain):
    opening = tracker("mijn pijn is vandaag een 6", "report_pain", slots={"requested_slot": None})
    _, events = run(ValidatePainForm(), opening, domain)
    assert slot_events(events) == {"pain_score": 6}  # the form itself asks the note next
    messages, events = run(ActionSavePainScore(), tracker(slots={"pain_score": 6, "pain_note": "wandelen hielp"}))
    assert "6 van de 10" in messages[0]["text"] and SlotSet("pain_score", None) in events


def test_progress_chart_is_linked_and_drawn_from_the_scores(app_settings):
    messages, _ = run(ActionShowProgress(), tracker("mijn voortgang", "show_progress"))
    assert "nog geen pijnscores" in messages[0]["text"]
    run(ActionSavePainScore(), tracker(slots={"pain_score": 4, "pain_note": "-"}))
    messages, _ = run(ActionShowProgress(), tracker("mijn voortgang", "show_progress"))
    url = messages[0]["image"]
    assert url.startswith("http://127.0.0.1:5005/charts/")
    from bot.web.charts import render_chart, unseal

    conversation = unseal(url.rsplit("/", 1)[1][: -len(".png")], context.current_settings())
    assert conversation == "p1" and render_chart(conversation, context.current_settings())[:4] == b"\x89PNG"


def test_a_question_the_nlu_could_not_place_gets_topic_buttons_mid_plan():
    from actions.plan import ActionPlanSuggestTopics

    track = in_form("plan_breathing_count", "hoeveel magnesium zit er in noten?", "nlu_fallback", 0.55)
    track.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.55},
                                             {"name": "magnesium_food_sources", "confidence": 0.53}]
    messages, events = run(ActionPlanSuggestTopics(), track)
    assert messages[0]["response"] == "utter_fallback_suggest" and events == []
    assert messages[0]["buttons"] == [{"title": "Voeding met veel magnesium", "payload": "/magnesium_food_sources"}]
