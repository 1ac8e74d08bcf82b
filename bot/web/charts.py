"""Progress charts served by the Rasa server at GET /charts/<token>.png.

The action server writes the PNG under `var_dir/charts` with an unguessable token as its
name and sends the URL; the Rasa server serves it. A chart shows health data, so the
token is the only way in, nothing lists the folder, and charts expire after a day.
"""
from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any, Optional

from bot.settings import Settings, get_settings

CHART_TTL_SECONDS = 24 * 60 * 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def chart_dir(settings: Optional[Settings] = None) -> Path:
    return (settings or get_settings()).var_dir / "charts"


def base_url(settings: Optional[Settings] = None) -> str:
    """Where users reach the Rasa server: PUBLIC_BASE_URL when set, else host and port."""
    settings = settings or get_settings()
    public = getattr(settings, "public_base_url", None) or settings.extra.get("public_base_url")
    return (public or f"http://{settings.rasa_host}:{settings.rasa_port}").rstrip("/")


def chart_path(token: str, settings: Optional[Settings] = None) -> Optional[Path]:
    """The file of `token`, or None for anything that is not a well-formed token."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    return chart_dir(settings) / f"{token}.png"


def prune_charts(settings: Optional[Settings] = None, now: Optional[float] = None) -> int:
    """Deletes expired charts; returns how many."""
    folder, now = chart_dir(settings), now if now is not None else time.time()
    removed = 0
    for path in folder.glob("*.png") if folder.is_dir() else []:
        try:
            if now - path.stat().st_mtime > CHART_TTL_SECONDS:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another process pruned it first
            continue
    return removed


def store_chart(png: bytes, settings: Optional[Settings] = None) -> str:
    """Writes `png` under a fresh token and returns the URL that serves it."""
    folder = chart_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    prune_charts(settings)
    token = secrets.token_urlsafe(32)
    temporary = folder / f".{token}.tmp"
    temporary.write_bytes(png)
    temporary.replace(folder / f"{token}.png")  # never serve a half-written file
    return f"{base_url(settings)}/charts/{token}.png"


def read_chart(token: str, settings: Optional[Settings] = None, now: Optional[float] = None) -> Optional[bytes]:
    """The PNG of `token` if it exists and has not expired."""
    path = chart_path(token, settings)
    if path is None or not path.is_file():
        return None
    if (now if now is not None else time.time()) - path.stat().st_mtime > CHART_TTL_SECONDS:
        return None
    return path.read_bytes()


def add_chart_routes(app: Any) -> None:
    """Registers GET /charts/<token>.png on the Sanic `app`."""
    from sanic import response
    from sanic.request import Request

    # The regex covers the whole path segment: Sanic 21.12 cannot mix a parameter and text.
    @app.get(r"/charts/<filename:[A-Za-z0-9_-]{32,64}\.png>", name="progress_chart")
    async def progress_chart(_: Request, filename: str):
        png = read_chart(filename[: -len(".png")])
        if png is None:
            return response.text("Niet gevonden.", status=404)
        headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff",
                   "Referrer-Policy": "no-referrer"}
        return response.raw(png, content_type="image/png", headers=headers)
