"""The SQL tracker store's side of compaction: which rows to read, and what to save.

Mixed into `bot.db.tracker_store.ErasingSQLTrackerStore` (before Rasa's SQLTrackerStore).
`retrieve` (what the processor and the channels read) returns a long session compacted
(`bot.db.compaction`); `retrieve_full_tracker` (HTTP API, console, exports) every event. The private Rasa
methods overridden or called here are checked at start (`bot/rasa_patches/tracker_store.py`).

Reads, per message:
- a short session: a count, then Rasa's own query;
- a long one whose head is cached (`bot.db.head_cache`): a count of the rows before the
  cut and the rows from the cut on, both on the sender index (no session subquery);
- otherwise (every `REFOLD_TURNS` turns, or first on this instance): the type and name
  columns of the whole session, the head's slot rows that count, the recent rows.
"""
from __future__ import annotations

import itertools
import json
import logging
from typing import Any, Iterator, List, Optional, Tuple

import sqlalchemy as sa
from rasa.shared.core.events import Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db.compaction import deserialise, parse, prefix_info
from bot.db.cut import COMPACT_ABOVE, count_turns, plan_cut
from bot.db.head_cache import REFOLD_TURNS, HeadCache, Snapshot

logger = logging.getLogger(__name__)

_LIGHT = ("id", "type_name", "action_name", "timestamp")
_ALL = (*_LIGHT, "data")


def in_session(timestamp: Optional[float], session_start: Optional[float]) -> bool:
    """Rasa's session filter (`timestamp >= latest session start`, SQL NULL semantics)."""
    return session_start is None or (timestamp is not None and timestamp >= session_start)


