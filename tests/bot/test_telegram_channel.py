"""The Telegram connector's pure helpers, its webhook checks, and its Bot API client (against the stub)."""
from __future__ import annotations

import asyncio
import json
import time
from types import SimpleNamespace

import pytest

from bot.channels import telegram as connector_module
from bot.channels.telegram import SECRET_HEADER, TelegramConnector, secret_matches
from bot.channels.telegram_api import BotApi, ChatLimiter
from bot.channels.telegram_output import (CALLBACK_DATA_BYTES, MESSAGE_LIMIT, PayloadMap, inline_keyboard,
                                          split_message, utf16_len)
from bot.channels.telegram_updates import MEDIA_REPLIES, SOMETHING_WENT_WRONG, chat_id_of, classify, is_addressed
from tests.e2e.telegram_stub import TelegramStub

BOT = "rugwijzer_test_bot"
PRIVATE = {"id": 42, "type": "private"}
GROUP = {"id": -1001234, "type": "supergroup"}
PERSON = {"id": 42, "is_bot": False, "first_name": "Anna"}
BOT_USER = {"id": 1, "is_bot": True, "username": BOT}


def message(chat=PRIVATE, **content):
    return {"update_id": 1, "message": {"message_id": 7, "date": 0, "chat": chat, "from": PERSON, **content}}


# --- splitting ---------------------------------------------------------------------------

def test_short_text_is_one_message():
    assert split_message("Hoi!\n\nHoe gaat het?") == ["Hoi!\n\nHoe gaat het?"]
    assert split_message("   ") == []


def test_long_text_splits_on_paragraphs_within_the_limit():
    paragraphs = [f"Alinea {i}. " + "Rustig bewegen helpt. " * 40 for i in range(12)]
    parts = split_message("\n\n".join(paragraphs))
    assert len(parts) > 1
    assert all(utf16_len(part) <= MESSAGE_LIMIT for part in parts)
    assert all(part.startswith("Alinea") for part in parts)  # never cut inside a paragraph
    assert " ".join(parts).split() == " ".join(paragraphs).split()


def test_one_long_paragraph_splits_on_sentences():
    text = " ".join(f"Zin nummer {i} gaat over je rug." for i in range(400))
    parts = split_message(text, limit=500)
    assert all(len(part) <= 500 and part.endswith(".") for part in parts)
    assert " ".join(parts) == text


def test_text_without_spaces_is_cut_hard_and_emoji_count_double():
    assert [len(p) for p in split_message("x" * 9000)] == [4096, 4096, 808]
    parts = split_message("😀" * 3000)  # 6000 UTF-16 units
    assert [utf16_len(p) for p in parts] == [4096, 1904]


# --- buttons -----------------------------------------------------------------------------

def test_short_payload_is_sent_as_is():
    payloads = PayloadMap()
    assert payloads.encode("/magnesium_role") == "/magnesium_role"
    assert payloads.decode("/magnesium_role") == "/magnesium_role"


def test_long_payload_gets_a_short_key_that_maps_back():
    payloads = PayloadMap()
    long_payload = '/report_pain{"pain_score": "7", "note": "' + "x" * 80 + '"}'
    key = payloads.encode(long_payload)
    assert len(key.encode()) <= CALLBACK_DATA_BYTES
    assert payloads.decode(key) == long_payload


def test_unknown_key_resolves_from_offered_payloads_after_a_restart():
    long_payload = "/" + "a" * 100
    key = PayloadMap().encode(long_payload)
    fresh = PayloadMap()
    assert fresh.decode(key) is None
    assert fresh.resolve(key, ["/greet", long_payload]) == long_payload
    assert fresh.resolve(key, ["/greet"]) is None


def test_payload_map_is_bounded():
    payloads = PayloadMap(max_entries=2)
    keys = [payloads.encode("/" + c * 70) for c in "abc"]
    assert payloads.decode(keys[0]) is None and payloads.decode(keys[2]) == "/" + "c" * 70


def test_inline_keyboard_has_one_button_per_row():
    markup = inline_keyboard([{"title": "Ja", "payload": "/affirm"}, {"title": "Site", "url": "https://x.nl"},
                              {"title": "", "payload": "/deny"}], PayloadMap())
    assert markup == {"inline_keyboard": [[{"text": "Ja", "callback_data": "/affirm"}],
                                          [{"text": "Site", "url": "https://x.nl"}]]}


# --- update classification -------------------------------------------------------------

def test_private_text_is_text_with_chat_id_as_sender():
    incoming = classify(message(text="Wat doet magnesium?"), BOT)
    assert (incoming.kind, incoming.text, incoming.sender_id, incoming.trusted) == (
        "text", "Wat doet magnesium?", "42", False)


@pytest.mark.parametrize("text, payload", [("/start", "/greet"), ("/start ref-flyer", "/greet"),
                                           ("/stop", "/stop_reminders"), ("/vergeetmij", "/delete_my_data"),
                                           ("/start@Rugwijzer_Test_Bot", "/greet")])
def test_menu_commands_become_trusted_payloads(text, payload):
    incoming = classify(message(text=text), BOT)
    assert (incoming.kind, incoming.text, incoming.trusted) == ("command", payload, True)


