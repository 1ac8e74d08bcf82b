"""Therapist accounts: scrypt password hashes, creation (from the CLI) and login checks."""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Optional

from bot.db.models import Therapist
from bot.db.session import session_scope

# scrypt cost: about 50 ms and 16 MB per check, expensive for a guesser, cheap for a login.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
MIN_PASSWORD_CHARS = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


@dataclass(frozen=True)
class TherapistIdentity:
    """Who is logged in, as the console needs it."""

    id: int
    username: str
    display_name: str
    role: str = "therapist"
    has_second_factor: bool = False


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    """A salted scrypt hash that records its own parameters."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True if `password` matches `stored`; False for any malformed hash."""
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                                p=int(p), dklen=len(base64.b64decode(expected)), maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))


# Checked when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def create_therapist(*, username: str, display_name: str, password: str, db_url: str,
                     role: str = "therapist") -> int:
    """Creates a console account; raises ValueError for a bad name, short password or duplicate."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    username = normalise_username(username)
    if not _USERNAME.match(username):
        raise ValueError("username: 2-80 characters, lower-case letters, digits, '.', '_' or '-'")
    if len(password or "") < MIN_PASSWORD_CHARS:
        raise ValueError(f"password must be at least {MIN_PASSWORD_CHARS} characters")
    display_name = (display_name or username).strip()[:120] or username
    with session_scope(db_url) as session:
        if session.query(Therapist).filter_by(username=username).first():
            raise ValueError(f"a therapist called '{username}' already exists")
        therapist = Therapist(username=username, display_name=display_name, password_hash=hash_password(password),
                              role=role)
        session.add(therapist)
        session.flush()
        return therapist.id


def authenticate(*, username: str, password: str, db_url: str) -> Optional[TherapistIdentity]:
    """The therapist whose username and password these are, or None."""
    username = normalise_username(username)
    with session_scope(db_url) as session:
        therapist = session.query(Therapist).filter_by(username=username).first() if username else None
        stored = therapist.password_hash if therapist else _DUMMY_HASH
        identity = TherapistIdentity(therapist.id, therapist.username, therapist.display_name, therapist.role,
                                     bool(therapist.totp_secret)) if therapist else None
    if not verify_password(password or "", stored) or identity is None:
        return None
    return identity


ROLES = ("therapist", "beheerder")


def second_factor_ok(*, therapist_id: int, code: str, enrol_secret: Optional[str] = None,
                     db_url: str, moment: Optional[float] = None) -> bool:
    """Checks a code from the authenticator app; each code works once.

    With `enrol_secret` (the first time) a right code also stores that secret for the account.
    """
    from bot.console.totp import matching_step

    with session_scope(db_url) as session:
        therapist = session.get(Therapist, therapist_id)
        if therapist is None:
            return False
        secret = enrol_secret if enrol_secret and not therapist.totp_secret else therapist.totp_secret
        if not secret:
            return False
        step = matching_step(secret, code, moment, after_step=therapist.totp_last_step)
        if step is None:
            return False
        therapist.totp_secret = secret
        therapist.totp_last_step = step
        return True


def set_second_factor(*, username: str, secret: Optional[str], db_url: str) -> None:
    """Stores (or with None removes, so the next login sets it up again) an account's TOTP secret."""
    with session_scope(db_url) as session:
        therapist = session.query(Therapist).filter_by(username=normalise_username(username)).first()
        if therapist is None:
            raise ValueError(f"no account called '{username}'")
        therapist.totp_secret, therapist.totp_last_step = secret, None


def set_role(*, username: str, role: str, db_url: str) -> None:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    with session_scope(db_url) as session:
        therapist = session.query(Therapist).filter_by(username=normalise_username(username)).first()
        if therapist is None:
            raise ValueError(f"no account called '{username}'")
        therapist.role = role


def list_accounts(db_url: str) -> list:
    """(username, display name, role, has two-factor) of every account, by name."""
    with session_scope(db_url) as session:
        return [(t.username, t.display_name, t.role, bool(t.totp_secret))
                for t in session.query(Therapist).order_by(Therapist.username)]
