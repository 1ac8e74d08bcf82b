import logging

from bot.db.models import Handoff
from bot.db.session import session_scope
from bot.handoff.service import console_base_url, notify_therapists, open_handoff
from bot.handoff.store import HandoffRequest
from bot.settings import Settings

SECRET_WORDS = "mijn buurman mag dit niet weten"


def _settings(port, **extra):
    return Settings(**{"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_from": "rugwijzer@praktijk.test",
                       "therapist_emails": ("anne@praktijk.test", "bert@praktijk.test"),
                       "practice_name": "Praktijk Test", "rasa_port": 5999, **extra})


def _request():
    return HandoffRequest(conversation_id="c-mail", channel="socketio", level="urgent", red_flags=["fever"],
                          transcript=[{"who": "user", "text": SECRET_WORDS, "at": None}],
                          contact_method="phone", contact_value="0612345678")


def test_record_and_mail_the_therapists(db_url, smtp_inbox):
    request = _request()
    outcome = open_handoff(request, db_url)
    assert outcome.created and outcome.status == "open"
    assert notify_therapists(outcome, request, _settings(smtp_inbox.port))
    assert len(smtp_inbox.messages) == 1
    mail = smtp_inbox.messages[0]
    body = mail.get_payload(decode=True).decode("utf-8")
    assert mail["To"] == "anne@praktijk.test, bert@praktijk.test"
    assert mail["From"] == "rugwijzer@praktijk.test"
    assert "Vandaag naar de huisarts" in mail["Subject"] and "Urgentie: Vandaag naar de huisarts" in body
    assert "Contact: Telefoon" in body
    assert f"http://127.0.0.1:5999/console/handoffs/{outcome.handoff_id}" in body
    # The conversation and the number stay behind the console's login.
    assert SECRET_WORDS not in body and "0612345678" not in body
    with session_scope(db_url) as session:
        assert session.get(Handoff, outcome.handoff_id).transcript[0]["text"] == SECRET_WORDS


def test_a_failing_mail_server_is_logged_and_the_handoff_stays(db_url, caplog):
    request = _request()
    outcome = open_handoff(request, db_url)
    with caplog.at_level(logging.ERROR):
        assert not notify_therapists(outcome, request, _settings(1))  # nothing listens on port 1
    assert "Handoff mail" in caplog.text
    with session_scope(db_url) as session:
        assert session.get(Handoff, outcome.handoff_id).status == "open"


def test_no_therapist_addresses_is_logged(db_url, caplog):
    request = _request()
    outcome = open_handoff(request, db_url)
    settings = Settings(therapist_emails=(), smtp_port=1)
    with caplog.at_level(logging.ERROR):
        assert not notify_therapists(outcome, request, settings)
    assert "no therapist e-mail addresses" in caplog.text


def test_console_link_base():
    assert console_base_url(Settings(rasa_host="10.0.0.5", rasa_port=5005)) == "http://10.0.0.5:5005"
