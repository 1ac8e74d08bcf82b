"""Deletes conversations nobody has touched for longer than the retention period."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import text

from bot.db.session import get_engine
from bot.privacy.erase import erase_conversation
from bot.settings import Settings


def purge_expired(settings: Settings, now: Optional[dt.datetime] = None) -> int:
    """Erases every conversation idle past retention_days (events, app rows) in `settings`' databases."""
    now = now or dt.datetime.now(dt.timezone.utc)
    app_url = settings.app_db
    cutoff = (now - dt.timedelta(days=settings.retention_days)).timestamp()
    purge_closed_handoffs(now, app_url, settings.handoff_retention_days)
    purge_inbox(now, app_url, settings.learning_retention_days)
    engine = get_engine(settings.tracker_db)
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "events"):
            return 0
        stale = [row[0] for row in connection.execute(
            text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"),
            {"cutoff": cutoff},
        )]
    for sender_id in stale:
        erase_conversation(sender_id, tracker=engine, app_url=app_url)
    _forget_old_update_ids(now - dt.timedelta(days=settings.retention_days), app_url)
    return len(stale)


def purge_closed_handoffs(now: dt.datetime, app_url: str, days: int) -> int:
    """Handoffs closed more than HANDOFF_RETENTION_DAYS ago go, with their transcripts."""
    from bot.console.records import purge_closed

    return purge_closed(app_url, older_than_days=days, now=now.astimezone(dt.timezone.utc).replace(tzinfo=None))


def purge_inbox(now: dt.datetime, app_url: str, days: int) -> int:
    """The "Niet begrepen" inbox keeps a message LEARNING_RETENTION_DAYS at most, judged or not."""
    from bot.learning.inbox import purge_old

    return purge_old(url=app_url, older_than_days=days, now=now.astimezone(dt.timezone.utc).replace(tzinfo=None))


def _forget_old_update_ids(cutoff: dt.datetime, app_url: str) -> None:
    """Telegram re-delivers for a day at most; older update ids are only clutter."""
    from bot.db.models import ProcessedUpdate
    from bot.db.session import session_scope

    with session_scope(app_url) as session:
        session.query(ProcessedUpdate).filter(
            ProcessedUpdate.received_at < cutoff.replace(tzinfo=None)).delete()
