"""What the cluster test reads back from PostgreSQL: the stored events of each conversation.

Checks are on the tracker store's own `events` table, the one source of truth shared by
the Rasa instances: every answered message stored once, in order, no foreign messages,
and no slot value that did not come from the conversation's own messages.
"""
from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from typing import Dict, List, Set, Tuple

from benchmarks.load import Sample
from benchmarks.script import Conversation

# Contract slots (docs/architecture.md) and the entity kind their values come from
# (bot/nlu/care_extractor.py adds those entities to each stored user event).
SLOT_SOURCES = {"red_flags": "red_flag", "medications": "medication",
                "interaction_classes": "interaction_class"}


@dataclass
class ConversationCheck:
    sender: str
    stored_user_messages: int = 0
    in_flight_stored: int = 0
    problems: List[str] = field(default_factory=list)


def stored_events(engine, sender: str) -> List[Tuple[int, str, float, dict]]:
    from sqlalchemy import text

    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, type_name, timestamp, data FROM events WHERE sender_id = :s ORDER BY id"),
            {"s": sender}).fetchall()
    return [(row[0], row[1], row[2], json.loads(row[3])) for row in rows]


def count_events(engine, sender: str) -> int:
    from sqlalchemy import text

    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM events WHERE sender_id = :s"),
                                  {"s": sender}).scalar()


def _as_set(value) -> Set[str]:
    if value is None:
        return set()
    if isinstance(value, (list, tuple)):
        return {str(v) for v in value}
    return {str(value)}


def check_conversation(engine, conv: Conversation, samples: List[Sample],
                       in_flight: Set[Tuple[str, int]]) -> ConversationCheck:
    """Stored once and in order; no other conversation's messages or slot values."""
    sender = samples[0].sender
    result = ConversationCheck(sender)
    events = stored_events(engine, sender)
    sent = {s.turn: s for s in samples}
    # (text, must be stored): a message lost with the killed instance may or may not be.
    expected = [(conv.turns[t].text, (sender, t) not in in_flight) for t in sorted(sent)]
    users = [data.get("text") for _, kind, _, data in events if kind == "user"]
    position = 0
    for text, required in expected:
        if position < len(users) and users[position] == text:
            result.in_flight_stored += 0 if required else 1
            position += 1
        elif required:
            result.problems.append(f"message missing or out of order: {text!r}")
    if position < len(users):
        result.problems.append(f"{len(users) - position} stored message(s) not sent here or stored twice")
    result.stored_user_messages = len(users)
    stamps = [stamp for _, _, stamp, _ in events if stamp is not None]
    if any(later < earlier for earlier, later in zip(stamps, stamps[1:])):
        result.problems.append("event timestamps go backwards in id order")
    result.problems += _foreign_slot_values(events)
    return result


def _foreign_slot_values(events) -> List[str]:
    """Slot values that no entity of this conversation's own messages carried."""
    own: Dict[str, Set[str]] = {kind: set() for kind in SLOT_SOURCES.values()}
    problems = []
    for _, kind, _, data in events:
        if kind == "user":
            for entity in (data.get("parse_data") or {}).get("entities", []):
                if entity.get("entity") in own:
                    own[entity["entity"]].add(str(entity.get("value")))
        elif kind == "slot" and data.get("name") in SLOT_SOURCES:
            source = SLOT_SOURCES[data["name"]]
            foreign = _as_set(data.get("value")) - own[source]
            if foreign:
                problems.append(f"slot {data['name']} has {sorted(foreign)} from no message of its own")
        elif kind == "slot" and data.get("name") == "triage_level" and data.get("value"):
            if not own["red_flag"]:
                problems.append(f"triage_level {data['value']!r} without a red flag of its own")
    return problems


def explain_tracker_query(url: str, sender: str) -> str:
    """EXPLAIN ANALYZE of the exact query Rasa's SQL tracker store runs to load a tracker."""
    from rasa.core.tracker_store import SQLTrackerStore
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    with warnings.catch_warnings():
        # Rasa 3.6 builds its engine URL the SQLAlchemy 1.3 way; not ours to fix here.
        warnings.simplefilter("ignore")
        store = SQLTrackerStore(dialect=parsed.drivername, host=parsed.host, port=parsed.port,
                                db=parsed.database, username=parsed.username,
                                password=parsed.password)
    with store.session_scope() as session:
        query = store._event_query(session, sender, fetch_events_from_all_sessions=False)
        sql = str(query.statement.compile(dialect=store.engine.dialect,
                                          compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as connection:
        connection.execute(text("ANALYZE events"))
        plan = connection.execute(text("EXPLAIN (ANALYZE, BUFFERS) " + sql)).fetchall()
    store.engine.dispose()
    return "\n".join(row[0] for row in plan)


def check_chart(url: str, sender: str, fetches: int = 4) -> List[str]:
    """A progress chart through nginx: a score, then the chart link, opened `fetches` times
    (round robin: on both instances). Problems found, empty when all is well."""
    import urllib.request

    def say(text: str) -> List[dict]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(f"{url}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.loads(reply.read())

    link = None
    for text in ("mijn pijn is vandaag een 6", "wandelen hielp", "toon mijn voortgang", "mijn voortgang"):
        link = next((m["image"] for m in say(text) if m.get("image")), None)
        if link:
            break
    if not link:
        return ["no chart link in the replies"]
    if not link.startswith(url + "/charts/"):
        return [f"chart link not under PUBLIC_BASE_URL: {link[:60]}"]
    problems, upstreams = [], set()
    for _ in range(fetches):
        with urllib.request.urlopen(link, timeout=30) as reply:
            upstreams.add(reply.headers.get("X-Rugwijzer-Upstream", "?"))
            if reply.status != 200 or reply.read(4) != b"\x89PNG":
                problems.append(f"chart not served by {reply.headers.get('X-Rugwijzer-Upstream')}")
    if len(upstreams) < 2:
        problems.append(f"chart fetched from one instance only: {upstreams}")
    return problems
