"""The audit trail: who looked at or did what in the console, and from where."""
from __future__ import annotations

import logging
from typing import Optional

from bot.db.models import AuditEntry
from bot.db.session import session_scope

logger = logging.getLogger(__name__)


def record_audit(*, actor: str, action: str, target: Optional[str] = None, remote_addr: Optional[str] = None,
                 db_url: str) -> None:
    """Adds one line to audit_log; raises if it cannot, so nothing happens unrecorded."""
    with session_scope(db_url) as session:
        session.add(AuditEntry(actor=(actor or "-")[:80], action=action[:60],
                               target=(target or None) and target[:255],
                               remote_addr=(remote_addr or None) and remote_addr[:64]))
    logger.info("console %s by %s on %s", action, actor, target or "-")
