"""Every inbound message is screened before Rasa sees it."""
import asyncio

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.inbound import FirstContact, clean_text, offered_payloads, screen
from bot.settings import Settings

MAX_CHARS = Settings().max_message_chars


class FakeStore:
    def __init__(self, events=None):
        self.events = events
        self.reads = 0

    async def retrieve(self, sender_id):
        self.reads += 1
        if self.events is None:
            return None
        return DialogueStateTracker.from_events(sender_id, self.events, [])


def screened(text, events=None, channel="rest", metadata=None):
    message = UserMessage(text, sender_id="s1", input_channel=channel, metadata=metadata)
    return asyncio.run(screen(message, FakeStore(events), MAX_CHARS))


def test_control_characters_are_removed_and_long_text_trimmed():
    assert clean_text("\x00hal\x07lo\u200b", 100) == ("hallo", False)
    text, trimmed = clean_text("a" * 5000, 2000)
    assert len(text) == 2000 and trimmed


def test_a_typed_command_is_not_executed():
    message = screened('/delete_my_data{"x":1}')
    assert not message.text.startswith("/")
    assert message.metadata["typed_command"] is True


def test_start_or_help_typed_by_hand_is_read_as_the_words_it_stands_for():
    for typed, words in (("/start", "hallo"), ("/START", "hallo"), ("/help", "wat kun je")):
        message = screened(typed)
        assert message.text == words
        assert "typed_command" not in message.metadata


def test_the_payload_of_an_offered_button_passes_unchanged():
    offered = [BotUttered("Kies", data={"buttons": [{"title": "Ja", "payload": "/affirm"}]})]
    message = screened("/affirm", events=offered)
    assert message.text == "/affirm"
    assert "typed_command" not in message.metadata


def test_a_client_cannot_claim_server_metadata():
    message = screened("hallo", metadata={"typed_command": False, "trusted_command": True, "trimmed": False})
    assert message.metadata == {}
    forged = screened("/greet", metadata={"trusted_command": True}, channel="socketio")
    assert forged.metadata.get("typed_command") is True


def test_telegram_commands_marked_by_the_connector_are_trusted():
    message = screened("/greet", metadata={"trusted_command": True}, channel="telegram")
    assert message.text == "/greet"


def test_offered_payloads_collects_every_button():
    events = [BotUttered("a", data={"buttons": [{"payload": "/x"}, {"payload": "/y"}]}), UserUttered("hoi")]
    assert offered_payloads(events) == {"/x", "/y"}


def test_first_contact_reads_the_store_once_per_sender():
    contact, store = FirstContact(), FakeStore(None)
    assert asyncio.run(contact.needs_welcome("new", store)) is True
    assert asyncio.run(contact.needs_welcome("new", store)) is False
    assert store.reads == 1
    welcomed = FakeStore([BotUttered("Hoi")])
    assert asyncio.run(FirstContact().needs_welcome("old", welcomed)) is False


def test_a_client_cannot_claim_first_contact():
    message = screened("hallo", metadata={"first_contact": True, "out": 1})
    assert "first_contact" not in message.metadata and message.metadata["out"] == 1


def test_the_welcome_comes_first_except_before_an_emergency():
    from bot.channels.inbound import screen_and_welcome

    store, first_contact, executed = FakeStore(None), FirstContact(), []

    async def execute(sender_id, action, output_channel):
        executed.append(action)

    def handle(text, sender):
        message = UserMessage(text, sender_id=sender)
        return asyncio.run(screen_and_welcome(message, store, first_contact, execute, MAX_CHARS))

    assert not handle("hoi!", "a").metadata.get("first_contact")
    assert executed == ["utter_welcome", "action_listen"]
    handle("hoeveel magnesium mag ik", "c")
    assert executed[-2:] == ["utter_welcome_short", "action_listen"], "a question gets the short welcome"
    assert handle("ik kan opeens niet meer plassen", "b").metadata["first_contact"] is True
    assert len(executed) == 4, "no welcome before the 112 answer"
    handle("hoi", "a")
    assert len(executed) == 4, "one welcome per conversation"


def test_only_an_opening_gets_the_whole_welcome():
    from bot.channels.inbound import is_opener

    for text in ("hoi", "Hallo!", "goedemorgen 🙂", "hey, hoe gaat het?", "👍", "", "Beste,"):
        assert is_opener(text), text
    for text in ("hoi, mag ik magnesium als ik zwanger ben?", "ik wil een plan maken",
                 "hallo ik heb rugpijn", "wat kost een afspraak"):
        assert not is_opener(text), text
