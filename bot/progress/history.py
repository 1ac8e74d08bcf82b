"""The pain_scores table: keyword-only functions, one session each."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional

from bot.db.models import PainScore
from bot.db.session import session_scope
from bot.plan.store import from_db_time, to_db_time


@dataclass(frozen=True)
class ScorePoint:
    """One pain score as stored: `at` is aware UTC."""

    at: datetime
    score: int
    note: Optional[str] = None


def record_pain(*, conversation_id: str, score: int, note: Optional[str], at: datetime,
                url: str) -> None:
    if not 0 <= score <= 10:
        raise ValueError(f"pain score out of range: {score}")
    with session_scope(url) as session:
        session.add(PainScore(conversation_id=conversation_id, score=score, note=note or None,
                              recorded_at=to_db_time(at)))


def pain_history(*, conversation_id: str, url: str) -> List[ScorePoint]:
    """All scores of a conversation, oldest first."""
    with session_scope(url) as session:
        rows = (session.query(PainScore).filter_by(conversation_id=conversation_id)
                .order_by(PainScore.recorded_at, PainScore.id).all())
        return [ScorePoint(from_db_time(row.recorded_at), row.score, row.note) for row in rows]
