"""SQLAlchemy 1.4 models of the practice's tables. The schema itself comes from migrations."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

from bot.handoff.status import HandoffStatus

Base = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Therapist(Base):
    __tablename__ = "therapists"

    id = Column(Integer, primary_key=True)
    username = Column(String(80), nullable=False, unique=True)
    display_name = Column(String(120), nullable=False)
    password_hash = Column(String(255), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    role = Column(String(20), nullable=False, default="therapist")  # therapist | beheerder
    totp_secret = Column(String(64))  # base32; None until two-factor login is set up
    totp_last_step = Column(Integer)  # the last 30-second step used, so a code works once


class Handoff(Base):
    """A conversation handed to a therapist: part of care, kept after a delete request."""

    __tablename__ = "handoffs"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(40), nullable=False)
    level = Column(String(20), nullable=False, default="none")
    red_flags = Column(JSON, nullable=False, default=list)
    transcript = Column(JSON, nullable=False, default=list)
    contact_method = Column(String(20), nullable=False, default="chat")
    contact_value = Column(String(255))
    status = Column(String(20), nullable=False, default=HandoffStatus.OPEN.value, index=True)
    claimed_by_id = Column(Integer, ForeignKey("therapists.id"))
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    closed_at = Column(DateTime)
    first_response_at = Column(DateTime)  # first reply or phone call by a therapist
    called_at = Column(DateTime)  # a phone handoff: when the therapist noted "gebeld"
    call_note = Column(Text)

    claimed_by = relationship(Therapist)


class AuditEntry(Base):
    """Who looked at or did what in the console."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow, index=True)
    actor = Column(String(80), nullable=False)
    action = Column(String(60), nullable=False)
    target = Column(String(255))
    remote_addr = Column(String(64))


class Plan(Base):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("conversation_id", name="uq_plans_conversation"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False)
    channel = Column(String(40), nullable=False)
    choices = Column(JSON, nullable=False, default=dict)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)


class PainScore(Base):
    __tablename__ = "pain_scores"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    score = Column(Integer, nullable=False)
    note = Column(Text)
    recorded_at = Column(DateTime, nullable=False, default=utcnow)


class Reminder(Base):
    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("conversation_id", name="uq_reminders_conversation"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), nullable=False)
    channel = Column(String(40), nullable=False)
    time_of_day = Column(String(5), nullable=False)  # "HH:MM", Europe/Amsterdam
    active = Column(Boolean, nullable=False, default=True)
    checkin_due_at = Column(DateTime)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class ProcessedUpdate(Base):
    """Telegram update ids already handled: Telegram re-delivers on timeouts."""

    __tablename__ = "processed_updates"

    update_id = Column(String(64), primary_key=True)
    received_at = Column(DateTime, nullable=False, default=utcnow, index=True)
