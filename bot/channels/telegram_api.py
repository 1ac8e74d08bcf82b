"""A small Telegram Bot API client on aiohttp, with Telegram's rate limits built in.

Why not aiogram 2.15 (which Rasa's connector uses): its `set_webhook` predates Bot API 6.1
and cannot send `secret_token`, and its errors hide the `retry_after` of a 429 behind
exception types. A dozen lines of aiohttp give both, and one session per process that
is created on first use inside the server's event loop (never at import or construction).
"""
from __future__ import annotations

import asyncio
import logging
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator, Callable, Dict, Optional

import aiohttp

logger = logging.getLogger(__name__)


@dataclass
class _ChatState:
    lock: asyncio.Lock
    next_at: float = 0.0


class ChatLimiter:
    """At most one message per `interval` seconds per chat; sends to one chat keep their order.

    Telegram allows about one message per second in a private chat and 20 per minute in a
    group; going faster earns 429s.
    """

    def __init__(self, private_interval: float = 1.0, group_interval: float = 3.0,
                 clock: Callable[[], float] = time.monotonic, max_chats: int = 2000) -> None:
        self.private_interval = private_interval
        self.group_interval = group_interval
        self._clock = clock
        self._max_chats = max_chats
        self._chats: Dict[str, _ChatState] = {}

    def interval_for(self, chat_id: str) -> float:
        # Group and channel ids are negative, people's ids positive.
        return self.group_interval if str(chat_id).startswith("-") else self.private_interval

    def _forget_idle(self) -> None:
        now = self._clock()
        for key in [k for k, s in self._chats.items() if not s.lock.locked() and s.next_at <= now]:
            del self._chats[key]

    @asynccontextmanager
    async def slot(self, chat_id: str) -> AsyncIterator[None]:
        """Waits for this chat's turn; the send happens inside the `async with`."""
        key = str(chat_id)
        if key not in self._chats and len(self._chats) >= self._max_chats:
            self._forget_idle()
        state = self._chats.setdefault(key, _ChatState(lock=asyncio.Lock()))
        async with state.lock:
            wait = state.next_at - self._clock()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                state.next_at = self._clock() + self.interval_for(key)


class BotApi:
    """Calls `<api_base>/bot<token>/<method>`; waits out 429s, retries briefly on 5xx/network errors.

    Failures are logged and give None: a person who blocked the bot must not break a turn.
    The token is part of every URL, so URLs are never logged.
    """

    def __init__(self, token: str, api_base: str = "https://api.telegram.org", *,
                 limiter: Optional[ChatLimiter] = None, max_attempts: int = 4,
                 max_retry_after: float = 30.0, timeout: float = 15.0) -> None:
        self._base = f"{api_base.rstrip('/')}/bot{token}"
        self.limiter = limiter or ChatLimiter()
        self.max_attempts = max_attempts
        self.max_retry_after = max_retry_after
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: Optional[aiohttp.ClientSession] = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def _post(self, method: str, params: Dict[str, Any]) -> tuple:
        async with self._client().post(f"{self._base}/{method}", json=params) as reply:
            try:
                body = await reply.json(content_type=None)
            except ValueError:
                body = {}
            return reply.status, body if isinstance(body, dict) else {}

    async def call(self, method: str, params: Optional[Dict[str, Any]] = None) -> Optional[Any]:
        """The `result` of one Bot API call, or None if it failed for good."""
        params = params or {}
        for attempt in range(1, self.max_attempts + 1):
            try:
                status, body = await self._post(method, params)
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                logger.warning("Telegram %s: %s (attempt %d)", method, type(error).__name__, attempt)
                await asyncio.sleep(0.5 * attempt)
                continue
            if status == 200 and body.get("ok"):
                return body.get("result")
            retry_after = (body.get("parameters") or {}).get("retry_after")
            if status == 429 and isinstance(retry_after, (int, float)):
                if retry_after > self.max_retry_after:
                    logger.error("Telegram %s: asked to wait %ss, giving up", method, retry_after)
                    return None
                logger.warning("Telegram %s: rate limited, waiting %ss", method, retry_after)
                await asyncio.sleep(retry_after)
                continue
            if status >= 500:
                logger.warning("Telegram %s: HTTP %s (attempt %d)", method, status, attempt)
                await asyncio.sleep(0.5 * attempt)
                continue
            logger.warning("Telegram %s failed: HTTP %s %s", method, status, body.get("description", "")[:200])
            return None
        logger.error("Telegram %s: gave up after %d attempts", method, self.max_attempts)
        return None

    async def send(self, chat_id: str, method: str, params: Dict[str, Any]) -> Optional[Any]:
        """A message to a chat, paced by the per-chat limiter (including any 429 wait)."""
        async with self.limiter.slot(chat_id):
            return await self.call(method, params)
