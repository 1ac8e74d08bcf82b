"""Telegram connector: the webhook's checks, the flow against a stand-in Bot API, pacing."""
from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest

from bot.channels import telegram as connector_module
from bot.channels.telegram import SECRET_HEADER, TelegramConnector, secret_matches
from bot.channels.telegram_api import BotApi, ChatLimiter
from bot.channels.telegram_updates import MEDIA_REPLIES, SOMETHING_WENT_WRONG
from tests.e2e.telegram_stub import TelegramStub
from tests.bot.telegram_samples import BOT, PERSON, PRIVATE, message
from tests.settings import install_for_test, make_settings

# Where the connector records update ids; these tests replace `claim_update`, so nothing is written.
DB_URL = "sqlite://"


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
    channel = TelegramConnector(db_url=DB_URL, access_token="", secret_token="s")
    assert run_webhook(channel, request(message(text="hoi"), "s"), []).status == 503
    assert channel.get_output_channel() is None
    assert TelegramConnector(db_url=DB_URL, access_token="1:x", secret_token="").enabled is False


@pytest.mark.parametrize("secret", [None, "wrong", "s3cret "])
def test_wrong_secret_is_403_and_nothing_happens(secret, monkeypatch):
    claims = []
    monkeypatch.setattr(connector_module, "claim_update", lambda _url, update_id: claims.append(update_id) or True)
    received = []
    channel = TelegramConnector(db_url=DB_URL, access_token="1:x", secret_token="s3cret", api_base="http://127.0.0.1:9")
    assert run_webhook(channel, request(message(text="hoi"), secret), received).status == 403
    assert received == [] and claims == []


def test_from_credentials_falls_back_to_settings(monkeypatch, tmp_path):
    settings = install_for_test(monkeypatch, make_settings(tmp_path, telegram_token="1:abc", telegram_secret="s",
                                                           telegram_bot_name="@Rugwijzer_Bot"))
    channel = TelegramConnector.from_credentials(None)
    assert channel.enabled and channel.bot_name == "rugwijzer_bot" and channel.secret_token == "s"
    assert channel.db_url == settings.app_db
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

    def claim(_url, update_id):
        if update_id in seen:
            return False
        seen.add(update_id)
        return True

    monkeypatch.setattr(connector_module, "claim_update", claim)
    return TelegramConnector(db_url=DB_URL, access_token="1:x", bot_name=BOT, secret_token="s", api_base=stub.base_url,
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

class FakeTime:
    """A clock and a sleep for `bot.channels.telegram_api`: waits are recorded, not waited."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def clock(self):
        return self.now

    async def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@pytest.fixture
def fake_time(monkeypatch):
    from bot.channels import telegram_api

    fake = FakeTime()
    monkeypatch.setattr(telegram_api, "asyncio", SimpleNamespace(
        Lock=asyncio.Lock, sleep=fake.sleep, TimeoutError=asyncio.TimeoutError))
    return fake


def test_429_is_waited_out_and_retried(stub, fake_time):
    stub.rate_limit_next(2, retry_after=1)
    api = BotApi("1:x", stub.base_url, limiter=ChatLimiter(clock=fake_time.clock))

    async def go():
        try:
            return await api.send("42", "sendMessage", {"chat_id": "42", "text": "hoi"})
        finally:
            await api.close()

    result = asyncio.run(go())
    assert result["text"] == "hoi" and fake_time.sleeps == [1, 1]
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


def test_limiter_spaces_messages_per_chat_but_not_across_chats(fake_time):
    limiter = ChatLimiter(private_interval=0.3, group_interval=0.6, clock=fake_time.clock)
    stamps = {}

    async def send(chat):
        async with limiter.slot(chat):
            stamps.setdefault(chat, []).append(fake_time.now)

    async def go():
        await asyncio.gather(*(send(chat) for chat in ["1", "1", "1", "2", "-5", "-5"]))

    asyncio.run(go())
    gaps = lambda chat: [b - a for a, b in zip(stamps[chat], stamps[chat][1:])]  # noqa: E731
    assert len(stamps["1"]) == 3 and all(gap >= 0.3 - 1e-9 for gap in gaps("1"))
    assert all(gap >= 0.6 - 1e-9 for gap in gaps("-5"))
    assert stamps["2"][0] < stamps["1"][1], "chat 2 did not wait for chat 1's next turn"
