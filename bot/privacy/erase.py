"""Erasing a conversation: everything the assistant keeps of it, in one place.

`erase_conversation` is the one function that knows every place: the tracker events, the
practice's tables, and the SQLite write-ahead logs that still hold the pages as they were
before the delete. The delete request (through the tracker store) and the retention purge
both call it; a new kind of stored data is added here. Progress charts are not stored:
they are drawn on request from the pain scores (bot/web/charts.py), so erasing the scores
empties every link already sent.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from sqlalchemy import text as sql
from sqlalchemy.engine import Engine

from bot.db.models import Handoff, PainScore, Plan, Reminder
from bot.db.session import get_engine, session_scope, truncate_wal
from bot.handoff.status import ACTIVE
from bot.learning.inbox import forget_conversation_rows

logger = logging.getLogger("rugwijzer.privacy")

@dataclass(frozen=True)
class ErasureReport:
    plans: int
    pain_scores: int
    reminders: int
    handoffs_kept: int  # open or claimed handoffs are part of care and stay
    handoffs_removed: int = 0  # closed ones: that care has ended
    inbox: int = 0  # messages in the console's "Niet begrepen" inbox (bot/learning)
    events: int = 0
    wal_emptied: bool = True  # False: a SQLite WAL could not be emptied (still being read)


def forget_conversation(conversation_id: str, url: str) -> ErasureReport:
    """Deletes what the practice's tables hold of `conversation_id`, in one transaction.

    Plan, pain scores, reminders and closed handoffs go; an open or claimed handoff stays
    (a therapist is acting on it) and the user is told. The SQLite WAL is emptied after.
    """
    with session_scope(url) as session:
        plans = session.query(Plan).filter_by(conversation_id=conversation_id).delete()
        scores = session.query(PainScore).filter_by(conversation_id=conversation_id).delete()
        reminders = session.query(Reminder).filter_by(conversation_id=conversation_id).delete()
        closed = session.query(Handoff).filter(
            Handoff.conversation_id == conversation_id, Handoff.status.notin_(ACTIVE)
        ).delete(synchronize_session=False)
        kept = session.query(Handoff).filter(
            Handoff.conversation_id == conversation_id, Handoff.status.in_(ACTIVE)
        ).count()
        inbox = forget_conversation_rows(session, conversation_id)
    emptied = truncate_wal(get_engine(url))
    return ErasureReport(plans, scores, reminders, kept, handoffs_removed=closed, inbox=inbox, wal_emptied=emptied)


def forget_events(tracker: Engine, conversation_id: str) -> int:
    """Deletes the conversation's tracker events; returns how many."""
    with tracker.begin() as connection:
        return connection.execute(sql("DELETE FROM events WHERE sender_id = :sender"),
                                  {"sender": conversation_id}).rowcount


def erase_conversation(conversation_id: str, *, tracker: Engine, app_url: str) -> ErasureReport:
    """Deletes everything of `conversation_id`: events, app rows; empties the WALs.

    On PostgreSQL the rows are gone from the tables at once; what its own WAL and backups
    keep is described in docs/security.md.
    """
    events = forget_events(tracker, conversation_id)
    report = forget_conversation(conversation_id, url=app_url)
    emptied = truncate_wal(tracker) and report.wal_emptied
    report = replace(report, events=events, wal_emptied=emptied)
    # No conversation id: a Telegram chat id names a person. App rows deleted earlier by
    # the delete action itself count as 0 here.
    logger.info("Erased a conversation: %d events, and here %d plan(s), %d pain score(s), "
                "%d reminder(s), %d closed handoff(s), %d inbox message(s); %d active handoff(s) kept",
                events, report.plans, report.pain_scores, report.reminders, report.handoffs_removed,
                report.inbox, report.handoffs_kept)
    if not emptied:
        logger.warning("Erasure: a SQLite WAL was still in use and could not be emptied; "
                       "SQLite empties it at its next checkpoint")
    return report


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
