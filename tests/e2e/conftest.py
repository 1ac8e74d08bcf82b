"""Real servers for end-to-end tests: a fresh database, free ports, the trained model.

One stack per test session (starting Rasa takes ~20 s); tests use their own sender ids
so they never see each other's conversations.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

from bot.run import Stack


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RunningStack:
    base_url: str
    token: str
    env: Dict[str, str]
    stack: Stack
    log_dir: Path
    extra: Dict[str, Any] = field(default_factory=dict)

    @property
    def app_db(self) -> str:
        """URL of the app database these servers use (read as the servers read it)."""
        from bot.settings import load_settings

        return load_settings({**os.environ, **self.env}).app_db

    def request(self, method: str, path: str, body: Optional[Any] = None, token: bool = False,
                raw: Optional[bytes] = None, headers: Optional[Dict[str, str]] = None):
        """(status, parsed JSON or text) of one HTTP request to the Rasa server."""
        url = f"{self.base_url}{path}"
        if token:
            url += ("&" if "?" in url else "?") + f"token={self.token}"
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Content-Type": "application/json", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                payload = reply.read().decode("utf-8", "replace")
                status = reply.status
        except urllib.error.HTTPError as error:
            payload, status = error.read().decode("utf-8", "replace"), error.code
        try:
            return status, json.loads(payload)
        except ValueError:
            return status, payload

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        """Sends `text` over the REST channel and returns the bot's messages."""
        status, messages = self.request("POST", "/webhooks/rest/webhook", {"sender": sender, "message": text})
        assert status == 200, (status, messages)
        return messages

    def tracker(self, sender: str) -> Dict[str, Any]:
        status, tracker = self.request("GET", f"/conversations/{sender}/tracker", token=True)
        assert status == 200, (status, tracker)
        return tracker


@pytest.fixture(scope="session")
def stack_env(tmp_path_factory) -> Dict[str, str]:
    """Environment of the test stack; other fixtures may add to it before `stack` starts."""
    var_dir = tmp_path_factory.mktemp("var")
    return {
        "VAR_DIR": str(var_dir),
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(16),
        "CONSOLE_SECRET": secrets.token_urlsafe(32),
        "TELEGRAM_SECRET": secrets.token_urlsafe(16),
        "LOG_LEVEL": "INFO",
    }


@dataclass
class SmtpInbox:
    port: int
    messages: List[Any] = field(default_factory=list)


@pytest.fixture(scope="session")
def smtp_inbox(stack_env) -> SmtpInbox:
    """A real SMTP server on loopback (aiosmtpd) that keeps every mail it receives."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    inbox = SmtpInbox(port=free_port())

    class Keep(Message):
        def handle_message(self, message) -> None:
            inbox.messages.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=inbox.port)
    controller.start()
    stack_env.update({"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(inbox.port)})
    yield inbox
    controller.stop()


@pytest.fixture(scope="session")
def telegram_api(stack_env):
    """The stand-in Telegram Bot API server (tests/e2e/telegram_stub.py) on loopback.

    Imported plainly: a stub that fails to import is a broken test helper, and must fail
    the tests instead of turning every Telegram test into a skip.
    """
    from tests.e2e.telegram_stub import TelegramStub

    stub = TelegramStub()
    base_url = stub.start()
    stack_env.update({
        "TELEGRAM_TOKEN": "123456:TEST-TOKEN",
        "TELEGRAM_BOT_NAME": "rugwijzer_test_bot",
        "TELEGRAM_API_BASE": base_url,
        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{stack_env['RASA_PORT']}/webhooks/telegram/webhook",
    })
    yield stub
    stub.stop()


@contextmanager
def running_stack(env: Dict[str, str], log_dir: Path, with_actions: bool = True,
                  extra: Optional[Dict[str, Any]] = None) -> Iterator[RunningStack]:
    """Migrates the app database, starts the servers with `env`, stops them afterwards."""
    from bot import training
    from bot.db.migrate import upgrade
    from bot.settings import load_settings

    settings = load_settings({**os.environ, **env})  # what the servers will read
    upgrade(settings.app_db)
    training.train(settings)
    running = Stack(env=env, log_dir=str(log_dir))
    if with_actions:
        running.start_actions()
    running.start_rasa()
    base_url = f"http://127.0.0.1:{env['RASA_PORT']}"
    try:
        running.wait_until_ready(f"{base_url}/health/ready")
        yield RunningStack(base_url, env["RASA_AUTH_TOKEN"], env, running, Path(log_dir), extra=extra or {})
    finally:
        running.stop()


@pytest.fixture(scope="session")
def stack(stack_env, smtp_inbox, telegram_api, tmp_path_factory) -> RunningStack:
    with running_stack(stack_env, tmp_path_factory.mktemp("logs"),
                       extra={"smtp": smtp_inbox, "telegram": telegram_api}) as running:
        yield running
