"""What people type after an emergency or crisis reply, over real HTTP: waiting to see,
easing, on the way to the post, someone else calling, a question about 113, and "nee dank u"
inside the contact question. Found in conversations written blind (eval/conversations/tune8.yml,
writers AU and AV).
"""
from __future__ import annotations

import pytest

from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e

CHEST = "ik heb ineens pijn op de borst die doortrekt naar mijn rug en ik zweet"
CONTACT_QUESTION = "contact met je opnemen"


@pytest.mark.parametrize("reply", ["het wordt al wat minder nu", "mn vrouw zegt eerst even afwachten..."])
def test_easing_or_waiting_after_an_emergency_gets_112_again_and_no_other_topic(stack, reply):
    sender = new_sender("e2e-advice")
    assert "112" in texts(stack.say(sender, CHEST))
    again = texts(stack.say(sender, reply))
    assert "112" in again, again
    assert "rug opspeelt" not in again and "Bedoel je" not in again, again


@pytest.mark.parametrize("news, said", [("ok we rijden naar de post. bedankt", "Goed dat je gaat"),
                                        ("ok mn vrouw belt nu", "Goed dat je gebeld hebt")])
def test_on_the_way_or_someone_calling_is_acknowledged_without_the_contact_question(stack, news, said):
    sender = new_sender("e2e-advice")
    stack.say(sender, CHEST)
    reply = texts(stack.say(sender, news))
    assert said in reply and CONTACT_QUESTION not in reply, reply


def test_a_question_about_113_after_the_crisis_lines_says_what_it_is(stack):
    sender = new_sender("e2e-advice")
    assert "113" in texts(stack.say(sender, "mijn dochter zegt dat ze niet meer wil leven"))
    reply = texts(stack.say(sender, "kan zij zelf met 113 chatten? ze is pas 12"))
    assert "113.nl" in reply and "jong" in reply, reply
    assert "pijn" not in reply.lower().split("113")[0], reply


def test_no_thanks_inside_the_contact_question_ends_it_kindly(stack):
    sender = new_sender("e2e-advice")
    assert CONTACT_QUESTION in texts(stack.say(sender, "ik wil met een therapeut praten"))
    reply = texts(stack.say(sender, "nee dank u, ik wil geen therapeut spreken"))
    assert "begreep ik niet" not in reply and CONTACT_QUESTION not in reply, reply
