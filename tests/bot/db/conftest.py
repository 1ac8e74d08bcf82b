import pytest
from rasa.core.tracker_store import SQLTrackerStore

from tests.bot.db.long_session import Conversation, domain, store_at


@pytest.fixture
def database(tmp_path):
    return tmp_path / "tracker.db"


@pytest.fixture
def store(database):
    return store_at(database)


@pytest.fixture
def stock(database, store):
    """Rasa's own SQL store on the same file: what 'untouched' is compared with."""
    return SQLTrackerStore(domain=domain(), dialect="sqlite", db=str(database))


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """One conversation of 2,500+ events (compacted from 400), written turn by turn."""
    conversation = Conversation(store_at(tmp_path_factory.mktemp("grown") / "tracker.db"))
    conversation.grow(2500)
    return conversation
