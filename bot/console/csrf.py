"""CSRF protection: one token per session, sent back in every form and checked on every POST."""
from __future__ import annotations

import hmac
from typing import Optional

from markupsafe import Markup, escape

from bot.console.session import ConsoleSession

FIELD = "csrf_token"


def csrf_field(session: ConsoleSession) -> Markup:
    """The hidden form field that carries the session's token."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, escape(session.csrf))


def csrf_ok(session: Optional[ConsoleSession], submitted: Optional[str]) -> bool:
    """True only if `submitted` is this session's token (compared in constant time)."""
    if session is None or not submitted:
        return False
    return hmac.compare_digest(session.csrf.encode("utf-8"), submitted.encode("utf-8"))
