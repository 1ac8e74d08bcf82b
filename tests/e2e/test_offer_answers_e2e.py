"""Answers to the handoff offer as people give them, over real HTTP: after another message,
unsure, with a Flemish city, declining to talk, and a "no" that still needs the advice.

Found in conversations written blind (eval/conversations/tune4.yml, writer Z).
"""
import pytest

from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e

CONTACT_QUESTION = "Hoe mag een therapeut"
OFFER = "Wil je dat ik"


def test_a_yes_after_one_other_message_still_reaches_the_offer(stack):
    sender = new_sender("e2e-offer")
    first = texts(stack.say(sender, "ik kan mijn ontlasting niet meer ophouden en mijn rug doet vreselijk pijn"))
    assert "112" in first and OFFER in first, first
    stack.say(sender, "weer zo'n standaard antwoord")
    reply = texts(stack.say(sender, "ja doe maar dan, verbind maar door"))
    assert CONTACT_QUESTION in reply, reply


def test_only_one_other_message_keeps_the_offer_open(stack):
    sender = new_sender("e2e-offer")
    stack.say(sender, "ik kan mijn ontlasting niet meer ophouden en mijn rug doet vreselijk pijn")
    stack.say(sender, "weer zo'n standaard antwoord")
    stack.say(sender, "hoeveel magnesium mag ik per dag")
    reply = texts(stack.say(sender, "ja"))
    assert CONTACT_QUESTION not in reply, reply


def test_not_knowing_after_the_crisis_reply_gets_113_and_the_offer_again(stack):
    sender = new_sender("e2e-offer")
    assert "113" in texts(stack.say(sender, "ik wil er niet meer zijn, ik zie het niet meer zitten"))
    reply = texts(stack.say(sender, "weet ik niet"))
    assert "113" in reply and OFFER in reply, reply
    assert CONTACT_QUESTION in texts(stack.say(sender, "ja graag"))


def test_a_yes_with_a_flemish_city_after_the_crisis_reply_gets_1813(stack):
    sender = new_sender("e2e-offer")
    assert "113" in texts(stack.say(sender, "ik wil er niet meer zijn, ik zie het niet meer zitten"))
    reply = texts(stack.say(sender, "ja soms denk ik daar wel aan. ik woon in gent"))
    assert "1813" in reply and OFFER in reply, reply


def test_not_wanting_to_talk_about_it_after_the_crisis_reply_still_gets_113(stack):
    sender = new_sender("e2e-offer")
    assert "113" in texts(stack.say(sender, "ik heb er soms zo genoeg van dat ik er een punt achter wil zetten"))
    reply = texts(stack.say(sender, "daar wil ik liever niet over praten"))
    assert "113" in reply, reply
    assert CONTACT_QUESTION not in reply


def test_a_no_to_the_offer_after_soon_advice_says_the_gp_again(stack):
    sender = new_sender("e2e-offer")
    first = texts(stack.say(sender, "ik heb 5 jaar geleden borstkanker gehad en sinds kort nieuwe rugpijn"))
    assert "huisarts" in first and OFFER in first, first
    reply = texts(stack.say(sender, "nee, dank je"))
    assert "huisarts" in reply and "afspraak" in reply, reply


def test_venting_gets_a_kind_answer_not_a_guess_at_a_topic(stack):
    sender = new_sender("e2e-offer")
    stack.say(sender, "hallo")
    reply = texts(stack.say(sender, "ik ben het zo zat"))
    assert "zwaar" in reply and "Ik weet niet zeker wat je bedoelt" not in reply, reply
