"""`MessageProcessor.handle_message`: the gate, the inbound screen and the welcome.

Rasa's `Agent.handle_message` takes the conversation's lock and calls this. Our wrapper
then, for every message of every channel:
1. waits for the message's place in the gate (`bot.core.admission`), once;
2. marks the message started for a stop (`bot.core.shutdown.mark_started`);
3. screens it and, before someone's first message, says the welcome
   (`bot.channels.inbound.screen_and_welcome`);
4. lets Rasa handle it (NLU, policies, actions, saving the tracker); a reply that declines
   the open yes/no question and then asks something is handled as those two turns
   (`bot.channels.compound_reply`).
Class-level, so a new model (a new processor, even a new agent) keeps it.
"""
from __future__ import annotations

import functools
from typing import Any, Optional

from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor

from bot.rasa_patches.signatures import expect_signature, is_installed, mark

PATCH = "processor_gate_and_screen"
EXPECTED = (
    (MessageProcessor, "handle_message", ("self", "message")),
    (MessageProcessor, "execute_action", ("self", "sender_id", "action_name", "output_channel", "nlg",
                                          "prediction")),
    (PolicyPrediction, "for_action_name", ("domain", "action_name", "policy_name", "confidence",
                                           "action_metadata")),
)


def check() -> None:
    for owner, name, parameters in EXPECTED:
        expect_signature(owner, name, parameters)


def install(max_message_chars: int, first_contact: Optional[Any] = None) -> None:
    """Wraps `MessageProcessor.handle_message` once per process (idempotent).

    Messages are trimmed to `max_message_chars` (settings.max_message_chars).
    """
    from bot.channels.compound_reply import split_decline
    from bot.channels.inbound import FirstContact, screen_and_welcome
    from bot.core.admission import gated
    from bot.core.shutdown import mark_started

    check()
    if is_installed(MessageProcessor.handle_message, PATCH):
        return
    original = MessageProcessor.handle_message
    welcomed = first_contact or FirstContact()

    @functools.wraps(original)
    async def handle_message(self: MessageProcessor, message: Any) -> Any:
        async def execute(sender_id: str, action_name: str, output_channel: Any) -> Any:
            prediction = PolicyPrediction.for_action_name(self.domain, action_name, None, 0.0)
            return await self.execute_action(sender_id, action_name, output_channel, self.nlg, prediction)

        async with gated():
            mark_started()
            message = await screen_and_welcome(message, self.tracker_store, welcomed, execute, max_message_chars)
            parts = await split_decline(message, self.tracker_store)
            if parts is None:
                return await original(self, message)
            # Both turns write to the same output channel: the second call returns them all.
            await original(self, parts[0])
            return await original(self, parts[1])

    MessageProcessor.handle_message = mark(handle_message, PATCH)  # type: ignore[assignment]


def uninstall() -> None:
    """Puts Rasa's own function back (for tests)."""
    current = MessageProcessor.handle_message
    if is_installed(current, PATCH):
        MessageProcessor.handle_message = current.__wrapped__  # type: ignore[attr-defined]
