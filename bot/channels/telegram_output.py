"""Sending to Telegram: long answers split, buttons as inline keyboards, images as photos."""
from __future__ import annotations

import hashlib
import logging
import re
from collections import OrderedDict
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa.core.channels.channel import OutputChannel

from bot.channels.telegram_api import BotApi
from bot.channels.telegram_updates import chat_id_of

logger = logging.getLogger(__name__)

# Telegram counts a message's length in UTF-16 code units, so an emoji counts twice.
MESSAGE_LIMIT = 4096
CALLBACK_DATA_BYTES = 64
SHORT_PAYLOAD_PREFIX = "#p:"

# Coarse to fine: paragraphs, lines, sentences, words.
_LEVELS = ((re.compile(r"\n[ \t]*\n\s*"), "\n\n"), (re.compile(r"\n"), "\n"),
           (re.compile(r"(?<=[.!?…])\s+"), " "), (re.compile(r"\s+"), " "))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _hard_cut(text: str, limit: int) -> List[str]:
    parts, current, size = [], [], 0
    for char in text:
        units = utf16_len(char)
        if size + units > limit:
            parts.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += units
    if current:
        parts.append("".join(current))
    return parts


def _split(text: str, limit: int, level: int) -> List[str]:
    if utf16_len(text) <= limit:
        return [text]
    if level == len(_LEVELS):
        return _hard_cut(text, limit)
    pattern, joiner = _LEVELS[level]
    parts: List[str] = []
    current = ""
    for piece in pattern.split(text):
        piece = piece.strip() if level >= 2 else piece.rstrip()
        if not piece.strip():
            continue
        candidate = f"{current}{joiner}{piece}" if current else piece
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        smaller = _split(piece, limit, level + 1)
        parts.extend(smaller[:-1])
        current = smaller[-1]
    if current:
        parts.append(current)
    return parts


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> List[str]:
    """`text` in as few parts as fit Telegram's limit, cut at paragraph, line, sentence or word ends."""
    text = (text or "").strip()
    if not text:
        return []
    return [part.strip() for part in _split(text, limit, 0) if part.strip()]


class PayloadMap:
    """Button payloads as `callback_data`, which Telegram limits to 64 bytes.

    A longer payload is sent as a short key derived from its hash and kept here. After a
    restart the key can still be matched against the payloads the assistant offered in
    that conversation (see `resolve`), so old buttons keep working.
    """

    def __init__(self, max_entries: int = 4096) -> None:
        self._payloads: "OrderedDict[str, str]" = OrderedDict()
        self._max_entries = max_entries

    @staticmethod
    def key_for(payload: str) -> str:
        return SHORT_PAYLOAD_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]

    def encode(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= CALLBACK_DATA_BYTES and not payload.startswith(SHORT_PAYLOAD_PREFIX):
            return payload
        key = self.key_for(payload)
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        while len(self._payloads) > self._max_entries:
            self._payloads.popitem(last=False)
        return key

    def decode(self, data: str) -> Optional[str]:
        """The payload behind `data`; None for a short key this process no longer knows."""
        if not data.startswith(SHORT_PAYLOAD_PREFIX):
            return data
        return self._payloads.get(data)

    def resolve(self, data: str, offered: Iterable[str]) -> Optional[str]:
        """Like `decode`, falling back to the payloads offered in the conversation."""
        payload = self.decode(data)
        if payload is not None:
            return payload
        return next((p for p in offered if self.key_for(p) == data), None)


def inline_keyboard(buttons: List[Dict[str, Any]], payloads: PayloadMap) -> Dict[str, Any]:
    """One button per row: Dutch titles are long, and rows of one read well on a phone."""
    rows = []
    for button in buttons:
        title = str(button.get("title") or "").strip()
        if not title:
            continue
        if button.get("url"):
            rows.append([{"text": title, "url": str(button["url"])}])
        elif button.get("payload"):
            rows.append([{"text": title, "callback_data": payloads.encode(str(button["payload"]).strip())}])
    return {"inline_keyboard": rows}


# A plain answer carries one small button to say it missed the point: the same words the
# widget's control sends, handled like typed text (data/nlu/not_what_i_meant.yml).
NOT_MEANT_TEXT = "dat bedoelde ik niet"
NOT_MEANT_BUTTON = {"inline_keyboard": [[{"text": "Dat bedoelde ik niet", "callback_data": NOT_MEANT_TEXT}]]}


def not_meant_markup(text: str) -> Optional[Dict[str, Any]]:
    """The button under an assistant's answer; none under a therapist's message."""
    from bot.console.words import reply_author

    return None if reply_author(text) else NOT_MEANT_BUTTON


class TelegramOutput(OutputChannel):
    """Rasa's output channel for Telegram; one per process, shared by every conversation."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    def __init__(self, api: BotApi, payloads: PayloadMap) -> None:
        self.api = api
        self.payloads = payloads

    async def _send_parts(self, recipient_id: Text, text: Text, markup: Optional[Dict[str, Any]] = None) -> None:
        chat_id = chat_id_of(recipient_id)
        parts = split_message(text) or ([""] if markup else [])
        for index, part in enumerate(parts):
            params: Dict[str, Any] = {"chat_id": chat_id, "text": part or "…"}
            if markup and index == len(parts) - 1:
                params["reply_markup"] = markup
            await self.api.send(chat_id, "sendMessage", params)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._send_parts(recipient_id, text, not_meant_markup(text))

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[str, Any]],
                                     **kwargs: Any) -> None:
        markup = inline_keyboard(buttons, self.payloads)
        await self._send_parts(recipient_id, text, markup if markup["inline_keyboard"] else None)

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        chat_id = chat_id_of(recipient_id)
        await self.api.send(chat_id, "sendPhoto", {"chat_id": chat_id, "photo": image})

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        # Only the two shapes the assistant produces; anything else is a bug upstream.
        if json_message.get("photo"):
            await self.send_image_url(recipient_id, str(json_message["photo"]))
        elif json_message.get("text"):
            await self._send_parts(recipient_id, str(json_message["text"]))
        else:
            logger.warning("Telegram: custom message without text or photo dropped")
