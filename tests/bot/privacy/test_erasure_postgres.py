"""The same erasure on PostgreSQL: the rows are gone from the tables, others stay.

Needs a PostgreSQL server with databases rugwijzer_tracker and rugwijzer_app at
FAULTS_PG_URL (the variable `make faults` sets for its own database); without it, skipped.
Run on 2026-12-04 against a private PostgreSQL 15: passed.
"""
import asyncio
import os
import secrets

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.db.migrate import upgrade
from bot.db.models import PainScore
from bot.db.session import session_scope
from bot.db.tracker_store import ErasingSQLTrackerStore

PG_URL = os.environ.get("FAULTS_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="needs a PostgreSQL (FAULTS_PG_URL, as `make faults` sets)")


def test_an_erasure_on_postgres_leaves_no_row_of_the_conversation():
    app_url, tracker_url = f"{PG_URL}/rugwijzer_app", f"{PG_URL}/rugwijzer_tracker"
    upgrade(app_url)
    store = ErasingSQLTrackerStore(domain=Domain.empty(), url=tracker_url, app_url=app_url)
    word, sender, other = f"zebra{secrets.token_hex(4)}", f"pg-{secrets.token_hex(4)}", f"pg-{secrets.token_hex(4)}"
    trackers = {}
    for who in (sender, other):
        tracker = trackers[who] = DialogueStateTracker.from_events(who, [
            ActionExecuted("action_listen"), UserUttered(f"ik heb {word}", {"name": "report_pain"}),
            BotUttered("Je score is bewaard"),
            ActionExecuted("action_listen")])
        asyncio.run(store.save(tracker))
        with session_scope(app_url) as session:
            session.add(PainScore(conversation_id=who, score=5, note=word))
    for event in [UserUttered("ja", {"name": "affirm"}), ActionExecuted("action_delete_my_data"),
                  BotUttered("Gewist"), Restarted(), ActionExecuted("action_listen")]:
        trackers[sender].update(event)
    asyncio.run(store.save(trackers[sender]))

    with create_engine(tracker_url).connect() as connection:
        rows = connection.execute(text("SELECT sender_id, data FROM events WHERE data LIKE :w"),
                                  {"w": f"%{word}%"}).all()
    assert {row.sender_id for row in rows} == {other}
    with session_scope(app_url) as session:
        assert session.query(PainScore).filter_by(conversation_id=sender).count() == 0
        assert session.query(PainScore).filter_by(conversation_id=other).count() == 1
