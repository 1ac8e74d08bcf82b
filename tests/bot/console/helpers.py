"""Small helpers for talking to the console like a browser would."""
from __future__ import annotations

import re
from typing import Optional

import requests

from bot.db.models import Handoff, Therapist
from bot.db.session import session_scope

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


_SECRET = re.compile(r"<code>([A-Z2-7 ]{32,})</code>")


def password_step(client: requests.Session, base_url: str, username: str, password: str) -> requests.Response:
    form = client.get(f"{base_url}/console/login")
    return client.post(f"{base_url}/console/login", allow_redirects=False,
                       data={"csrf_token": csrf_from(form.text), "username": username, "password": password})


def next_code(db_url: str, username: str, secret: Optional[str] = None) -> str:
    """The code an authenticator app would show now, or in the next step if this one is spent."""
    from bot.console.totp import hotp, step_at
    import time

    with session_scope(db_url) as session:
        therapist = session.query(Therapist).filter_by(username=username).one()
        secret, last = secret or therapist.totp_secret, therapist.totp_last_step
    step = step_at(time.time())
    return hotp(secret, step if last is None or last < step else last + 1)


def login(client: requests.Session, base_url: str, username: str, password: str,
          db_url: Optional[str] = None) -> requests.Response:
    """Password, then the code from the (simulated) authenticator app, setting it up the first time."""
    reply = password_step(client, base_url, username, password)
    if reply.status_code != 303 or db_url is None:
        return reply
    page = client.get(f"{base_url}/console/code").text
    shown = _SECRET.search(page)
    code = next_code(db_url, username, shown.group(1).replace(" ", "") if shown else None)
    return client.post(f"{base_url}/console/code", allow_redirects=False,
                       data={"csrf_token": csrf_from(page), "code": code})


def add_handoff(db_url: str, *, conversation_id: str = "user-1", level: str = "none", status: str = "open",
                transcript: Optional[list] = None, contact_method: str = "chat", contact_value: Optional[str] = None,
                red_flags: Optional[list] = None) -> int:
    with session_scope(db_url) as session:
        handoff = Handoff(conversation_id=conversation_id, channel="rest", level=level, status=status,
                          red_flags=red_flags or [], transcript=transcript or [],
                          contact_method=contact_method, contact_value=contact_value)
        session.add(handoff)
        session.flush()
        return handoff.id
