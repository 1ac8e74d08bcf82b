"""Progress charts served by any Rasa server at GET /charts/<token>.png, drawn on request.

The link names a conversation and an expiry, sealed (AES-GCM, key derived from the
servers' shared secret) so that nobody can make one for another conversation or read
whose it is. Any instance opens it and draws the chart from the pain scores in the app
database: nothing is stored per chart, so a chart works whichever instance serves it,
shows nothing once the scores are erased, and expires after a day. Links start with
PUBLIC_BASE_URL, where users' devices reach the servers.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import time
from pathlib import Path
from typing import Any, Optional

from bot.settings import Settings

CHART_TTL_SECONDS = 24 * 60 * 60
_NONCE_BYTES = 12
_PURPOSE = b"rugwijzer/progress-chart-link/v1"


def _key(settings: Settings) -> bytes:
    """The chart-link key; every Rasa and action server of one practice derives the same."""
    secret = settings.console_secret or settings.rasa_auth_token or settings.jwt_secret
    if not secret:
        raise RuntimeError("CONSOLE_SECRET (or RASA_AUTH_TOKEN) must be set to link charts")
    return hmac.new(secret.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def base_url(settings: Settings) -> str:
    """Where users reach the Rasa servers: PUBLIC_BASE_URL when set, else host and port."""
    return settings.public_url


def seal(conversation_id: str, settings: Settings, now: Optional[float] = None) -> str:
    """An opaque, URL-safe token for `conversation_id`'s chart, valid for a day."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    expires = int((now if now is not None else time.time()) + CHART_TTL_SECONDS)
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(_key(settings)).encrypt(nonce, struct.pack(">Q", expires) + conversation_id.encode("utf-8"),
                                            _PURPOSE)
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")


def unseal(token: str, settings: Settings, now: Optional[float] = None) -> Optional[str]:
    """The conversation of a genuine, unexpired token; None for anything else."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        plain = AESGCM(_key(settings)).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _PURPOSE)
    except (ValueError, InvalidTag):
        return None
    (expires,) = struct.unpack(">Q", plain[:8])
    if (now if now is not None else time.time()) > expires:
        return None
    return plain[8:].decode("utf-8", "replace")


def chart_url(conversation_id: str, settings: Settings) -> str:
    """The link to `conversation_id`'s progress chart."""
    return f"{base_url(settings)}/charts/{seal(conversation_id, settings)}.png"


def render_chart(conversation_id: str, settings: Settings) -> Optional[bytes]:
    """The chart of the conversation's current scores, None when it has none (erased)."""
    from bot.progress.chart_image import render_progress_png
    from bot.progress.history import pain_history

    history = pain_history(conversation_id=conversation_id, url=settings.app_db)
    return render_progress_png(history, settings.timezone) if history else None


def chart_dir(settings: Settings) -> Path:
    """Where chart files were written before charts were drawn on request."""
    return settings.var_dir / "charts"


def prune_charts(settings: Settings) -> int:
    """Deletes chart files left from before (health data that nothing serves any more).

    Called at every server's start (`bot.privacy.files.start_private`); returns how many
    this call removed. Both servers start at once: a file the other removed first is not
    counted, and one that cannot be removed (another owner) stays for the mode check.
    """
    folder, removed = chart_dir(settings), 0
    if not folder.is_dir():
        return 0
    # *.png: the charts; .*.tmp: a chart the older version was still writing when it stopped.
    for path in [*folder.glob("*.png"), *folder.glob(".*.tmp")]:
        try:
            path.unlink()
        except OSError:
            continue
        removed += 1
    return removed


def add_chart_routes(app: Any, settings: Settings) -> None:
    """Registers GET /charts/<token>.png on the Sanic `app`, drawing from `settings`' app database."""
    import asyncio

    from sanic import response
    from sanic.request import Request

    # The regex covers the whole path segment: Sanic 21.12 cannot mix a parameter and text.
    @app.get(r"/charts/<filename:[A-Za-z0-9_-]{40,400}\.png>", name="progress_chart")
    async def progress_chart(_: Request, filename: str):
        conversation_id = unseal(filename[: -len(".png")], settings)
        # Drawing takes a CPU moment: off the event loop, which serves every conversation.
        png = None if conversation_id is None else await asyncio.get_running_loop().run_in_executor(
            None, render_chart, conversation_id, settings)
        if png is None:
            return response.text("Niet gevonden.", status=404)
        headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff",
                   "Referrer-Policy": "no-referrer"}
        return response.raw(png, content_type="image/png", headers=headers)
