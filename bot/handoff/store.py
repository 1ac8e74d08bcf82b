"""The handoff records: keyword-only functions that take a session (one per unit of work)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from sqlalchemy.orm import Session

from bot.db.models import Handoff, utcnow
from bot.handoff.status import ACTIVE, HandoffStatus
from bot.handoff.urgency import urgency_rank



@dataclass(frozen=True)
class HandoffRequest:
    """What the conversation knows when the user asks for a therapist."""

    conversation_id: str
    channel: str
    level: str
    red_flags: List[str]
    transcript: List[Dict[str, Any]]
    contact_method: str
    contact_value: Optional[str] = None


def active_handoff(session: Session, *, conversation_id: str) -> Optional[Handoff]:
    """The open or claimed handoff of a conversation, if there is one."""
    return (
        session.query(Handoff)
        .filter(Handoff.conversation_id == conversation_id, Handoff.status.in_(ACTIVE))
        .order_by(Handoff.id.desc())
        .first()
    )


def record_handoff(session: Session, *, request: HandoffRequest) -> tuple:
    """Creates a handoff, or refreshes the active one; returns (handoff, created)."""
    handoff = active_handoff(session, conversation_id=request.conversation_id)
    created = handoff is None
    if created:
        handoff = Handoff(conversation_id=request.conversation_id, status=HandoffStatus.OPEN.value)
        session.add(handoff)
    elif urgency_rank(request.level) > urgency_rank(handoff.level):
        # A level never goes down: the earlier, more urgent one stays.
        request = HandoffRequest(**{**request.__dict__, "level": handoff.level})
    handoff.channel = (request.channel or "unknown")[:40]
    handoff.level = request.level
    handoff.red_flags = sorted(set(handoff.red_flags or []) | set(request.red_flags))
    handoff.transcript = request.transcript
    if request.contact_method != "none" or created:
        handoff.contact_method = request.contact_method
        handoff.contact_value = request.contact_value
    handoff.updated_at = utcnow()
    session.flush()
    return handoff, created


def waiting_handoffs(session: Session) -> List[Handoff]:
    """Open and claimed handoffs, most urgent first, then longest waiting first."""
    handoffs = session.query(Handoff).filter(Handoff.status.in_(ACTIVE)).all()
    return sorted(handoffs, key=lambda h: (urgency_rank(h.level), h.created_at, h.id))


def claim_handoff(session: Session, *, handoff_id: int, therapist_id: int) -> bool:
    """Claims an open handoff; False if it is gone or someone else has it already."""
    changed = (
        session.query(Handoff)
        .filter(Handoff.id == handoff_id, Handoff.status == HandoffStatus.OPEN.value)
        .update({"status": HandoffStatus.CLAIMED.value, "claimed_by_id": therapist_id, "updated_at": utcnow()},
                synchronize_session=False)
    )
    return changed == 1


def release_handoff(session: Session, *, handoff_id: int, therapist_id: int) -> None:
    """Undoes a claim (used when the conversation could not be told about it)."""
    session.query(Handoff).filter(
        Handoff.id == handoff_id, Handoff.status == HandoffStatus.CLAIMED.value, Handoff.claimed_by_id == therapist_id
    ).update({"status": HandoffStatus.OPEN.value, "claimed_by_id": None, "updated_at": utcnow()}, synchronize_session=False)


def close_handoff(session: Session, *, handoff_id: int) -> bool:
    """Closes an open or claimed handoff; False if it was not active."""
    now = utcnow()
    changed = (
        session.query(Handoff)
        .filter(Handoff.id == handoff_id, Handoff.status.in_(ACTIVE))
        .update({"status": HandoffStatus.CLOSED.value, "closed_at": now, "updated_at": now}, synchronize_session=False)
    )
    return changed == 1
