"""What the daily reminder does when it fires: a nudge from the plan, or the check-in."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import List, Optional, Tuple
from zoneinfo import ZoneInfo

from bot.plan import store
from bot.plan.choices import PlanChoices
from bot.plan.dialogue import daily_timer
from bot.plan.plan_text import nudge_for
from bot.plan.schedule import POSTPONE, checkin_due_at, next_daily_at
from bot.plan.store import ReminderState
from bot.progress import pain
from bot.turn import Reply, TurnContext

STOP_HINT = "Geen herinneringen meer? Typ: stop herinneringen."
# The check-in opens the pain form, which asks for the score (typed or with buttons).
CHECKIN_FORM = "pain_form"


def checkin_text(days: int) -> str:
    return f"Hoi! Je werkt nu {days} dagen met je plan. Hoe gaat het met je rug?"


@dataclass
class DailyTurn:
    """What to say now, when to fire next (None: stop), and the check-in's new due time."""

    kind: str  # "nudge", "checkin", or "none"
    text: Optional[str] = None
    buttons: List[Tuple[str, str]] = field(default_factory=list)
    next_at: Optional[datetime] = None
    checkin_due: Optional[datetime] = None


def daily_turn(state: Optional[ReminderState], choices: Optional[PlanChoices], now: datetime,
               checkin_days: int, tz_name: str) -> DailyTurn:
    """The daily reminder's decision at `now` (aware).

    Nothing is said and nothing rescheduled once the reminder is off or the plan is gone:
    a reminder the user stopped must never come back by itself.
    """
    if state is None or not state.active or choices is None:
        return DailyTurn("none")
    next_at = next_daily_at(state.time_of_day, now + timedelta(minutes=1), tz_name)
    if state.checkin_due_at is not None and now >= state.checkin_due_at:
        due = checkin_due_at(now, checkin_days, tz_name, state.time_of_day)
        return DailyTurn("checkin", checkin_text(checkin_days), [], next_at, due)
    today = now.astimezone(ZoneInfo(tz_name)).date()
    text = f"{nudge_for(choices, today)}\n{STOP_HINT}"
    return DailyTurn("nudge", text, [], next_at, state.checkin_due_at)


def daily_reminder(ctx: TurnContext, form_active: bool) -> Reply:
    """The daily reminder fired: nudge or check-in, then the next day's reminder."""
    reply = Reply()
    state = store.load_reminder(conversation_id=ctx.conversation_id, url=ctx.db_url)
    if state is None or not state.active:
        return reply
    if form_active:
        # Do not break into questions the user is answering: try again a bit later.
        reply.timers.append(daily_timer(ctx, ctx.now + POSTPONE))
        return reply
    stored = store.load_plan(conversation_id=ctx.conversation_id, url=ctx.db_url)
    turn = daily_turn(state, stored[0] if stored else None, ctx.now, ctx.checkin_days, ctx.tz_name)
    if turn.kind == "none":
        return reply
    if turn.kind == "checkin":
        store.set_checkin_due(conversation_id=ctx.conversation_id, due_at=turn.checkin_due, url=ctx.db_url)
        # The pain form asks for the score next, so a typed "een 6" is read as the answer.
        reply.slots.update({**pain.cleared(), "requested_slot": None})
        reply.followup = CHECKIN_FORM
    reply.say(turn.text or "", turn.buttons)
    if turn.next_at:
        reply.timers.append(daily_timer(ctx, turn.next_at))
    return reply
