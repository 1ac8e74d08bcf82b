"""Helpers the end-to-end tests share for talking to the bot over the REST channel.

Each test module used to carry its own copy of these; one copy keeps them the same.
"""
import uuid
from typing import Any, Dict, Iterable


def texts(messages: Iterable[Dict[str, Any]]) -> str:
    """The text of each of the bot's REST messages, one per line (buttons and images say "")."""
    return "\n".join(m.get("text") or "" for m in messages)


def new_sender(prefix: str = "e2e") -> str:
    """A sender id no other test uses; `prefix` says in the logs which tests it came from."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
