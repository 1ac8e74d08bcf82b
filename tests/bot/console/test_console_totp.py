"""Two-factor login: RFC 6238 codes, and the console's second login step over real HTTP."""
import re

import pytest
import requests

from bot.console.accounts import create_therapist, second_factor_ok, set_second_factor
from bot.console.totp import code_at, hotp, matching_step, new_secret, provisioning_uri
from bot.db.models import AuditEntry, Therapist
from bot.db.session import session_scope

from tests.bot.console.helpers import csrf_from, login, next_code, password_step

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890", RFC 6238 appendix B
PASSWORD = "lang-genoeg-1"


@pytest.mark.parametrize("moment, code", [(59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"),
                                          (1234567890, "89005924"), (2000000000, "69279037")])
def test_codes_match_the_rfc_6238_test_vectors(moment, code):
    assert hotp(RFC_SECRET, moment // 30, digits=8) == code
    assert code_at(RFC_SECRET, moment) == code[-6:]


def test_a_code_counts_one_step_either_side_and_only_once():
    secret = new_secret()
    now = 1_800_000_000
    assert matching_step(secret, code_at(secret, now - 30), now) == now // 30 - 1
    assert matching_step(secret, code_at(secret, now + 30), now) == now // 30 + 1
    assert matching_step(secret, code_at(secret, now - 90), now) is None
    assert matching_step(secret, code_at(secret, now), now, after_step=now // 30) is None
    assert matching_step(secret, "12345", now) is None and matching_step(secret, "abcdef", now) is None


def test_the_provisioning_uri_is_what_authenticator_apps_read():
    uri = provisioning_uri("ABCDEF", "anne", "Praktijk X")
    assert uri == "otpauth://totp/Praktijk%20X%3Aanne?secret=ABCDEF&issuer=Praktijk%20X&digits=6&period=30"


def test_second_factor_ok_stores_the_secret_at_enrolment_and_refuses_a_replay(tmp_path):
    from bot.db.migrate import upgrade

    db_url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(db_url)
    therapist_id = create_therapist(username="anne", display_name="Anne", password=PASSWORD, db_url=db_url)
    secret, now = new_secret(), 1_800_000_000
    assert not second_factor_ok(therapist_id=therapist_id, code="000000", db_url=db_url, moment=now)
    assert second_factor_ok(therapist_id=therapist_id, code=code_at(secret, now), enrol_secret=secret,
                            db_url=db_url, moment=now)
    assert not second_factor_ok(therapist_id=therapist_id, code=code_at(secret, now), db_url=db_url, moment=now)
    assert second_factor_ok(therapist_id=therapist_id, code=code_at(secret, now + 30), db_url=db_url,
                            moment=now + 30)
    # A second enrolment cannot replace a stored secret.
    other = new_secret()
    assert not second_factor_ok(therapist_id=therapist_id, code=code_at(other, now + 60), enrol_secret=other,
                                db_url=db_url, moment=now + 60)


def test_the_password_alone_opens_nothing(console_server):
    create_therapist(username="anne", display_name="Anne", password=PASSWORD, db_url=console_server.db_url)
    client = requests.Session()
    reply = password_step(client, console_server.base_url, "anne", PASSWORD)
    assert reply.status_code == 303 and reply.headers["Location"] == "/console/code"
    assert client.get(console_server.url("/console/"), allow_redirects=False).headers["Location"] == "/console/login"
    page = client.get(console_server.url("/console/code")).text
    assert "Eenmalig instellen" in page
    wrong = client.post(console_server.url("/console/code"), allow_redirects=False,
                        data={"csrf_token": csrf_from(page), "code": "000000"})
    assert wrong.status_code == 401 and "klopt niet" in wrong.text


def test_enrolment_then_a_later_login_with_a_fresh_code(console_server):
    db = console_server.db_url
    create_therapist(username="anne", display_name="Anne", password=PASSWORD, db_url=db)
    first = requests.Session()
    assert login(first, console_server.base_url, "anne", PASSWORD, db_url=db).headers["Location"] == "/console/"
    assert first.get(console_server.url("/console/"), allow_redirects=False).status_code == 200
    with session_scope(db) as session:
        assert session.query(Therapist).filter_by(username="anne").one().totp_secret

    again = requests.Session()
    password_step(again, console_server.base_url, "anne", PASSWORD)
    page = again.get(console_server.url("/console/code")).text
    assert "Eenmalig instellen" not in page and not re.search(r"<code>[A-Z2-7 ]{32,}</code>", page)
    spent = again.post(console_server.url("/console/code"), allow_redirects=False,
                       data={"csrf_token": csrf_from(page), "code": _spent_code(db)})
    assert spent.status_code == 401
    good = again.post(console_server.url("/console/code"), allow_redirects=False,
                      data={"csrf_token": csrf_from(page), "code": next_code(db, "anne")})
    assert good.status_code == 303 and good.headers["Location"] == "/console/"
    with session_scope(db) as session:
        actions = [e.action for e in session.query(AuditEntry).filter_by(actor="anne")]
    assert "login_enrolled" in actions and "login" in actions and "code_failed" in actions


def _spent_code(db_url):
    from bot.console.totp import hotp

    with session_scope(db_url) as session:
        therapist = session.query(Therapist).filter_by(username="anne").one()
        return hotp(therapist.totp_secret, therapist.totp_last_step)


def test_wrong_codes_are_throttled(console_server):
    db = console_server.db_url
    create_therapist(username="anne", display_name="Anne", password=PASSWORD, db_url=db)
    set_second_factor(username="anne", secret=new_secret(), db_url=db)
    client = requests.Session()
    password_step(client, console_server.base_url, "anne", PASSWORD)
    page = client.get(console_server.url("/console/code")).text
    for _ in range(5):
        assert client.post(console_server.url("/console/code"), allow_redirects=False,
                           data={"csrf_token": csrf_from(page), "code": "000000"}).status_code == 401
    blocked = client.post(console_server.url("/console/code"), allow_redirects=False,
                          data={"csrf_token": csrf_from(page), "code": next_code(db, "anne")})
    assert blocked.status_code == 429