class CompactingStore:
    """Compacted retrieval and prefix-aware saving for Rasa's `SQLTrackerStore`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.heads = HeadCache()

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        if not self.domain:
            return None  # as stock Rasa: no tracker without a domain
        with self.session_scope() as session:
            # Core rows, not ORM ones: the ORM's per-row bookkeeping costs more than the read.
            connection = session.connection()
            snapshot = self.heads.get(sender_id)
            recent = self._recent_rows(connection, sender_id, snapshot) if snapshot else None
            if recent is None:
                snapshot, recent = self._load(session, sender_id)
        if not recent:
            return None
        prefix = snapshot.prefix() if snapshot else []
        events = prefix + deserialise(row.data for row in recent)
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool
                        ) -> Optional[DialogueStateTracker]:
        """Stock retrieval (`retrieve_full_tracker`), with the cached event-class lookup."""
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions)
            rows = session.connection().execute(self._columns(query, "data")).all()
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_events(sender_id, deserialise(row.data for row in rows), self.domain.slots)

    def _columns(self, query: Any, *names: str) -> Any:
        return query.with_entities(*(getattr(self.SQLEvent, name) for name in names)).statement

    def _count(self, connection: Any, sender_id: str, before: Optional[int] = None,
               since: Optional[int] = None) -> int:
        """The sender's rows (all sessions) before / from a row id: the index alone answers."""
        E = self.SQLEvent
        where = [E.sender_id == sender_id]
        where += [E.id < before] if before is not None else []
        where += [E.id >= since] if since is not None else []
        return connection.execute(sa.select(sa.func.count(E.id)).where(*where)).scalar()

    def _recent_rows(self, connection: Any, sender_id: str, snapshot: Snapshot) -> Optional[List[Any]]:
        """The rows from the cached cut on; None if the cut must move or the head changed."""
        E = self.SQLEvent
        before = self._count(connection, sender_id, before=snapshot.cut_id)
        rows = connection.execute(sa.select(*(getattr(E, name) for name in _ALL))
                                  .where(E.sender_id == sender_id, E.id >= snapshot.cut_id).order_by(E.id)).all()
        if not snapshot.describes(before, rows[0] if rows else None) or not self._whole(rows, snapshot.session_filter):
            return None
        return rows if count_turns(rows) <= snapshot.recent_turns + REFOLD_TURNS else None

    @staticmethod
    def _whole(recent: List[Any], session_filter: Optional[float]) -> bool:
        """Whether every row from the cut on is in the session Rasa would load.

        Saving counts the rows from the cut on (`_additional_events`): all of them must
        be in the tracker. A new session start among them (or a row older than the
        session start, clock skew) makes the session's extent Rasa's business again.
        """
        return all(row.type_name != SessionStarted.type_name and in_session(row.timestamp, session_filter)
                   for row in recent)

    def _load(self, session: Any, sender_id: str) -> Tuple[Optional[Snapshot], List[Any]]:
        """A short session in full; a long one as a new snapshot and the rows after its cut."""
        E = self.SQLEvent
        connection = session.connection()
        query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
        long = self._count(connection, sender_id) > COMPACT_ABOVE
        rows = connection.execute(self._columns(query, *_LIGHT)).all() if long else []
        planned = plan_cut(rows)
        if planned is not None:
            cut, state = planned
            cut_id = rows[cut].id
            wanted = query.filter(sa.or_(E.id >= cut_id, E.id.in_(list(state.slot_rows.values()))))
            stored = connection.execute(self._columns(wanted, *_ALL)).all()
            recent = [row for row in stored if row.id >= cut_id]
            if len(recent) == self._count(connection, sender_id, since=cut_id):  # see `_whole`
                return self._snapshot(connection, sender_id, rows, cut, state, stored), recent
        self.heads.drop(sender_id)
        return None, connection.execute(self._columns(query, *_ALL)).all()

    def _snapshot(self, connection: Any, sender_id: str, rows: List[Any], cut: int, state: Any,
                  stored: List[Any]) -> Snapshot:
        """Remembers the head before `rows[cut]`: its state and the slot values that count."""
        E = self.SQLEvent
        cut_id, head = rows[cut].id, rows[:cut]
        events = {row.id: parse(row.data) for row in stored if row.id < cut_id}
        known = {slot.name for slot in self.domain.slots}  # the full tracker ignores the others
        values = {name: events[row_id].value for name, row_id in sorted(state.slot_rows.items(), key=lambda i: i[1])
                  if name in known and isinstance(events.get(row_id), SlotSet)}
        session_filter = connection.execute(sa.select(sa.func.max(E.timestamp)).where(
            E.sender_id == sender_id, E.type_name == SessionStarted.type_name)).scalar()
        start = next((row.timestamp for row in reversed(head) if row.type_name == SessionStarted.type_name),
                     head[0].timestamp)
        snapshot = Snapshot(
            cut_id=cut_id, cut_timestamp=rows[cut].timestamp, rows_before=self._count(connection, sender_id, before=cut_id),
            recent_turns=count_turns(rows[cut:]), session_filter=session_filter, state=state, values_json=json.dumps(values),
            session_start=start, timestamp=head[-1].timestamp)
        self.heads.put(sender_id, snapshot)
        logger.debug("Session of '%s' compacted: %d of %d events before the cut", sender_id, cut, len(rows))
        return snapshot

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The tracker's events not stored yet: never the prefix, each new event once.

        Rasa counts the session's stored rows and skips that many of the tracker's events.
        A compacted tracker holds the synthesized prefix, then every row from the cut on
        (`_whole`), then what is new: skip the prefix and the stored rows from the cut on.
        (If an erasure or the retention purge deleted the rows since the retrieval, that
        count is 0 and the tracker's rows are stored again, as stock Rasa would do.)
        """
        synthesized, cut_id = prefix_info(tracker.events)
        if cut_id is None:
            query = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False)
            # count(id) of the query itself: Query.count() wraps it in a subquery of full rows.
            counting = query.order_by(None).with_entities(sa.func.count(self.SQLEvent.id)).statement
            start = session.connection().execute(counting).scalar()
        else:
            start = synthesized + self._count(session.connection(), tracker.sender_id, since=cut_id)
        return itertools.islice(tracker.events, start, len(tracker.events))

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """Streams the events `save` stores (stock Rasa diffs with a full retrieval)."""
        if self.event_broker is None:
            return
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
        await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)
