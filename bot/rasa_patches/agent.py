"""The loaded `Agent`: no silent in-memory fallback store, and every message tracked for a stop.

Both act on one agent object, so they must be installed again on every new agent (a
model switch that builds a new `Agent`): `bot.rasa_patches.install_agent_patches`.

- `handle_message` (per instance): the message counts as in flight from the moment any
  channel hands it over, before its conversation's lock (`bot.core.shutdown.track`), so
  that a stop can refuse it honestly while it still waits.
- `tracker_store`: Rasa wraps the store in `FailSafeTrackerStore`, which on a database
  error returns an empty tracker and saves into memory: the user gets an answer without
  context (a red flag said a minute ago is forgotten) and the message is lost when the
  process ends. Without it the error reaches the channel, which says honestly that
  something is wrong (503), and nothing is half-remembered. The wrapped store sits in the
  private attribute `_tracker_store`.
"""
from __future__ import annotations

import functools
from typing import Any

from rasa.core.agent import Agent
from rasa.core.tracker_store import FailSafeTrackerStore

from bot.rasa_patches.signatures import expect_attribute, expect_signature, is_installed, mark

PATCH = "agent_tracked"
EXPECTED = (
    (Agent, "handle_message", ("self", "message")),
    (FailSafeTrackerStore, "__init__", ("self", "tracker_store", "on_tracker_store_error",
                                        "fallback_tracker_store")),
)


def check() -> None:
    for owner, name, parameters in EXPECTED:
        expect_signature(owner, name, parameters)


def install(agent: Any) -> None:
    """Patches one loaded agent (idempotent)."""
    check()
    without_silent_fallback(agent)
    track_messages(agent)


def without_silent_fallback(agent: Any) -> None:
    """Replaces the agent's `FailSafeTrackerStore` with the store it wraps."""
    store = agent.tracker_store
    if isinstance(store, FailSafeTrackerStore):
        inner = expect_attribute(store, "_tracker_store", "bot/rasa_patches/agent.py")
        agent.tracker_store = inner
        if agent.processor is not None:
            agent.processor.tracker_store = inner


def track_messages(agent: Any) -> None:
    """Wraps this agent's `handle_message`, every channel's entry (idempotent)."""
    from bot.core.shutdown import track

    received = agent.handle_message
    if is_installed(received, PATCH):
        return

    @functools.wraps(received)
    async def handle_message(message: Any) -> Any:
        return await track(message, received)

    agent.handle_message = mark(handle_message, PATCH)
