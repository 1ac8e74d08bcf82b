"""A temporary app database and a real SMTP server on loopback for the handoff tests."""
from __future__ import annotations

import socket
from dataclasses import dataclass, field
from typing import Any, List

import pytest

from bot.db.migrate import upgrade


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    return url


@dataclass
class Inbox:
    port: int
    messages: List[Any] = field(default_factory=list)


@pytest.fixture
def smtp_inbox():
    """aiosmtpd on a free loopback port, keeping every message it receives."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        inbox = Inbox(port=probe.getsockname()[1])

    class Keep(Message):
        def handle_message(self, message) -> None:
            inbox.messages.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=inbox.port)
    controller.start()
    yield inbox
    controller.stop()
