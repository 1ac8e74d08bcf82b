"""A temporary app database, and a real Rasa tracker store to scan."""
import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db.migrate import upgrade


@pytest.fixture()
def app_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    return url


def user(text, intent, confidence=0.9, timestamp=None, entities=()):
    return UserUttered(text, intent={"name": intent, "confidence": confidence},
                       parse_data={"intent": {"name": intent, "confidence": confidence}, "entities": list(entities),
                                   "text": text}, timestamp=timestamp)


def bot(text, utter="utter_x"):
    return BotUttered(text, metadata={"utter_action": utter})


def as_dicts(events):
    return [event.as_dict() for event in events]


@pytest.fixture()
def tracker_db(tmp_path):
    """Saves conversations through the project's own SQL tracker store; returns (url, save)."""
    from bot.db.tracker_store import UrlSQLTrackerStore

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = UrlSQLTrackerStore(domain=Domain.empty(), url=url)

    def save(sender, events):
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, [])
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))

    return url, save


__all__ = ["ActionExecuted", "Restarted", "as_dicts", "bot", "user"]
