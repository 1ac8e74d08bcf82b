"""When reminders and check-ins fire: local clock times in the practice's time zone, as UTC.

Every function takes `now`, so tests control the clock (daylight saving time included).
Rasa reminders trigger an intent; ours trigger an existing intent carrying a `timer`
entity (see TIMER_ENTITY) so the domain needs no intents without training examples.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Dict, List, Mapping, Optional
from zoneinfo import ZoneInfo

TIMER_ENTITY = "timer"
DAILY_TIMER = "daily_reminder"
BREATHING_TIMER = "breathing_step"
# The intents the timers trigger; the rule of each intent leads to the action that handles it.
DAILY_INTENT = "show_plan"
BREATHING_INTENT = "start_breathing"
DEFAULT_CHECKIN_TIME = "10:00"
EXTERNAL_PREFIX = "EXTERNAL: "  # rasa.shared.core.constants.EXTERNAL_MESSAGE_PREFIX
# A reminder due while the user is in the middle of a form waits this long.
POSTPONE = timedelta(hours=1)


def _clock(hhmm: str) -> time:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return time(hours, minutes)


def local_at(day: date, hhmm: str, tz_name: str) -> datetime:
    """`hhmm` on `day` in `tz_name`, as aware UTC.

    A clock time that does not exist that day (02:30 when the clocks go forward) comes
    out an hour later, as a phone alarm would; a time that happens twice is the first.
    """
    zone = ZoneInfo(tz_name)
    # zoneinfo reads a missing time with the offset before the change, which is what we want.
    return datetime.combine(day, _clock(hhmm)).replace(tzinfo=zone, fold=0).astimezone(timezone.utc)


def next_daily_at(hhmm: str, now: datetime, tz_name: str) -> datetime:
    """The first moment after `now` at which the local clock shows `hhmm`."""
    today = now.astimezone(ZoneInfo(tz_name)).date()
    candidate = local_at(today, hhmm, tz_name)
    if candidate <= now:
        candidate = local_at(today + timedelta(days=1), hhmm, tz_name)
    return candidate


def checkin_due_at(now: datetime, days: int, tz_name: str, hhmm: Optional[str] = None) -> datetime:
    """`days` calendar days after `now`, at `hhmm` local time (the reminder's time, else 10:00)."""
    today = now.astimezone(ZoneInfo(tz_name)).date()
    return local_at(today + timedelta(days=days), hhmm or DEFAULT_CHECKIN_TIME, tz_name)


def _short_id(conversation_id: str) -> str:
    # Rasa uses the reminder name as the scheduler's job id for all conversations together.
    return hashlib.sha256(conversation_id.encode("utf-8")).hexdigest()[:20]


def daily_reminder_name(conversation_id: str) -> str:
    return f"daily_reminder_{_short_id(conversation_id)}"


def breathing_step_name(conversation_id: str, step: int) -> str:
    return f"breathing_{_short_id(conversation_id)}_{step}"


def timer_entities(kind: str, step: Optional[int] = None) -> List[Dict[str, Any]]:
    entities: List[Dict[str, Any]] = [{"entity": TIMER_ENTITY, "value": kind}]
    if step is not None:
        entities.append({"entity": "step", "value": step})
    return entities


def is_external(message: Mapping[str, Any]) -> bool:
    """Whether Rasa made this user message itself (a reminder firing), not the user."""
    return str(message.get("text") or "").startswith(EXTERNAL_PREFIX)


def timer_of(message: Mapping[str, Any]) -> Optional[str]:
    """The timer that triggered this user message, or None for a message the user sent.

    Only reminders carry the entity: the NLU never extracts it, and typed
    `/intent{...}` commands are screened out by bot.channels.inbound.
    """
    if not is_external(message):
        return None
    for entity in message.get("entities") or []:
        if entity.get("entity") == TIMER_ENTITY:
            return str(entity.get("value"))
    return None


def timer_step(message: Mapping[str, Any]) -> Optional[int]:
    for entity in message.get("entities") or []:
        if entity.get("entity") == "step":
            return int(entity.get("value"))
    return None
