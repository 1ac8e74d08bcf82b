"""The overrides in force, as every running instance sees them: from the database, briefly cached.

Several Rasa instances may share one database, so a change made in one console must
reach the others without a message between them: each process reads the small
overrides table again when its copy is more than `ttl` seconds old. If the database
cannot be read, the last copy (or the defaults) stays in use and the next try waits a
little longer, so an outage never takes the answers down.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Mapping, Tuple

from bot.content.variants import EditedAnswer, edited_answer
from bot.content.versions import overrides

logger = logging.getLogger(__name__)
TTL_SECONDS = 2.0
RETRY_SECONDS = 10.0


@dataclass(frozen=True)
class ContentSnapshot:
    version: int = 0  # the newest version id when read; 0: nothing ever changed
    practice: Mapping[str, str] = field(default_factory=dict)  # practice.yml key -> text
    responses: Mapping[str, EditedAnswer] = field(default_factory=dict)  # response -> its edited variants


def snapshot_from(version: int, found: Mapping[Tuple[str, str], Any]) -> ContentSnapshot:
    practice = {key: str(value) for (kind, key), value in found.items() if kind == "practice"}
    responses: Dict[str, EditedAnswer] = {}
    for (kind, key), value in found.items():
        if kind == "response":
            try:
                responses[key] = edited_answer(value)
            except (KeyError, TypeError, ValueError):
                logger.error("edited text of %s cannot be read; the default is used", key)
    return ContentSnapshot(version, practice, responses)


class LiveContent:
    """A per-process copy of the overrides of one database, refreshed when older than `ttl`."""

    def __init__(self, db_url: str, ttl: float = TTL_SECONDS, retry: float = RETRY_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.db_url = db_url
        self.ttl, self.retry, self._clock = ttl, retry, clock
        self._snapshot = ContentSnapshot()
        self._next_read = 0.0
        self._lock = threading.Lock()

    def snapshot(self) -> ContentSnapshot:
        """The overrides in force, read again from the database when the copy is stale."""
        if self._clock() >= self._next_read:
            self.refresh()
        return self._snapshot

    def refresh(self) -> ContentSnapshot:
        """Reads the overrides now (a save in this process calls it so its own console sees the change)."""
        with self._lock:
            try:
                self._snapshot = snapshot_from(*overrides(self.db_url))
                self._next_read = self._clock() + self.ttl
            except Exception as error:  # noqa: BLE001 - any database failure: keep answering
                logger.warning("content overrides could not be read (%s); using the last known texts", error)
                self._next_read = self._clock() + self.retry
            return self._snapshot


@functools.lru_cache(maxsize=8)
def live_content(db_url: str) -> LiveContent:
    """The one LiveContent of this process for `db_url`, made on first use."""
    return LiveContent(db_url)
