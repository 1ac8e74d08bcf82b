"""The handoff actions on trackers built inline, with a temp database and a real SMTP server."""
import asyncio
import socket
from dataclasses import replace

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import ActionRecordHandoff, ValidateHandoffForm
from bot.db.migrate import upgrade
from bot.db.models import Handoff
from bot.db.session import session_scope
from bot.handoff import service
from tests.settings import install_for_test, make_settings

DOMAIN = {
    "forms": {"handoff_form": {"required_slots": ["contact_method", "contact_value"]}},
    "slots": {name: {"type": "text", "mappings": [{"type": "custom"}]}
              for name in ("contact_method", "contact_value", "handoff_status", "triage_level")},
}


def _tracker(text="", slots=None, events=None, channel="socketio"):
    events = events if events is not None else [
        {"event": "bot", "text": "Hoe mag een therapeut contact met je opnemen?", "timestamp": 1_700_000_000},
        {"event": "user", "text": text, "timestamp": 1_700_000_010, "input_channel": channel},
    ]
    return Tracker("gebruiker-1", slots or {}, {"text": text, "intent": {"name": "nlu_fallback"}}, events, False,
                   None, {"name": "handoff_form"}, "action_listen")


def _validate(text, slots):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateHandoffForm().run(dispatcher, _tracker(text, slots), DOMAIN))
    return {e["name"]: e["value"] for e in events}, [m.get("text") for m in dispatcher.messages]


def test_choosing_the_chat_ends_the_form():
    slots, said = _validate("via deze chat", {"requested_slot": "contact_method"})
    assert slots == {"contact_method": "chat", "contact_value": None, "requested_slot": None} and said == []


def test_choosing_phone_asks_for_the_number():
    slots, _ = _validate("telefoon", {"requested_slot": "contact_method"})
    assert slots["contact_method"] == "phone" and slots.get("requested_slot") in (None, "contact_value")
    assert "contact_value" not in slots or slots["contact_value"] is None


def test_a_wrong_number_is_explained_and_asked_again():
    slots, said = _validate("12345", {"requested_slot": "contact_value", "contact_method": "phone"})
    assert slots == {"contact_value": None, "form_misses": 1}
    assert said and "06 12345678" in said[0]


def test_a_good_number_is_stored_normalised():
    slots, said = _validate("06-12345678", {"requested_slot": "contact_value", "contact_method": "phone"})
    assert slots["contact_value"] == "0612345678" and said == []


def test_liever_niet_while_asked_for_the_address_ends_the_form():
    slots, _ = _validate("liever niet", {"requested_slot": "contact_value", "contact_method": "email"})
    assert slots == {"contact_value": None, "contact_method": "none", "requested_slot": None}


def test_an_unclear_method_is_asked_again_kindly():
    slots, said = _validate("wat?", {"requested_slot": "contact_method"})
    assert slots.get("contact_method") is None and "liever niet" in said[0]


def test_nothing_is_read_unless_the_form_asked():
    slots, said = _validate("telefoon", {"requested_slot": None})
    assert "contact_method" not in slots and said == []


@pytest.fixture
def app_settings(tmp_path, monkeypatch):
    """Settings with a temp database and an SMTP server of this test, for the action and the mailer."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = []

    class Keep(Message):
        def handle_message(self, message) -> None:
            inbox.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    db_url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(db_url)
    settings = install_for_test(monkeypatch, make_settings(tmp_path, app_db_url=db_url, smtp_host="127.0.0.1",
                                                           smtp_port=port, practice_name="Praktijk Test"))
    yield settings, inbox
    controller.stop()


async def _record(tracker):
    dispatcher = CollectingDispatcher()
    events = await ActionRecordHandoff().run(dispatcher, tracker, {})
    await asyncio.gather(*list(service._PENDING))
    return events, [m.get("text") for m in dispatcher.messages]


def test_record_stores_mails_and_tells_the_user(app_settings):
    settings, inbox = app_settings
    tracker = _tracker("06-12345678", {"contact_method": "phone", "contact_value": "0612345678",
                                       "triage_level": "urgent", "red_flags": ["fever"]})
    events, said = asyncio.run(_record(tracker))
    assert SlotSet("handoff_status", "open") in events
    assert SlotSet("contact_method", None) in events and SlotSet("contact_value", None) in events
    assert "Praktijk Test" in said[0] and "112" in said[0] and "0612345678" in said[0]
    with session_scope(settings.app_db) as session:
        handoff = session.query(Handoff).one()
        assert (handoff.conversation_id, handoff.channel, handoff.level) == ("gebruiker-1", "socketio", "urgent")
        assert handoff.red_flags == ["fever"] and handoff.contact_method == "phone"
        assert [line["who"] for line in handoff.transcript] == ["bot", "user"]
    assert len(inbox) == 1 and "Vandaag naar de huisarts" in inbox[0]["Subject"]


def test_asking_twice_does_not_mail_twice(app_settings):
    settings, inbox = app_settings
    asyncio.run(_record(_tracker("via deze chat", {"contact_method": "chat"})))
    _, said = asyncio.run(_record(_tracker("via deze chat", {"contact_method": "chat"})))
    assert "lag al bij een therapeut" in said[0]
    assert len(inbox) == 1
    with session_scope(settings.app_db) as session:
        assert session.query(Handoff).count() == 1


def test_mail_failure_still_records_and_informs(app_settings, monkeypatch, caplog):
    settings, inbox = app_settings
    install_for_test(monkeypatch, replace(settings, smtp_port=1))  # nothing listens on port 1
    events, said = asyncio.run(_record(_tracker("liever niet", {"contact_method": "none"})))
    assert SlotSet("handoff_status", "open") in events and "112" in said[0]
    assert "Handoff mail" in caplog.text
    with session_scope(settings.app_db) as session:
        assert session.query(Handoff).one().contact_method == "none"


def test_a_cancelled_request_records_nothing(app_settings):
    settings, inbox = app_settings
    events, said = asyncio.run(_record(_tracker("laat maar", {"contact_method": "cancelled"})))
    assert "niet door" in said[0] and not any(e.get("name") == "handoff_status" for e in events)
    with session_scope(settings.app_db) as session:
        assert session.query(Handoff).count() == 0


def test_a_broken_database_still_gives_a_way_to_a_human(app_settings, monkeypatch):
    settings, _ = app_settings
    monkeypatch.setattr("actions.handoff.open_handoff", lambda *a: (_ for _ in ()).throw(RuntimeError("db down")))
    events, said = asyncio.run(_record(_tracker("via deze chat", {"contact_method": "chat"})))
    assert settings.practice_phone in said[0] and "112" in said[0]
    assert not any(e.get("name") == "handoff_status" for e in events)