def test_a_typed_intent_is_not_trusted():
    incoming = classify(message(text="/delete_my_data"), BOT)
    assert (incoming.kind, incoming.text, incoming.trusted) == ("text", "/delete_my_data", False)


@pytest.mark.parametrize("content, kind", [
    ({"sticker": {"file_id": "s"}}, "sticker"), ({"photo": [{"file_id": "p"}]}, "photo"),
    ({"voice": {"file_id": "v"}}, "voice"), ({"document": {"file_id": "d"}}, "document"),
    ({"video_note": {"file_id": "n"}}, "voice"), ({"location": {"latitude": 1, "longitude": 2}}, "other"),
])
def test_media_get_a_kind_reply(content, kind):
    incoming = classify(message(**content), BOT)
    assert (incoming.kind, incoming.media, incoming.text) == ("media", kind, "")
    assert "tekst" in MEDIA_REPLIES[kind]


def test_a_caption_is_read_as_text():
    incoming = classify(message(photo=[{"file_id": "p"}], caption="Mijn rug doet pijn"), BOT)
    assert (incoming.kind, incoming.media, incoming.text) == ("media", "photo", "Mijn rug doet pijn")


def test_service_messages_and_unknown_updates_are_ignored():
    assert classify(message(new_chat_members=[PERSON]), BOT) is None
    assert classify({"update_id": 1, "channel_post": {"text": "x"}}, BOT) is None


def test_edited_message_is_handled_as_new_message():
    update = {"update_id": 2, "edited_message": message(text="Ik voel mijn been niet")["message"]}
    incoming = classify(update, BOT)
    assert (incoming.kind, incoming.text, incoming.edited) == ("text", "Ik voel mijn been niet", True)


def test_button_press_passes_its_data():
    update = {"update_id": 3, "callback_query": {"id": "cb1", "from": PERSON, "data": "/affirm",
                                                 "message": {"message_id": 9, "chat": PRIVATE, "from": BOT_USER}}}
    incoming = classify(update, BOT)
    assert (incoming.kind, incoming.text, incoming.callback_id, incoming.sender_id) == ("button", "/affirm", "cb1", "42")


def test_group_message_not_addressed_is_ignored():
    assert classify(message(chat=GROUP, text="Wie heeft er ook rugpijn?"), BOT) is None
    assert classify(message(chat=GROUP, text="/start"), BOT) is None  # may be for another bot
    assert classify(message(chat=GROUP, text="/start@other_bot"), BOT) is None
    assert classify(message(chat=GROUP, sticker={"file_id": "s"}), BOT) is None


def test_group_mention_is_answered_per_person():
    incoming = classify(message(chat=GROUP, text="@Rugwijzer_Test_Bot wat doet magnesium?"), BOT)
    assert (incoming.text, incoming.sender_id, incoming.chat_id) == ("wat doet magnesium?", "-1001234:42", -1001234)
    assert chat_id_of(incoming.sender_id) == "-1001234"
    assert classify(message(chat=GROUP, text="/start@rugwijzer_test_bot"), BOT).text == "/greet"


def test_group_reply_to_the_bot_is_addressed_but_not_to_others():
    reply = {"message_id": 5, "from": BOT_USER, "chat": GROUP}
    assert is_addressed(message(chat=GROUP, text="ja", reply_to_message=reply)["message"], BOT)
    other = {**reply, "from": {"id": 9, "is_bot": True, "username": "other_bot"}}
    assert not is_addressed(message(chat=GROUP, text="ja", reply_to_message=other)["message"], BOT)
    assert not is_addressed(message(chat=GROUP, text="mail @rugwijzer_test_bot_fan")["message"], BOT)


# --- the webhook's checks ----------------------------------------------------------------

def request(body, secret=None):
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return SimpleNamespace(headers=headers, body=raw, app=SimpleNamespace(ctx=SimpleNamespace()))


def run_webhook(channel, req, received):
    async def on_new_message(user_message):
        received.append(user_message)

    async def go():
        try:
            return await channel.handle_webhook(req, on_new_message)
        finally:
            await channel.api.close()

    return asyncio.run(go())


def test_secret_compare():
    assert secret_matches("s3cret", "s3cret")
    assert not secret_matches("s3cre", "s3cret") and not secret_matches(None, "s3cret")
    assert not secret_matches("", "")  # no secret configured never matches


def test_disabled_connector_answers_503_and_has_no_output():
    channel = TelegramConnector(access_token="", secret_token="s")
    assert run_webhook(channel, request(message(text="hoi"), "s"), []).status == 503
    assert channel.get_output_channel() is None
    assert TelegramConnector(access_token="1:x", secret_token="").enabled is False


@pytest.mark.parametrize("secret", [None, "wrong", "s3cret "])
def test_wrong_secret_is_403_and_nothing_happens(secret, monkeypatch):
    claims = []
    monkeypatch.setattr(connector_module, "claim_update", lambda update_id: claims.append(update_id) or True)
    received = []
    channel = TelegramConnector(access_token="1:x", secret_token="s3cret", api_base="http://127.0.0.1:9")
    assert run_webhook(channel, request(message(text="hoi"), secret), received).status == 403
    assert received == [] and claims == []


