"""Recording a handoff and telling the therapists, as one step the action can call."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Set

from bot.db.session import session_scope
from bot.handoff.notify import HandoffNotice, MailServer, compose_mail, send_mail
from bot.handoff.status import HandoffStatus
from bot.handoff.store import HandoffRequest, active_handoff, close_handoff, record_handoff
from bot.settings import Settings

logger = logging.getLogger(__name__)
# Mails in flight, kept referenced so the event loop does not drop them half-way.
_PENDING: Set[asyncio.Future] = set()


@dataclass(frozen=True)
class HandoffOutcome:
    handoff_id: int
    status: str
    created: bool


def open_handoff(request: HandoffRequest, db_url: str) -> HandoffOutcome:
    """Stores the handoff (or refreshes the conversation's active one)."""
    with session_scope(db_url) as session:
        handoff, created = record_handoff(session, request=request)
        outcome = HandoffOutcome(handoff.id, handoff.status, created)
    logger.info("Handoff %s %s (level %s)", outcome.handoff_id, "opened" if created else "refreshed", request.level)
    return outcome


def close_open_handoff(conversation_id: str, db_url: str) -> bool:
    """Closes the conversation's open handoff (taken back by the user); False if none was open."""
    with session_scope(db_url) as session:
        handoff = active_handoff(session, conversation_id=conversation_id)
        if handoff is None or handoff.status != HandoffStatus.OPEN.value:
            return False
        handoff_id = handoff.id
        closed = close_handoff(session, handoff_id=handoff_id)
    logger.info("Handoff %s taken back by the user", handoff_id)
    return closed


def console_base_url(settings: Settings) -> str:
    """Where therapists reach the console: PUBLIC_BASE_URL when set, else host and port."""
    return settings.public_url


def notify_therapists(outcome: HandoffOutcome, request: HandoffRequest, settings: Settings) -> bool:
    """E-mails the therapists about a handoff; False (and a log line) if that failed."""
    notice = HandoffNotice(outcome.handoff_id, request.level, request.red_flags, request.contact_method)
    server = MailServer(settings.smtp_host, settings.smtp_port, settings.smtp_from, settings.therapist_emails)
    message = compose_mail(notice, practice_name=settings.practice_name,
                           console_base_url=console_base_url(settings),
                           sender=server.sender, recipients=server.recipients)
    return send_mail(message, server)


def notify_in_background(outcome: HandoffOutcome, request: HandoffRequest, settings: Settings) -> asyncio.Future:
    """Starts the mail without making the user wait for the mail server."""
    future = asyncio.get_running_loop().run_in_executor(None, notify_therapists, outcome, request, settings)
    _PENDING.add(future)
    future.add_done_callback(_PENDING.discard)
    return future
