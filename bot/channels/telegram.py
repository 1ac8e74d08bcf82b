"""Telegram connector: Rasa's Telegram channel, hardened.

credentials.yml holds only the class name (`bot.channels.telegram.TelegramConnector:`);
token, bot name, webhook URL, secret and API base come from settings. Compared with
`rasa.core.channels.telegram`:
- the webhook is registered once at server start, with a secret token; every update
  without that secret gets 403, and nothing is stored or sent;
- no network call per update, and nothing is created before the server runs;
- a repeated update id (Telegram re-delivers after timeouts) is handled once;
- button presses are answered, media get a kind reply, groups are answered only when the
  bot is addressed (see `telegram_updates` for these decisions);
- `/start`, `/stop`, `/vergeetmij` become trusted payloads, the only typed commands the
  inbound screen lets through, and only for this channel.
Without a token or secret the connector is disabled: its webhook answers 503.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Set, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.telegram_api import BotApi, ChatLimiter
from bot.channels.telegram_output import PayloadMap, TelegramOutput
from bot.channels.telegram_updates import (BUTTON_EXPIRED, MEDIA_REPLIES, SOMETHING_WENT_WRONG, Incoming,
                                           classify, normalise_bot_name)

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def claim_update(db_url: str, update_id: int) -> bool:
    """Records `update_id` in the app database at `db_url`; False if it was already there
    (so: handled before, or being handled)."""
    from sqlalchemy.exc import IntegrityError

    from bot.db.models import ProcessedUpdate
    from bot.db.session import session_scope

    try:
        with session_scope(db_url) as session:
            session.add(ProcessedUpdate(update_id=str(update_id)))
    except IntegrityError:
        return False
    return True


def secret_matches(given: Optional[str], expected: str) -> bool:
    """Constant-time comparison, so the secret cannot be guessed byte by byte."""
    return bool(expected) and hmac.compare_digest((given or "").encode("utf-8"), expected.encode("utf-8"))


class TelegramConnector(InputChannel):
    """Input channel at /webhooks/telegram/webhook."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramConnector":
        # Rasa builds channels from credentials.yml: the server's factory installed the settings.
        from bot.context import current_settings

        settings, credentials = current_settings(), credentials or {}
        return cls(
            db_url=settings.app_db,
            access_token=credentials.get("access_token") or settings.telegram_token,
            bot_name=credentials.get("bot_name") or settings.telegram_bot_name,
            webhook_url=credentials.get("webhook_url") or settings.telegram_webhook_url,
            secret_token=credentials.get("secret_token") or settings.telegram_secret,
            api_base=credentials.get("api_base") or settings.telegram_api_base,
            seconds_between_messages=float(credentials.get("seconds_between_messages") or 1.0),
        )

    def __init__(self, *, db_url: str, access_token: str = "", bot_name: str = "", webhook_url: str = "",
                 secret_token: str = "", api_base: str = "https://api.telegram.org",
                 seconds_between_messages: float = 1.0, api: Optional[BotApi] = None) -> None:
        self.db_url = db_url  # where update ids are recorded
        self.bot_name = normalise_bot_name(bot_name)
        self.webhook_url = webhook_url
        self.secret_token = secret_token
        self.enabled = bool(access_token and secret_token)
        if access_token and not secret_token:
            logger.error("Telegram: TELEGRAM_SECRET is not set; the connector stays off")
        limiter = ChatLimiter(private_interval=seconds_between_messages,
                              group_interval=max(3.0, seconds_between_messages))
        # Plain objects: the HTTP session is made on first use, inside the server's loop.
        self.api = api or BotApi(access_token, api_base, limiter=limiter)
        self.output = TelegramOutput(self.api, PayloadMap())
        self._running: Set[asyncio.Future] = set()

    def get_output_channel(self) -> Optional[TelegramOutput]:
        return self.output if self.enabled else None

    async def register_webhook(self) -> bool:
        """Learns the bot's name if unset and points Telegram at our webhook; retried briefly."""
        if not self.enabled:
            return False
        if not self.bot_name:
            me = await self.api.call("getMe") or {}
            self.bot_name = normalise_bot_name(me.get("username"))
        if not self.webhook_url:
            logger.warning("Telegram: TELEGRAM_WEBHOOK_URL not set; webhook not registered")
            return False
        if not self.webhook_url.startswith("https://"):
            logger.warning("Telegram only delivers to https:// webhooks; this URL is for tests")
        params = {"url": self.webhook_url, "secret_token": self.secret_token, "allowed_updates": ALLOWED_UPDATES}
        for pause in (2, 4, 0):
            if await self.api.call("setWebhook", params):
                logger.info("Telegram webhook registered")
                return True
            await asyncio.sleep(pause)
        logger.error("Telegram webhook could not be registered; updates will not arrive")
        return False

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        telegram = Blueprint("rugwijzer_telegram", __name__)

        @telegram.listener("after_server_start")
        async def start(app: Any, _loop: Any) -> None:
            # In the background: a slow Telegram must not delay the server's start.
            app.add_task(self.register_webhook())

        @telegram.listener("before_server_stop")
        async def stop(_app: Any, _loop: Any) -> None:
            if self._running:  # let answers being sent finish, briefly
                await asyncio.wait(list(self._running), timeout=10)
            await self.api.close()

        @telegram.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "disabled"})

        @telegram.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            return await self.handle_webhook(request, on_new_message)

        return telegram

    async def handle_webhook(self, request: Any, on_new_message: OnNewMessage) -> HTTPResponse:
        """Checks, de-duplicates and handles one update. Always 200 once accepted, so Telegram
        does not re-deliver something we already answered."""
        if not self.enabled:
            return response.json({"status": "disabled"}, status=503)
        if not secret_matches(request.headers.get(SECRET_HEADER), self.secret_token):
            logger.warning("Telegram: update without the right secret rejected")
            return response.json({"status": "forbidden"}, status=403)
        try:
            update = json.loads(request.body or b"")
        except ValueError:
            return response.json({"status": "invalid"}, status=400)
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            return response.json({"status": "invalid"}, status=400)
        incoming = classify(update, self.bot_name)
        if incoming is None:
            return response.json({"status": "ignored"})
        loop = asyncio.get_running_loop()
        try:
            claimed = await loop.run_in_executor(None, claim_update, self.db_url, update["update_id"])
        except Exception as error:  # noqa: BLE001 - database down: let Telegram try again later
            logger.error("Telegram: could not record update (%s)", type(error).__name__)
            return response.json({"status": "unavailable"}, status=503)
        if not claimed:
            return response.json({"status": "duplicate"})
        # Shielded: if Telegram gives up waiting (long 429 waits) and Sanic cancels this
        # handler, the update is still answered; its re-delivery is then a duplicate.
        task = asyncio.ensure_future(self._handle_safely(update["update_id"], incoming, on_new_message, request))
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        await asyncio.shield(task)
        return response.json({"status": "ok"})

    async def _handle_safely(self, update_id: int, incoming: Incoming, on_new_message: OnNewMessage,
                             request: Any) -> None:
        try:
            await self._handle(incoming, on_new_message, request)
        except Exception:  # noqa: BLE001 - the person still deserves an answer
            logger.exception("Telegram: update %s failed", update_id)
            await self.output.send_text_message(incoming.sender_id, SOMETHING_WENT_WRONG)

    async def _handle(self, incoming: Incoming, on_new_message: OnNewMessage, request: Any) -> None:
        text = incoming.text
        if incoming.kind == "button":
            text = self.output.payloads.decode(text)
            if text is None:  # a long payload's key from before a restart
                offered = await self._offered(request, incoming.sender_id)
                text = self.output.payloads.resolve(incoming.text, offered) or ""
            # Stops the spinner on the button; a toast if the button is too old to use.
            answer = {"callback_query_id": incoming.callback_id}
            if not text:
                answer["text"] = BUTTON_EXPIRED
            await self.api.call("answerCallbackQuery", answer)
        elif incoming.kind == "media":
            await self.output.send_text_message(incoming.sender_id, MEDIA_REPLIES[incoming.media])
        if not text:
            return
        await self.api.call("sendChatAction", {"chat_id": incoming.chat_id, "action": "typing"})
        metadata: Dict[str, Any] = {"telegram_chat_type": incoming.chat_type}
        if incoming.trusted:
            metadata["trusted_command"] = True
        await on_new_message(UserMessage(text, self.output, incoming.sender_id,
                                         input_channel=self.name(), metadata=metadata))

    @staticmethod
    async def _offered(request: Any, sender_id: str) -> list:
        """Payloads of buttons sent in this conversation, to recognise old short keys."""
        from bot.channels.inbound import offered_payloads

        agent = getattr(getattr(getattr(request, "app", None), "ctx", None), "agent", None)
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return []
        tracker = await store.retrieve(sender_id)
        return sorted(offered_payloads(tracker.events if tracker else []))
