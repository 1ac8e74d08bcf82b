"""SIGTERM under load: `python -m bot.run` stops both servers, and no message is dropped.

Real processes on loopback: bot.run (Rasa server + action server), a fresh SQLite
database, 12 conversations typing one message after another over REST and, just before
the signal, a burst of 14 messages into one conversation (they queue for its lock). The
grace is short (4 s) so that some of the burst is still waiting when it runs out.

Every message must end as one of: answered (200), refused with the honest 503 and the
apology, refused at connect (the listener is closed: nothing was delivered) or a 504
(cancelled while worked on). Anything else (a reset, no answer) is dropped: none allowed.
The stored events must agree: every answered message is stored, no refused one is.
"""
from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

from bot.channels.rest import UNAVAILABLE_TEXT
from bot.settings import PROJECT_ROOT, QUIET_ENV, load_settings
from tests.e2e.conftest import free_port

GRACE_SECONDS = 4
SENDERS = 12
BURST = 14
SIGNAL_AFTER_ANSWERS = 24
QUESTIONS = ["hoi", "Wat is magnesium eigenlijk?", "helpt bewegen tegen rugpijn",
             "ik heb veel stress door mijn rug", "hoeveel magnesium mag ik per dag",
             "wat kan ik zelf doen aan mijn rugpijn?"]


def _children(pid: int) -> List[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


async def _send(session, url: str, sender: str, text: str) -> Tuple[str, int]:
    """(outcome, status): answered, refused, refused_at_connect, timed_out or dropped."""
    import aiohttp

    try:
        async with session.post(url, json={"sender": sender, "message": text},
                                timeout=aiohttp.ClientTimeout(total=60)) as reply:
            body = await reply.json(content_type=None)
            if reply.status == 200:
                return "answered", 200
            if reply.status == 503 and body and body[0].get("text") == UNAVAILABLE_TEXT \
                    and reply.headers.get("Retry-After"):
                return "refused", 503
            if reply.status == 504 and body and body[0].get("text") == UNAVAILABLE_TEXT:
                return "timed_out", 504
            return "dropped", reply.status
    except aiohttp.ClientConnectorError:
        return "refused_at_connect", 0
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return "dropped", 0


async def _load(url: str, run: subprocess.Popen,
                signalled_at: List[float]) -> List[Tuple[str, str, str, int]]:
    """(sender, text, outcome, status) of every message sent."""
    import aiohttp

    results: List[Tuple[str, str, str, int]] = []
    answered = asyncio.Event()

    async def conversation(session, index: int) -> None:
        sender = f"stop-{index:02d}"
        for turn in range(200):
            text = f"{QUESTIONS[turn % len(QUESTIONS)]} ({turn})"
            outcome, status = await _send(session, url, sender, text)
            results.append((sender, text, outcome, status))
            if sum(1 for r in results if r[2] == "answered") >= SIGNAL_AFTER_ANSWERS:
                answered.set()
            if outcome != "answered":
                return  # as a balancer would: this instance is going away

    async def burst(session) -> None:
        await answered.wait()
        sends = [_send(session, url, "stop-burst", f"{QUESTIONS[i % len(QUESTIONS)]} [{i}]")
                 for i in range(BURST)]
        tasks = [asyncio.ensure_future(send) for send in sends]
        await asyncio.sleep(0.5)  # all of them received, most waiting for the lock
        run.send_signal(signal.SIGTERM)
        signalled_at.append(time.monotonic())
        for i, task in enumerate(tasks):
            outcome, status = await task
            results.append(("stop-burst", f"{QUESTIONS[i % len(QUESTIONS)]} [{i}]", outcome, status))

    connector = aiohttp.TCPConnector(limit=SENDERS + BURST)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.wait_for(asyncio.gather(burst(session), *(conversation(session, i) for i in range(SENDERS))),
                               timeout=300)
    return results


def _stored_texts(tracker_db: Path) -> Dict[str, List[str]]:
    connection = sqlite3.connect(tracker_db)
    try:
        rows = connection.execute("SELECT sender_id, data FROM events WHERE type_name = 'user'").fetchall()
    finally:
        connection.close()
    stored: Dict[str, List[str]] = {}
    for sender, data in rows:
        stored.setdefault(sender, []).append(json.loads(data).get("text"))
    return stored


def test_sigterm_under_load_answers_or_refuses_every_message(tmp_path):
    from bot import training
    from bot.db.migrate import upgrade

    rasa_port = free_port()
    env = {**os.environ, **QUIET_ENV, "PYTHONUNBUFFERED": "1", "VAR_DIR": str(tmp_path / "var"),
           "RASA_PORT": str(rasa_port), "ACTION_PORT": str(free_port()),
           "RASA_AUTH_TOKEN": secrets.token_urlsafe(16), "CONSOLE_SECRET": secrets.token_urlsafe(32),
           "SHUTDOWN_GRACE_SECONDS": str(GRACE_SECONDS), "LOG_LEVEL": "INFO"}
    (tmp_path / "var").mkdir()
    settings = load_settings(env)  # what the servers will read
    upgrade(settings.app_db)
    training.train(settings)
    log = open(tmp_path / "run.log", "wb")
    run = subprocess.Popen([sys.executable, "-m", "bot.run"], cwd=PROJECT_ROOT, env=env,
                           stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_ready(f"http://127.0.0.1:{rasa_port}/health/ready", run)
        children = _children(run.pid)
        assert len(children) == 2, children
        signalled_at: List[float] = []
        results = asyncio.run(_load(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", run, signalled_at))
        code = run.wait(timeout=GRACE_SECONDS + 30)
        stopped_after = time.monotonic() - signalled_at[0]
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        log.close()
    output = (tmp_path / "run.log").read_text(errors="replace")

    counts = Counter(outcome for _, _, outcome, _ in results)
    print(f"\nSIGTERM under load: {dict(counts)}; bot.run exited {code} "
          f"{stopped_after:.1f} s after SIGTERM (grace {GRACE_SECONDS} s)")
    assert counts["dropped"] == 0, [r for r in results if r[2] == "dropped"]
    assert counts["answered"] >= SIGNAL_AFTER_ANSWERS
    assert counts["refused"] + counts["refused_at_connect"] > 0  # the load went on past the signal
    assert code == 0, output[-3000:]
    # Both servers stopped themselves (bot.run would SIGKILL one only after its grace + 5 s,
    # and a killed server logs no stop).
    for pid in children:
        assert f"Stopping worker [{pid}]" in output, f"server {pid} did not stop by itself"
    assert not [pid for pid in children if _alive(pid)], "a server outlived bot.run"
    assert ">> stopped" in output and "Drained:" in output

    stored = _stored_texts(Path(env["VAR_DIR"]) / "tracker.db")
    for sender, text, outcome, _ in results:
        if outcome == "answered":
            assert text in stored.get(sender, []), (sender, text)
        elif outcome in ("refused", "refused_at_connect"):
            assert text not in stored.get(sender, []), ("refused but stored", sender, text)


def _wait_ready(url: str, run: subprocess.Popen, timeout: float = 240) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert run.poll() is None, "bot.run exited during start-up"
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(url)
