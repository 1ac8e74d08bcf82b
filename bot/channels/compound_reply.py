"""A reply that declines the assistant's yes/no question and then asks something of its own.

"nee hoor, hoeft niet, ik wil alleen weten wat hij zelf kan doen" after "Wil je dat ik dit
gesprek doorgeef?" is two turns in one message: read whole, the intent classifier hears a
"no" and the question is lost; read as an answer, the question is. Rasa handles it as the
decline, then the question, each with its own reply (`bot/rasa_patches/processor.py`).
"""
from __future__ import annotations

from typing import Any, Optional, Tuple

from rasa.core.channels.channel import UserMessage

from bot.core.yes_no import decline_then_question

# Open questions (bot/core/turn_guard.py OPEN_QUESTION) whose "no" may come with a question.
# A clarifying safety question is read whole: its answer must not lose its context.
SPLIT_AFTER = ("handoff", "erase")


async def split_decline(message: UserMessage, tracker_store: Any) -> Optional[Tuple[UserMessage, UserMessage]]:
    """The decline and the question as two messages, or None to handle `message` whole."""
    parts = decline_then_question(message.text)
    if parts is None or tracker_store is None:
        return None
    tracker = await tracker_store.retrieve(message.sender_id)
    if tracker is None or tracker.get_slot("open_question") not in SPLIT_AFTER:
        return None
    decline, question = parts
    metadata = dict(message.metadata or {})
    return (
        UserMessage(decline, message.output_channel, message.sender_id, input_channel=message.input_channel,
                    message_id=message.message_id, metadata=metadata),
        UserMessage(question, message.output_channel, message.sender_id, input_channel=message.input_channel,
                    metadata=metadata),
    )
