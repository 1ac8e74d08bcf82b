"""Do the policies predict the same on a compacted tracker as on the full one?

    python -m benchmarks.compaction_check --db DIR/tracker.db --sender ID [--model PATH]

Replays a stored conversation (e.g. one grown by `benchmarks.long_conversation --keep DIR`)
row by row into a scratch database. Before every stored action, the point where Rasa
predicted it, it asks the trained policies for their prediction twice: on the tracker the
store loads (compacted once the session is long) and on the full session, and compares
action, policy, confidence and the events the policies add (the care policy's slots).
Not a test: it needs a trained model and a grown conversation.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any, Dict, List, Tuple

from bot.settings import QUIET_ENV


def prediction(agent: Any, tracker: Any) -> Tuple[Any, ...]:
    result = agent.processor._predict_next_with_tracker(tracker)
    action = agent.domain.action_names_or_texts[result.max_confidence_index]
    events = tuple(str(event) for event in result.events + result.optional_events)
    return action, result.policy_name, round(result.max_confidence, 6), result.is_no_user_prediction, events


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compaction_check")
    parser.add_argument("--db", required=True, help="a tracker database (SQLite)")
    parser.add_argument("--sender", required=True, help="the conversation to replay")
    parser.add_argument("--model", help="trained model (default: the one for the current data)")
    args = parser.parse_args(argv)
    os.environ.update(QUIET_ENV)

    from rasa.core.agent import Agent

    from bot.db.compaction import prefix_info
    from bot.db.tracker_store import ErasingSQLTrackerStore
    from bot.context import install_settings
    from bot.settings import load_settings
    from bot.training import model_for_serving

    settings = load_settings()
    install_settings(settings)  # the CarePolicy in the loaded agent reads it
    agent = Agent.load(str(args.model or model_for_serving(settings)))
    with sqlite3.connect(args.db) as source:
        rows = source.execute("SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data"
                              " FROM events WHERE sender_id = ? ORDER BY id", (args.sender,)).fetchall()
    with tempfile.TemporaryDirectory(prefix="compaction-check-") as scratch:
        database = Path(scratch) / "tracker.db"
        store = ErasingSQLTrackerStore(domain=agent.domain, url=f"sqlite:///{database}")
        checked, compacted = 0, 0
        differences: List[Dict[str, Any]] = []
        with sqlite3.connect(database) as target:
            for position, row in enumerate(rows):
                if row[2] == "action" and position > 0:
                    short = asyncio.run(store.retrieve(args.sender))
                    full = asyncio.run(store._retrieve(args.sender, fetch_events_from_all_sessions=False))
                    ours, theirs = prediction(agent, short), prediction(agent, full)
                    checked += 1
                    compacted += prefix_info(short.events)[0] > 0
                    if ours != theirs:
                        differences.append({"row": row[0], "stored": row[5], "compacted": ours, "full": theirs})
                target.execute("INSERT INTO events (id, sender_id, type_name, timestamp, intent_name, action_name,"
                               " data) VALUES (?, ?, ?, ?, ?, ?, ?)", row)
                target.commit()
    print(f">> {checked} predictions compared, {compacted} of them on a compacted tracker")
    for difference in differences[:20]:
        print(f"!! {difference}")
    print(f">> {len(differences)} difference(s)")
    raise SystemExit(1 if differences else 0)


if __name__ == "__main__":
    main()
