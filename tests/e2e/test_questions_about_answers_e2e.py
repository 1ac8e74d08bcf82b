"""Questions people ask about what the assistant just said, over real HTTP: what passing the
conversation on means, why iron and magnesium are kept apart and how far, and letting go to ask
the pharmacy. Found in conversations written blind (eval/conversations/tune8.yml, writers AU, AV).
"""
from __future__ import annotations

import pytest

from benchmarks.corpus import buttons_of
from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e


def test_a_question_about_the_offer_explains_it_and_a_typed_yes_still_answers_it(stack):
    sender = new_sender("e2e-about")
    assert "112" in texts(stack.say(sender, "ik kan sinds vanochtend niet meer plassen en mijn rug doet erg pijn"))
    explained = stack.say(sender, "als ik ja klik, gaan ze dan mijn ouders bellen?")
    said = texts(explained)
    assert "niemand anders" in said and "therapeut" in said, said
    assert "Ja, graag" in [button.get("title") for button in buttons_of(explained)]
    assert "contact met je opnemen" in texts(stack.say(sender, "ja graag"))


def test_iron_then_why_then_how_long_between_stay_about_iron(stack):
    sender = new_sender("e2e-about")
    first = texts(stack.say(sender, "ik slik ijzertabletten ivm bloedarmoede, kan magnesium erbij?"))
    assert "IJzer" in first and "welke medicijnen" not in first.lower(), first
    why = texts(stack.say(sender, "wrm?"))
    assert "in de weg" in why, why
    spacing = texts(stack.say(sender, "hoeveel tijd moet er dan tussen zitten?"))
    assert "2 uur" in spacing and "welke medicijnen" not in spacing.lower(), spacing


def test_letting_go_to_ask_the_pharmacy_starts_no_plan(stack):
    sender = new_sender("e2e-about")
    stack.say(sender, "ik slik euthyrox en calcium, kan magnesium erbij?")
    reply = texts(stack.say(sender, "laat maar ik vraag de apotheek om een schema"))
    assert "plan" not in reply.lower() and "welke beweging" not in reply.lower(), reply
