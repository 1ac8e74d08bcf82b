"""The few calls the console makes to Rasa's HTTP API about one conversation."""
from __future__ import annotations

import asyncio
import logging
import re
import time
from typing import Any, Dict, List
from urllib.parse import quote

import aiohttp
from yarl import URL

logger = logging.getLogger(__name__)
# Rasa's Sanic routes take the conversation id from the raw path, without percent-decoding:
# an id must go into the URL as it is, so only ids made of URL-safe characters can be reached.
_RAW_PATH_SAFE = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]+$")


class RasaUnavailable(Exception):
    """Rasa's HTTP API did not do what was asked."""


class RasaConversations:
    """Sets slots, runs responses and reads events of conversations, with the API token."""

    def __init__(self, base_url: str, token: str, timeout_seconds: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    def _url(self, conversation_id: str, tail: str, **params: str) -> str:
        if not _RAW_PATH_SAFE.match(conversation_id or ""):
            raise RasaUnavailable("conversation id cannot be put in a URL path unchanged")
        query = "&".join(f"{key}={quote(value, safe='')}" for key, value in {**params, "token": self.token}.items())
        return f"{self.base_url}/conversations/{conversation_id}/{tail}?{query}"

    async def _call(self, method: str, url: str, body: Any = None) -> Any:
        try:
            async with aiohttp.ClientSession(timeout=self.timeout) as client:
                async with client.request(method, URL(url, encoded=True), json=body) as reply:
                    if reply.status >= 300:
                        raise RasaUnavailable(f"{method} {url.split('?')[0]}: HTTP {reply.status}")
                    return await reply.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise RasaUnavailable(f"{method} {url.split('?')[0]}: {type(error).__name__}") from error

    async def set_slots(self, conversation_id: str, slots: Dict[str, Any]) -> None:
        """Appends SlotSet events to the conversation."""
        events = [{"event": "slot", "name": name, "value": value, "timestamp": time.time()}
                  for name, value in slots.items()]
        await self._call("POST", self._url(conversation_id, "tracker/events"), events)

    async def utter(self, conversation_id: str, response: str) -> None:
        """Runs `response` and sends it to the channel the user last wrote from."""
        await self._call("POST", self._url(conversation_id, "execute", output_channel="latest"), {"name": response})

    async def events(self, conversation_id: str) -> List[Dict[str, Any]]:
        """The conversation's events since its last restart."""
        tracker = await self._call("GET", self._url(conversation_id, "tracker"))
        return list((tracker or {}).get("events") or [])
