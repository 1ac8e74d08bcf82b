"""Re-arms the daily reminders after the Rasa server starts.

Rasa keeps scheduled reminders in memory only, so a restart loses every one of them.
The reminders table knows who asked for one: this puts the next reminder of each back,
on the channel the user uses, as if `action_show_plan` had just scheduled it.

    add_reminder_rearm(app)   # in the Rasa server, next to add_chart_routes(app)

`rearm` takes the database and time zone it needs; the listener reads them from the
server's installed `Settings` when the server has started (`bot.context`).
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from bot.db.models import Reminder
from bot.db.session import session_scope
from bot.plan.schedule import DAILY_INTENT, DAILY_TIMER, daily_reminder_name, next_daily_at, timer_entities

logger = logging.getLogger(__name__)


def active_reminders(url: str) -> List[Dict[str, str]]:
    """conversation_id, channel and time_of_day of every reminder that is on."""
    with session_scope(url) as session:
        rows = session.query(Reminder).filter(Reminder.active.is_(True)).all()
        return [{"conversation_id": r.conversation_id, "channel": r.channel, "time_of_day": r.time_of_day}
                for r in rows]


async def rearm(agent: Any, input_channels: List[Any], *, db_url: str, tz_name: str,
                now: Optional[datetime] = None) -> int:
    """Schedules the next daily reminder of every active row in `db_url`; returns how many."""
    from rasa.shared.core.events import ReminderScheduled

    now = now or datetime.now(timezone.utc)
    outputs = {channel.name(): channel for channel in input_channels}
    processor, armed = agent.processor, 0
    for row in active_reminders(db_url):
        channel = outputs.get(row["channel"])
        output = channel.get_output_channel() if channel is not None else None
        if output is None:
            # REST answers only within a request: a reminder has nowhere to go.
            continue
        event = ReminderScheduled(
            DAILY_INTENT, next_daily_at(row["time_of_day"], now, tz_name),
            entities=timer_entities(DAILY_TIMER), name=daily_reminder_name(row["conversation_id"]),
            kill_on_user_message=False,
        )
        async with processor.lock_store.lock(row["conversation_id"]):
            tracker = await processor.fetch_tracker_and_update_session(row["conversation_id"], output)
            tracker.update(event)
            await processor.execute_side_effects([event], tracker, output)
            await processor.save_tracker(tracker)
        armed += 1
    return armed


def add_reminder_rearm(app: Any) -> None:
    """Registers the re-arming to run once the agent has loaded."""

    async def rearm_after_start(app_: Any, _loop: Any) -> None:
        from bot.context import current_settings

        agent = getattr(app_.ctx, "agent", None)
        if agent is None or agent.processor is None:
            return
        try:
            settings = current_settings()
            armed = await rearm(agent, getattr(app_.ctx, "input_channels", None) or [],
                                db_url=settings.app_db, tz_name=settings.timezone)
            logger.info("Re-armed %d daily reminder(s)", armed)
        except Exception as error:  # noqa: BLE001 - reminders must not keep the server from starting
            logger.error("Could not re-arm daily reminders (%s)", type(error).__name__)

    app.register_listener(rearm_after_start, "after_server_start")
