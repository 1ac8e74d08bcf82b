"""Deleting on request and the retention purge, on a real (temporary) database."""
import datetime as dt
import json

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered
from sqlalchemy import text

from bot.db.migrate import upgrade
from bot.db.models import Handoff, PainScore, Plan, Reminder
from bot.db.session import get_engine, session_scope
from bot.db.tracker_store import erasure_point
from bot.privacy.erase import erasure_message, forget_conversation
from bot.privacy.retention import purge_expired
from tests.settings import make_settings


@pytest.fixture()
def app_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    return url


def add_records(url, conversation_id, handoff_status="open"):
    with session_scope(url) as session:
        session.add(Plan(conversation_id=conversation_id, channel="rest", choices={}, text="plan"))
        session.add(PainScore(conversation_id=conversation_id, score=6))
        session.add(Reminder(conversation_id=conversation_id, channel="rest", time_of_day="09:00"))
        session.add(Handoff(conversation_id=conversation_id, channel="rest", status=handoff_status))


def test_forget_removes_plan_scores_reminders_and_keeps_care(app_db):
    add_records(app_db, "c1")
    add_records(app_db, "other")
    report = forget_conversation("c1", url=app_db)
    assert (report.plans, report.pain_scores, report.reminders, report.handoffs_kept) == (1, 1, 1, 1)
    assert "therapeut" in erasure_message(report)
    with session_scope(app_db) as session:
        assert session.query(Plan).filter_by(conversation_id="other").count() == 1
        assert session.query(Handoff).filter_by(conversation_id="c1").count() == 1


def test_erasure_point_is_after_the_restart_of_a_delete_request():
    events = [UserUttered("hoi"), ActionExecuted("utter_greet"), UserUttered("ja"),
              ActionExecuted("action_delete_my_data"), BotUttered("gewist"), Restarted(),
              ActionExecuted("action_listen")]
    assert erasure_point(events) == 6
    assert erasure_point(events[:4]) is None
    assert erasure_point([Restarted(), ActionExecuted("action_listen")]) is None


def test_purge_removes_only_conversations_past_retention(tmp_path, app_db, monkeypatch):
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    now = dt.datetime(2026, 6, 1, 12, tzinfo=dt.timezone.utc)
    engine = get_engine(tracker_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT,"
                                " timestamp FLOAT, intent_name TEXT, action_name TEXT, data TEXT)"))
        for sender, age_days in (("old", 31), ("recent", 29)):
            stamp = (now - dt.timedelta(days=age_days)).timestamp()
            connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, 'user', :t, :d)"),
                               {"s": sender, "t": stamp, "d": json.dumps({"text": "x"})})
    add_records(app_db, "old", handoff_status="closed")
    settings = make_settings(tmp_path, tracker_db_url=tracker_url, app_db_url=app_db)
    removed = purge_expired(settings, now=now)
    assert removed == 1
    with engine.connect() as connection:
        left = [row[0] for row in connection.execute(text("SELECT DISTINCT sender_id FROM events"))]
    assert left == ["recent"]
    with session_scope(app_db) as session:
        assert session.query(Plan).filter_by(conversation_id="old").count() == 0
