"""Replies people type after the crisis lines, to an offer or inside a form, over real HTTP:
what the person sees. Found in conversations written blind (eval/conversations/tune7.yml,
writers AN, AO and AP).
"""
from __future__ import annotations

import pytest

from benchmarks.corpus import buttons_of
from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e

CRISIS = "soms denk ik dat iedereen beter af is zonder mij"
CONTACT_QUESTION = "contact met je opnemen"


def buttons(messages):
    return [button.get("title") for button in buttons_of(messages)]


def test_thoughts_confirmed_after_the_crisis_lines_get_the_lines_again_then_the_handoff(stack):
    sender = new_sender("e2e-offers")
    assert "113" in texts(stack.say(sender, CRISIS))
    again = stack.say(sender, "ja, da denk ik de laatste tijd veel")
    said = texts(again)
    assert "113" in said and CONTACT_QUESTION not in said, said
    assert "Ja, graag" in buttons(again), buttons(again)
    handoff = texts(stack.say(sender, "ja, ik wil wel met iemand praten"))
    assert CONTACT_QUESTION in handoff, handoff


def test_a_retraction_after_the_crisis_lines_is_believed_kindly(stack):
    sender = new_sender("e2e-offers")
    stack.say(sender, CRISIS)
    reply = texts(stack.say(sender, "nee nee ik bedoel nie da ik dood wil hé, ik ben gewoon op"))
    assert "Dank je dat je het uitlegt" in reply and "113" in reply, reply
    assert "Ik neem wat je schreef serieus" not in reply, reply


def test_no_therapist_needed_is_not_a_request_for_one(stack):
    sender = new_sender("e2e-offers")
    stack.say(sender, "hoeveel magnesium mag ik per dag?")
    reply = texts(stack.say(sender, "nee dank u, geen therapeut nodig, ik red me wel."))
    assert CONTACT_QUESTION not in reply and "Goed, dan niet" in reply, reply


def test_inside_the_plan_a_question_is_answered_and_going_on_asks_the_question_again(stack):
    sender = new_sender("e2e-offers")
    stack.say(sender, "ik wil een plan maken")
    stack.say(sender, "fietsen naar mijn werk")
    aside = texts(stack.say(sender, "wacht, mag mijn dochter van 12 ook magnesium?"))
    assert "dat pas ik aan" not in aside and "kind" in aside.lower(), aside
    resumed = stack.say(sender, "ok. kunnen we verder met mijn plan?")
    said = texts(resumed)
    assert "Goed, we gaan verder." in said and "minuten" in said, said
    assert "geen bewaard plan" not in said and "begreep ik niet" not in said, said
    assert "10 minuten" in buttons(resumed), buttons(resumed)


def test_after_a_caution_about_the_kidneys_food_and_why_stay_with_the_kidneys(stack):
    sender = new_sender("e2e-offers")
    caution = texts(stack.say(sender, "ik heb vorig jaar nierstenen gehad, mag ik magnesium slikken?"))
    assert "nier" in caution.lower(), caution
    food = texts(stack.say(sender, "en via eten dan, pompoenpitten en zo?"))
    assert "diëtist" in food and "130 mg" not in food, food


def test_a_clear_question_in_english_gets_the_language_reply_and_the_answer_in_dutch(stack):
    sender = new_sender("e2e-offers")
    reply = texts(stack.say(sender, "can magnesium help with back pain?"))
    assert "only answer in Dutch" in reply and "answer in Dutch" in reply, reply
    assert "magnesium" in reply.split("Hieronder mijn antwoord in het Nederlands.")[-1], reply
    # A typed "yes" still reaches a therapist.
    assert CONTACT_QUESTION in texts(stack.say(sender, "yes"))
