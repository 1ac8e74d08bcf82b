"""Widget pushes between two real Rasa servers through a real Redis.

Two `bot.server` processes (one action server, one SQLite database, one redis-server)
and a real socket.io client connected to each. Each widget is pushed to from the server
that does NOT hold its socket, the way `make cluster` does it through nginx: the
console's own API calls for a therapist's reply, and the breathing exercise asked for
there, whose paced steps are Rasa reminders firing in that server's scheduler.
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time

import pytest

from bot.run import Stack
from tests.e2e.conftest import free_port


@pytest.fixture
def two_servers(tmp_path):
    # scripts/system_deps.sh (make test) installs it: a missing one is a failure, not a skip.
    assert shutil.which("redis-server"), "redis-server is missing: run scripts/system_deps.sh"
    from bot import training
    from bot.db.migrate import upgrade
    from bot.settings import load_settings

    redis_port = free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no", "--requirepass", "pw"],
                             stdout=subprocess.DEVNULL)
    ports = [free_port(), free_port()]
    env = {"VAR_DIR": str(tmp_path / "var"), "ACTION_PORT": str(free_port()),
           "RASA_AUTH_TOKEN": secrets.token_urlsafe(16), "CONSOLE_SECRET": secrets.token_urlsafe(32),
           "LOCK_STORE_URL": f"redis://:pw@127.0.0.1:{redis_port}/1", "LOG_LEVEL": "INFO"}
    (tmp_path / "var").mkdir()
    settings = load_settings({**os.environ, **env})  # what the servers will read
    upgrade(settings.app_db)
    training.train(settings)
    stacks = []
    try:
        for index, port in enumerate(ports):
            stack = Stack(env={**env, "RASA_PORT": str(port)}, log_dir=str(tmp_path))
            if index == 0:
                stack.start_actions()
            stack.start_rasa()
            stacks.append(stack)
            # One after the other: both would otherwise race to create the tracker tables.
            stack.wait_until_ready(f"http://127.0.0.1:{port}/health/ready", timeout=300)
        yield [f"http://127.0.0.1:{port}" for port in ports], env["RASA_AUTH_TOKEN"]
    finally:
        for stack in reversed(stacks):
            stack.stop()
        redis.terminate()
        redis.wait(10)


def test_pushes_reach_a_widget_held_by_the_other_server(two_servers):
    from benchmarks.cluster_pushes import PushCheck, Widget

    urls, token = two_servers
    check = PushCheck(urls[0], urls, token)
    try:
        check.widgets = {url.split("//", 1)[1]: [Widget("127.0.0.1")] for url in urls}

        async def connect_each() -> None:
            for url in urls:
                widget = check.widgets[url.split("//", 1)[1]][0]
                await widget.connect(url)
                await widget.say("hoi")
                assert await widget.wait_for(1)

        check._run(connect_each())
        other = {urls[0].split("//", 1)[1]: urls[1], urls[1].split("//", 1)[1]: urls[0]}
        started = time.monotonic()
        delivered, expected, misses = check.push_round(other)
    finally:
        check.close()
    print(f"\npushes across two servers: {delivered}/{expected} in {time.monotonic() - started:.0f} s")
    assert not misses and delivered == expected == 8
