"""Reminders and check-ins with a controlled clock, daylight saving time included."""
from datetime import date, datetime, timedelta, timezone

from bot.plan import breathing
from bot.plan.choices import PlanChoices
from bot.plan.daily import STOP_HINT, daily_turn
from bot.plan.schedule import (checkin_due_at, daily_reminder_name, local_at, next_daily_at, timer_entities,
                               timer_of, timer_step)
from bot.plan.store import ReminderState

AMS = "Europe/Amsterdam"
UTC = timezone.utc


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_next_reminder_today_or_tomorrow():
    assert next_daily_at("19:00", utc(2025, 1, 10, 12, 0), AMS) == utc(2025, 1, 10, 18, 0)  # CET = UTC+1
    assert next_daily_at("09:00", utc(2025, 1, 10, 12, 0), AMS) == utc(2025, 1, 11, 8, 0)
    assert next_daily_at("09:00", utc(2025, 7, 10, 12, 0), AMS) == utc(2025, 7, 11, 7, 0)  # CEST = UTC+2


def test_exactly_at_the_time_means_tomorrow():
    assert next_daily_at("13:00", utc(2025, 1, 10, 12, 0), AMS) == utc(2025, 1, 11, 12, 0)


def test_the_local_date_decides_not_the_utc_date():
    # 23:30 UTC on 10 Jan is already 00:30 on 11 Jan in Amsterdam.
    assert next_daily_at("09:00", utc(2025, 1, 10, 23, 30), AMS) == utc(2025, 1, 11, 8, 0)


def test_the_reminder_keeps_its_local_time_over_the_spring_change():
    # Clocks go forward on Sunday 30 March 2025 at 02:00.
    saturday = next_daily_at("09:00", utc(2025, 3, 28, 12, 0), AMS)
    sunday = next_daily_at("09:00", saturday, AMS)
    assert saturday == utc(2025, 3, 29, 8, 0) and sunday == utc(2025, 3, 30, 7, 0)
    assert sunday - saturday == timedelta(hours=23)


def test_the_reminder_keeps_its_local_time_over_the_autumn_change():
    # Clocks go back on Sunday 26 October 2025 at 03:00.
    saturday = next_daily_at("09:00", utc(2025, 10, 24, 12, 0), AMS)
    sunday = next_daily_at("09:00", saturday, AMS)
    assert sunday - saturday == timedelta(hours=25)


def test_missing_and_double_clock_times():
    assert local_at(date(2025, 3, 30), "02:30", AMS) == utc(2025, 3, 30, 1, 30)  # shows 03:30 CEST
    assert local_at(date(2025, 10, 26), "02:30", AMS) == utc(2025, 10, 26, 0, 30)  # the first 02:30


def test_checkin_after_the_configured_days_at_the_reminder_time_across_dst():
    made = utc(2025, 3, 20, 20, 15)  # 21:15 CET
    due = checkin_due_at(made, 14, AMS, "19:00")
    assert due == utc(2025, 4, 3, 17, 0)  # 19:00 CEST
    assert checkin_due_at(made, 14, AMS) == utc(2025, 4, 3, 8, 0)  # default 10:00 local


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
    assert turn.buttons == []  # the pain form asks for the score next (bot/plan/dialogue.py)
    assert turn.checkin_due == utc(2025, 4, 17, 17, 0)
    assert turn.next_at == utc(2025, 4, 4, 17, 0)


def test_a_stopped_reminder_never_comes_back():
    assert daily_turn(state(active=False), PlanChoices(), utc(2025, 3, 25, 18), 14, AMS).kind == "none"
    assert daily_turn(None, PlanChoices(), utc(2025, 3, 25, 18), 14, AMS).next_at is None
    assert daily_turn(state(), None, utc(2025, 3, 25, 18), 14, AMS).kind == "none"


def test_timer_messages_are_recognised_only_when_rasa_made_them():
    fired = {"text": "EXTERNAL: show_plan", "entities": timer_entities("daily_reminder")}
    assert timer_of(fired) == "daily_reminder"
    assert timer_of({"text": "laat mijn plan zien", "entities": timer_entities("daily_reminder")}) is None
    assert timer_step({"entities": timer_entities("breathing_step", 7)}) == 7


def test_reminder_names_are_unique_per_conversation():
    assert daily_reminder_name("a") != daily_reminder_name("b")
    assert daily_reminder_name("a") == daily_reminder_name("a")


def test_breathing_is_about_two_minutes_at_4_in_6_out():
    start = utc(2025, 1, 1, 12, 0)
    dues = [breathing.step_due(start, step) for step in range(breathing.FINAL_STEP + 1)]
    assert [(b - a).seconds for a, b in zip(dues, dues[1:])][:4] == [4, 6, 4, 6]
    assert dues[-1] - dues[0] == timedelta(minutes=2)
    assert breathing.step_text(0).startswith("Adem rustig in") and "6" in breathing.step_text(1)
    assert breathing.step_text(breathing.FINAL_STEP).startswith("Klaar")


def test_each_breathing_step_schedules_the_next_from_the_start():
    start = utc(2025, 1, 1, 12, 0)
    first = breathing.start("c1", start, form_active=False)
    assert first.slots == {"breathing_started": start.timestamp()} and first.timers[0].kill_on_user_message
    later = breathing.step("c1", 4, start.timestamp(), start + timedelta(seconds=30))
    assert later.timers[0].at == breathing.step_due(start, 5)
    late = breathing.step("c1", 4, start.timestamp(), start + timedelta(minutes=5))
    assert late.timers[0].at == start + timedelta(minutes=5, seconds=1)
    last = breathing.step("c1", breathing.FINAL_STEP, start.timestamp(), start + timedelta(minutes=2))
    assert not last.timers and last.slots == {"breathing_started": None}
    assert breathing.step("c1", 3, None, start).messages == []


def test_stopping_breathing_cancels_every_step_and_is_told_apart_from_reminders():
    stopped = breathing.stop()
    assert stopped.cancel == [{"intent": "start_breathing"}] and stopped.messages
    now = utc(2025, 1, 1, 12, 1)
    started = utc(2025, 1, 1, 12, 0).timestamp()
    assert breathing.is_about_breathing_stop("stop", started, now)
    assert not breathing.is_about_breathing_stop("stop herinneringen", started, now)
    assert not breathing.is_about_breathing_stop("stop", started, now + timedelta(hours=1))
    assert breathing.start("c1", now, form_active=True).timers == []