def test_from_credentials_falls_back_to_settings(monkeypatch):
    from bot import settings as settings_module

    values = settings_module.load_settings({"TELEGRAM_TOKEN": "1:abc", "TELEGRAM_SECRET": "s",
                                            "TELEGRAM_BOT_NAME": "@Rugwijzer_Bot"})
    monkeypatch.setattr(settings_module, "get_settings", lambda: values)
    channel = TelegramConnector.from_credentials(None)
    assert channel.enabled and channel.bot_name == "rugwijzer_bot" and channel.secret_token == "s"
    assert TelegramConnector.from_credentials({"bot_name": "x_bot"}).bot_name == "x_bot"


# --- the webhook against the stub --------------------------------------------------------

@pytest.fixture()
def stub():
    api = TelegramStub()
    base = api.start()
    api.base_url = base
    yield api
    api.stop()


def connected(stub, monkeypatch, seen=None):
    seen = set() if seen is None else seen

    def claim(update_id):
        if update_id in seen:
            return False
        seen.add(update_id)
        return True

    monkeypatch.setattr(connector_module, "claim_update", claim)
    return TelegramConnector(access_token="1:x", bot_name=BOT, secret_token="s", api_base=stub.base_url,
                             seconds_between_messages=0.2)


def test_media_reply_goes_out_without_rasa(stub, monkeypatch):
    received = []
    channel = connected(stub, monkeypatch)
    assert run_webhook(channel, request(message(voice={"file_id": "v"}), "s"), received).status == 200
    assert received == []
    assert [p["text"] for p in stub.calls("sendMessage", 42)] == [MEDIA_REPLIES["voice"]]


def test_button_press_is_answered_and_passed_on_once(stub, monkeypatch):
    received, seen = [], set()
    channel = connected(stub, monkeypatch, seen)
    update = {"update_id": 77, "callback_query": {"id": "cb9", "from": PERSON, "data": "/affirm",
                                                  "message": {"message_id": 9, "chat": PRIVATE}}}
    for _ in range(2):
        assert run_webhook(channel, request(update, "s"), received).status == 200
    assert [m.text for m in received] == ["/affirm"]
    assert received[0].metadata == {"telegram_chat_type": "private"}
    assert stub.calls("answerCallbackQuery") == [{"callback_query_id": "cb9"}]


def test_start_is_sent_as_trusted_command(stub, monkeypatch):
    received = []
    run_webhook(connected(stub, monkeypatch), request(message(text="/start"), "s"), received)
    assert (received[0].text, received[0].input_channel, received[0].metadata["trusted_command"]) == (
        "/greet", "telegram", True)


def test_a_failing_turn_still_gets_a_kind_answer(stub, monkeypatch):
    channel = connected(stub, monkeypatch)

    async def broken(_message):
        raise RuntimeError("tracker store down")

    async def go():
        try:
            return await channel.handle_webhook(request(message(text="hoi"), "s"), broken)
        finally:
            await channel.api.close()

    assert asyncio.run(go()).status == 200
    assert [p["text"] for p in stub.calls("sendMessage", 42)] == [SOMETHING_WENT_WRONG]


def test_invalid_json_is_400(stub, monkeypatch):
    assert run_webhook(connected(stub, monkeypatch), request(b"{nope", "s"), []).status == 400


# --- the Bot API client ------------------------------------------------------------------

def test_429_is_waited_out_and_retried(stub):
    stub.rate_limit_next(2, retry_after=1)
    api = BotApi("1:x", stub.base_url)

    async def go():
        try:
            return await api.send("42", "sendMessage", {"chat_id": "42", "text": "hoi"})
        finally:
            await api.close()

    started = time.monotonic()
    result = asyncio.run(go())
    assert result["text"] == "hoi" and time.monotonic() - started >= 2.0
    assert len(stub.calls("sendMessage", 42)) == 3


def test_too_long_retry_after_gives_up(stub):
    stub.rate_limit_next(1, retry_after=600)
    api = BotApi("1:x", stub.base_url, max_retry_after=30)

    async def go():
        try:
            return await api.call("sendMessage", {"chat_id": "42", "text": "hoi"})
        finally:
            await api.close()

    assert asyncio.run(go()) is None


def test_limiter_spaces_messages_per_chat_but_not_across_chats():
    limiter = ChatLimiter(private_interval=0.3, group_interval=0.6)
    stamps = {}

    async def send(chat):
        async with limiter.slot(chat):
            stamps.setdefault(chat, []).append(time.monotonic())

    async def go():
        await asyncio.gather(*(send(chat) for chat in ["1", "1", "1", "2", "-5", "-5"]))

    asyncio.run(go())
    gaps = lambda chat: [b - a for a, b in zip(stamps[chat], stamps[chat][1:])]  # noqa: E731
    assert all(gap >= 0.28 for gap in gaps("1")) and all(gap >= 0.58 for gap in gaps("-5"))
    assert abs(stamps["2"][0] - stamps["1"][0]) < 0.2
