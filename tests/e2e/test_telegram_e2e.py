"""Telegram end to end: real update JSON into the running server, answers into the Bot API stub."""
from __future__ import annotations

import itertools
import random

import pytest

pytestmark = pytest.mark.e2e

WEBHOOK = "/webhooks/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
BOT_NAME = "rugwijzer_test_bot"
_update_ids = itertools.count(random.randrange(10**8, 10**9, 10**5))
_chat_ids = itertools.count(random.randrange(10**8, 10**9, 10**5))


@pytest.fixture()
def api(stack):
    return stack.extra["telegram"]


def new_chat() -> int:
    return next(_chat_ids)


def person(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Anna", "language_code": "nl"}


def message_update(chat_id: int, text=None, chat_type="private", user_id=None, **content) -> dict:
    user_id = user_id or chat_id
    message = {"message_id": random.randrange(1, 10**6), "date": 1700000000, "from": person(user_id),
               "chat": {"id": chat_id, "type": chat_type, "first_name": "Anna"}, **content}
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            message["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    return {"update_id": next(_update_ids), "message": message}


def post(stack, update, secret="right"):
    headers = {}
    if secret == "right":
        headers[SECRET_HEADER] = stack.env["TELEGRAM_SECRET"]
    elif secret is not None:
        headers[SECRET_HEADER] = secret
    return stack.request("POST", WEBHOOK, update, headers=headers)


def user_events(stack, sender) -> list:
    return [e for e in stack.tracker(str(sender))["events"] if e["event"] == "user"]


def stored(stack, update_id) -> bool:
    from bot.db.models import ProcessedUpdate
    from bot.db.session import session_scope

    with session_scope(stack.app_db) as session:
        return session.get(ProcessedUpdate, str(update_id)) is not None


def test_webhook_is_registered_once_with_the_secret(stack, api):
    assert api.wait_for(lambda: api.calls("setWebhook"), timeout=15)
    calls = api.calls("setWebhook")
    assert len(calls) == 1
    assert calls[0]["url"] == stack.env["TELEGRAM_WEBHOOK_URL"]
    assert calls[0]["secret_token"] == stack.env["TELEGRAM_SECRET"]
    assert set(calls[0]["allowed_updates"]) == {"message", "edited_message", "callback_query"}
    assert set(api.tokens) == {stack.env["TELEGRAM_TOKEN"]}


@pytest.mark.parametrize("secret", [None, "wrong-secret", ""])
def test_update_without_the_right_secret_is_refused(stack, api, secret):
    chat = new_chat()
    update = message_update(chat, "/start")
    status, _ = post(stack, update, secret=secret)
    assert status == 403
    assert api.calls(chat_id=chat) == []
    assert not stored(stack, update["update_id"])
    assert user_events(stack, chat) == []


def test_start_shows_the_welcome_with_buttons(stack, api):
    chat = new_chat()
    status, _ = post(stack, message_update(chat, "/start"))
    assert status == 200
    sent = api.calls("sendMessage", chat)
    assert sent and all(m["text"] for m in sent)
    keyboards = [m["reply_markup"]["inline_keyboard"] for m in sent if m.get("reply_markup")]
    buttons = [button for rows in keyboards for row in rows for button in row]
    assert buttons and all(len(b["callback_data"].encode()) <= 64 for b in buttons if "callback_data" in b)
    assert stack.tracker(str(chat))["latest_message"]["intent"]["name"] == "greet"


def test_a_question_gets_an_answer(stack, api):
    chat = new_chat()
    post(stack, message_update(chat, "/start"))
    before = len(api.calls("sendMessage", chat))
    status, _ = post(stack, message_update(chat, "hoeveel magnesium mag ik per dag slikken"))
    assert status == 200
    answers = api.calls("sendMessage", chat)[before:]
    assert answers and answers[0]["text"]
    assert api.calls("sendChatAction", chat)
    assert user_events(stack, chat)[-1]["text"] == "hoeveel magnesium mag ik per dag slikken"


def test_a_button_press_is_answered_and_runs_its_payload(stack, api):
    chat = new_chat()
    post(stack, message_update(chat, "/start"))
    keyboard = [m["reply_markup"] for m in api.calls("sendMessage", chat) if m.get("reply_markup")][-1]
    data = keyboard["inline_keyboard"][0][0]["callback_data"]
    query = {"id": f"cb-{chat}", "from": person(chat), "chat_instance": "1", "data": data,
             "message": {"message_id": 1, "date": 1700000000, "chat": {"id": chat, "type": "private"},
                         "from": {"id": 123456, "is_bot": True, "username": BOT_NAME}}}
    status, _ = post(stack, {"update_id": next(_update_ids), "callback_query": query})
    assert status == 200
    assert api.calls("answerCallbackQuery") and {"callback_query_id": f"cb-{chat}"} in api.calls("answerCallbackQuery")
    latest = user_events(stack, chat)[-1]
    assert latest["text"] == data and not latest["metadata"].get("typed_command")
    assert latest["parse_data"]["intent"]["name"] == data.lstrip("/").split("{")[0]


def test_vergeetmij_asks_to_confirm_deleting(stack, api):
    chat = new_chat()
    post(stack, message_update(chat, "/vergeetmij"))
    assert stack.tracker(str(chat))["latest_message"]["intent"]["name"] == "delete_my_data"
    assert api.calls("sendMessage", chat)


@pytest.mark.parametrize("content, word", [
    ({"sticker": {"file_id": "s1", "file_unique_id": "s", "width": 512, "height": 512, "is_animated": False}},
     "sticker"),
    ({"photo": [{"file_id": "p1", "file_unique_id": "p", "width": 90, "height": 90}]}, "foto"),
    ({"voice": {"file_id": "v1", "file_unique_id": "v", "duration": 3}}, "spraakbericht"),
    ({"document": {"file_id": "d1", "file_unique_id": "d", "file_name": "scan.pdf"}}, "bestand"),
])
def test_media_get_a_kind_reply_without_rasa(stack, api, content, word):
    chat = new_chat()
    status, _ = post(stack, message_update(chat, **content))
    assert status == 200
    sent = api.calls("sendMessage", chat)
    assert len(sent) == 1 and word in sent[0]["text"] and "tekst" in sent[0]["text"]
    assert user_events(stack, chat) == []


def test_a_repeated_update_is_answered_once(stack, api):
    chat = new_chat()
    update = message_update(chat, "/start")
    assert post(stack, update)[0] == 200
    first = len(api.calls("sendMessage", chat))
    status, body = post(stack, update)
    assert status == 200 and body["status"] == "duplicate"
    assert len(api.calls("sendMessage", chat)) == first
    assert len(user_events(stack, chat)) == 1


def test_a_429_is_waited_out_and_the_message_still_arrives(stack, api):
    chat = new_chat()
    api.rate_limit_next(1, retry_after=1)
    assert post(stack, message_update(chat, "/start"))[0] == 200
    tries = api.timed_calls("sendMessage", chat)
    assert len(tries) >= 2 and tries[0][1] == tries[1][1]
    assert tries[1][0] - tries[0][0] >= 0.95


def test_a_long_answer_is_split_and_paced(stack, api):
    chat = new_chat()
    paragraphs = [f"Deel {i}. " + "Blijf rustig bewegen, ook als het even tegenzit. " * 30 for i in range(6)]
    long_text = "\n\n".join(paragraphs)
    assert len(long_text) > 8000
    path = f"/conversations/{chat}/tracker/events?output_channel=telegram&execute_side_effects=true"
    status, _ = stack.request("POST", path, {"event": "bot", "text": long_text}, token=True)
    assert status == 200
    parts = api.timed_calls("sendMessage", chat)
    assert len(parts) >= 3
    assert all(len(p["text"]) <= 4096 and p["text"].startswith("Deel") for _, p in parts)
    assert " ".join(p["text"] for _, p in parts).split() == long_text.split()
    assert all(b[0] - a[0] >= 0.9 for a, b in zip(parts, parts[1:]))


def test_in_a_group_only_messages_to_the_bot_are_answered(stack, api):
    group, member = -new_chat(), new_chat()
    chatter = message_update(group, "Heeft iemand tips voor de sportschool?", "supergroup", member)
    status, body = post(stack, chatter)
    assert status == 200 and body["status"] == "ignored"
    assert api.calls(chat_id=group) == [] and not stored(stack, chatter["update_id"])

    addressed = message_update(group, f"@{BOT_NAME} hoi", "supergroup", member)
    assert post(stack, addressed)[0] == 200
    assert api.calls("sendMessage", group)
    assert user_events(stack, f"{group}:{member}")[-1]["text"] == "hoi"
