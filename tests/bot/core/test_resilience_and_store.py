"""Speed-ups of stock Rasa keep its behaviour: same validation, same stored events."""
import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.core.resilience import install_fast_response_check
from bot.db.tracker_store import ErasingSQLTrackerStore


def test_cached_validator_accepts_and_rejects_like_rasa():
    install_fast_response_check()
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


def test_sqlite_tracker_store_is_pooled_in_wal_mode_and_round_trips(tmp_path):
    store = ErasingSQLTrackerStore(domain=Domain.empty(), url=f"sqlite:///{tmp_path / 'tracker.db'}")
    tracker = DialogueStateTracker.from_events("u1", [ActionExecuted("action_listen"), UserUttered("hoi")])
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve("u1"))
    assert [e.as_dict()["event"] for e in again.events] == ["action", "user"]
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
