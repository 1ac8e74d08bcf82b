"""The console over real HTTP: login, CSRF, throttling, pages and the calls to Rasa."""
import requests

from bot.console.accounts import create_therapist
from bot.db.models import AuditEntry, Handoff
from bot.db.session import session_scope

from tests.bot.console.helpers import add_handoff, csrf_from, login

PASSWORD = "lang-genoeg-1"


def _therapist(server, username="anne", name="Anne"):
    return create_therapist(username=username, display_name=name, password=PASSWORD, db_url=server.db_url)


def _logged_in(server, username="anne"):
    client = requests.Session()
    reply = login(client, server.base_url, username, PASSWORD, db_url=server.db_url)
    assert reply.status_code == 303 and reply.headers["Location"] == "/console/"
    return client


def _csrf(client, server, path):
    return csrf_from(client.get(server.url(path)).text)


def _audit(server):
    with session_scope(server.db_url) as session:
        return [(e.actor, e.action, e.target) for e in session.query(AuditEntry).order_by(AuditEntry.id)]


def test_nothing_is_shown_without_login(console_server):
    handoff_id = add_handoff(console_server.db_url, transcript=[{"who": "user", "text": "geheim", "at": None}])
    for path in ("/console/", f"/console/handoffs/{handoff_id}"):
        reply = requests.get(console_server.url(path), allow_redirects=False)
        assert reply.status_code == 303 and reply.headers["Location"] == "/console/login"
        assert "geheim" not in reply.text
    for action in ("claim", "reply", "close"):
        reply = requests.post(console_server.url(f"/console/handoffs/{handoff_id}/{action}"), data={"x": "1"})
        assert reply.status_code == 401
    assert console_server.rasa.calls == []


def test_the_session_cookie_is_httponly_and_strict(console_server):
    _therapist(console_server)
    client = requests.Session()
    reply = login(client, console_server.base_url, "anne", PASSWORD)
    cookie = reply.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie  # plain http here; set when served over https


