"""The daily reminder when it fires: a nudge from the plan or the check-in (a temp database each)."""
from datetime import datetime, timedelta, timezone

from bot.plan import dialogue, store
from bot.plan.choices import PlanChoices
from bot.plan.form import fresh_plan_slots
from bot.plan.schedule import daily_reminder_name
from bot.plan.store import ReminderState
from bot.progress.daily import STOP_HINT, daily_reminder, daily_turn
from bot.turn import TurnContext

AMS = "Europe/Amsterdam"
UTC = timezone.utc
NOW = datetime(2025, 3, 20, 20, 15, tzinfo=UTC)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def ctx(db_url, now=NOW, conversation_id="c1"):
    return TurnContext(conversation_id, "socketio", now, db_url, 14, AMS)


def answers(**changes):
    slots = {**fresh_plan_slots(), "plan_movement": "walking", "plan_movement_minutes": 15,
             "plan_breathing_count": 3, "plan_breathing_moments": ["meals"], "plan_nut_allergy": False,
             "plan_foods": ["nuts"], "plan_water": 6, "plan_sits": False, "plan_bedtime": "22:30"}
    slots.update(changes)
    return slots


def state(**changes):
    values = dict(time_of_day="19:00", active=True, checkin_due_at=utc(2025, 4, 3, 17, 0))
    values.update(changes)
    return ReminderState(**values)


def test_daily_turn_nudges_and_schedules_the_next_day():
    turn = daily_turn(state(), PlanChoices(), utc(2025, 3, 25, 18, 0), 14, AMS)
    assert turn.kind == "nudge" and turn.text.endswith(STOP_HINT)
    assert turn.next_at == utc(2025, 3, 26, 18, 0)
    assert turn.checkin_due == utc(2025, 4, 3, 17, 0)


def test_daily_turn_becomes_the_checkin_when_due_and_sets_the_next_one():
    turn = daily_turn(state(), PlanChoices(), utc(2025, 4, 3, 17, 0), 14, AMS)
    assert turn.kind == "checkin" and "Hoe gaat het met je rug" in turn.text and "14 dagen" in turn.text
    assert turn.buttons == []  # the pain form asks for the score next (bot/progress/daily.py)
    assert turn.checkin_due == utc(2025, 4, 17, 17, 0)
    assert turn.next_at == utc(2025, 4, 4, 17, 0)


def test_a_stopped_reminder_never_comes_back():
    assert daily_turn(state(active=False), PlanChoices(), utc(2025, 3, 25, 18), 14, AMS).kind == "none"
    assert daily_turn(None, PlanChoices(), utc(2025, 3, 25, 18), 14, AMS).next_at is None
    assert daily_turn(state(), None, utc(2025, 3, 25, 18), 14, AMS).kind == "none"


def test_the_daily_reminder_nudges_postpones_and_stops(db_url):
    dialogue.finish_plan(ctx(db_url), answers(plan_consent=True, plan_reminder_time="19:00"))
    evening = datetime(2025, 3, 21, 18, 0, tzinfo=UTC)
    nudge = daily_reminder(ctx(db_url, evening), form_active=False)
    assert len(nudge.messages) == 1 and nudge.timers[0].at == evening + timedelta(days=1)
    waiting = daily_reminder(ctx(db_url, evening), form_active=True)
    assert not waiting.messages and waiting.timers[0].at == evening + timedelta(hours=1)
    stopped = dialogue.stop_reminders(ctx(db_url))
    assert stopped.cancel == [{"name": daily_reminder_name("c1")}] and "geen herinneringen" in stopped.messages[0]["text"]
    assert daily_reminder(ctx(db_url, evening), form_active=False).messages == []
    assert "had geen herinneringen" in dialogue.stop_reminders(ctx(db_url)).messages[0]["text"]
    # A bare "stop" with nothing running stops whatever we were doing, kindly.
    assert "ik stop" in dialogue.stop_reminders(ctx(db_url), "stop").messages[0]["text"]


def test_the_checkin_arrives_with_the_daily_reminder_on_its_day(db_url):
    dialogue.finish_plan(ctx(db_url), answers(plan_consent=True, plan_reminder_time="19:00"))
    due = datetime(2025, 4, 3, 17, 0, tzinfo=UTC)
    reply = daily_reminder(ctx(db_url, due), form_active=False)
    assert "Hoe gaat het met je rug" in reply.messages[0]["text"]
    # The pain form asks for the score next, so a typed answer is read as the score.
    assert reply.followup == "pain_form" and reply.slots["requested_slot"] is None
    assert store.load_reminder(conversation_id="c1", url=db_url).checkin_due_at == due + timedelta(days=14)
