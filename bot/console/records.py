"""The console's reads and writes of handoffs, each in its own short session.

Rows are copied into plain `HandoffView`s before the session closes, so pages never
touch a detached ORM object.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Dict, List, Optional

from bot.db.models import Handoff, utcnow
from bot.db.session import session_scope
from bot.handoff import store
from bot.handoff.status import ACTIVE, HandoffStatus
from bot.handoff.urgency import urgency_rank

TABS = ("open", "mine", "closed")
MAX_ROWS = 200


@dataclass(frozen=True)
class HandoffView:
    id: int
    conversation_id: str
    channel: str
    level: str
    red_flags: List[str]
    transcript: List[Dict[str, Any]]
    contact_method: str
    contact_value: Optional[str]
    status: str
    claimed_by_id: Optional[int]
    claimed_by_name: Optional[str]
    created_at: datetime
    closed_at: Optional[datetime] = None
    first_response_at: Optional[datetime] = None
    called_at: Optional[datetime] = None
    call_note: Optional[str] = None
    updated_at: Optional[datetime] = None


@dataclass(frozen=True)
class ListFilter:
    """What a therapist asked the list for: a tab, words to find, urgency, channel and dates."""

    tab: str = "open"
    words: str = ""
    level: str = ""
    channel: str = ""
    since: Optional[date] = None
    until: Optional[date] = None
    therapist_id: Optional[int] = None


def _view(handoff: Handoff) -> HandoffView:
    return HandoffView(
        handoff.id, handoff.conversation_id, handoff.channel, handoff.level, list(handoff.red_flags or []),
        list(handoff.transcript or []), handoff.contact_method, handoff.contact_value, handoff.status,
        handoff.claimed_by_id, handoff.claimed_by.display_name if handoff.claimed_by else None, handoff.created_at,
        handoff.closed_at, handoff.first_response_at, handoff.called_at, handoff.call_note, handoff.updated_at,
    )


def _matches(handoff: Handoff, wanted: ListFilter) -> bool:
    if wanted.level and handoff.level != wanted.level:
        return False
    if wanted.channel and handoff.channel != wanted.channel:
        return False
    # Dates are compared on the UTC day; a therapist filters by day, not by the minute.
    if wanted.since and handoff.created_at.date() < wanted.since:
        return False
    if wanted.until and handoff.created_at.date() > wanted.until:
        return False
    words = wanted.words.strip().lower()
    if words:
        haystack = " ".join([str(handoff.id), handoff.contact_value or "", handoff.call_note or ""]
                            + [str(line.get("text") or "") for line in handoff.transcript or []]).lower()
        return all(word in haystack for word in words.split())
    return True


def listed(db_url: str, wanted: ListFilter) -> List[HandoffView]:
    """The handoffs of a tab that match the filter: active ones most urgent first, closed newest first."""
    with session_scope(db_url) as session:
        query = session.query(Handoff)
        if wanted.tab == "closed":
            query = query.filter(Handoff.status == HandoffStatus.CLOSED.value).order_by(Handoff.closed_at.desc(), Handoff.id.desc())
        elif wanted.tab == "mine":
            query = query.filter(Handoff.status == HandoffStatus.CLAIMED.value, Handoff.claimed_by_id == wanted.therapist_id)
        else:
            query = query.filter(Handoff.status.in_(ACTIVE))
        rows = [h for h in query.all() if _matches(h, wanted)]
        if wanted.tab != "closed":
            rows.sort(key=lambda h: (urgency_rank(h.level), h.created_at, h.id))
        return [_view(handoff) for handoff in rows[:MAX_ROWS]]


def waiting(db_url: str) -> List[HandoffView]:
    return listed(db_url, ListFilter())


def pulse(db_url: str, therapist_id: Optional[int]) -> Dict[str, Any]:
    """What the list page polls for: counts and a fingerprint of the active handoffs, no personal data."""
    with session_scope(db_url) as session:
        rows = (session.query(Handoff.id, Handoff.status, Handoff.updated_at, Handoff.claimed_by_id)
                .filter(Handoff.status.in_(ACTIVE)).order_by(Handoff.id).all())
        closed = session.query(Handoff.id).filter(Handoff.status == HandoffStatus.CLOSED.value).count()
    fingerprint = hashlib.sha256(repr((rows, closed)).encode("utf-8")).hexdigest()[:16]
    return {"version": fingerprint, "active": len(rows), "unclaimed": sum(1 for r in rows if r.status == HandoffStatus.OPEN),
            "mine": sum(1 for r in rows if r.status == HandoffStatus.CLAIMED and r.claimed_by_id == therapist_id),
            "newest": max((r.id for r in rows), default=0)}


def one(db_url: str, handoff_id: int) -> Optional[HandoffView]:
    with session_scope(db_url) as session:
        handoff = session.get(Handoff, handoff_id)
        return _view(handoff) if handoff else None


def claim(db_url: str, handoff_id: int, therapist_id: int) -> bool:
    with session_scope(db_url) as session:
        return store.claim_handoff(session, handoff_id=handoff_id, therapist_id=therapist_id)


def release(db_url: str, handoff_id: int, therapist_id: int) -> None:
    with session_scope(db_url) as session:
        store.release_handoff(session, handoff_id=handoff_id, therapist_id=therapist_id)


def close(db_url: str, handoff_id: int) -> bool:
    with session_scope(db_url) as session:
        return store.close_handoff(session, handoff_id=handoff_id)


def responded(db_url: str, handoff_id: int) -> None:
    """Remembers the first time a therapist answered (for the time-to-first-reply figure)."""
    with session_scope(db_url) as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is not None and handoff.first_response_at is None:
            handoff.first_response_at = utcnow()
            handoff.updated_at = utcnow()


def note_call(db_url: str, handoff_id: int, note: str) -> None:
    """A phone handoff: the therapist called the patient, with an optional short note."""
    with session_scope(db_url) as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is None:
            return
        now = utcnow()
        handoff.called_at = now
        handoff.call_note = note or None
        handoff.first_response_at = handoff.first_response_at or now
        handoff.updated_at = now


def delete(db_url: str, handoff_id: int) -> bool:
    """Deletes a closed handoff with its transcript; False if it is still active or gone."""
    with session_scope(db_url) as session:
        return session.query(Handoff).filter(Handoff.id == handoff_id, Handoff.status == HandoffStatus.CLOSED.value).delete() == 1


def purge_closed(db_url: str, *, older_than_days: int, now: Optional[datetime] = None) -> int:
    """Deletes handoffs closed more than `older_than_days` ago; returns how many."""
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    with session_scope(db_url) as session:
        return (session.query(Handoff)
                .filter(Handoff.status == HandoffStatus.CLOSED.value, Handoff.closed_at.isnot(None), Handoff.closed_at < cutoff)
                .delete(synchronize_session=False))


def keep_transcript(db_url: str, handoff_id: int, lines: List[Dict[str, Any]]) -> None:
    """Stores the conversation as it ended, so the record outlives the chat's retention."""
    with session_scope(db_url) as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is not None and lines:
            handoff.transcript = list(lines)
