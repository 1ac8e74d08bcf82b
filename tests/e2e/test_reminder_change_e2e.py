"""A reminder time changed in one message, and two questions answered in one reply, over
real HTTP. Found in conversations written blind (eval/conversations/tune4.yml, writers X, Y)."""
import uuid

import pytest

from tests.e2e.talk import texts

pytestmark = pytest.mark.e2e


def make_plan(stack, sender: str) -> str:
    """Answers the plan's questions as a hurried person would: 'weet ik niet' where the
    assistant may choose, yes to storing it, a reminder at 19:00."""
    reply = texts(stack.say(sender, "ik wil een plan maken"))
    for _ in range(25):
        if stack.tracker(sender).get("active_loop", {}).get("name") != "plan_form":
            return reply
        if "korte herinnering" in reply or "Hoe laat wil je de herinnering" in reply:
            answer = "om 19:00"
        elif "plan bewaren" in reply:
            answer = "ja"
        else:
            answer = "weet ik niet"
        reply = texts(stack.say(sender, answer))
    raise AssertionError(f"the plan form did not end: {reply}")


def test_a_new_reminder_time_in_the_request_is_set_without_questions(stack):
    sender = f"e2e-reminder-{uuid.uuid4().hex[:10]}"
    done = make_plan(stack, sender)
    assert "bewaard" in done, done
    reply = texts(stack.say(sender, "kun je mijn herinnering verzetten naar 20:00?"))
    assert "20:00" in reply, reply
    assert stack.tracker(sender).get("active_loop", {}).get("name") != "plan_form"
    assert "20:00" in texts(stack.say(sender, "laat mijn plan zien"))


def test_two_questions_in_one_message_get_both_answers(stack):
    sender = f"e2e-two-{uuid.uuid4().hex[:10]}"
    stack.say(sender, "hallo")
    reply = texts(stack.say(sender, "hoeveel magnesium mag ik per dag en tot hoe laat zijn jullie open vandaag"))
    assert "mg" in reply and "17.30" in reply, reply


def test_a_question_after_thanks_is_answered(stack):
    sender = f"e2e-thanks-{uuid.uuid4().hex[:10]}"
    stack.say(sender, "hallo")
    reply = texts(stack.say(sender, "Dank je wel. Welke vorm van magnesium is het best voor mijn buik?"))
    assert "bisglycinaat" in reply.lower(), reply
