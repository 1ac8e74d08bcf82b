"""Custom actions that fail or hang must not leave a worried user in silence.

Stock Rasa waits up to five minutes for the action server and, when it fails, logs the
error and says nothing. We bound the wait and answer with a kind apology instead. The
safety messages do not depend on this: they are responses of the in-server CarePolicy.
`bot/rasa_patches/actions.py` puts `run_bounded` around every `RemoteAction.run`.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, List

from rasa.core.actions.action import ActionExecutionRejection
from rasa.shared.core.events import BotUttered, Event

from bot.core.admission import stepped_out

logger = logging.getLogger(__name__)

APOLOGY_RESPONSE = "utter_action_unavailable"
_FALLBACK_TEXT = (
    "Sorry, een deel van mij werkt nu even niet. Probeer het over een paar minuten opnieuw. "
    "Heb je spoed? Bel dan 112."
)

# A healthy action server answers in a few milliseconds. Stepping out of the gate for
# every call queued plan steps behind each other, so only a call that is already slow
# gives its place up.
SLOW_ACTION_SECONDS = 0.25


async def run_bounded(action_call: Awaitable[List[Event]], timeout_seconds: float, action_name: str,
                      output_channel: Any, nlg: Any, tracker: Any) -> List[Event]:
    """The events of `action_call`, or the apology when it fails or takes too long."""
    call = asyncio.ensure_future(asyncio.wait_for(action_call, timeout_seconds))
    try:
        await asyncio.wait({call}, timeout=SLOW_ACTION_SECONDS)
        if not call.done():
            # A slow action server: wait outside the message gate, so that it delays
            # only this conversation (red flags of others are answered meanwhile).
            async with stepped_out():
                await asyncio.wait({call})
        return call.result()
    except asyncio.CancelledError:
        call.cancel()
        raise
    except ActionExecutionRejection:
        raise  # a form rejecting input is normal flow, not a fault
    except Exception as error:  # noqa: BLE001 - any failure gets the same kind answer
        logger.error("Custom action '%s' failed (%s); sending the apology", action_name, type(error).__name__)
        return await _apologise(output_channel, nlg, tracker)


async def _apologise(output_channel: Any, nlg: Any, tracker: Any) -> List[Event]:
    message = None
    try:
        message = await nlg.generate(APOLOGY_RESPONSE, tracker, output_channel.name())
    except Exception:  # noqa: BLE001 - the apology must not fail in turn
        logger.exception("Could not render %s", APOLOGY_RESPONSE)
    message = message or {"text": _FALLBACK_TEXT}
    return [BotUttered(message.get("text"), data={k: v for k, v in message.items() if k != "text"},
                       metadata={"utter_action": APOLOGY_RESPONSE})]
