"""The loaded agent: no silent in-memory store, every message tracked for a stop."""
import asyncio

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain

from bot.core import shutdown
from bot.rasa_patches import RasaChanged, install_agent_patches


class FakeProcessor:
    def __init__(self, store):
        self.tracker_store = store


class FakeAgent:
    def __init__(self):
        self.store = InMemoryTrackerStore(Domain.empty())
        self.tracker_store = FailSafeTrackerStore(self.store)
        self.processor = FakeProcessor(self.tracker_store)
        self.handled = []

    async def handle_message(self, message):
        self.handled.append(message.text)
        return [{"text": "ok"}]


def test_the_fail_safe_store_is_removed_from_agent_and_processor():
    agent = FakeAgent()
    install_agent_patches(agent)
    assert agent.tracker_store is agent.store and agent.processor.tracker_store is agent.store


def test_every_message_is_in_flight_until_answered(monkeypatch):
    drain = shutdown.Drain(5)
    monkeypatch.setattr(shutdown, "_drain", drain)
    agent, during = FakeAgent(), []
    received = agent.handle_message

    async def handle(message):
        during.append(dict(drain.messages))
        return await received(message)

    agent.handle_message = handle
    install_agent_patches(agent)
    assert asyncio.run(agent.handle_message(UserMessage("hoi", sender_id="s"))) == [{"text": "ok"}]
    assert len(during) == 1 and list(during[0].values()) == [False], "in flight, not started"
    assert drain.messages == {}


def test_installing_twice_wraps_once():
    agent = FakeAgent()
    install_agent_patches(agent)
    wrapper = agent.handle_message
    install_agent_patches(agent)
    assert agent.handle_message is wrapper
    asyncio.run(agent.handle_message(UserMessage("hoi", sender_id="s")))
    assert agent.handled == ["hoi"]


def test_a_fail_safe_store_without_its_private_attribute_is_refused():
    agent = FakeAgent()
    del agent.tracker_store._tracker_store
    with pytest.raises(RasaChanged, match="_tracker_store"):
        install_agent_patches(agent)


def test_a_changed_agent_handle_message_is_refused(monkeypatch):
    async def changed(self, message, channel):
        return None

    monkeypatch.setattr(Agent, "handle_message", changed)
    with pytest.raises(RasaChanged, match="Agent.handle_message"):
        install_agent_patches(FakeAgent())
