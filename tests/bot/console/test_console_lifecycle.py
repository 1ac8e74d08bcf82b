"""Deleting a handoff (asked first, audited) and the purge of old closed handoffs; roles; the CLI."""
import datetime as dt
import subprocess
import sys

import requests

from bot.console.accounts import create_therapist, list_accounts
from bot.console.records import purge_closed
from bot.console.totp import code_at
from bot.db.models import AuditEntry, Handoff
from bot.db.session import session_scope
from bot.settings import PROJECT_ROOT

from tests.bot.console.helpers import add_handoff, csrf_from, login

PASSWORD = "lang-genoeg-1"


def _client(server, username="anne", role="therapist"):
    create_therapist(username=username, display_name=username.title(), password=PASSWORD, db_url=server.db_url,
                     role=role)
    client = requests.Session()
    assert login(client, server.base_url, username, PASSWORD, db_url=server.db_url).status_code == 303
    return client


def _exists(db_url, handoff_id):
    with session_scope(db_url) as session:
        return session.get(Handoff, handoff_id) is not None


def test_a_closed_handoff_is_deleted_after_confirming_and_audited(console_server):
    handoff_id = add_handoff(console_server.db_url, status="closed", transcript=[{"who": "user", "text": "x"}])
    client = _client(console_server)
    confirm = client.get(console_server.url(f"/console/handoffs/{handoff_id}/delete"))
    assert confirm.status_code == 200 and "verwijderen?" in confirm.text
    token = csrf_from(confirm.text)
    unconfirmed = client.post(console_server.url(f"/console/handoffs/{handoff_id}/delete"),
                              data={"csrf_token": token}, allow_redirects=False)
    assert unconfirmed.headers["Location"].endswith("/delete") and _exists(console_server.db_url, handoff_id)
    done = client.post(console_server.url(f"/console/handoffs/{handoff_id}/delete"),
                       data={"csrf_token": token, "confirm": "ja"}, allow_redirects=False)
    assert done.headers["Location"] == "/console/?tab=closed&m=deleted"
    assert not _exists(console_server.db_url, handoff_id)
    with session_scope(console_server.db_url) as session:
        assert session.query(AuditEntry).filter_by(actor="anne", action="delete",
                                                   target=f"handoff:{handoff_id}").count() == 1
    assert client.get(console_server.url(f"/console/handoffs/{handoff_id}")).status_code == 404


def test_an_active_handoff_cannot_be_deleted(console_server):
    handoff_id = add_handoff(console_server.db_url, status="open")
    client = _client(console_server)
    page = client.get(console_server.url(f"/console/handoffs/{handoff_id}")).text
    reply = client.post(console_server.url(f"/console/handoffs/{handoff_id}/delete"),
                        data={"csrf_token": csrf_from(page), "confirm": "ja"}, allow_redirects=False)
    assert reply.headers["Location"].endswith("m=still_active") and _exists(console_server.db_url, handoff_id)


def test_purge_removes_only_handoffs_closed_before_the_period(console_server):
    db = console_server.db_url
    now = dt.datetime(2026, 6, 1, 12, 0)
    old, recent, active = (add_handoff(db, conversation_id=f"c{n}", status=s) for n, s in
                           enumerate(["closed", "closed", "open"]))
    with session_scope(db) as session:
        session.get(Handoff, old).closed_at = now - dt.timedelta(days=91)
        session.get(Handoff, recent).closed_at = now - dt.timedelta(days=89)
        session.get(Handoff, active).created_at = now - dt.timedelta(days=400)
    assert purge_closed(db, older_than_days=90, now=now) == 1
    assert not _exists(db, old) and _exists(db, recent) and _exists(db, active)


def test_the_daily_retention_purge_also_purges_old_closed_handoffs(tmp_path):
    from bot.db.migrate import upgrade
    from bot.privacy import retention
    from tests.settings import make_settings

    db = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(db)
    handoff_id = add_handoff(db, status="closed")
    with session_scope(db) as session:
        session.get(Handoff, handoff_id).closed_at = dt.datetime(2026, 1, 1)
    settings = make_settings(tmp_path, handoff_retention_days=30, app_db_url=db)
    retention.purge_expired(settings, now=dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc))
    assert not _exists(db, handoff_id)


def test_only_a_beheerder_sees_accounts_and_can_unlink_a_code_app(console_server):
    therapist = _client(console_server, "anne")
    assert therapist.get(console_server.url("/console/accounts")).status_code == 403
    assert 'href="/console/accounts"' not in therapist.get(console_server.url("/console/")).text
    beheerder = _client(console_server, "baas", role="beheerder")
    page = beheerder.get(console_server.url("/console/accounts"))
    assert page.status_code == 200 and "Beheerder" in page.text and "anne" in page.text
    reply = beheerder.post(console_server.url("/console/accounts/anne/reset-code"),
                           data={"csrf_token": csrf_from(page.text)}, allow_redirects=False)
    assert reply.headers["Location"] == "/console/accounts?m=reset"
    assert [has for name, _, _, has in list_accounts(console_server.db_url) if name == "anne"] == [False]


def test_cli_makes_an_account_and_links_an_app_with_a_real_code(tmp_path):
    from bot.db.migrate import upgrade

    db = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(db)
    env = {"APP_DB_URL": db, "PATH": "/usr/bin:/bin", "VAR_DIR": str(tmp_path)}
    run = lambda *args, stdin="": subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin,  # noqa: E731
                                                 capture_output=True, text=True, cwd=PROJECT_ROOT, env=env,
                                                 timeout=120)
    made = run("add-therapist", "baas", "--name", "De Baas", "--role", "beheerder", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    # The command prints the key, then reads a code: answer with a code made from that key.
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "totp-setup", "baas"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, cwd=PROJECT_ROOT, env=env)
    key = process.stdout.readline().split(":", 1)[1].strip().replace(" ", "")
    import time
    out, _ = process.communicate(code_at(key, time.time()) + "\n", timeout=120)
    assert process.returncode == 0 and "set up" in out
    listing = run("accounts").stdout
    assert "baas" in listing and "beheerder" in listing and "2FA" in listing and "no 2FA" not in listing
