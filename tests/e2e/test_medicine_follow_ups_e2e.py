"""After medicines came up, over real HTTP: a question only a pharmacist can judge gets that
answer (never "it is safe"), shorter the second time; a plan answer said with a red flag is
kept, so that the plan resumes at the next question.

Found in conversations written blind (eval/conversations/tune6.yml, writers AI and AJ).
"""
from __future__ import annotations

import pytest

from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e


def test_a_question_for_a_judgement_after_a_clash_goes_to_the_pharmacist(stack):
    sender = new_sender("e2e-medicine")
    warned = texts(stack.say(sender, "ik slik doxyciline voor een ontsteking en ook magnesium"))
    assert "doxycycline" in warned, warned  # the typo is read as the antibiotic
    first = texts(stack.say(sender, "dus alles samen is ok?"))
    assert "apotheker" in first and "niet voor je beoordelen" in first, first
    assert "veilig" not in first.lower(), first
    again = texts(stack.say(sender, "de kuur is 5 dagen, daarna mag ik weer gewoon?"))
    assert "apotheker" in again and again != first, again


def test_asked_which_medicines_why_is_explained_and_the_question_stays(stack):
    sender = new_sender("e2e-medicine")
    asked = texts(stack.say(sender, "welke medicijnen gaan niet samen met magnesium?"))
    assert "Welke medicijnen gebruik je?" in asked, asked
    why = texts(stack.say(sender, "wrm?"))
    assert "binden" in why, why
    answered = texts(stack.say(sender, "levothyroxine"))
    assert "4 uur" in answered, answered


def test_a_plan_answer_said_with_a_red_flag_is_kept_when_the_plan_resumes(stack):
    sender = new_sender("e2e-medicine")
    stack.say(sender, "ik wil een plan maken")
    alarm = texts(stack.say(sender, "fietsen, al is da nu moeilijk want ik ben eergisteren van de trap gevallen en ik heb osteoporose"))
    assert "huisarts" in alarm, alarm
    resumed = texts(stack.say(sender, "nee dank je, ik bel de huisarts vanmiddag. doe maar verder met het plan"))
    assert "minuten" in resumed and "Welke beweging" not in resumed, resumed
