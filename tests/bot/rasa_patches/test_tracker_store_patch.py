"""The SQL tracker store: pooled SQLite in WAL mode; the internals compaction relies on."""
import asyncio

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db.tracker_store import ErasingSQLTrackerStore
from bot.rasa_patches import RasaChanged, tracker_store


def test_sqlite_store_is_pooled_in_wal_mode_and_round_trips(tmp_path):
    store = ErasingSQLTrackerStore(domain=Domain.empty(), url=f"sqlite:///{tmp_path / 'tracker.db'}")
    assert isinstance(store.engine.pool, sa.pool.QueuePool)
    tracker = DialogueStateTracker.from_events("u1", [ActionExecuted("action_listen"), UserUttered("hoi")])
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve("u1"))
    assert [e.as_dict()["event"] for e in again.events] == ["action", "user"]
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_store_without_the_engine_it_swaps_is_refused(tmp_path):
    store = object.__new__(SQLTrackerStore)
    with pytest.raises(RasaChanged, match="engine"):
        tracker_store.use_pooled_sqlite(store)


def test_a_changed_private_method_of_the_store_is_refused(monkeypatch):
    def changed(self, session, tracker, since):
        return iter(())

    monkeypatch.setattr(SQLTrackerStore, "_additional_events", changed)
    with pytest.raises(RasaChanged, match="_additional_events"):
        tracker_store.check()
