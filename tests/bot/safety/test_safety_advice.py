"""GP office hours, public holidays (NL, BE) and the choice of triage response."""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.safety import TRIAGE_ORDER, escalation_response_name, is_gp_office_hours
from bot.safety.advice import easter_sunday, public_holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    "year, expected",
    [(2000, date(2000, 4, 23)), (2019, date(2019, 4, 21)), (2024, date(2024, 3, 31)),
     (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
     (2038, date(2038, 4, 25)), (1961, date(1961, 4, 2))],
)
def test_easter_sunday(year, expected):
    assert easter_sunday(year) == expected


NL_HOLIDAYS = {
    2026: ["2026-01-01", "2026-04-03", "2026-04-05", "2026-04-06", "2026-04-27", "2026-05-05",
           "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"],
    2027: ["2027-01-01", "2027-03-26", "2027-03-28", "2027-03-29", "2027-04-27", "2027-05-05",
           "2027-05-06", "2027-05-16", "2027-05-17", "2027-12-25", "2027-12-26"],
}
BE_HOLIDAYS_2026 = ["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
                    "2026-07-21", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"]


@pytest.mark.parametrize("year", sorted(NL_HOLIDAYS))
def test_dutch_holidays(year):
    assert public_holidays(year, "NL") == {date.fromisoformat(d) for d in NL_HOLIDAYS[year]}


@pytest.mark.parametrize("day", [d for days in NL_HOLIDAYS.values() for d in days])
def test_closed_on_each_dutch_holiday_of_2026_and_2027(day):
    holiday = date.fromisoformat(day)
    assert not is_gp_office_hours(local(holiday.year, holiday.month, holiday.day, 10, 0), "NL")


def test_kings_day_on_a_sunday_moves_to_the_26th():
    assert date(2025, 4, 26) in public_holidays(2025, "NL")
    assert date(2025, 4, 27) not in public_holidays(2025, "NL")


def test_belgian_holidays_are_their_own():
    assert public_holidays(2026, "BE") == {date.fromisoformat(d) for d in BE_HOLIDAYS_2026}
    assert not is_gp_office_hours(local(2026, 7, 21, 10, 0), "BE")  # Nationale feestdag
    assert not is_gp_office_hours(local(2026, 11, 11, 10, 0), "BE")  # Wapenstilstand
    assert is_gp_office_hours(local(2026, 4, 27, 10, 0), "BE")  # Koningsdag is Dutch
    assert is_gp_office_hours(local(2026, 4, 3, 10, 0), "BE")  # no Goede Vrijdag in BE
    assert is_gp_office_hours(local(2026, 7, 21, 10, 0), "NL")


@pytest.mark.parametrize(
    "moment, open_",
    [
        (local(2026, 3, 2, 8, 0), True),  # Monday, opening time
        (local(2026, 3, 2, 7, 59), False),
        (local(2026, 3, 4, 12, 30), True),  # Wednesday lunch
        (local(2026, 3, 6, 16, 59), True),  # Friday
        (local(2026, 3, 6, 17, 0), False),  # closing time
        (local(2026, 3, 5, 21, 0), False),  # evening
        (local(2026, 3, 5, 3, 0), False),  # night
        (local(2026, 3, 7, 10, 0), False),  # Saturday
        (local(2026, 3, 8, 10, 0), False),  # Sunday
        (local(2026, 4, 7, 10, 0), True),  # the Tuesday after Easter
    ],
)
def test_office_hours_on_ordinary_days(moment, open_):
    assert is_gp_office_hours(moment) is open_


@pytest.mark.parametrize(
    "utc, open_",
    [
        (datetime(2026, 3, 27, 7, 30, tzinfo=timezone.utc), True),  # Fri 08:30 CET
        (datetime(2026, 3, 27, 6, 30, tzinfo=timezone.utc), False),  # Fri 07:30 CET
        (datetime(2026, 3, 30, 6, 30, tzinfo=timezone.utc), True),  # Mon 08:30 CEST (after DST)
        (datetime(2026, 3, 30, 15, 30, tzinfo=timezone.utc), False),  # Mon 17:30 CEST
        (datetime(2026, 10, 23, 15, 30, tzinfo=timezone.utc), False),  # Fri 17:30 CEST
        (datetime(2026, 10, 26, 15, 30, tzinfo=timezone.utc), True),  # Mon 16:30 CET (after DST)
        (datetime(2026, 10, 26, 6, 30, tzinfo=timezone.utc), False),  # Mon 07:30 CET
    ],
)
def test_office_hours_across_daylight_saving_time(utc, open_):
    assert is_gp_office_hours(utc, "NL") is open_


def test_naive_datetimes_are_utc():
    assert is_gp_office_hours(datetime(2026, 3, 30, 6, 30)) is True  # 08:30 in Amsterdam
    assert is_gp_office_hours(datetime(2026, 3, 30, 15, 30)) is False  # 17:30 in Amsterdam


def test_midnight_utc_can_be_a_holiday_in_amsterdam():
    # 23:30 UTC on 31 Dec is already New Year's Day in Amsterdam (and 00:30 there: closed anyway).
    assert is_gp_office_hours(datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)) is False


MONDAY_MORNING = local(2026, 3, 2, 10, 0)
SATURDAY = local(2026, 3, 7, 10, 0)


@pytest.mark.parametrize(
    "level, country, now, expected",
    [
        ("emergency", "NL", MONDAY_MORNING, "utter_triage_emergency"),
        ("emergency", "BE", SATURDAY, "utter_triage_emergency_be"),
        ("crisis", "NL", SATURDAY, "utter_triage_crisis"),
        ("crisis", "BE", MONDAY_MORNING, "utter_triage_crisis_be"),
        ("urgent", "NL", MONDAY_MORNING, "utter_triage_urgent"),
        ("urgent", "NL", SATURDAY, "utter_triage_urgent_after_hours"),
        ("urgent", "BE", MONDAY_MORNING, "utter_triage_urgent_be"),
        ("urgent", "BE", SATURDAY, "utter_triage_urgent_after_hours_be"),
        ("urgent", "be", local(2026, 7, 21, 10, 0), "utter_triage_urgent_after_hours_be"),
        ("urgent", "NL", local(2026, 4, 27, 10, 0), "utter_triage_urgent_after_hours"),
        ("soon", "NL", SATURDAY, "utter_triage_soon"),
        ("soon", "BE", MONDAY_MORNING, "utter_triage_soon_be"),
    ],
)
def test_escalation_response_name(level, country, now, expected):
    assert escalation_response_name(level, country, now) == expected


def test_every_level_has_a_response_name():
    names = {escalation_response_name(level, "NL", MONDAY_MORNING) for level in TRIAGE_ORDER}
    assert len(names) == len(TRIAGE_ORDER)


def test_unknown_level_is_refused():
    with pytest.raises(ValueError):
        escalation_response_name("whenever", "NL", MONDAY_MORNING)
