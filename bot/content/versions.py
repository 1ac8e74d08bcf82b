"""Every change to the content as a version: saved, listed and brought back, by whom and when.

Values are stored as JSON (a text, or a list of variant texts); None stands for the
default from practice.yml or the domain, which is not stored: going back to it deletes
the override.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import func

from bot.content.models import ContentOverride, ContentVersion
from bot.db.session import session_scope

KINDS = ("practice", "response")


class StaleEdit(ValueError):
    """Someone else changed the same item since the editor loaded it."""


@dataclass(frozen=True)
class Version:
    id: int
    kind: str
    key: str
    old_value: Any  # None: the default
    new_value: Any
    changed_by: str
    changed_at: datetime
    restored_from: Optional[int]


def _dump(value: Any) -> Optional[str]:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(text: Optional[str]) -> Any:
    if text is None:
        return None
    value = json.loads(text)
    return tuple(value) if isinstance(value, list) else value


def _version(row: ContentVersion) -> Version:
    return Version(row.id, row.kind, row.key, _load(row.old_value), _load(row.new_value), row.changed_by,
                   row.changed_at, row.restored_from)


def current_version_id(*, kind: str, key: str, db_url: str) -> int:
    """The id of the last change to this item, 0 if it never changed: the editor sends it back."""
    with session_scope(db_url) as session:
        latest = session.query(func.max(ContentVersion.id)).filter_by(kind=kind, key=key).scalar()
        return int(latest or 0)


def save(*, kind: str, key: str, value: Any, actor: str, db_url: str,
         seen_version: Optional[int] = None, restored_from: Optional[int] = None) -> Optional[Version]:
    """Makes `value` (None: the default) current for the item and records the version.

    Returns None when nothing changes. Raises StaleEdit if `seen_version` is given and the
    item changed after it, so one beheerder never silently overwrites another.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    new = _dump(list(value) if isinstance(value, tuple) else value)
    with session_scope(db_url) as session:
        latest = session.query(func.max(ContentVersion.id)).filter_by(kind=kind, key=key).scalar() or 0
        if seen_version is not None and latest != seen_version:
            raise StaleEdit(key)
        override = session.query(ContentOverride).filter_by(kind=kind, key=key).first()
        old = override.value if override else None
        if old == new:
            return None
        row = ContentVersion(kind=kind, key=key, old_value=old, new_value=new, changed_by=(actor or "-")[:80],
                             restored_from=restored_from)
        session.add(row)
        session.flush()
        if new is None:
            session.delete(override)
        elif override is None:
            session.add(ContentOverride(kind=kind, key=key, value=new, version_id=row.id))
        else:
            override.value, override.version_id, override.updated_at = new, row.id, row.changed_at
        return _version(row)


def history(*, kind: str, key: str, db_url: str, limit: Optional[int] = None) -> List[Version]:
    """The item's versions, newest first (all of them unless `limit`: any may be brought back)."""
    with session_scope(db_url) as session:
        query = session.query(ContentVersion).filter_by(kind=kind, key=key).order_by(ContentVersion.id.desc())
        rows = (query.limit(limit) if limit else query).all()
        return [_version(row) for row in rows]


def version(*, version_id: int, db_url: str) -> Optional[Version]:
    with session_scope(db_url) as session:
        row = session.get(ContentVersion, version_id)
        return _version(row) if row else None


def overrides(db_url: str) -> Tuple[int, Dict[Tuple[str, str], Any]]:
    """(the newest version id, every override in force by (kind, key))."""
    with session_scope(db_url) as session:
        newest = session.query(func.max(ContentVersion.id)).scalar() or 0
        found = {(row.kind, row.key): _load(row.value) for row in session.query(ContentOverride)}
        return int(newest), found


def changed_items(db_url: str) -> Dict[Tuple[str, str], Tuple[str, datetime]]:
    """(who, when) of the last change to each item that has an override now."""
    with session_scope(db_url) as session:
        rows = (session.query(ContentOverride, ContentVersion)
                .join(ContentVersion, ContentVersion.id == ContentOverride.version_id))
        return {(o.kind, o.key): (v.changed_by, v.changed_at) for o, v in rows}
