"""Which triage response fits: GP office hours and public holidays in the Netherlands and Belgium."""
from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, timezone
from typing import FrozenSet
from zoneinfo import ZoneInfo

from bot.safety.levels import TRIAGE_ORDER

OFFICE_OPENS = time(8, 0)
OFFICE_CLOSES = time(17, 0)
_TIME_ZONES = {"NL": "Europe/Amsterdam", "BE": "Europe/Brussels"}


def _country(country: str) -> str:
    # Anything that is not Belgium gets the Dutch rules: the practice is Dutch.
    return "BE" if (country or "").strip().upper() == "BE" else "NL"


def easter_sunday(year: int) -> date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@functools.lru_cache(maxsize=64)
def public_holidays(year: int, country: str = "NL") -> FrozenSet[date]:
    """Public holidays on which GP practices are closed, for NL or BE."""
    easter = easter_sunday(year)
    after_easter = lambda days: easter + timedelta(days=days)  # noqa: E731
    if _country(country) == "BE":
        return frozenset({
            date(year, 1, 1), after_easter(1), date(year, 5, 1), after_easter(39),
            after_easter(50), date(year, 7, 21), date(year, 8, 15), date(year, 11, 1),
            date(year, 11, 11), date(year, 12, 25),
        })
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday, Koningsdag moves to Saturday the 26th
        kings_day = date(year, 4, 26)
    return frozenset({
        date(year, 1, 1), after_easter(-2), easter, after_easter(1), kings_day, date(year, 5, 5),
        after_easter(39), after_easter(49), after_easter(50), date(year, 12, 25), date(year, 12, 26),
    })


def is_gp_office_hours(now: datetime, country: str = "NL") -> bool:
    """True on working days 08:00-17:00 local time; a naive `now` is taken as UTC."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    code = _country(country)
    local = now.astimezone(ZoneInfo(_TIME_ZONES[code]))
    if local.weekday() >= 5 or local.date() in public_holidays(local.year, code):
        return False
    return OFFICE_OPENS <= local.time() < OFFICE_CLOSES


def escalation_response_name(level: str, country: str, now: datetime, belgium_named: bool = False) -> str:
    """The response for a triage `level`, e.g. utter_triage_urgent_after_hours_be.

    `belgium_named`: the message itself places the writer in Belgium (huisdokter,
    wachtpost, België); a Dutch practice then gives the Belgian numbers next to its own.
    """
    if level not in TRIAGE_ORDER:
        raise ValueError(f"unknown triage level {level!r}")
    name = f"utter_triage_{level}"
    if level == "urgent" and not is_gp_office_hours(now, country):
        name += "_after_hours"
    if _country(country) == "BE":
        return name + "_be"
    return name + ("_with_be" if belgium_named else "")
