"""Rasa's `SQLTrackerStore`: a pooled SQLite engine, and the internals compaction overrides.

- `use_pooled_sqlite`: SQLAlchemy 1.4 opens a new SQLite connection per session and
  every commit waits for fsync, a large part of each message's time. Rasa builds its
  engine in `__init__` with no way to pass a pool, so the store's `engine` and
  `sessionmaker` are swapped right after (called by `bot.db.tracker_store`, the one
  place a store is made).
- `bot.db.compacting_store.CompactingStore` overrides or calls private methods of
  `SQLTrackerStore` (`_retrieve`, `_event_query`, `_additional_events`,
  `_stream_new_events`): `check` makes sure they still take what it passes.
"""
from __future__ import annotations

from rasa.core.tracker_store import SQLTrackerStore

from bot.rasa_patches.signatures import RasaChanged, expect_signature

EXPECTED = (
    (SQLTrackerStore, "__init__", ("self", "domain", "dialect", "host", "port", "db", "username", "password",
                                   "event_broker", "login_db", "query", "kwargs")),
    (SQLTrackerStore, "retrieve", ("self", "sender_id")),
    (SQLTrackerStore, "_retrieve", ("self", "sender_id", "fetch_events_from_all_sessions")),
    (SQLTrackerStore, "_event_query", ("self", "session", "sender_id", "fetch_events_from_all_sessions")),
    (SQLTrackerStore, "_additional_events", ("self", "session", "tracker")),
    (SQLTrackerStore, "_stream_new_events", ("self", "event_broker", "new_events", "sender_id")),
    (SQLTrackerStore, "stream_events", ("self", "tracker")),
    (SQLTrackerStore, "session_scope", ("self",)),
    (SQLTrackerStore, "save", ("self", "tracker")),
)


def check() -> None:
    for owner, name, parameters in EXPECTED:
        expect_signature(owner, name, parameters)


def use_pooled_sqlite(store: SQLTrackerStore) -> None:
    """Keeps the store's SQLite connections open and commits without a full disk sync."""
    import sqlalchemy as sa
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import sessionmaker

    from bot.db.session import use_wal

    if not isinstance(getattr(store, "engine", None), Engine) or not hasattr(store, "sessionmaker"):
        raise RasaChanged("Rasa has changed: SQLTrackerStore no longer keeps `engine` and `sessionmaker`, "
                          "which bot/rasa_patches/tracker_store.py swaps. Refusing to go on.")
    engine = use_wal(sa.create_engine(store.engine.url, poolclass=sa.pool.QueuePool, pool_size=5,
                                      max_overflow=5, connect_args={"check_same_thread": False, "timeout": 15}))
    store.engine.dispose()
    store.engine = engine
    store.sessionmaker = sessionmaker(bind=engine)

