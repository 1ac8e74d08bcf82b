"""Screens every inbound message before Rasa sees it, whatever the channel.

- Control characters are removed and very long messages trimmed (the user is told).
- A message that starts with "/" is Rasa's syntax for "trigger this intent directly".
  Only payloads of buttons the assistant itself sent in this conversation may do that;
  anything else typed by hand is passed on as plain text, marked so the assistant can
  answer kindly. Otherwise anyone could type `/delete_my_data` or set slots.
"""
from __future__ import annotations

import logging
import re
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Iterable, Optional, Set

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered


logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
# Chat-app commands typed by hand, read as the words they stand for.
PLAIN_COMMANDS = {"/start": "hallo", "/help": "wat kun je", "/hulp": "wat kun je"}
# Metadata keys only the server may set; a client sending them is ignored.
SERVER_KEYS = ("typed_command", "trimmed", "trusted_command", "first_contact", "welcomed")


def clean_text(text: Optional[str], max_chars: int) -> tuple:
    """Returns (text without control characters, trimmed to max_chars; was it trimmed)."""
    text = _CONTROL.sub("", text or "").strip()
    if len(text) > max_chars:
        return text[:max_chars], True
    return text, False


def offered_payloads(events: Iterable[Any]) -> Set[str]:
    """Payloads of every button the assistant sent in these events."""
    payloads: Set[str] = set()
    for event in events:
        if isinstance(event, BotUttered):
            for button in (event.data or {}).get("buttons") or []:
                if isinstance(button, dict) and button.get("payload"):
                    payloads.add(str(button["payload"]).strip())
    return payloads


def needs_escalation_first(text: Optional[str]) -> bool:
    """Whether the message carries a red flag or a safety question: its answer goes first."""
    from bot.nlu.care_extractor import RED_FLAG, SAFETY_QUESTION, care_entities

    return any(item["entity"] in (RED_FLAG, SAFETY_QUESTION) for item in care_entities(text))


# Words of a message that only opens the conversation ("hoi", "goedemorgen!"): such a
# message gets the whole welcome with its topic buttons.
_OPENERS = frozenset("""
    hoi hallo hey hee hi hai hoihoi allo dag daag goedemorgen goedemiddag goedenavond morgen
    middag avond goeiemorgen goeiemiddag goeienavond goede goeie beste hello yo ha he
    hoe gaat het met jou je u alles goed daar iemand test testen ik ben nieuw
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def is_opener(text: Optional[str]) -> bool:
    """Whether a first message only opens the conversation, rather than asking something."""
    words = _WORD.findall((text or "").lower())
    return len(words) <= 1 or all(word in _OPENERS for word in words)


class FirstContact:
    """Remembers which conversations already got the welcome, to spare a database read.

    The welcome says what the assistant is, that it does not diagnose and to call 112
    in an emergency: it is the first thing anyone sees, unless their first message is an
    emergency or a crisis. Then the 112 or 113 answer comes first and a one-line
    introduction after it (bot/core/turn_guard.py), not six lines and six buttons.
    """

    WELCOME = "utter_welcome"
    # Before a first message that already asks something: who is talking, in three lines,
    # so that the answer is not buried under the topic menu.
    INTRODUCTION = "utter_welcome_short"

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._welcomed: "OrderedDict[str, None]" = OrderedDict()

    def remember(self, sender_id: str) -> None:
        self._welcomed[sender_id] = None
        self._welcomed.move_to_end(sender_id)
        while len(self._welcomed) > self.capacity:
            self._welcomed.popitem(last=False)

    async def needs_welcome(self, sender_id: str, tracker_store: Any) -> bool:
        if sender_id in self._welcomed:
            return False
        tracker = await tracker_store.retrieve(sender_id) if tracker_store else None
        welcomed = tracker is not None and any(isinstance(e, BotUttered) for e in tracker.events)
        self.remember(sender_id)
        return not welcomed


async def screen(message: UserMessage, tracker_store: Any, max_chars: int) -> UserMessage:
    """Cleans `message` in place (at most `max_chars` kept) and returns it."""
    metadata = {k: v for k, v in (message.metadata or {}).items() if k not in SERVER_KEYS}
    trusted = bool((message.metadata or {}).get("trusted_command")) and message.input_channel == "telegram"
    text, trimmed = clean_text(message.text, max_chars)
    if trimmed:
        metadata["trimmed"] = True
    if text.lower() in PLAIN_COMMANDS and not trusted:
        # "/start" or "/help" typed by hand, as people do in chat apps: a greeting or a
        # question for the menu, never a command to run.
        text = PLAIN_COMMANDS[text.lower()]
    elif text.startswith("/") and not trusted:
        tracker = await tracker_store.retrieve(message.sender_id) if tracker_store else None
        if text not in offered_payloads(tracker.events if tracker else []):
            logger.info("Typed command from %s not executed", message.sender_id[:8])
            text = text.lstrip("/").replace("{", " ").replace("}", " ").replace("_", " ").strip()
            metadata["typed_command"] = True
    message.text = text
    message.metadata = metadata
    return message


# Runs one action in the conversation: (sender_id, action_name, output_channel).
ExecuteAction = Callable[[str, str, Any], Awaitable[Any]]


async def screen_and_welcome(message: UserMessage, tracker_store: Any, first_contact: FirstContact,
                             execute: ExecuteAction, max_chars: int) -> UserMessage:
    """Screens `message` and, before someone's first message, says the welcome.

    Called for every message inside its conversation's lock and the message gate
    (`bot/rasa_patches/processor.py`), just before Rasa handles it.
    """
    message = await screen(message, tracker_store, max_chars)
    if await first_contact.needs_welcome(message.sender_id, tracker_store):
        await _welcome(message, execute)
    return message


async def _welcome(message: UserMessage, execute: ExecuteAction) -> None:
    """The welcome before the first message, or, for an emergency, a mark to say it after."""
    if needs_escalation_first(message.text):
        message.metadata = {**(message.metadata or {}), "first_contact": True}
        return
    opener = is_opener(message.text)
    welcome = FirstContact.WELCOME if opener else FirstContact.INTRODUCTION
    if opener:
        # The welcome already greets: a "hoi" after it needs no second hello (turn_guard).
        message.metadata = {**(message.metadata or {}), "welcomed": True}
    for action in (welcome, "action_listen"):
        # The listen makes the user's message follow a listen, as rules expect.
        await execute(message.sender_id, action, message.output_channel)
