"""After an erasure, nothing of it is left in the raw bytes of the SQLite files.

Real database files (tracker store, migrated app database); the check reads every file
under the folder, the way someone with a copy of it would. Charts are not stored (drawn on
request from the pain scores, bot/web/charts.py): erasing the scores is erasing them.
"""
import asyncio
import datetime as dt
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.db.migrate import upgrade
from bot.db.models import Handoff, PainScore, Plan
from bot.db.session import get_engine, session_scope
from bot.db.tracker_store import ErasingSQLTrackerStore
from bot.privacy.retention import purge_expired
from tests.settings import make_settings

WORD = "zebrapaardvlinder"
OTHER_WORD = "olifantkrokodil"


def files_holding(folder: Path, needle: str):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and needle.encode() in path.read_bytes())


@pytest.fixture()
def disk(tmp_path):
    app_url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(app_url)
    store = ErasingSQLTrackerStore(domain=Domain.empty(), url=f"sqlite:///{tmp_path / 'tracker.db'}",
                                   app_url=app_url)
    return tmp_path, store, app_url


def told(store, sender, app_url, handoff_status="closed", word=WORD):
    """A conversation in which `sender` typed `word` and saved a plan, a pain score and a handoff."""
    events = [ActionExecuted("action_listen"), UserUttered(f"ik heb {word} en rugpijn", {"name": "report_pain"}),
              BotUttered(f"Je score is bewaard, met je notitie over {word}."),
              ActionExecuted("action_listen")]
    tracker = DialogueStateTracker.from_events(sender, events)
    asyncio.run(store.save(tracker))
    with session_scope(app_url) as session:
        session.add(Plan(conversation_id=sender, channel="rest", choices={"goal": word}, text=f"plan {word}"))
        session.add(PainScore(conversation_id=sender, score=6, note=f"{word} hielp"))
        session.add(Handoff(conversation_id=sender, channel="rest", status=handoff_status,
                            transcript=[{"user": f"ik heb {word}"}]))
    return tracker


def erase(store, tracker):
    for event in [UserUttered("wis alles", {"name": "affirm"}), ActionExecuted("action_delete_my_data"),
                  BotUttered("Klaar, gewist."), Restarted(), ActionExecuted("action_listen")]:
        tracker.update(event)
    asyncio.run(store.save(tracker))


def test_an_erased_word_is_in_no_file_and_others_keep_theirs(disk):
    folder, store, app_url = disk
    tracker = told(store, "forget-me", app_url)
    told(store, "keep-me", app_url, word=OTHER_WORD)
    seen = files_holding(folder, WORD)
    assert "tracker.db-wal" in seen and any(name.startswith("app.db") for name in seen), "the check sees it"

    erase(store, tracker)

    assert files_holding(folder, WORD) == []
    assert files_holding(folder, OTHER_WORD), "the other conversation is untouched"
    with session_scope(app_url) as session:
        assert session.query(Plan).filter_by(conversation_id="forget-me").count() == 0
        assert session.query(Handoff).filter_by(conversation_id="forget-me").count() == 0
        assert session.query(PainScore).filter_by(conversation_id="keep-me").count() == 1
    kept = asyncio.run(store.retrieve("forget-me"))
    assert [e.as_dict()["event"] for e in kept.events] == ["action"]
    assert len(asyncio.run(store.retrieve("keep-me")).events) == 4


def test_after_erasing_the_only_conversation_the_word_is_nowhere(disk):
    folder, store, app_url = disk
    tracker = told(store, "only-one", app_url)
    assert files_holding(folder, WORD)
    erase(store, tracker)
    assert files_holding(folder, WORD) == []


def test_an_active_handoff_is_kept_and_the_rest_goes(disk):
    folder, store, app_url = disk
    tracker = told(store, "in-care", app_url, handoff_status="open")
    erase(store, tracker)
    with session_scope(app_url) as session:
        assert session.query(Handoff).filter_by(conversation_id="in-care").count() == 1
        assert session.query(Plan).filter_by(conversation_id="in-care").count() == 0
    assert files_holding(folder, WORD) == ["app.db"], "only the handoff's transcript, kept for care"


def test_the_retention_purge_erases_the_same_way(disk):
    folder, store, app_url = disk
    told(store, "long-ago", app_url)
    with get_engine(str(store.engine.url)).begin() as connection:
        connection.execute(text("UPDATE events SET timestamp = 0"))
    settings = make_settings(folder, tracker_db_url=str(store.engine.url), app_db_url=app_url)
    removed = purge_expired(settings, now=dt.datetime.now(dt.timezone.utc))
    assert removed == 1
    assert files_holding(folder, WORD) == []
