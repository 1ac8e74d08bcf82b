"""One place that makes the engine; a short session per unit of work.

Engines are created lazily and cached per URL, so importing this module touches no
database. Every caller names its database: the URL comes from the caller's settings.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def use_wal(engine: Engine) -> Engine:
    """Sets every new SQLite connection of `engine` to WAL, normal syncing and secure delete.

    WAL lets the action server write while the Rasa server reads; synchronous=NORMAL
    saves an fsync per commit and stays crash-safe (power loss may drop the last commits).
    secure_delete overwrites deleted rows with zeros: without it an erased conversation
    stays readable in the file's free space until SQLite happens to reuse the page.
    """

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - driver hook
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return engine


def truncate_wal(engine: Engine, attempts: int = 3) -> bool:
    """Copies a SQLite WAL into the database and empties it; True when it is empty.

    Until a checkpoint, the WAL still holds the pages as they were before a delete. TRUNCATE
    waits (busy timeout) for readers of older snapshots; another attempt follows if one
    still held on. Other databases keep no such file: True.
    """
    if engine.dialect.name != "sqlite":
        return True
    for _ in range(attempts):
        with engine.connect() as connection:
            busy, _frames, _copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if not busy:
            return True
    return False


@functools.lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    """The engine for `url`, made on first use."""
    if url.startswith("sqlite"):
        from bot.privacy.files import create_private_file, sqlite_file

        database = sqlite_file(url)
        if database is not None:
            create_private_file(database)
        return use_wal(create_engine(url, future=True, connect_args={"check_same_thread": False, "timeout": 15}))
    return create_engine(url, future=True, pool_pre_ping=True, pool_size=5, max_overflow=5)


@functools.lru_cache(maxsize=8)
def _session_factory(url: str) -> sessionmaker:
    return sessionmaker(bind=get_engine(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = _session_factory(url)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
