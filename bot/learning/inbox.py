"""The inbox's storage work: filing, scanning the tracker store, deciding, undoing, erasing.

Keyword-only functions that take the database URL (None: settings); the console calls them
off the event loop, the action server and the commands call them directly.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Dict, List, Optional

from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.db.models import utcnow
from bot.db.session import get_engine, session_scope
from bot.learning.capture import Exchange, misunderstood
from bot.learning.store import Decision, LearningScan, MisunderstoodMessage, Reason, conversation_key

# Events read again on every scan: with several servers on PostgreSQL, ids can commit out
# of order; rows are unique per message, so reading a few twice costs nothing.
SCAN_OVERLAP = 500
SCAN_BATCH = 20_000
REASON_STRENGTH = {reason: rank for rank, reason in enumerate(Reason)}


def _file(session: Session, key: str, exchange: Exchange) -> bool:
    """Adds the exchange, or gives an existing row the stronger reason; True when new."""
    row = session.query(MisunderstoodMessage).filter_by(conversation_key=key, message_at=exchange.message_at).first()
    if row is not None:
        if REASON_STRENGTH[exchange.reason] < REASON_STRENGTH[Reason(row.reason)]:
            row.reason = exchange.reason.value
        return False
    session.add(MisunderstoodMessage(
        conversation_key=key, message_at=exchange.message_at, reason=exchange.reason.value,
        user_text=exchange.user_text[:4000], bot_text=exchange.bot_text[:8000], intent=exchange.intent,
        confidence=exchange.confidence))
    return True


def file_not_meant(*, conversation_id: str, exchange: Exchange, url: str) -> None:
    """Files what the patient marked with "dat bedoelde ik niet"."""
    with session_scope(url) as session:
        _file(session, conversation_key(conversation_id), exchange)


def scan_tracker(*, tracker_url: str, url: str, threshold: float) -> int:
    """Reads the tracker events written since the last scan and files what was not understood.

    Returns how many rows are new. Each turn's events are saved in one transaction, so a
    user message and the answers to it are read together.
    """
    engine = get_engine(tracker_url)
    with session_scope(url) as session:
        mark = session.query(LearningScan).first()
        if mark is None:
            mark = LearningScan(last_event_id=0)
            session.add(mark)
        start = max(0, mark.last_event_id - SCAN_OVERLAP)
        with engine.connect() as connection:
            if not engine.dialect.has_table(connection, "events"):
                return 0
            rows = connection.execute(text(
                "SELECT id, sender_id, data FROM events WHERE id > :start AND type_name IN ('user', 'bot', 'restart') "
                "ORDER BY id LIMIT :batch"), {"start": start, "batch": SCAN_BATCH}).all()
        by_sender: Dict[str, List[dict]] = {}
        for _id, sender, data in rows:
            try:
                by_sender.setdefault(sender, []).append(json.loads(data))
            except (TypeError, ValueError):
                continue
        added = 0
        for sender, events in by_sender.items():
            key = conversation_key(sender)
            for exchange in misunderstood(events, threshold):
                added += _file(session, key, exchange)
        if rows:
            mark.last_event_id = max(mark.last_event_id, rows[-1][0])
    return added


def pending(*, url: str, limit: int = 200) -> List[MisunderstoodMessage]:
    """Messages still to judge, newest first."""
    with session_scope(url) as session:
        return (session.query(MisunderstoodMessage).filter(MisunderstoodMessage.decision.is_(None))
                .order_by(MisunderstoodMessage.message_at.desc()).limit(limit).all())


def decided(*, url: str, limit: int = 200) -> List[MisunderstoodMessage]:
    """Messages judged, the latest decision first (the "Toegewezen" view)."""
    with session_scope(url) as session:
        return (session.query(MisunderstoodMessage).filter(MisunderstoodMessage.decision.isnot(None))
                .order_by(MisunderstoodMessage.decided_at.desc()).limit(limit).all())


def decide(*, item_id: int, decision: Decision, actor: str, topic: Optional[str] = None,
           url: str) -> bool:
    """Records a therapist's decision; False when the message is gone or already exported."""
    if decision is Decision.ASSIGNED and not topic:
        raise ValueError("an assignment needs a topic")
    with session_scope(url) as session:
        row = session.get(MisunderstoodMessage, item_id)
        if row is None or row.exported_at is not None:
            return False
        row.decision, row.topic = decision.value, (topic if decision is Decision.ASSIGNED else None)
        row.decided_by, row.decided_at = actor[:80], utcnow()
        return True


def undo(*, item_id: int, actor: str, url: str) -> bool:
    """Puts a decided message back in the inbox, as long as it was not exported."""
    with session_scope(url) as session:
        row = session.get(MisunderstoodMessage, item_id)
        if row is None or row.exported_at is not None or row.decision is None:
            return False
        row.decision = row.topic = None
        row.decided_by, row.decided_at = actor[:80], utcnow()
        return True


def forget_conversation_rows(session: Session, conversation_id: str) -> int:
    """Deletes the inbox rows of one conversation (an erasure request or the retention purge)."""
    return session.query(MisunderstoodMessage).filter_by(
        conversation_key=conversation_key(conversation_id)).delete(synchronize_session=False)


def purge_old(*, url: str, older_than_days: int, now: Optional[dt.datetime] = None) -> int:
    """Deletes inbox rows filed more than `older_than_days` ago, whatever their state."""
    cutoff = (now or utcnow()) - dt.timedelta(days=older_than_days)
    with session_scope(url) as session:
        return session.query(MisunderstoodMessage).filter(
            MisunderstoodMessage.created_at < cutoff).delete(synchronize_session=False)
