"""Tables of the console's content editor: the overrides in force and every version of them."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, String, Text, UniqueConstraint

from bot.db.models import Base, utcnow


class ContentOverride(Base):
    """A practice detail or answer text that differs from practice.yml or the domain.

    No row means the default applies, so a fresh install and a revert to "standaard" need nothing here.
    """

    __tablename__ = "content_overrides"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_content_overrides_kind_key"),)

    id = Column(Integer, primary_key=True)
    kind = Column(String(20), nullable=False)  # practice | response
    key = Column(String(120), nullable=False)  # practice.yml key or response name
    value = Column(Text, nullable=False)  # JSON: a text, or a list of variant texts
    version_id = Column(Integer, nullable=False)  # the content_versions row that set it
    updated_at = Column(DateTime, nullable=False, default=utcnow)


class ContentVersion(Base):
    """One change: who, when, the value before and after (None: the default)."""

    __tablename__ = "content_versions"
    __table_args__ = (Index("ix_content_versions_kind_key", "kind", "key"),)

    id = Column(Integer, primary_key=True)
    kind = Column(String(20), nullable=False)
    key = Column(String(120), nullable=False)
    old_value = Column(Text)
    new_value = Column(Text)
    changed_by = Column(String(80), nullable=False)
    changed_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    restored_from = Column(Integer)  # the version brought back by a revert
