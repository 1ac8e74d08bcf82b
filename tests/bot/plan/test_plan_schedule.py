"""Reminders and check-ins with a controlled clock, daylight saving time included."""
from datetime import date, datetime, timedelta, timezone

from bot.plan.schedule import (checkin_due_at, daily_reminder_name, local_at, next_daily_at, timer_entities,
                               timer_of, timer_step)

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


def test_timer_messages_are_recognised_only_when_rasa_made_them():
    fired = {"text": "EXTERNAL: show_plan", "entities": timer_entities("daily_reminder")}
    assert timer_of(fired) == "daily_reminder"
    assert timer_of({"text": "laat mijn plan zien", "entities": timer_entities("daily_reminder")}) is None
    assert timer_step({"entities": timer_entities("breathing_step", 7)}) == 7


def test_reminder_names_are_unique_per_conversation():
    assert daily_reminder_name("a") != daily_reminder_name("b")
    assert daily_reminder_name("a") == daily_reminder_name("a")
