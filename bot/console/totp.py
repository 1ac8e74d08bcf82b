"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 30 s, 6 digits), the kind every
authenticator app reads, with the standard library only.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from typing import Optional
from urllib.parse import quote

STEP_SECONDS = 30
DIGITS = 6
# One step either side: a phone clock a little off, or a code typed just as it changed.
WINDOW = 1


def new_secret() -> str:
    """160 random bits in base32, as RFC 4226 recommends."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def _key(secret: str) -> bytes:
    cleaned = "".join(secret.split()).upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(secret: str, counter: int, digits: int = DIGITS) -> str:
    """RFC 4226: the code for `counter`."""
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10 ** digits).zfill(digits)


def step_at(moment: float) -> int:
    return int(moment // STEP_SECONDS)


def code_at(secret: str, moment: float) -> str:
    return hotp(secret, step_at(moment))


def matching_step(secret: str, code: str, moment: Optional[float] = None,
                  after_step: Optional[int] = None) -> Optional[int]:
    """The time step whose code `code` is (within the window), or None.

    Steps up to `after_step` do not count: a code that was used once is spent.
    """
    code = "".join((code or "").split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = step_at(time.time() if moment is None else moment)
    for step in range(now - WINDOW, now + WINDOW + 1):
        if after_step is not None and step <= after_step:
            continue
        if hmac.compare_digest(hotp(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, username: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads (from a QR code or pasted)."""
    label = quote(f"{issuer}:{username}", safe="")
    return f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer, safe='')}&digits={DIGITS}&period={STEP_SECONDS}"


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
