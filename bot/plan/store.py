"""The plans and reminders tables: keyword-only functions, one session each."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional, Tuple

from bot.db.models import Plan, Reminder
from bot.db.session import session_scope
from bot.plan.choices import PlanChoices


def to_db_time(moment: datetime) -> datetime:
    """Naive UTC, as every DateTime column in the app database."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def from_db_time(moment: Optional[datetime]) -> Optional[datetime]:
    return moment.replace(tzinfo=timezone.utc) if moment is not None else None


def save_plan(*, conversation_id: str, channel: str, choices: PlanChoices, text: str,
              url: str) -> None:
    """Stores the plan of a conversation, replacing an earlier one."""
    with session_scope(url) as session:
        plan = session.query(Plan).filter_by(conversation_id=conversation_id).one_or_none()
        if plan is None:
            plan = Plan(conversation_id=conversation_id, channel=channel)
            session.add(plan)
        plan.channel, plan.choices, plan.text = channel, choices.to_dict(), text


def load_plan(*, conversation_id: str, url: str) -> Optional[Tuple[PlanChoices, str]]:
    """(choices, text) of the stored plan, or None."""
    with session_scope(url) as session:
        plan = session.query(Plan).filter_by(conversation_id=conversation_id).one_or_none()
        if plan is None:
            return None
        return PlanChoices.from_dict(plan.choices or {}), plan.text


@dataclass(frozen=True)
class ReminderState:
    """A conversation's daily reminder as stored."""

    time_of_day: str
    active: bool
    checkin_due_at: Optional[datetime]  # aware UTC


def save_reminder(*, conversation_id: str, channel: str, time_of_day: str, checkin_due_at: Optional[datetime],
                  url: str) -> None:
    """Turns the daily reminder on at `time_of_day` ("HH:MM", local time)."""
    with session_scope(url) as session:
        reminder = session.query(Reminder).filter_by(conversation_id=conversation_id).one_or_none()
        if reminder is None:
            reminder = Reminder(conversation_id=conversation_id, channel=channel, time_of_day=time_of_day)
            session.add(reminder)
        reminder.channel, reminder.time_of_day, reminder.active = channel, time_of_day, True
        reminder.checkin_due_at = to_db_time(checkin_due_at) if checkin_due_at else None


def load_reminder(*, conversation_id: str, url: str) -> Optional[ReminderState]:
    with session_scope(url) as session:
        reminder = session.query(Reminder).filter_by(conversation_id=conversation_id).one_or_none()
        if reminder is None:
            return None
        return ReminderState(reminder.time_of_day, bool(reminder.active), from_db_time(reminder.checkin_due_at))


def set_checkin_due(*, conversation_id: str, due_at: Optional[datetime], url: str) -> None:
    with session_scope(url) as session:
        reminder = session.query(Reminder).filter_by(conversation_id=conversation_id).one_or_none()
        if reminder is not None:
            reminder.checkin_due_at = to_db_time(due_at) if due_at else None


def stop_reminder(*, conversation_id: str, url: str) -> bool:
    """Turns reminders and check-ins off; True if they were on."""
    with session_scope(url) as session:
        reminder = session.query(Reminder).filter_by(conversation_id=conversation_id).one_or_none()
        if reminder is None or not reminder.active:
            return False
        reminder.active, reminder.checkin_due_at = False, None
        return True
