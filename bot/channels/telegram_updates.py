"""What a Telegram update means for the assistant: pure functions, no I/O.

Decisions documented here (the connector only carries them out):
- Private chat: the sender id is the chat id. Group chat: it is "<chat id>:<user id>", so
  that people in one group each have their own conversation; answers go to the group.
- In a group the assistant only answers when addressed: its @name is in the text (or
  caption), or the message is a reply to one of its messages. Button presses on its own
  messages are always addressed.
- Edited messages are handled as new messages: a correction may add a red flag
  ("ik voel mijn been niet meer") that must not be missed. A repeated answer costs less.
- Stickers, photos, voice messages, documents and other media get a kind reply without
  going through Rasa. A caption, if any, is read as text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional

# Commands shown in Telegram's menu, sent into Rasa as trusted payloads: the inbound
# screen executes them only because they come from this connector.
COMMANDS: Dict[str, str] = {
    "start": "/greet",
    "stop": "/stop_reminders",
    "vergeetmij": "/delete_my_data",
    "help": "/what_can_you_do",
    "hulp": "/what_can_you_do",
}

# Checked in this order: a forwarded photo with a document thumbnail is a photo.
MEDIA_KINDS = ("sticker", "photo", "voice", "video_note", "audio", "video", "animation",
               "document", "location", "venue", "contact", "poll", "dice")

MEDIA_REPLIES: Dict[str, str] = {
    "sticker": "Dank je voor je sticker! Ik kan alleen tekst lezen. Typ je vraag gerust in een bericht.",
    "photo": "Ik kan geen foto's bekijken, alleen tekst lezen. Typ je vraag gerust in een bericht.",
    "voice": "Ik kan geen spraakberichten beluisteren, alleen tekst lezen. Typ je vraag gerust in een bericht.",
    "document": "Ik kan geen bestanden openen, alleen tekst lezen. Typ je vraag gerust in een bericht.",
    "other": "Ik kan alleen tekst lezen. Typ je vraag gerust in een bericht.",
}
MEDIA_GROUPS = {"video_note": "voice", "audio": "voice"}

BUTTON_EXPIRED = "Deze knop werkt niet meer. Typ je vraag gerust in een bericht."
SOMETHING_WENT_WRONG = "Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens."

_COMMAND = re.compile(r"^/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?=\s|$)")


@dataclass(frozen=True)
class Incoming:
    """One update, reduced to what the connector does with it."""

    kind: str  # "text", "command", "button" or "media"
    chat_id: int
    sender_id: str
    chat_type: str = "private"
    text: str = ""  # what goes into Rasa ("" for media without caption)
    trusted: bool = False
    callback_id: str = ""
    media: str = ""
    edited: bool = False


def normalise_bot_name(name: Optional[str]) -> str:
    """`@Rugwijzer_Bot` and `rugwijzer_bot` are the same bot."""
    return (name or "").strip().lstrip("@").lower()


def sender_id_for(chat: Mapping[str, Any], user: Optional[Mapping[str, Any]]) -> str:
    """The conversation id: the chat in private, chat and person in a group."""
    if chat.get("type", "private") == "private" or not user or "id" not in user:
        return str(chat["id"])
    return f"{chat['id']}:{user['id']}"


def chat_id_of(sender_id: str) -> str:
    """The chat to answer in, for a conversation id made by `sender_id_for`."""
    return str(sender_id).split(":", 1)[0]


def _mention(bot_name: str) -> Optional[re.Pattern]:
    if not bot_name:
        return None
    return re.compile(rf"@{re.escape(bot_name)}\b", re.IGNORECASE)


def is_addressed(message: Mapping[str, Any], bot_name: str) -> bool:
    """True in private chats; in groups only when the bot is mentioned or replied to."""
    if (message.get("chat") or {}).get("type", "private") == "private":
        return True
    bot_name = normalise_bot_name(bot_name)
    replied = (message.get("reply_to_message") or {}).get("from") or {}
    if bot_name and replied.get("is_bot") and normalise_bot_name(replied.get("username")) == bot_name:
        return True
    pattern = _mention(bot_name)
    words = message.get("text") or message.get("caption") or ""
    return bool(pattern and pattern.search(words))


def strip_mention(text: str, bot_name: str) -> str:
    """The text without the bot's @name, spaces tidied."""
    pattern = _mention(normalise_bot_name(bot_name))
    if pattern:
        text = pattern.sub(" ", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def parse_command(text: str, bot_name: str) -> Optional[str]:
    """The trusted payload for a menu command (`/start`, `/start@bot`), else None."""
    match = _COMMAND.match(text.strip())
    if not match:
        return None
    target = normalise_bot_name(match.group(2))
    if target and target != normalise_bot_name(bot_name):
        return None
    return COMMANDS.get(match.group(1).lower())


def media_kind(message: Mapping[str, Any]) -> Optional[str]:
    """Which kind reply a non-text message gets, or None for service messages."""
    for kind in MEDIA_KINDS:
        if message.get(kind) is not None:
            kind = MEDIA_GROUPS.get(kind, kind)
            return kind if kind in MEDIA_REPLIES else "other"
    return None


def _from_message(message: Mapping[str, Any], bot_name: str, edited: bool) -> Optional[Incoming]:
    chat = message.get("chat") or {}
    if "id" not in chat or not is_addressed(message, bot_name):
        return None
    base = dict(chat_id=chat["id"], sender_id=sender_id_for(chat, message.get("from")),
                chat_type=chat.get("type", "private"), edited=edited)
    if message.get("text") is not None:
        text = strip_mention(message["text"], bot_name)
        # Only a mention was sent ("@rugwijzer_bot"): answer with the welcome.
        payload = parse_command(text, bot_name) or ("/greet" if not text else None)
        if payload:
            return Incoming(kind="command", text=payload, trusted=True, **base)
        return Incoming(kind="text", text=text, **base)
    kind = media_kind(message)
    if kind is None:
        return None
    caption = strip_mention(message.get("caption") or "", bot_name)
    return Incoming(kind="media", media=kind, text=caption, **base)


def classify(update: Mapping[str, Any], bot_name: str) -> Optional[Incoming]:
    """What to do with one update; None means: ignore it, store nothing."""
    bot_name = normalise_bot_name(bot_name)
    query = update.get("callback_query")
    if query:
        message = query.get("message") or {}
        chat = message.get("chat") or {}
        if "id" not in chat or not query.get("id"):
            return None
        return Incoming(kind="button", chat_id=chat["id"], sender_id=sender_id_for(chat, query.get("from")),
                        chat_type=chat.get("type", "private"), text=str(query.get("data") or ""),
                        callback_id=str(query["id"]))
    if update.get("message"):
        return _from_message(update["message"], bot_name, edited=False)
    if update.get("edited_message"):
        return _from_message(update["edited_message"], bot_name, edited=True)
    return None
