"""`MessageProcessor.handle_message`: one pass through the gate, then the screen, then Rasa."""
import asyncio

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered

from bot.core import admission, shutdown
from bot.rasa_patches import RasaChanged, processor
from bot.settings import Settings


WELCOMES = ("utter_welcome", "utter_welcome_short")


class CountingGate(admission.FifoGate):
    def __init__(self, limit):
        super().__init__(limit)
        self.entries = 0

    async def enter(self, returning=False):
        self.entries += 1
        await super().enter(returning)


class FakeStore:
    def __init__(self, events=None):
        self.events = events or []

    async def retrieve(self, sender_id):
        from rasa.shared.core.trackers import DialogueStateTracker

        return DialogueStateTracker.from_events(sender_id, self.events, []) if self.events else None


@pytest.fixture
def patched(monkeypatch):
    """The patch over a stand-in for Rasa's handle_message that records what it gets."""
    processor.uninstall()
    seen, running, concurrency = [], [0], []

    async def rasa_handle_message(self, message):
        running[0] += 1
        concurrency.append(running[0])
        seen.append((message.text, dict(message.metadata or {})))
        await asyncio.sleep(0.005)
        running[0] -= 1

    monkeypatch.setattr(MessageProcessor, "handle_message", rasa_handle_message)
    gate = CountingGate(1)
    monkeypatch.setattr(admission, "_gate", gate)
    processor.install(Settings().max_message_chars)
    yield seen, concurrency, gate
    processor.uninstall()


def fake_processor(store=None):
    executed = []
    instance = object.__new__(MessageProcessor)
    instance.tracker_store = store or FakeStore([BotUttered("Hoi")])
    instance.domain = Domain.from_dict({"responses": {name: [{"text": "Hoi"}] for name in WELCOMES}})
    instance.nlg = None

    async def execute_action(sender_id, action_name, output_channel, nlg, prediction):
        assert len(prediction.probabilities) == instance.domain.num_actions
        executed.append(action_name)

    instance.execute_action = execute_action
    return instance, executed


def test_each_message_passes_the_gate_once_one_at_a_time_in_arrival_order(patched):
    seen, concurrency, gate = patched
    instance, _ = fake_processor()

    async def scenario():
        await asyncio.gather(*(MessageProcessor.handle_message(instance, UserMessage(f"vraag {i}", sender_id=f"s{i}"))
                               for i in range(6)))

    asyncio.run(scenario())
    assert gate.entries == 6, "one gate pass per message"
    assert max(concurrency) == 1 and [text for text, _ in seen] == [f"vraag {i}" for i in range(6)]


def test_rasa_gets_the_screened_message(patched):
    seen, _, _ = patched
    instance, _ = fake_processor()
    asyncio.run(MessageProcessor.handle_message(instance, UserMessage("/delete_my_data\x07", sender_id="s")))
    text, metadata = seen[-1]
    assert text == "delete my data" and metadata["typed_command"] is True


def test_a_first_message_gets_the_welcome_before_rasa_handles_it(patched):
    seen, _, _ = patched
    instance, executed = fake_processor(FakeStore())
    asyncio.run(MessageProcessor.handle_message(instance, UserMessage("hoi", sender_id="nieuw")))
    assert executed == ["utter_welcome", "action_listen"] and seen[-1][0] == "hoi"


def test_a_message_counts_as_started_once_it_holds_its_place(patched, monkeypatch):
    drain = shutdown.Drain(5)
    monkeypatch.setattr(shutdown, "_drain", drain)
    instance, _ = fake_processor()
    states = []

    async def scenario():
        task = asyncio.current_task()
        drain.messages[task] = False
        original = instance.tracker_store.retrieve

        async def retrieve(sender_id):
            states.append(drain.messages[task])
            return await original(sender_id)

        instance.tracker_store.retrieve = retrieve
        await MessageProcessor.handle_message(instance, UserMessage("/x", sender_id="s"))

    asyncio.run(scenario())
    assert states and all(states)


def test_installing_twice_wraps_once(patched):
    wrapper = MessageProcessor.handle_message
    processor.install(Settings().max_message_chars)
    assert MessageProcessor.handle_message is wrapper
    assert not getattr(wrapper.__wrapped__, "_rugwijzer_patch", None)


def test_a_changed_handle_message_is_refused_and_nothing_installed(monkeypatch):
    processor.uninstall()

    async def changed(self, message, tracker):
        return None

    monkeypatch.setattr(MessageProcessor, "handle_message", changed)
    with pytest.raises(RasaChanged):
        processor.install(Settings().max_message_chars)
    assert MessageProcessor.handle_message is changed


class OpenQuestionStore(FakeStore):
    """A conversation whose assistant waits for an answer to `open_question`."""

    def __init__(self, open_question):
        super().__init__([BotUttered("Wil je dat ik dit gesprek doorgeef?")])
        self.open_question = open_question

    async def retrieve(self, sender_id):
        from rasa.shared.core.events import SlotSet
        from rasa.shared.core.slots import AnySlot
        from rasa.shared.core.trackers import DialogueStateTracker

        slot = AnySlot("open_question", mappings=[{"type": "custom"}])
        return DialogueStateTracker.from_events(sender_id, [*self.events, SlotSet("open_question", self.open_question)],
                                                [slot])


def test_a_decline_with_a_question_after_the_offer_is_handled_as_two_turns(patched):
    seen, _, _ = patched
    instance, _ = fake_processor(OpenQuestionStore("handoff"))
    text = "nee hoor, hoeft niet, ik wil alleen weten wat hij zelf kan doen"
    asyncio.run(MessageProcessor.handle_message(instance, UserMessage(text, sender_id="s", message_id="m1")))
    assert [said for said, _ in seen] == ["nee hoor, hoeft niet", "ik wil alleen weten wat hij zelf kan doen"]


@pytest.mark.parametrize("open_question, text", [
    (None, "nee hoor, hoeft niet, ik wil alleen weten wat hij zelf kan doen"),
    ("safety:crisis", "nee, maar hoeveel magnesium mag ik?"),
    ("handoff", "nee dank je, ik wil niet gebeld worden"),
])
def test_other_replies_reach_rasa_whole(patched, open_question, text):
    seen, _, _ = patched
    instance, _ = fake_processor(OpenQuestionStore(open_question))
    asyncio.run(MessageProcessor.handle_message(instance, UserMessage(text, sender_id="s")))
    assert [said for said, _ in seen] == [text]
