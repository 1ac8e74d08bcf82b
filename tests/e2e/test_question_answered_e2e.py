"""The question a person asked gets answered, end to end over REST against the real servers.

A red flag does not swallow the medicine question asked with it; a question inside any
form is answered and the form goes on; "nee, maar ..." declines the offer and gets its answer.
"""
from __future__ import annotations

import pytest

from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e

OFFER_BUTTONS = ["Ja, graag", "Nee, dank je"]


def _titles(message):
    return [b.get("title") for b in message.get("buttons") or []]


def _index(messages, words) -> int:
    """Position of the first message holding all `words` (lower case)."""
    return next(i for i, m in enumerate(messages) if all(w in (m.get("text") or "").lower() for w in words))


@pytest.mark.parametrize("opening", [
    "Ik ben 68 en heb voor het eerst van mijn leven rugpijn. Ik slik alendroninezuur. Mag ik daarnaast magnesium?",
    "ik heb koorts en pijn in mijn onderrug, ik gebruik ciprofloxacine, mag ik magnesium?",
])
def test_the_red_flag_reply_then_the_medicine_answer_then_the_offer_last(stack, opening):
    for first_contact in (True, False):
        sender = new_sender("flag-medicine")
        if not first_contact:
            stack.say(sender, "hoi")
        reply = stack.say(sender, opening)
        flag = _index(reply, ["huisarts"])
        medicine = _index(reply, ["uur", "apotheker"])
        assert flag < medicine, reply
        assert _titles(reply[-1]) == OFFER_BUTTONS and "doorgeef" in reply[-1]["text"], reply
        assert medicine < len(reply) - 1
        # The buttons stay answerable: typed here, clicked in the next test.
        assert "niet door" in texts(stack.say(sender, "nee dank je"))


def test_the_offer_after_a_medicine_answer_can_be_clicked(stack):
    sender = new_sender("flag-click")
    reply = stack.say(sender, "ik heb koorts en rugpijn en gebruik levothyroxine, mag ik er magnesium bij nemen?")
    assert "apotheker" in texts(reply) and _titles(reply[-1]) == OFFER_BUTTONS
    assert "contact met je opnemen" in texts(stack.say(sender, "/request_therapist"))


def test_the_topic_asked_with_an_urgent_red_flag_is_answered_before_the_offer(stack):
    sender = new_sender("flag-topic")
    stack.say(sender, "hoi")
    reply = stack.say(sender, "ik heb koorts en pijn in mijn onderrug, hoeveel magnesium mag ik per dag?")
    assert "huisarts" in reply[0]["text"] and "112" in reply[0]["text"]
    assert "mg" in texts(reply[1:-1]), reply
    assert _titles(reply[-1]) == OFFER_BUTTONS


def test_after_an_emergency_reply_comes_nothing_but_the_offer(stack):
    sender = new_sender("flag-emergency")
    stack.say(sender, "hoi")
    reply = stack.say(sender, "ik kan opeens niet meer plassen en mijn benen worden slap, ik gebruik omeprazol")
    assert "112" in reply[0]["text"]
    assert len(reply) == 2 and _titles(reply[1]) == OFFER_BUTTONS, reply
    assert "apotheker" not in texts(reply) and "maagbeschermer" not in texts(reply).lower()


@pytest.mark.parametrize("start, asked", [
    ("maak mijn startplan", "beweging"),
    ("ik wil mijn pijn doorgeven", "cijfer"),
    ("kan ik met een therapeut praten", "contact met je opnemen"),
])
def test_a_question_asked_with_the_wish_to_ask_it_is_answered_inside_any_form(stack, start, asked):
    sender = new_sender("form-question")
    assert asked in texts(stack.say(sender, start))
    reply = texts(stack.say(sender, "Mag ik eerst even iets anders vragen: hoeveel magnesium mag ik per dag?"))
    assert "mg" in reply and "Wat wil je vragen" not in reply and "stoppen hier" not in reply, reply
    assert asked in reply  # the form's own question comes back
    assert stack.tracker(sender)["active_loop"].get("name")


def test_a_decline_of_the_offer_with_a_question_declines_and_answers(stack):
    sender = new_sender("decline-question")
    offered = stack.say(sender, "Ik ben 66 en heb voor het eerst rugpijn, moet ik naar de huisarts?")
    assert _titles(offered[-1]) == OFFER_BUTTONS
    reply = stack.say(sender, "nee hoor, hoeft niet, maar hoeveel magnesium mag ik per dag?")
    text = texts(reply)
    assert "niet door" in reply[0]["text"] and "mg" in text, reply
    assert "contact met je opnemen" not in text and stack.tracker(sender)["slots"]["open_question"] is None


def test_a_decline_of_the_erasure_with_a_question_declines_and_answers(stack):
    sender = new_sender("decline-erase")
    stack.say(sender, "hoi")
    assert "wis" in texts(stack.say(sender, "verwijder mijn gegevens"))
    reply = stack.say(sender, "nee, toch niet. hoe lang bewaren jullie mijn gesprek?")
    assert "wis niets" in reply[0]["text"] and "30 dagen" in texts(reply[1:]), reply
    assert "Wil je dat ik dit gesprek" not in texts(reply)
