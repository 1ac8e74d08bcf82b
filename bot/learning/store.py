"""The "Niet begrepen" inbox table.

A row keeps what a therapist needs to judge one exchange (the patient's words, the
assistant's answer, what the NLU thought) and nothing that says who: the conversation
is kept as a SHA-256 hash, only so that "verwijder mijn gegevens" and the retention purge
can find the rows of one conversation. A Telegram chat id is a short number, so the hash
is a pseudonym, not anonymity: the rows are treated as personal data and purged.
"""
from __future__ import annotations

import enum
import hashlib

from sqlalchemy import Column, DateTime, Float, Integer, String, Text, UniqueConstraint

from bot.db.models import Base, utcnow


class Reason(str, enum.Enum):
    """Why a message is in the inbox; the order is how strong the signal is."""

    NOT_MEANT = "not_meant"  # the patient said "dat bedoelde ik niet"
    FALLBACK = "fallback"  # the NLU gave up (nlu_fallback)
    OUT_OF_SCOPE = "out_of_scope"
    UNKNOWN_ANSWER = "unknown_answer"  # the answer said "dat weet ik niet"
    LOW_CONFIDENCE = "low_confidence"  # answered, but the NLU was unsure


class Decision(str, enum.Enum):
    ASSIGNED = "assigned"  # a topic (intent) was chosen: exported as a training example
    NEW_TOPIC = "new_topic"  # "nieuw onderwerp nodig": no intent fits yet
    IGNORE = "ignore"  # "negeren"


def conversation_key(conversation_id: str) -> str:
    return hashlib.sha256(f"rugwijzer-learning\0{conversation_id}".encode("utf-8")).hexdigest()


class MisunderstoodMessage(Base):
    __tablename__ = "learning_inbox"
    __table_args__ = (UniqueConstraint("conversation_key", "message_at", name="uq_learning_inbox_message"),)

    id = Column(Integer, primary_key=True)
    conversation_key = Column(String(64), nullable=False, index=True)
    message_at = Column(Float, nullable=False)  # the user message's Rasa timestamp: one row per message
    reason = Column(String(20), nullable=False)
    user_text = Column(Text, nullable=False)
    bot_text = Column(Text, nullable=False, default="")
    intent = Column(String(120))  # what the NLU made of it
    confidence = Column(Float)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    decision = Column(String(20), index=True)  # None: still to judge
    topic = Column(String(120))  # the intent, when assigned
    decided_by = Column(String(80))
    decided_at = Column(DateTime)
    exported_at = Column(DateTime)  # once in data/nlu/learned.yml, a decision is final


class LearningScan(Base):
    """How far the tracker store's events have been read for the inbox (one row)."""

    __tablename__ = "learning_scan"

    id = Column(Integer, primary_key=True)
    last_event_id = Column(Integer, nullable=False, default=0)
    scanned_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
