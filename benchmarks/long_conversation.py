"""Does a conversation that has grown long answer as fast as a fresh one?

    python -m benchmarks.long_conversation [--events 2000] [--samples 30] [--keep DIR] [--model PATH]

Starts the project's own servers (SQLite, free ports, a scratch directory), grows one
conversation through the tracker store to `--events` stored events with the bench
script's messages (greetings, topic questions, the plan form, medicines, red flags),
then times the same topic questions in that conversation and in fresh ones (a new
sender that has only said hello), interleaved so that drift hits both sides alike.
Not a test: figures depend on the machine; the ratio grown/fresh is what matters. With
`--keep DIR`, `benchmarks.compaction_check` can replay the grown conversation afterwards.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import sqlite3
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Dict, List, Tuple

from benchmarks.load import free_port
from benchmarks.script import FAQ, conversation
from bot.run import Stack
from bot.settings import QUIET_ENV


def stack_env(var_dir: Path) -> Dict[str, str]:
    return {
        "VAR_DIR": str(var_dir), "RASA_PORT": str(free_port()), "ACTION_PORT": str(free_port()),
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(16), "CONSOLE_SECRET": secrets.token_urlsafe(32),
        "TRACKER_DB_URL": "", "APP_DB_URL": "", "LOCK_STORE_URL": "", "LOG_LEVEL": "WARNING",
    }


def say(base: str, sender: str, text: str) -> float:
    """Sends one message over REST; returns the seconds until the whole answer came back."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(f"{base}/webhooks/rest/webhook", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as reply:
        reply.read()
        if reply.status != 200:
            raise RuntimeError(f"HTTP {reply.status} for {text!r}")
    return time.perf_counter() - started


def stored_events(database: Path, sender: str) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def active_loop(database: Path, sender: str) -> str:
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT action_name FROM events WHERE sender_id = ? AND type_name = 'active_loop'"
                                 " ORDER BY id DESC LIMIT 1", (sender,)).fetchone()
    return (row and row[0]) or "none"


def grow(base: str, database: Path, sender: str, target: int) -> int:
    """Sends whole bench conversations to `sender` until `target` events are stored.

    18 messages each, so that the plan form is finished: a conversation stuck in a form
    does more per message (the form validates every answer on the action server)
    whatever its length, and the comparison with a fresh one would not be like for like.
    """
    index, sent, count = 0, 0, 0
    while count < target:
        for turn in conversation(index, length=18).turns:
            say(base, sender, turn.text)
            sent += 1
        index += 1
        count = stored_events(database, sender)
        print(f"   {sent} messages, {count} events", flush=True)
    return count


def compare(base: str, sender: str, samples: int) -> Dict[str, List[float]]:
    """Same questions, alternately in the grown conversation and in a fresh one."""
    timings: Dict[str, List[float]] = {"grown": [], "fresh": []}
    for index in range(samples):
        question = FAQ[index % len(FAQ)]
        fresh = f"fresh-{index}-{secrets.token_hex(3)}"
        say(base, fresh, "hallo")  # untimed: the welcome and the session start
        first, second = ("grown", "fresh") if index % 2 else ("fresh", "grown")
        for side in (first, second):
            timings[side].append(say(base, sender if side == "grown" else fresh, question))
    return timings


def summary(seconds: List[float]) -> Tuple[float, float, float]:
    """(median, mean, 90th percentile) in milliseconds."""
    ordered = sorted(1000 * value for value in seconds)
    return statistics.median(ordered), statistics.fmean(ordered), ordered[int(0.9 * (len(ordered) - 1))]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.long_conversation")
    parser.add_argument("--events", type=int, default=2000, help="stored events to grow to")
    parser.add_argument("--samples", type=int, default=30, help="timed messages per side")
    parser.add_argument("--keep", metavar="DIR", help="keep the databases and logs in DIR")
    parser.add_argument("--model", help="serve this model (default: the one for the current data)")
    args = parser.parse_args(argv)
    os.environ.update(QUIET_ENV)

    from bot.db.migrate import upgrade
    from bot.settings import load_settings

    with tempfile.TemporaryDirectory(prefix="long-conversation-") as temporary:
        scratch = args.keep or temporary
        Path(scratch).mkdir(parents=True, exist_ok=True)
        env = stack_env(Path(scratch))
        if args.model:  # two runs to compare (before/after a change) must serve the same model
            env["MODEL_PATH"] = str(Path(args.model).resolve())
        settings = load_settings({**os.environ, **env})
        upgrade(settings.app_db)
        stack = Stack(env=env, log_dir=scratch)
        base = f"http://127.0.0.1:{env['RASA_PORT']}"
        stack.start()
        try:
            stack.wait_until_ready(f"{base}/health/ready", timeout=300)
            for index in range(3):  # warm-up: first requests load lazily built parts
                say(base, f"warmup-{index}", "hallo")
                say(base, f"warmup-{index}", FAQ[index])
            database = Path(scratch) / "tracker.db"
            sender = f"long-{secrets.token_hex(3)}"
            print(f">> growing one conversation to {args.events} events", flush=True)
            grown = grow(base, database, sender, args.events)
            print(f">> active loop of the grown conversation: {active_loop(database, sender)}", flush=True)
            timings = compare(base, sender, args.samples)
            final = stored_events(database, sender)
        finally:
            stack.stop()
    figures = {side: summary(values) for side, values in timings.items()}
    for side, label in (("grown", f"grown conversation {sender} ({grown} -> {final} events)"),
                        ("fresh", "fresh conversations")):
        median, mean, p90 = figures[side]
        print(f">> {label}: median {median:.1f} ms, mean {mean:.1f} ms, p90 {p90:.1f} ms")
    ratio = figures["grown"][0] / figures["fresh"][0]
    print(f">> ratio grown/fresh (medians): {ratio:.2f} (target <= 1.20)")


if __name__ == "__main__":
    main()
