"""Telegram update JSON shared by the connector's unit tests, shaped as the Bot API sends it."""

BOT = "rugwijzer_test_bot"
PRIVATE = {"id": 42, "type": "private"}
GROUP = {"id": -1001234, "type": "supergroup"}
PERSON = {"id": 42, "is_bot": False, "first_name": "Anna"}
BOT_USER = {"id": 1, "is_bot": True, "username": BOT}


def message(chat=PRIVATE, **content):
    return {"update_id": 1, "message": {"message_id": 7, "date": 0, "chat": chat, "from": PERSON, **content}}
