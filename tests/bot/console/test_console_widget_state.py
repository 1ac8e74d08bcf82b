"""The widget learns that a therapist holds the chat, also after a reload (history)."""
from pathlib import Path

import yaml
from rasa.shared.core.events import BotUttered, UserUttered

from bot.channels.socketio import history_messages
from bot.settings import PROJECT_ROOT


def test_history_carries_the_therapist_state_after_the_words():
    events = [UserUttered("kan ik een therapeut spreken"),
              BotUttered("Je gesprek ligt nu bij een therapeut.", {"custom": {"handoff": "claimed"}}),
              BotUttered("De therapeut heeft je gesprek afgerond.", {"custom": {"handoff": "closed"}})]
    messages = history_messages(events)
    assert [m.get("handoff") for m in messages] == [None, None, "claimed", None, "closed"]
    assert messages[1]["text"].startswith("Je gesprek ligt")


def test_the_website_variants_say_the_same_words_as_the_others():
    responses = {}
    for name in ("handoff.yml", "safety.yml"):
        responses.update(yaml.safe_load(Path(PROJECT_ROOT / "domain" / name).read_text(encoding="utf-8"))["responses"])
    for name, state in (("utter_handoff_waiting", "claimed"), ("utter_therapist_message", "claimed"),
                        ("utter_handoff_closed", "closed")):
        plain = [v for v in responses[name] if "channel" not in v]
        website = [v for v in responses[name] if v.get("channel") == "socketio"]
        assert [v["text"] for v in website] == [v["text"] for v in plain]
        assert all(v["custom"] == {"handoff": state} for v in website)
