"""Rasa's socket.io channel, hardened for the website widget.

In credentials.yml: `bot.channels.socketio.SecureSocketIOInput:` (same keys as `socketio:`).

What differs from stock `SocketIOInput`:
- The server issues session ids (random, signed with HMAC-SHA256 over `console_secret`).
  A client may come back with an id only together with its signature, so nobody can
  read or write someone else's conversation by guessing or copying an id.
- The socket is bound to its session on the server; `user_uttered` ignores any
  `session_id` the client sends. A socket without a session gets `session_error`.
- Sockets join the room named after the session (awaited: with python-socketio 5.x
  `enter_room` is a coroutine, which stock Rasa 3.6 never awaits, so pushed messages
  such as a therapist's reply never arrived).
- `history_request` returns the messages of the current session, to show after a reload.
- Custom JSON (`json_message`, e.g. an image with `alt`) reaches the widget.
- Metadata keys only the server may set are dropped; packets and texts are size-limited;
  connections from origins other than the page's own or `cors_origins` are refused.
- With several instances (a Redis in SOCKETIO_REDIS_URL or LOCK_STORE_URL), every emit
  goes through Redis to the instance that holds the socket: a therapist's reply, a
  reminder or a breathing step reaches the widget whichever instance sends it.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Tuple
from urllib.parse import urlsplit

from rasa.core.channels.channel import UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request

from bot.channels.inbound import SERVER_KEYS
from bot.settings import Settings

logger = logging.getLogger(__name__)

SESSION_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")  # what token_urlsafe(24) makes
HISTORY_LIMIT = 200


@functools.lru_cache(maxsize=4)
def signing_key(secret: str) -> bytes:
    """Key for session signatures, derived from `console_secret` (separate purpose)."""
    if not secret:
        # An empty secret would let anyone sign ids; a per-process key is safe, but
        # sessions then do not survive a server restart.
        logger.warning("CONSOLE_SECRET is empty: widget sessions end when the server restarts")
        return secrets.token_bytes(32)
    return hmac.new(secret.encode("utf-8"), b"rugwijzer/socketio-session/v1", hashlib.sha256).digest()


def sign_session(session_id: str, key: bytes) -> str:
    """Hex HMAC-SHA256 of `session_id`."""
    return hmac.new(key, session_id.encode("utf-8"), hashlib.sha256).hexdigest()


def claim_session(data: Any, key: bytes) -> Tuple[str, str, bool]:
    """(session id, signature, was the client's own id accepted) for a `session_request`."""
    if isinstance(data, dict):
        session_id, signature = data.get("session_id"), data.get("signature")
        if (isinstance(session_id, str) and isinstance(signature, str)
                and SESSION_ID_PATTERN.match(session_id)
                and hmac.compare_digest(sign_session(session_id, key), signature)):
            return session_id, signature, True
    session_id = secrets.token_urlsafe(24)
    return session_id, sign_session(session_id, key), False


def client_metadata(data: Dict[str, Any], metadata_key: str) -> Dict[str, Any]:
    """The client's metadata as a dict, without keys only the server may set."""
    raw = data.get(metadata_key) or {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = {}
    if not isinstance(raw, dict):
        return {}
    return {key: value for key, value in raw.items() if key not in SERVER_KEYS}


def origin_allowed(environ: Dict[str, Any], allowed: Iterable[str]) -> bool:
    """True for the page's own origin, an origin in `allowed`, or no Origin header."""
    origin = environ.get("HTTP_ORIGIN")
    allowed = tuple(allowed)
    if not origin or "*" in allowed or origin in allowed:
        return True
    hosts = {environ.get("HTTP_HOST"), environ.get("HTTP_X_FORWARDED_HOST")}
    return urlsplit(origin).netloc in hosts - {None}


def history_messages(events: Iterable[Any], now: Optional[float] = None,
                     open_seconds: Optional[float] = None) -> List[Dict[str, Any]]:
    """User and bot messages after the last restart, shaped like `bot_uttered` payloads.

    Only the last message may keep its buttons, and only while its question is open: not
    after the user answered, nor once the session expired (`open_seconds` after it was
    asked at `now`). Buttons of answered questions clicked after a reload led nowhere.
    """
    from rasa.shared.core.events import BotUttered, Restarted, UserUttered

    messages: List[Dict[str, Any]] = []
    titles: Dict[str, str] = {}
    asked_at: Optional[float] = None
    for event in events:
        if isinstance(event, BotUttered):
            asked_at = event.timestamp
        if isinstance(event, Restarted):
            messages, titles = [], {}
        elif isinstance(event, UserUttered) and event.text:
            # A button press is stored as its payload; show what the user clicked.
            messages.append({"sender": "user", "text": titles.get(event.text.strip(), event.text)})
        elif isinstance(event, BotUttered):
            messages.extend(_bot_messages(event.text or "", event.data or {}))
            for button in (event.data or {}).get("buttons") or []:
                if isinstance(button, dict) and button.get("payload"):
                    titles[str(button["payload"]).strip()] = str(button.get("title", ""))
    messages = messages[-HISTORY_LIMIT:]
    expired = (now is not None and open_seconds is not None and asked_at is not None
               and now - asked_at > open_seconds)
    for index, message in enumerate(messages):
        if index < len(messages) - 1 or expired:
            message.pop("quick_replies", None)
    return messages


def _bot_messages(text: str, data: Dict[str, Any]) -> List[Dict[str, Any]]:
    # Split like SocketIOOutput does, so a reload shows the same bubbles as live.
    parts: List[Dict[str, Any]] = [
        {"sender": "bot", "text": part} for part in text.strip().split("\n\n") if part.strip()
    ]
    buttons = [b for b in data.get("buttons") or [] if isinstance(b, dict)]
    if buttons:
        if not parts:
            parts.append({"sender": "bot", "text": ""})
        parts[-1]["quick_replies"] = [
            {"content_type": "text", "title": b.get("title", ""), "payload": b.get("payload", "")}
            for b in buttons
        ]
    custom = data.get("custom")
    if isinstance(custom, dict) and (custom.get("text") or custom.get("attachment")):
        parts.append({"sender": "bot", **{k: custom[k] for k in ("text", "attachment") if k in custom}})
    if data.get("image"):
        parts.append({"sender": "bot", "attachment": {"type": "image", "payload": {"src": data["image"]}}})
    if isinstance(custom, dict) and custom.get("handoff"):
        # Whether a therapist holds the chat, so a reloaded widget shows no typing dots then.
        parts.append({"sender": "bot", "handoff": str(custom["handoff"])})
    return parts


def client_manager(settings: Settings) -> Any:
    """python-socketio's Redis manager when a Redis is configured, else None (one process)."""
    url = settings.socketio_redis_url or settings.lock_store_url
    if not url:
        return None
    from socketio import AsyncRedisManager

    # Only emits travel on this channel; sessions and rooms stay with each instance.
    return AsyncRedisManager(url, channel="rugwijzer-socketio")


class SecureSocketIOOutput(SocketIOOutput):
    """`SocketIOOutput` whose custom JSON reaches the widget (e.g. an image with alt text)."""

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        # Stock Rasa passes the message's keys as emit() arguments, so the widget got nothing.
        await self._send_message(recipient_id, json_message)


class SecureSocketIOInput(SocketIOInput):
    """`SocketIOInput` with server-issued, signed sessions and history for reloads."""

    _app: Optional[Sanic] = None

    def __init__(self, *args: Any, settings: Settings, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = settings

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "SecureSocketIOInput":
        """Rasa's own reading of credentials.yml, with the settings the server's factory installed."""
        from bot.context import current_settings

        credentials = credentials or {}
        return cls(credentials.get("user_message_evt", "user_uttered"),
                   credentials.get("bot_message_evt", "bot_uttered"),
                   credentials.get("namespace"),
                   credentials.get("session_persistence", False),
                   credentials.get("socketio_path", "/socket.io"),
                   credentials.get("jwt_key"),
                   credentials.get("jwt_method", "HS256"),
                   credentials.get("metadata_key", "metadata"),
                   settings=current_settings())

    async def session_request(self, sio: Any, sid: str, data: Any) -> Dict[str, Any]:
        """Binds the socket to a (possibly new) session and confirms it to the client."""
        session_id, signature, resumed = claim_session(data, signing_key(self.settings.console_secret))
        state = await sio.get_session(sid, namespace=self.namespace)
        previous = state.get("session_id")
        if previous and previous != session_id:
            await sio.leave_room(sid, previous, namespace=self.namespace)
        await sio.save_session(sid, {"session_id": session_id}, namespace=self.namespace)
        await sio.enter_room(sid, session_id, namespace=self.namespace)
        confirm = {"session_id": session_id, "signature": signature, "resumed": resumed,
                   "retention_days": self.settings.retention_days,
                   "max_message_chars": self.settings.max_message_chars}
        await sio.emit("session_confirm", confirm, room=sid, namespace=self.namespace)
        return confirm

    async def bound_session(self, sio: Any, sid: str) -> Optional[str]:
        """The session this socket is bound to; tells the client when there is none."""
        session_id = (await sio.get_session(sid, namespace=self.namespace)).get("session_id")
        if not session_id:
            await sio.emit("session_error", {"reason": "no_session"}, room=sid, namespace=self.namespace)
        return session_id

    async def user_uttered(self, sio: Any, sid: str, data: Any,
                           on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Passes one message on, as the bound session, whatever ids the client sent."""
        session_id = await self.bound_session(sio, sid)
        if not session_id or not isinstance(data, dict) or not isinstance(data.get("message"), str):
            return
        max_chars = self.settings.max_message_chars
        # One character over the limit is enough for the inbound screen to trim and tell.
        text = data["message"][: max_chars + 1]
        message = UserMessage(text, SecureSocketIOOutput(sio, self.bot_message_evt), session_id,
                              input_channel=self.name(),
                              metadata=client_metadata(data, self.metadata_key))
        await on_new_message(message)

    async def history(self, sio: Any, sid: str) -> Dict[str, Any]:
        """Messages of the bound session, for the widget to show again after a reload."""
        session_id = await self.bound_session(sio, sid)
        agent = getattr(getattr(self._app, "ctx", None), "agent", None)
        if not session_id or agent is None or agent.tracker_store is None:
            return {"messages": []}
        tracker = await agent.tracker_store.retrieve(session_id)
        minutes = getattr(getattr(agent.domain, "session_config", None), "session_expiration_time", 0) or 0
        return {"messages": history_messages(tracker.events if tracker else [], now=time.time(),
                                             open_seconds=minutes * 60 if minutes > 0 else None)}

    def get_output_channel(self) -> Optional[SocketIOOutput]:
        """Output for messages pushed from outside a turn (a therapist's reply, a reminder)."""
        return SecureSocketIOOutput(self.sio, self.bot_message_evt) if self.sio else None

    def _accepts(self, environ: Dict[str, Any], auth: Optional[Dict[str, Any]]) -> bool:
        if not origin_allowed(environ, self.settings.cors_origins):
            logger.info("socket.io connection from a foreign origin refused")
            return False
        if self.jwt_key:
            token = (auth or {}).get("token")
            return bool(token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))
        return True

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Socket.IO server with the hardened handlers."""
        from socketio import AsyncServer

        # CORS headers come from Sanic-CORS (cors_allowed_origins=[] disables engine.io's
        # own, which would duplicate them); the origin is checked on connect instead.
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[],
                          max_http_buffer_size=self.settings.max_body_bytes,
                          client_manager=client_manager(self.settings))
        bp = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        ns = self.namespace

        # The blueprint only gets on_new_message; history needs the agent's tracker store,
        # which lives on the app. Keep the app from the server's start listener and read
        # `app.ctx.agent` when asked, because the agent is loaded after the app is built.
        @bp.listener("before_server_start")
        async def keep_app(app: Sanic, _loop: Any) -> None:
            self._app = app

        @bp.route("/", methods=["GET"])
        async def health(_: Request):
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=ns)
        async def connect(sid: str, environ: Dict, auth: Optional[Dict] = None) -> bool:
            return self._accepts(environ, auth)

        @sio.on("session_request", namespace=ns)
        async def session_request(sid: str, data: Any = None) -> None:
            await self.session_request(sio, sid, data)

        @sio.on(self.user_message_evt, namespace=ns)
        async def handle_message(sid: str, data: Any = None) -> None:
            await self.user_uttered(sio, sid, data, on_new_message)

        @sio.on("history_request", namespace=ns)
        async def history_request(sid: str, _data: Any = None) -> Dict[str, Any]:
            return await self.history(sio, sid)

        return bp
