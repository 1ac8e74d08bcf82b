"""Console sessions in a signed cookie: who is logged in, the CSRF token, and until when.

The cookie is HMAC-SHA256 signed with settings.console_secret, HttpOnly, SameSite=Strict,
and Secure when the console is served over https. A logged-out session id is remembered
until it would have expired, so a copied cookie stops working at logout.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import asdict, dataclass, replace
from typing import Callable, Dict, Optional

from bot.console.accounts import TherapistIdentity

COOKIE_NAME = "rugwijzer_console"
COOKIE_PATH = "/console"
MAX_AGE_SECONDS = 8 * 60 * 60  # a working day; a new login after that
PENDING_SECONDS = 5 * 60  # time to type the code from the authenticator app


@dataclass(frozen=True)
class ConsoleSession:
    sid: str
    csrf: str
    expires_at: int
    therapist_id: Optional[int] = None
    username: Optional[str] = None
    display_name: Optional[str] = None
    role: Optional[str] = None
    # Password accepted, second factor not yet: such a session may only reach the code page.
    second_factor_pending: bool = False
    enrol_secret: Optional[str] = None  # the authenticator secret being set up at first login

    @property
    def logged_in(self) -> bool:
        return self.therapist_id is not None and not self.second_factor_pending


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SessionSigner:
    """Turns sessions into cookie values and back; refuses anything not signed by us."""

    def __init__(self, secret: str, max_age: int = MAX_AGE_SECONDS, clock: Callable[[], float] = time.time) -> None:
        if not secret:
            raise ValueError("console_secret is empty")
        self._key = hashlib.sha256(b"rugwijzer-console-session\0" + secret.encode("utf-8")).digest()
        self.max_age = max_age
        self._clock = clock
        self._revoked: Dict[str, int] = {}

    def new(self, therapist: Optional[TherapistIdentity] = None, pending: bool = False) -> ConsoleSession:
        """A fresh session (new id and CSRF token), anonymous or for `therapist`.

        `pending`: the password was right but the second factor is still to come.
        """
        session = ConsoleSession(secrets.token_urlsafe(16), secrets.token_urlsafe(32),
                                 int(self._clock()) + (min(self.max_age, PENDING_SECONDS) if pending else self.max_age))
        if therapist:
            session = replace(session, therapist_id=therapist.id, username=therapist.username,
                              display_name=therapist.display_name, role=therapist.role,
                              second_factor_pending=pending)
        return session

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._key, payload.encode("ascii"), hashlib.sha256).digest())

    def dump(self, session: ConsoleSession) -> str:
        payload = _b64(json.dumps(asdict(session), separators=(",", ":")).encode("utf-8"))
        return f"{payload}.{self._sign(payload)}"

    def load(self, value: Optional[str]) -> Optional[ConsoleSession]:
        """The session in a cookie value, or None if forged, expired, revoked or malformed."""
        if not value or value.count(".") != 1:
            return None
        payload, signature = value.split(".")
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            session = ConsoleSession(**json.loads(_unb64(payload)))
        except (ValueError, TypeError, binascii.Error):
            return None
        if session.expires_at < self._clock() or session.sid in self._revoked:
            return None
        return session

    def revoke(self, session: ConsoleSession) -> None:
        now = self._clock()
        self._revoked = {sid: until for sid, until in self._revoked.items() if until >= now}
        self._revoked[session.sid] = session.expires_at


def cookie_settings(secure: bool, max_age: int) -> Dict[str, object]:
    """Attributes of the session cookie."""
    return {"httponly": True, "samesite": "Strict", "secure": secure, "path": COOKIE_PATH, "max-age": max_age}
