"""Storing plans and reminders, and the plan's turns that use them (a temp database each)."""
from datetime import datetime, timedelta, timezone

from bot.plan import dialogue, store
from bot.plan.choices import PlanChoices
from bot.plan.form import fresh_plan_slots
from bot.plan.schedule import DAILY_INTENT, daily_reminder_name
from bot.turn import TurnContext

UTC = timezone.utc
NOW = datetime(2025, 3, 20, 20, 15, tzinfo=UTC)


def ctx(db_url, now=NOW, conversation_id="c1"):
    return TurnContext(conversation_id, "socketio", now, db_url, 14, "Europe/Amsterdam")


def answers(**changes):
    slots = {**fresh_plan_slots(), "plan_movement": "walking", "plan_movement_minutes": 15,
             "plan_breathing_count": 3, "plan_breathing_moments": ["meals"], "plan_nut_allergy": False,
             "plan_foods": ["nuts"], "plan_water": 6, "plan_sits": False, "plan_bedtime": "22:30"}
    slots.update(changes)
    return slots


def test_plan_round_trip_and_replace(db_url):
    store.save_plan(conversation_id="c1", channel="rest", choices=PlanChoices(water=6), text="plan 1", url=db_url)
    store.save_plan(conversation_id="c1", channel="rest", choices=PlanChoices(water=8), text="plan 2", url=db_url)
    choices, text = store.load_plan(conversation_id="c1", url=db_url)
    assert choices.water == 8 and text == "plan 2"
    assert store.load_plan(conversation_id="other", url=db_url) is None


def test_with_consent_the_plan_is_stored_and_the_reminder_set(db_url):
    reply = dialogue.finish_plan(ctx(db_url), answers(plan_consent=True, plan_reminder_time="19:00"))
    choices, text = store.load_plan(conversation_id="c1", url=db_url)
    assert choices.movement_minutes == 15 and "wandel elke dag 15 minuten" in text
    reminder = store.load_reminder(conversation_id="c1", url=db_url)
    assert reminder.active and reminder.time_of_day == "19:00"
    assert reminder.checkin_due_at == datetime(2025, 4, 3, 17, 0, tzinfo=UTC)  # 14 days, 19:00 CEST
    (timer,) = reply.timers
    assert timer.intent == DAILY_INTENT and timer.at == datetime(2025, 3, 21, 18, 0, tzinfo=UTC)
    assert timer.name == daily_reminder_name("c1") and not timer.kill_on_user_message
    assert "bewaard" in reply.messages[0]["text"] and "19:00" in reply.messages[0]["text"]
    assert reply.slots["plan_movement"] is None  # the table keeps the plan, not the tracker


def test_without_consent_nothing_is_stored(db_url):
    reply = dialogue.finish_plan(ctx(db_url), answers(plan_consent=False))
    assert store.load_plan(conversation_id="c1", url=db_url) is None
    assert store.load_reminder(conversation_id="c1", url=db_url) is None
    assert "bewaar je plan niet" in reply.messages[0]["text"] and not reply.timers


def test_stopping_the_form_stores_nothing_and_says_how_to_come_back(db_url):
    reply = dialogue.finish_plan(ctx(db_url), answers(plan_consent=True, plan_stopped=True))
    assert store.load_plan(conversation_id="c1", url=db_url) is None
    assert "maak mijn startplan" in reply.messages[0]["text"]


def test_show_plan_with_and_without_a_plan(db_url):
    assert "nog geen bewaard plan" in dialogue.show_plan(ctx(db_url)).messages[0]["text"]
    dialogue.finish_plan(ctx(db_url), answers(plan_consent=True, plan_reminder_time="none"))
    message = dialogue.show_plan(ctx(db_url)).messages[0]
    assert "Dit is jouw startplan" in message["text"] and "geen herinneringen" in message["text"]
    assert message["buttons"] == [{"title": "Pas mijn plan aan", "payload": "/change_plan"}]


def test_change_one_part(db_url):
    dialogue.finish_plan(ctx(db_url), answers(plan_consent=True, plan_reminder_time="19:00"))
    start = dialogue.start_edit(ctx(db_url), "ik wil minder minuten wandelen")
    assert start.slots["plan_mode"] == "edit" and start.slots["plan_edit_part"] == "movement"
    assert start.slots["plan_movement"] is None and start.slots["plan_water"] == 6
    done = dialogue.finish_plan(ctx(db_url), {**start.slots, "plan_movement": "cycling", "plan_movement_minutes": 10})
    choices, _ = store.load_plan(conversation_id="c1", url=db_url)
    assert choices.movement == "cycling" and choices.water == 6
    assert "fiets elke dag 10 minuten" in done.messages[0]["text"]
    assert store.load_reminder(conversation_id="c1", url=db_url).time_of_day == "19:00"


def test_a_new_reminder_time_keeps_the_checkin_date(db_url):
    dialogue.finish_plan(ctx(db_url), answers(plan_consent=True, plan_reminder_time="19:00"))
    later = ctx(db_url, NOW + timedelta(days=5))
    start = dialogue.start_edit(later, "verzet mijn herinnering")
    done = dialogue.finish_plan(later, {**start.slots, "plan_reminder_time": "08:00"})
    reminder = store.load_reminder(conversation_id="c1", url=db_url)
    assert reminder.time_of_day == "08:00" and done.timers[0].at == datetime(2025, 3, 26, 7, 0, tzinfo=UTC)
    assert reminder.checkin_due_at == datetime(2025, 4, 3, 17, 0, tzinfo=UTC)


def test_change_plan_without_a_plan_starts_a_new_one(db_url):
    reply = dialogue.start_edit(ctx(db_url), "pas mijn plan aan")
    assert reply.slots["plan_mode"] == "new" and "nog geen bewaard plan" in reply.messages[0]["text"]


def test_a_reminder_time_named_in_the_request_needs_no_question(db_url):
    dialogue.finish_plan(ctx(db_url), answers(plan_consent=True, plan_reminder_time="19:00"))
    start = dialogue.start_edit(ctx(db_url), "kun je mijn herinnering verzetten naar 20:00?")
    assert start.slots["plan_edit_part"] == "reminder" and start.slots["plan_reminder_time"] == "20:00"
    assert all(start.slots[name] is not None for name in ("plan_movement", "plan_water", "plan_consent"))
    done = dialogue.finish_plan(ctx(db_url), start.slots)
    assert store.load_reminder(conversation_id="c1", url=db_url).time_of_day == "20:00"
    assert "20:00" in done.messages[0]["text"]


def test_a_reminder_asked_for_before_any_plan_starts_the_plan_with_that_time(db_url):
    reply = dialogue.start_edit(ctx(db_url), "kun je me elke dag om 8 uur herinneren aan mijn oefeningen?")
    assert reply.slots["plan_mode"] == "new" and reply.slots["plan_reminder_time"] == "08:00"
    assert "herinnering om 08:00 hoort bij je startplan" in reply.messages[0]["text"]


def test_a_reminder_request_with_two_times_takes_neither(db_url):
    text = "kun je me elke ochtend herinneren aan mijn oefeningen? ik sta om 6 uur op maar doe ze pas om half 8"
    reply = dialogue.start_edit(ctx(db_url), text)
    assert reply.slots["plan_mode"] == "new" and reply.slots.get("plan_reminder_time") is None
    assert "06:00" not in reply.messages[0]["text"] and "07:30" not in reply.messages[0]["text"]
