"""The head state of recently active long sessions, kept between their messages.

Working out a head's state reads every row of the session (`cut.plan_cut`), which grows
with the session. But the head only changes when the cut moves, so the store keeps the
cut where it is for `REFOLD_TURNS` more turns and remembers what the head left behind.
Between two moves a message costs a read of the recent rows and a count of the head's
rows, as in a short conversation.

A snapshot is used only if the database still agrees with it: the row at the cut is the
same (id and timestamp) and the head still has as many rows. Anything that rewrote the
head (an erasure, the retention purge, a new session) fails that check. Erasures in this
process also drop the entry at once; an entry expires after `TTL_SECONDS` so that the
slot values of a conversation deleted by another instance do not linger in memory.
"""
from __future__ import annotations

import json
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, List, Optional, Tuple

from bot.db.compaction import HeadState, prefix_events

# Turns the recent part may grow by before the cut moves (from RECENT_TURNS, or more if the
# cut had to go further back). Moving it reads the whole session, so only one message in
# REFOLD_TURNS + 1 pays for that read.
REFOLD_TURNS = 10
CAPACITY = 2000
TTL_SECONDS = 15 * 60


@dataclass(frozen=True)
class Snapshot:
    cut_id: int  # the row that opens the recent part (an action_listen)
    cut_timestamp: Optional[float]
    rows_before: int  # the sender's rows before the cut, all sessions
    recent_turns: int  # user turns after the cut when it was chosen
    session_filter: Optional[float]  # Rasa's: latest session start (rows before it are out)
    state: HeadState
    values_json: str  # slot values, as JSON: every tracker gets its own copy
    session_start: Optional[float]  # for the synthesized SessionStarted
    timestamp: Optional[float]  # of the head's last row, for the other synthesized events

    def prefix(self) -> List[Any]:
        return prefix_events(self.state, json.loads(self.values_json), self.cut_id,
                             self.session_start, self.timestamp)

    def describes(self, rows_before: int, first_recent: Any) -> bool:
        """Whether the database still holds the head this snapshot was made from.

        Rows are only ever appended (higher ids) or deleted for a whole conversation, so
        the same number of rows before the same cut row means the same head.
        """
        return (rows_before == self.rows_before and first_recent is not None
                and first_recent.id == self.cut_id and first_recent.timestamp == self.cut_timestamp)


class HeadCache:
    """Snapshots by sender id, dropped oldest first past `capacity` or `ttl` seconds."""

    def __init__(self, capacity: int = CAPACITY, ttl: float = TTL_SECONDS) -> None:
        self.capacity, self.ttl = capacity, ttl
        self._entries: "OrderedDict[str, Tuple[float, Snapshot]]" = OrderedDict()

    def get(self, sender_id: str) -> Optional[Snapshot]:
        entry = self._entries.get(sender_id)
        if entry is None or time.monotonic() - entry[0] > self.ttl:
            self._entries.pop(sender_id, None)
            return None
        return entry[1]

    def put(self, sender_id: str, snapshot: Snapshot) -> None:
        now = time.monotonic()
        self._entries[sender_id] = (now, snapshot)
        self._entries.move_to_end(sender_id)
        while self._entries:  # oldest first: drop the expired and what exceeds capacity
            oldest, (stored_at, _) = next(iter(self._entries.items()))
            if len(self._entries) <= self.capacity and now - stored_at <= self.ttl:
                break
            del self._entries[oldest]

    def drop(self, sender_id: str) -> None:
        self._entries.pop(sender_id, None)

    def __len__(self) -> int:
        return len(self._entries)
