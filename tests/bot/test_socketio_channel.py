"""Session signing and binding of the widget's socket.io channel, without a server."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Tuple

from rasa.shared.core.events import BotUttered, Restarted, UserUttered

from bot.channels import socketio as channel
from bot.channels.socketio import (
    SecureSocketIOInput, SecureSocketIOOutput, claim_session, client_metadata, history_messages, origin_allowed,
    sign_session,
)
from bot.settings import Settings

KEY = b"k" * 32
SETTINGS = Settings()


class FakeSio:
    """The part of python-socketio's AsyncServer the channel uses, recorded."""

    def __init__(self) -> None:
        self.sessions: Dict[str, Dict[str, Any]] = {}
        self.rooms: Dict[str, set] = {}
        self.emitted: List[Tuple[str, Any, str]] = []

    async def get_session(self, sid: str, namespace: Any = None) -> Dict[str, Any]:
        return dict(self.sessions.get(sid, {}))

    async def save_session(self, sid: str, session: Dict[str, Any], namespace: Any = None) -> None:
        self.sessions[sid] = dict(session)

    async def enter_room(self, sid: str, room: str, namespace: Any = None) -> None:
        self.rooms.setdefault(sid, set()).add(room)

    async def leave_room(self, sid: str, room: str, namespace: Any = None) -> None:
        self.rooms.setdefault(sid, set()).discard(room)

    async def emit(self, event: str, data: Any = None, room: str = "", namespace: Any = None) -> None:
        self.emitted.append((event, data, room))


def run(coroutine):
    return asyncio.run(coroutine)


def test_new_session_ids_are_random_and_signed():
    first, signature, resumed = claim_session(None, KEY)
    second, _, _ = claim_session({}, KEY)
    assert not resumed and first != second and len(first) == 32
    assert signature == sign_session(first, KEY)


def test_a_signed_session_is_resumed_and_a_forged_one_replaced():
    session_id, signature, _ = claim_session(None, KEY)
    assert claim_session({"session_id": session_id, "signature": signature}, KEY) == (session_id, signature, True)
    forged = {"session_id": session_id, "signature": sign_session(session_id, b"other")}
    assert claim_session(forged, KEY)[0] != session_id
    unsigned = {"session_id": session_id}
    assert claim_session(unsigned, KEY)[0] != session_id
    odd = {"session_id": "x" * 500, "signature": sign_session("x" * 500, KEY)}
    assert claim_session(odd, KEY)[0] != "x" * 500


def test_socket_is_bound_and_client_session_ids_are_ignored(monkeypatch):
    monkeypatch.setattr(channel, "signing_key", lambda _secret: KEY)
    sio, received = FakeSio(), []
    bot = SecureSocketIOInput(session_persistence=True, settings=SETTINGS)

    async def on_new_message(message):
        received.append(message)

    confirm = run(bot.session_request(sio, "sid1", None))
    assert sio.emitted[-1] == ("session_confirm", confirm, "sid1")
    assert confirm["session_id"] in sio.rooms["sid1"]  # pushed messages reach this socket
    run(bot.user_uttered(sio, "sid1", {"message": "hoi", "session_id": "someone-else",
                                       "metadata": {"trusted_command": True, "lang": "nl"}},
                         on_new_message))
    assert received[0].sender_id == confirm["session_id"]
    assert received[0].metadata == {"lang": "nl"}


def test_a_socket_without_session_gets_an_error_and_nothing_is_processed():
    sio, received = FakeSio(), []

    async def on_new_message(message):
        received.append(message)

    run(SecureSocketIOInput(settings=SETTINGS).user_uttered(sio, "sid9", {"message": "hoi", "session_id": "abc"},
                                                             on_new_message))
    assert received == [] and sio.emitted[-1][0] == "session_error"


def test_a_new_session_on_the_same_socket_leaves_the_old_room(monkeypatch):
    monkeypatch.setattr(channel, "signing_key", lambda _secret: KEY)
    sio, bot = FakeSio(), SecureSocketIOInput(settings=SETTINGS)
    old = run(bot.session_request(sio, "sid1", None))["session_id"]
    new = run(bot.session_request(sio, "sid1", {}))["session_id"]
    assert sio.rooms["sid1"] == {new} and new != old


