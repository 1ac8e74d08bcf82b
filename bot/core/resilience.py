"""Custom actions that fail or hang must not leave a worried user in silence.

Stock Rasa waits up to five minutes for the action server and, when it fails, logs the
error and says nothing. We bound the wait and answer with a kind apology instead. The
safety messages do not depend on this: they are responses of the in-server CarePolicy.
"""
from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, List

from rasa.core.actions.action import RemoteAction
from rasa.core.actions.action import ActionExecutionRejection
from rasa.shared.core.events import BotUttered, Event

from bot.core.admission import stepped_out

logger = logging.getLogger(__name__)

APOLOGY_RESPONSE = "utter_action_unavailable"
_FALLBACK_TEXT = (
    "Sorry, een deel van mij werkt nu even niet. Probeer het over een paar minuten opnieuw. "
    "Heb je spoed? Bel dan 112."
)


def install_fast_response_check() -> None:
    """Validates action-server replies with one validator built once (idempotent).

    Rasa calls `jsonschema.validate` per reply, which rebuilds the validator from the
    schema every time: a quarter of the Rasa server's CPU under load (make bench).
    """
    if getattr(RemoteAction._validate_action_result, "_rugwijzer_cached", False):
        return
    from jsonschema.validators import validator_for

    schema = RemoteAction.action_response_format_spec()
    validator = validator_for(schema)(schema)

    def _validate_action_result(self: RemoteAction, result: Any) -> bool:
        validator.validate(result)  # raises ValidationError like the original
        return True

    _validate_action_result._rugwijzer_cached = True  # type: ignore[attr-defined]
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[assignment]


# A healthy action server answers in a few milliseconds. Stepping out of the gate for
# every call measured worse (make bench: plan steps queued behind each other, p99 3.5 s),
# so only a call that is already slow gives its place up.
SLOW_ACTION_SECONDS = 0.25


def install_action_timeout(timeout_seconds: float) -> None:
    """Wraps `RemoteAction.run` once per process (idempotent)."""
    if getattr(RemoteAction.run, "_rugwijzer_wrapped", False):
        return
    original = RemoteAction.run

    @functools.wraps(original)
    async def run(self: RemoteAction, output_channel, nlg, tracker, domain) -> List[Event]:
        call = asyncio.ensure_future(
            asyncio.wait_for(original(self, output_channel, nlg, tracker, domain), timeout_seconds))
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
            logger.error("Custom action '%s' failed (%s); sending the apology", self.name(), type(error).__name__)
            return await _apologise(output_channel, nlg, tracker)

    run._rugwijzer_wrapped = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[assignment]


async def _apologise(output_channel: Any, nlg: Any, tracker: Any) -> List[Event]:
    message = None
    try:
        message = await nlg.generate(APOLOGY_RESPONSE, tracker, output_channel.name())
    except Exception:  # noqa: BLE001 - the apology must not fail in turn
        logger.exception("Could not render %s", APOLOGY_RESPONSE)
    message = message or {"text": _FALLBACK_TEXT}
    return [BotUttered(message.get("text"), data={k: v for k, v in message.items() if k != "text"},
                       metadata={"utter_action": APOLOGY_RESPONSE})]
