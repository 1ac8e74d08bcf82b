"""The overview: counts from a real tracker table and the app tables, as SVG charts and CSV,
without any conversation id or message text."""
import datetime as dt
import json

import requests
from sqlalchemy import create_engine, text

from bot.console.accounts import create_therapist
from bot.console.insight import gather, iso_week
from bot.db.models import Handoff, Plan, Reminder
from bot.db.session import session_scope

from tests.bot.console.helpers import login

# Thursday noon of last week: every fixture row (up to 30 minutes before NOW, or a week
# before it) falls in the week meant, whatever the time the test runs (not on a Monday 00:10).
_TODAY = dt.datetime.now(dt.timezone.utc).replace(hour=12, minute=0, second=0, microsecond=0)
NOW = _TODAY - dt.timedelta(days=_TODAY.weekday() + 4)
SECRET_WORDS = "mijn-geheime-rugpijn"


def _tracker(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
                                "type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), "
                                "action_name VARCHAR(255), data TEXT)"))
        rows = [("piet-0612345678", "user", NOW, "greet", {"text": SECRET_WORDS}),
                ("piet-0612345678", "user", NOW, "nlu_fallback", {"text": SECRET_WORDS}),
                ("klaas", "user", NOW, "greet", {"text": "hoi"}),
                ("klaas", "user", NOW - dt.timedelta(weeks=1), "ask_magnesium", {"text": "hoi"}),
                ("piet-0612345678", "slot", NOW, None, {"name": "triage_level", "value": "urgent"}),
                ("piet-0612345678", "slot", NOW, None, {"name": "triage_level", "value": "emergency"}),
                ("klaas", "slot", NOW, None, {"name": "triage_level", "value": "soon"})]
        for sender, kind, moment, intent, data in rows:
            connection.execute(text("INSERT INTO events (sender_id, type_name, timestamp, intent_name, data) "
                                    "VALUES (:s, :k, :t, :i, :d)"),
                               {"s": sender, "k": kind, "t": moment.timestamp(), "i": intent, "d": json.dumps(data)})


def _app(db_url: str) -> None:
    naive = NOW.replace(tzinfo=None)
    with session_scope(db_url) as session:
        session.add(Handoff(conversation_id="piet-0612345678", channel="socketio", status="closed",
                            created_at=naive - dt.timedelta(minutes=30), first_response_at=naive - dt.timedelta(minutes=20)))
        session.add(Handoff(conversation_id="klaas", channel="telegram", status="open", created_at=naive))
        session.add(Plan(conversation_id="klaas", channel="rest", text=SECRET_WORDS, created_at=naive))
        session.add(Reminder(conversation_id="klaas", channel="rest", time_of_day="09:00", active=True))
        session.add(Reminder(conversation_id="piet", channel="rest", time_of_day="09:00", active=False))


def test_figures_count_conversations_topics_fallbacks_flags_and_first_replies(console_server):
    _tracker(console_server.tracker_url)
    _app(console_server.db_url)
    insight = gather(tracker_url=console_server.tracker_url, app_url=console_server.db_url, now=NOW)
    week, last_week = iso_week(NOW), iso_week(NOW - dt.timedelta(weeks=1))
    assert insight.conversations[week] == 2 and insight.conversations[last_week] == 1
    assert insight.fallback_rate(week) == round(100 / 3, 1)
    assert insight.topics[0] == ("greet", 2)
    assert insight.red_flags == {"emergency": 1, "crisis": 0, "urgent": 0, "soon": 1}
    assert insight.handoffs[week] == 2 and insight.plans[week] == 1 and insight.active_reminders == 1
    assert insight.median_first_reply_minutes == 10.0


def test_overview_page_and_csv_hold_no_personal_data(console_server):
    _tracker(console_server.tracker_url)
    _app(console_server.db_url)
    create_therapist(username="anne", display_name="Anne", password="lang-genoeg-1", db_url=console_server.db_url)
    client = requests.Session()
    login(client, console_server.base_url, "anne", "lang-genoeg-1", db_url=console_server.db_url)
    html = client.get(console_server.url("/console/overzicht")).text
    assert html.count("<svg") == 6 and 'role="img"' in html and "Gesprekken per week" in html
    assert "10 minuten" in html
    exported = client.get(console_server.url("/console/overzicht.csv"))
    assert exported.headers["Content-Type"].startswith("text/csv")
    assert f"conversations,{iso_week(NOW)},2" in exported.text and "topic:greet,period,2" in exported.text
    for body in (html, exported.text):
        assert "piet" not in body and "0612345678" not in body and SECRET_WORDS not in body