def test_long_messages_are_cut_just_over_the_limit_for_the_screen_to_trim(monkeypatch):
    monkeypatch.setattr(channel, "signing_key", lambda _secret: KEY)
    sio, bot, received = FakeSio(), SecureSocketIOInput(settings=SETTINGS), []

    async def on_new_message(message):
        received.append(message)

    run(bot.session_request(sio, "sid1", None))
    run(bot.user_uttered(sio, "sid1", {"message": "a" * 100_000}, on_new_message))
    run(bot.user_uttered(sio, "sid1", {"message": {"not": "text"}}, on_new_message))
    assert len(received) == 1 and len(received[0].text) == SETTINGS.max_message_chars + 1


def test_client_metadata_drops_server_keys_and_bad_shapes():
    assert client_metadata({"metadata": '{"typed_command": true, "a": 1}'}, "metadata") == {"a": 1}
    assert client_metadata({"metadata": "not json"}, "metadata") == {}
    assert client_metadata({"metadata": [1, 2]}, "metadata") == {}


def test_origin_check():
    same = {"HTTP_ORIGIN": "http://127.0.0.1:6000", "HTTP_HOST": "127.0.0.1:6000"}
    foreign = {"HTTP_ORIGIN": "https://evil.example", "HTTP_HOST": "127.0.0.1:6000"}
    assert origin_allowed(same, ()) and origin_allowed({}, ())
    assert not origin_allowed(foreign, ("https://praktijk.example",))
    assert origin_allowed(foreign, ("https://evil.example",))


def test_history_shows_button_titles_and_starts_after_a_restart():
    buttons = [{"title": "Wat doet magnesium?", "payload": "/magnesium_role"}]
    events = [
        UserUttered("oud gesprek"), Restarted(),
        UserUttered("hoi"), BotUttered("Hoi!\n\nKies een onderwerp.", {"buttons": buttons}),
        UserUttered("/magnesium_role"), BotUttered("Magnesium helpt je spieren.", {"image": "https://x/c.png"}),
    ]
    messages = history_messages(events)
    assert [m.get("text") for m in messages] == [
        "hoi", "Hoi!", "Kies een onderwerp.", "Wat doet magnesium?", "Magnesium helpt je spieren.", None]
    assert messages[-1]["attachment"]["payload"]["src"] == "https://x/c.png"
    # The topic buttons were answered: after a reload they are not shown again.
    assert not any("quick_replies" in message for message in messages)


def test_history_keeps_only_the_open_questions_buttons():
    contact = [{"title": "Telefoon", "payload": "telefoon"}]
    asked = BotUttered("Hoe mag een therapeut contact met je opnemen?", {"buttons": contact}, timestamp=1000.0)
    answered = [asked, UserUttered("telefoon", timestamp=1010.0),
                BotUttered("Op welk telefoonnummer kan de therapeut je bellen?", timestamp=1011.0)]
    assert not any("quick_replies" in message for message in history_messages(answered))
    still_open = history_messages([UserUttered("therapeut"), asked], now=1100.0, open_seconds=3600)
    assert still_open[-1]["quick_replies"][0]["title"] == "Telefoon"
    expired = history_messages([UserUttered("therapeut"), asked], now=1000.0 + 7200, open_seconds=3600)
    assert "quick_replies" not in expired[-1]


def test_custom_json_reaches_the_room_and_the_history():
    sio = FakeSio()
    chart = {"attachment": {"type": "image", "payload": {"src": "https://x/c.png", "alt": "Je pijnscores"}}}
    run(SecureSocketIOOutput(sio, "bot_uttered").send_custom_json("session-1", dict(chart)))
    assert sio.emitted == [("bot_uttered", chart, "session-1")]
    assert history_messages([BotUttered(None, {"custom": chart})]) == [{"sender": "bot", **chart}]
