"""Small helpers for talking to the console like a browser would."""
from __future__ import annotations

import re
from typing import Optional

import requests

from bot.db.models import Handoff
from bot.db.session import session_scope

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def login(client: requests.Session, base_url: str, username: str, password: str) -> requests.Response:
    form = client.get(f"{base_url}/console/login")
    return client.post(f"{base_url}/console/login", allow_redirects=False,
                       data={"csrf_token": csrf_from(form.text), "username": username, "password": password})


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
