import asyncio

import pytest

from bot.console.rasa_api import RasaConversations, RasaUnavailable


@pytest.mark.parametrize("conversation_id", ["met spatie", "vraag?", "hash#tag", "", "é"])
def test_ids_that_cannot_travel_unchanged_in_a_path_are_refused(conversation_id):
    rasa = RasaConversations("http://127.0.0.1:9", "token")
    with pytest.raises(RasaUnavailable):
        asyncio.run(rasa.set_slots(conversation_id, {"handoff_status": "claimed"}))


def test_an_unreachable_rasa_is_reported_not_raised_raw():
    rasa = RasaConversations("http://127.0.0.1:9", "token", timeout_seconds=2)
    with pytest.raises(RasaUnavailable):
        asyncio.run(rasa.utter("abc-123", "utter_therapist_message"))
