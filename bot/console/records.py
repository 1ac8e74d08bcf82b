"""The console's reads and writes of handoffs, each in its own short session.

Rows are copied into plain `HandoffView`s before the session closes, so pages never
touch a detached ORM object.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional

from bot.db.models import Handoff
from bot.db.session import session_scope
from bot.handoff import store


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


def _view(handoff: Handoff) -> HandoffView:
    return HandoffView(
        handoff.id, handoff.conversation_id, handoff.channel, handoff.level, list(handoff.red_flags or []),
        list(handoff.transcript or []), handoff.contact_method, handoff.contact_value, handoff.status,
        handoff.claimed_by_id, handoff.claimed_by.display_name if handoff.claimed_by else None, handoff.created_at,
    )


def waiting(db_url: Optional[str]) -> List[HandoffView]:
    with session_scope(db_url) as session:
        return [_view(handoff) for handoff in store.waiting_handoffs(session)]


def one(db_url: Optional[str], handoff_id: int) -> Optional[HandoffView]:
    with session_scope(db_url) as session:
        handoff = session.get(Handoff, handoff_id)
        return _view(handoff) if handoff else None


def claim(db_url: Optional[str], handoff_id: int, therapist_id: int) -> bool:
    with session_scope(db_url) as session:
        return store.claim_handoff(session, handoff_id=handoff_id, therapist_id=therapist_id)


def release(db_url: Optional[str], handoff_id: int, therapist_id: int) -> None:
    with session_scope(db_url) as session:
        store.release_handoff(session, handoff_id=handoff_id, therapist_id=therapist_id)


def close(db_url: Optional[str], handoff_id: int) -> bool:
    with session_scope(db_url) as session:
        return store.close_handoff(session, handoff_id=handoff_id)


def keep_transcript(db_url: Optional[str], handoff_id: int, lines: List[Dict[str, Any]]) -> None:
    """Stores the conversation as it ended, so the record outlives the chat's retention."""
    with session_scope(db_url) as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is not None and lines:
            handoff.transcript = list(lines)
