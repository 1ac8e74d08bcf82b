"""Telegram: an assistant's plain answer carries the "Dat bedoelde ik niet" button, a therapist's message does not."""
import asyncio

from bot.channels.telegram_output import NOT_MEANT_TEXT, PayloadMap, TelegramOutput
from bot.console.words import therapist_message


class RecordingApi:
    def __init__(self):
        self.sent = []

    async def send(self, chat_id, method, params):
        self.sent.append((method, params))


def test_plain_answer_gets_the_button_and_a_therapist_message_not():
    api = RecordingApi()
    output = TelegramOutput(api, PayloadMap())
    asyncio.run(output.send_text_message("123", "Magnesium helpt je spieren te ontspannen."))
    asyncio.run(output.send_text_message("123", therapist_message("Anna", "Praktijk", "Ik bel je vandaag.")))
    first, second = (params for _method, params in api.sent)
    assert first["reply_markup"]["inline_keyboard"][0][0] == {"text": "Dat bedoelde ik niet",
                                                             "callback_data": NOT_MEANT_TEXT}
    assert "reply_markup" not in second
