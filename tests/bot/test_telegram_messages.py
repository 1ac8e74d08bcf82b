"""Telegram connector: splitting, buttons and what each kind of update means."""
from __future__ import annotations

import pytest

from bot.channels.telegram_output import (CALLBACK_DATA_BYTES, MESSAGE_LIMIT, PayloadMap, inline_keyboard,
                                          split_message, utf16_len)
from bot.channels.telegram_updates import MEDIA_REPLIES, chat_id_of, classify, is_addressed
from tests.bot.telegram_samples import BOT, BOT_USER, GROUP, PERSON, PRIVATE, message



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


