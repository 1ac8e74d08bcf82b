"""Rasa's REST channel, made strict about its input and honest about failures.

Stock `RestInput` answers an empty 200 when anything goes wrong (a database that is
down looks like an assistant with nothing to say) and logs the user's text with the
error. This one answers 400 for bodies it cannot read, 503 with a Dutch apology when
the message could not be handled, and logs no message text.
"""
from __future__ import annotations

import json
import logging
import re
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

SENDER_PATTERN = re.compile(r"^[A-Za-z0-9_.:@-]{1,128}$")
UNAVAILABLE_TEXT = (
    "Sorry, ik kan je bericht nu niet verwerken door een storing. Probeer het over een paar "
    "minuten opnieuw. Heb je spoed? Bel dan 112."
)


class BadRequest(ValueError):
    """The body is not what the REST channel accepts."""


def parse_body(raw: bytes) -> Dict[Text, Any]:
    """Reads `{"sender": ..., "message": ...}` or raises BadRequest with a reason."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BadRequest("body is not UTF-8") from error
    except ValueError as error:
        raise BadRequest("body is not valid JSON") from error
    if not isinstance(body, dict):
        raise BadRequest("body must be a JSON object")
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER_PATTERN.match(sender):
        raise BadRequest("'sender' must be 1-128 letters, digits or _.:@-")
    message = body.get("message", "")
    if message is None:
        message = ""
    if not isinstance(message, str):
        raise BadRequest("'message' must be a string")
    metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else None
    return {"sender": sender, "message": message, "metadata": metadata}


class ResilientRestInput(RestInput):
    """REST channel at /webhooks/rest/webhook with strict input and honest errors."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = parse_body(request.body or b"")
            except BadRequest as error:
                return response.json({"error": str(error)}, status=400)
            collector = CollectingOutputChannel()
            message = UserMessage(body["message"], collector, body["sender"],
                                  input_channel=self.name(), metadata=body["metadata"])
            try:
                await on_new_message(message)
            except CancelledError:
                logger.error("REST message from %s timed out", body["sender"][:8])
                return self._unavailable(body["sender"], 504)
            except Exception as error:  # noqa: BLE001 - any failure gets the same honest answer
                logger.error("REST message from %s failed: %s", body["sender"][:8], type(error).__name__)
                return self._unavailable(body["sender"], 503)
            return response.json(collector.messages)

        return webhook

    @staticmethod
    def _unavailable(sender: str, status: int) -> HTTPResponse:
        return response.json([{"recipient_id": sender, "text": UNAVAILABLE_TEXT}], status=status)
