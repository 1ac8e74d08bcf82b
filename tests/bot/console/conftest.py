"""A real console on a free loopback port: the blueprint in a small Sanic app, a temp
database, and a stand-in for Rasa's HTTP API on the same server that records each call."""
from __future__ import annotations

import asyncio
import secrets
import socket
import threading
import uuid
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List

import pytest
import requests

from bot.db.migrate import upgrade
from tests.settings import make_settings

RASA_TOKEN = "test-rasa-token"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class FakeRasa:
    """What the console asked of Rasa, and the events it answers with."""

    calls: List[Dict[str, Any]] = field(default_factory=list)
    events: Dict[str, List[Dict[str, Any]]] = field(default_factory=dict)
    down: bool = False


@dataclass
class ConsoleServer:
    base_url: str
    db_url: str
    rasa: FakeRasa
    tracker_url: str = ""

    def client(self) -> requests.Session:
        return requests.Session()

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"


def _fake_rasa_routes(app, rasa: FakeRasa) -> None:
    from sanic import response

    def _allowed(request) -> bool:
        return request.args.get("token") == RASA_TOKEN and not rasa.down

    @app.post("/conversations/<conversation_id:path>/tracker/events")
    async def append(request, conversation_id):
        if not _allowed(request):
            return response.json({}, status=401 if not rasa.down else 500)
        rasa.calls.append({"kind": "events", "conversation": conversation_id, "body": request.json})
        return response.json({})

    @app.post("/conversations/<conversation_id:path>/execute")
    async def execute(request, conversation_id):
        if not _allowed(request):
            return response.json({}, status=401 if not rasa.down else 500)
        rasa.calls.append({"kind": "execute", "conversation": conversation_id, "body": request.json,
                           "output_channel": request.args.get("output_channel")})
        return response.json({})

    @app.get("/conversations/<conversation_id:path>/tracker")
    async def tracker(request, conversation_id):
        if not _allowed(request):
            return response.json({}, status=401 if not rasa.down else 500)
        return response.json({"events": rasa.events.get(conversation_id, [])})


@pytest.fixture
def console_server(tmp_path, monkeypatch):
    """Starts the console for one test and stops it afterwards."""
    from sanic import Sanic

    # Test mode lets Sanic start more than one app per process (as sanic-testing does).
    monkeypatch.setattr(Sanic, "test_mode", True)

    from bot.console.routes import ConsoleConfig, add_console_routes

    db_url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(db_url)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    rasa = FakeRasa()
    app = Sanic(f"console_test_{uuid.uuid4().hex}")
    settings = make_settings(tmp_path, app_db_url=db_url, console_secret=secrets.token_urlsafe(32),
                             practice_name="Praktijk Test")
    # The Rasa API the console calls is the fake one on this same app.
    config = replace(ConsoleConfig.from_settings(settings), rasa_url=base_url, rasa_token=RASA_TOKEN)
    add_console_routes(app, config)
    _fake_rasa_routes(app, rasa)

    loop = asyncio.new_event_loop()
    started = threading.Event()
    holder: Dict[str, Any] = {}

    async def serve() -> None:
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True,
                                         access_log=False)
        await server.startup()
        holder["server"] = server
        started.set()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(serve())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(15), "console test server did not start"
    yield ConsoleServer(base_url, db_url, rasa, f"sqlite:///{tmp_path / 'tracker.db'}")

    async def stop() -> None:
        holder["server"].close()
        await holder["server"].wait_closed()

    asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