def test_secure_flag_behind_an_https_proxy(console_server):
    reply = requests.get(console_server.url("/console/login"), headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in reply.headers["Set-Cookie"]


def test_login_needs_the_login_pages_csrf_token(console_server):
    _therapist(console_server)
    client = requests.Session()
    client.get(console_server.url("/console/login"))
    reply = client.post(console_server.url("/console/login"), allow_redirects=False,
                        data={"csrf_token": "verzonnen", "username": "anne", "password": PASSWORD})
    assert reply.status_code == 403
    assert client.get(console_server.url("/console/"), allow_redirects=False).status_code == 303


def test_wrong_passwords_are_throttled(console_server):
    _therapist(console_server)
    client = requests.Session()
    for _ in range(5):
        assert login(client, console_server.base_url, "anne", "fout-wachtwoord").status_code == 401
    reply = login(client, console_server.base_url, "anne", PASSWORD)
    assert reply.status_code == 429
    assert reply.headers["Retry-After"] == "900"
    actions = [action for _, action, _ in _audit(console_server)]
    assert actions.count("login_failed") == 5 and "login_throttled" in actions and "login" not in actions


def test_every_post_needs_the_csrf_token(console_server):
    _therapist(console_server)
    handoff_id = add_handoff(console_server.db_url)
    client = _logged_in(console_server)
    for token in (None, "verkeerd"):
        data = {} if token is None else {"csrf_token": token}
        reply = client.post(console_server.url(f"/console/handoffs/{handoff_id}/claim"), data=data,
                            allow_redirects=False)
        assert reply.status_code == 403
    with session_scope(console_server.db_url) as session:
        assert session.get(Handoff, handoff_id).status == "open"
    assert console_server.rasa.calls == []


def test_list_is_sorted_by_urgency_then_age(console_server):
    _therapist(console_server)
    ids = [add_handoff(console_server.db_url, conversation_id=f"c{n}", level=level)
           for n, level in enumerate(["none", "soon", "emergency", "urgent", "crisis", "soon"])]
    add_handoff(console_server.db_url, conversation_id="done", level="emergency", status="closed")
    html = _logged_in(console_server).get(console_server.url("/console/")).text
    positions = [html.index(f'href="/console/handoffs/{i}"') for i in ids]
    expected = [ids[2], ids[4], ids[3], ids[1], ids[5], ids[0]]
    assert sorted(ids, key=lambda i: positions[ids.index(i)]) == expected
    assert html.count('href="/console/handoffs/') == 6
    closed = _logged_in(console_server).get(console_server.url("/console/?tab=closed")).text
    assert closed.count('href="/console/handoffs/') == 1


def test_detail_escapes_the_transcript_and_is_audited(console_server):
    _therapist(console_server)
    handoff_id = add_handoff(console_server.db_url, conversation_id="c-x")
    console_server.rasa.events["c-x"] = [
        {"event": "user", "text": "<script>alert(1)</script>", "timestamp": 1_700_000_000}]
    html = _logged_in(console_server).get(console_server.url(f"/console/handoffs/{handoff_id}")).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert ("anne", "view_handoff", f"handoff:{handoff_id}") in _audit(console_server)


def test_claim_reply_and_close_reach_the_conversation(console_server):
    _therapist(console_server)
    handoff_id = add_handoff(console_server.db_url, conversation_id="gebruiker/7")
    client = _logged_in(console_server)
    detail = f"/console/handoffs/{handoff_id}"
    reply = client.post(console_server.url(f"{detail}/claim"), data={"csrf_token": _csrf(client, console_server, detail)},
                        allow_redirects=False)
    assert reply.status_code == 303 and reply.headers["Location"] == f"{detail}?m=claimed"
    slots = console_server.rasa.calls[0]
    assert slots["conversation"] == "gebruiker/7"
    assert {e["name"]: e["value"] for e in slots["body"]} == {"handoff_status": "claimed", "handoff_notice_given": True}
    assert console_server.rasa.calls[1]["body"] == {"name": "utter_handoff_waiting"}

    client.post(console_server.url(f"{detail}/reply"), allow_redirects=False,
                data={"csrf_token": _csrf(client, console_server, detail), "message": "Ik bel je om 14 uur."})
    message_slot, execute = console_server.rasa.calls[2], console_server.rasa.calls[3]
    assert message_slot["body"][0]["name"] == "therapist_message"
    assert "Ik bel je om 14 uur." in message_slot["body"][0]["value"] and "Anne" in message_slot["body"][0]["value"]
    assert execute["body"] == {"name": "utter_therapist_message"} and execute["output_channel"] == "latest"

    unconfirmed = client.post(console_server.url(f"{detail}/close"), allow_redirects=False,
                              data={"csrf_token": _csrf(client, console_server, detail)})
    assert unconfirmed.headers["Location"] == f"{detail}/close" and len(console_server.rasa.calls) == 4
    client.post(console_server.url(f"{detail}/close"), allow_redirects=False,
                data={"csrf_token": _csrf(client, console_server, detail), "confirm": "ja"})
    closing = console_server.rasa.calls[4]
    assert {e["name"]: e["value"] for e in closing["body"]}["handoff_status"] == "closed"
    with session_scope(console_server.db_url) as session:
        handoff = session.get(Handoff, handoff_id)
        assert handoff.status == "closed" and handoff.closed_at is not None
    actions = [action for _, action, _ in _audit(console_server)]
    for expected in ("login_password", "login_enrolled", "view_handoff", "claim", "reply", "close"):
        assert expected in actions


def test_a_claim_is_undone_when_rasa_is_down(console_server):
    _therapist(console_server)
    handoff_id = add_handoff(console_server.db_url)
    client = _logged_in(console_server)
    detail = f"/console/handoffs/{handoff_id}"
    token = _csrf(client, console_server, detail)
    console_server.rasa.down = True
    reply = client.post(console_server.url(f"{detail}/claim"), data={"csrf_token": token}, allow_redirects=False)
    assert reply.headers["Location"].endswith("m=rasa_down")
    with session_scope(console_server.db_url) as session:
        assert session.get(Handoff, handoff_id).status == "open"


def test_only_the_claimer_may_reply_and_a_claim_is_single(console_server):
    _therapist(console_server)
    _therapist(console_server, "bert", "Bert")
    handoff_id = add_handoff(console_server.db_url)
    detail = f"/console/handoffs/{handoff_id}"
    anne, bert = _logged_in(console_server), _logged_in(console_server, "bert")
    anne.post(console_server.url(f"{detail}/claim"), data={"csrf_token": _csrf(anne, console_server, detail)})
    calls = len(console_server.rasa.calls)
    token = _csrf(bert, console_server, detail)
    again = bert.post(console_server.url(f"{detail}/claim"), data={"csrf_token": token}, allow_redirects=False)
    assert again.headers["Location"].endswith("m=taken")
    answer = bert.post(console_server.url(f"{detail}/reply"), data={"csrf_token": token, "message": "hoi"},
                       allow_redirects=False)
    assert answer.headers["Location"].endswith("m=not_yours")
    assert len(console_server.rasa.calls) == calls


def test_logout_ends_the_session(console_server):
    _therapist(console_server)
    client = _logged_in(console_server)
    cookie = client.cookies.get("rugwijzer_console")
    token = _csrf(client, console_server, "/console/")
    reply = client.post(console_server.url("/console/logout"), data={"csrf_token": token}, allow_redirects=False)
    assert reply.status_code == 303 and reply.headers["Location"] == "/console/login"
    stolen = requests.get(console_server.url("/console/"), cookies={"rugwijzer_console": cookie}, allow_redirects=False)
    assert stolen.status_code == 303


def test_missing_handoff_is_404(console_server):
    _therapist(console_server)
    assert _logged_in(console_server).get(console_server.url("/console/handoffs/999")).status_code == 404
