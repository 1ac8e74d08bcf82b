"""Removes what the practice's tables hold about one conversation."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.db.models import Handoff, PainScore, Plan, Reminder
from bot.db.session import session_scope


@dataclass(frozen=True)
class ErasureReport:
    plans: int
    pain_scores: int
    reminders: int
    handoffs_kept: int  # open or claimed handoffs are part of care and stay


def forget_conversation(conversation_id: str, url: Optional[str] = None) -> ErasureReport:
    """Deletes plan, scores and reminders of `conversation_id` in one transaction."""
    with session_scope(url) as session:
        plans = session.query(Plan).filter_by(conversation_id=conversation_id).delete()
        scores = session.query(PainScore).filter_by(conversation_id=conversation_id).delete()
        reminders = session.query(Reminder).filter_by(conversation_id=conversation_id).delete()
        kept = (
            session.query(Handoff)
            .filter(Handoff.conversation_id == conversation_id, Handoff.status.in_(("open", "claimed")))
            .count()
        )
    return ErasureReport(plans, scores, reminders, kept)


def erasure_message(report: ErasureReport) -> str:
    """What the user is told after a delete request."""
    text = (
        "Klaar. Ik heb dit gesprek gewist, en ook je plan, je pijnscores en je herinneringen als je die had. "
        "Je kunt gewoon opnieuw beginnen."
    )
    if report.handoffs_kept:
        text += (
            " Eén ding bewaren we wel: je vraag aan een therapeut van de praktijk. Die hoort bij je zorg. "
            "Wil je dat ook laten wissen? Zeg het tegen de therapeut."
        )
    return text
