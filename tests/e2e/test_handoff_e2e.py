"""Handoff end to end over real HTTP: the user asks for a therapist, the handoff is stored
and mailed, and a therapist claims, answers and closes it in the console.

The user types "<script>alert(1)</script>" while the therapist has the chat (before, its
"1" would start the pain-score form); the console must show it as text.
"""
from __future__ import annotations

import re
import secrets
import time
import uuid

import pytest
import requests

from bot.console.accounts import create_therapist
from bot.db.models import Handoff
from bot.db.session import session_scope
from tests.bot.console.helpers import login
from tests.e2e.talk import texts

pytestmark = pytest.mark.e2e
SCRIPT = "<script>alert(1)</script>"


def _handoff(stack, sender):
    with session_scope(stack.app_db) as session:
        return session.query(Handoff).filter_by(conversation_id=sender).order_by(Handoff.id.desc()).first()


def _mail_for(stack, handoff_id, timeout=15.0):
    link = f"/console/handoffs/{handoff_id}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for mail in list(stack.extra["smtp"].messages):
            body = mail.get_payload(decode=True).decode("utf-8", "replace")
            if link in body:
                return mail, body
        time.sleep(0.2)
    raise AssertionError(f"no mail about handoff {handoff_id}")


def _ask_for_therapist(stack, sender):
    asked = stack.say(sender, "kan ik met een therapeut praten")
    titles = [b.get("title") for m in asked for b in m.get("buttons") or []]
    assert {"Via deze chat", "Telefoon", "E-mail", "Liever niet"} <= set(titles), asked


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.fixture(scope="module")
def phone_handoff(stack):
    """A user who asked for a therapist by phone (with one mistyped number)."""
    sender = f"e2e-handoff-{uuid.uuid4().hex[:10]}"
    _ask_for_therapist(stack, sender)
    assert "telefoonnummer" in texts(stack.say(sender, "telefoon"))
    assert "06 12345678" in texts(stack.say(sender, "12345"))
    done = texts(stack.say(sender, "06-12345678"))
    assert "doorgegeven" in done and "112" in done and "0612345678" in done
    return sender


def test_phone_handoff_is_stored_and_mailed(stack, phone_handoff):
    handoff = _handoff(stack, phone_handoff)
    assert handoff is not None and handoff.status == "open"
    assert (handoff.contact_method, handoff.contact_value, handoff.channel) == ("phone", "0612345678", "rest")
    asked = "kan ik met een therapeut praten"
    assert any(line["who"] == "user" and line["text"] == asked for line in handoff.transcript)
    mail, body = _mail_for(stack, handoff.id)
    assert "Contact: Telefoon" in body and "Urgentie:" in body
    assert asked not in body and "0612345678" not in body
    assert stack.tracker(phone_handoff)["slots"]["handoff_status"] == "open"


def test_liever_niet_is_a_handoff_without_contact_details(stack):
    sender = f"e2e-handoff-{uuid.uuid4().hex[:10]}"
    _ask_for_therapist(stack, sender)
    assert "112" in texts(stack.say(sender, "liever niet"))
    handoff = _handoff(stack, sender)
    assert handoff.contact_method == "none" and handoff.contact_value is None
    _mail_for(stack, handoff.id)


def test_console_refuses_without_login(stack, phone_handoff):
    handoff = _handoff(stack, phone_handoff)
    for path in ("/console/", f"/console/handoffs/{handoff.id}"):
        reply = requests.get(f"{stack.base_url}{path}", allow_redirects=False, timeout=10)
        assert reply.status_code in (302, 303) and reply.headers["Location"].endswith("/console/login")
        assert phone_handoff not in reply.text and "0612345678" not in reply.text
    reply = requests.post(f"{stack.base_url}/console/handoffs/{handoff.id}/claim", timeout=10)
    assert reply.status_code == 401


def test_therapist_claims_replies_and_closes(stack, phone_handoff):
    handoff_id = _handoff(stack, phone_handoff).id
    username, password = f"e2e{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    create_therapist(username=username, display_name="Anne Test", password=password, db_url=stack.app_db)
    browser = requests.Session()
    logged_in = login(browser, stack.base_url, username, password, db_url=stack.app_db)  # password + TOTP
    assert logged_in.status_code == 303 and logged_in.headers["Location"] == "/console/"

    assert f"/console/handoffs/{handoff_id}" in browser.get(f"{stack.base_url}/console/", timeout=10).text
    detail_url = f"{stack.base_url}/console/handoffs/{handoff_id}"
    detail = browser.get(detail_url, timeout=10).text
    assert "0612345678" in detail

    claimed = browser.post(f"{detail_url}/claim", data={"csrf_token": _csrf(detail)}, allow_redirects=False, timeout=30)
    assert claimed.status_code == 303 and claimed.headers["Location"].endswith("m=claimed")
    assert stack.tracker(phone_handoff)["slots"]["handoff_status"] == "claimed"
    assert _handoff(stack, phone_handoff).status == "claimed"
    assert stack.say(phone_handoff, SCRIPT) == []  # the assistant stays quiet while the therapist has it
    detail = browser.get(detail_url, timeout=10).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail and SCRIPT not in detail

    reply_text = f"Ik bel je vanmiddag om 14 uur. ({uuid.uuid4().hex[:6]})"
    page = browser.get(detail_url, timeout=10).text
    sent = browser.post(f"{detail_url}/reply", data={"csrf_token": _csrf(page), "message": reply_text},
                        allow_redirects=False, timeout=30)
    assert sent.headers["Location"].endswith("m=replied")
    bot_texts = [e.get("text") or "" for e in stack.tracker(phone_handoff)["events"] if e.get("event") == "bot"]
    assert any(reply_text in text and "Anne Test" in text for text in bot_texts)

    page = browser.get(detail_url, timeout=10).text
    assert reply_text in page  # the console shows the live conversation
    closed = browser.post(f"{detail_url}/close", data={"csrf_token": _csrf(page), "confirm": "ja"},
                          allow_redirects=False, timeout=30)
    assert closed.headers["Location"].endswith("m=closed")
    assert _handoff(stack, phone_handoff).status == "closed"
    assert stack.tracker(phone_handoff)["slots"]["handoff_status"] == "closed"
