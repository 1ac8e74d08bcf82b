"""The list's tabs, search and filters, the live endpoints, and the phone note, over real HTTP."""
import datetime as dt

import requests

from bot.console.accounts import create_therapist
from bot.db.models import Handoff
from bot.db.session import session_scope

from tests.bot.console.helpers import add_handoff, csrf_from, login

PASSWORD = "lang-genoeg-1"


def _client(server, username="anne"):
    create_therapist(username=username, display_name=username.title(), password=PASSWORD, db_url=server.db_url)
    client = requests.Session()
    assert login(client, server.base_url, username, PASSWORD, db_url=server.db_url).status_code == 303
    return client


def _ids(html):
    import re

    return sorted(int(n) for n in re.findall(r'href="/console/handoffs/(\d+)"', html))


def test_tabs_search_and_filters(console_server):
    db = console_server.db_url
    back_pain = add_handoff(db, conversation_id="a", level="urgent",
                            transcript=[{"who": "user", "text": "Mijn onderrug doet zeer sinds gisteren"}])
    magnesium = add_handoff(db, conversation_id="b", level="none",
                            transcript=[{"who": "user", "text": "Vraag over magnesium"}])
    closed = add_handoff(db, conversation_id="c", status="closed")
    with session_scope(db) as session:
        session.get(Handoff, magnesium).channel = "telegram"
        session.get(Handoff, back_pain).created_at = dt.datetime(2026, 3, 2, 9, 0)
    client = _client(console_server)
    get = lambda query: client.get(console_server.url(f"/console/?{query}")).text  # noqa: E731

    assert _ids(get("tab=open")) == [back_pain, magnesium]
    assert _ids(get("tab=closed")) == [closed]
    assert _ids(get("tab=mine")) == []
    assert _ids(get("tab=open&q=onderrug+zeer")) == [back_pain]
    assert _ids(get("tab=open&urgentie=urgent")) == [back_pain]
    assert _ids(get("tab=open&kanaal=telegram")) == [magnesium]
    assert _ids(get("tab=open&vanaf=2026-03-01&tot=2026-03-03")) == [back_pain]
    # Nonsense in the query is ignored, never an error.
    assert _ids(get("tab=zomaar&urgentie=<b>&vanaf=gisteren")) == [back_pain, magnesium]
    page = get("tab=open")
    assert "Mijn onderrug doet zeer" in page and "wacht" in page and "Telegram" in page


def test_the_live_endpoint_gives_counts_and_a_fingerprint_only(console_server):
    db = console_server.db_url
    add_handoff(db, conversation_id="geheim-0612345678", contact_value="0612345678",
                transcript=[{"who": "user", "text": "heel persoonlijk"}])
    client = _client(console_server)
    first = client.get(console_server.url("/console/live"))
    state = first.json()
    assert state["count"] == 1 and set(state) == {"version", "count", "alert", "news"}
    assert "0612345678" not in first.text and "persoonlijk" not in first.text
    newer = add_handoff(db, conversation_id="nog-een")
    again = client.get(console_server.url("/console/live")).json()
    assert again["count"] == 2 and again["alert"] == newer and again["version"] != state["version"]
    assert requests.get(console_server.url("/console/live"), allow_redirects=False).status_code == 303


def test_the_detail_live_endpoint_counts_the_patients_messages(console_server):
    handoff_id = add_handoff(console_server.db_url, conversation_id="p1")
    console_server.rasa.events["p1"] = [{"event": "user", "text": "hallo", "timestamp": 1}]
    client = _client(console_server)
    first = client.get(console_server.url(f"/console/handoffs/{handoff_id}/live")).json()
    console_server.rasa.events["p1"].append({"event": "user", "text": "nog iets", "timestamp": 2})
    second = client.get(console_server.url(f"/console/handoffs/{handoff_id}/live")).json()
    assert (first["alert"], second["alert"]) == (1, 2) and first["version"] != second["version"]


def test_a_phone_call_is_noted_and_counts_as_the_first_response(console_server):
    handoff_id = add_handoff(console_server.db_url, contact_method="phone", contact_value="0612345678")
    client = _client(console_server)
    detail = client.get(console_server.url(f"/console/handoffs/{handoff_id}")).text
    assert 'href="tel:0612345678"' in detail and "Gebeld" in detail
    reply = client.post(console_server.url(f"/console/handoffs/{handoff_id}/called"), allow_redirects=False,
                        data={"csrf_token": csrf_from(detail), "note": "Teruggebeld, afspraak morgen"})
    assert reply.headers["Location"].endswith("m=called")
    page = client.get(console_server.url(f"/console/handoffs/{handoff_id}?m=called")).text
    assert "Teruggebeld, afspraak morgen" in page and "gebeld" in page
    with session_scope(console_server.db_url) as session:
        handoff = session.get(Handoff, handoff_id)
        assert handoff.called_at is not None and handoff.first_response_at == handoff.called_at
