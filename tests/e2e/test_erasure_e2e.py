"""Erasure from any state over real HTTP: "verwijder mijn gegevens" in the middle of a
form, the medicines question, the breathing exercise, a therapist's chat or right after
a red flag is confirmed with a typed "ja", and the conversation's events are gone.
"""
import time

import pytest

from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e

CONFIRM = "Dit kan ik niet terugdraaien"


def user_texts(stack, sender):
    return [e.get("text") for e in stack.tracker(sender)["events"] if e["event"] == "user"]


def in_plan_form(stack, sender):
    stack.say(sender, "ik wil een startplan maken")
    stack.say(sender, "wandelen")
    tracker = stack.tracker(sender)
    assert tracker["active_loop"].get("name") == "plan_form"
    return "wandelen"


def in_pain_form(stack, sender):
    stack.say(sender, "ik wil mijn pijnscore doorgeven")
    assert stack.tracker(sender)["active_loop"].get("name") == "pain_form"
    return "ik wil mijn pijnscore doorgeven"


def at_check_in_note(stack, sender):
    # The check-in's buttons send "pijnscore <n>"; the form then asks for a note.
    stack.say(sender, "pijnscore 6")
    tracker = stack.tracker(sender)
    assert tracker["active_loop"].get("name") == "pain_form"
    return "pijnscore 6"


def in_handoff_form(stack, sender):
    stack.say(sender, "kan ik met een therapeut praten")
    stack.say(sender, "telefoon")
    tracker = stack.tracker(sender)
    assert tracker["active_loop"].get("name") == "handoff_form"
    assert tracker["slots"]["requested_slot"] == "contact_value"
    return "kan ik met een therapeut praten"


def at_medicines_question(stack, sender):
    stack.say(sender, "mag ik magnesium combineren met mijn medicijnen?")
    assert stack.tracker(sender)["slots"]["awaiting_medications"] is True
    return "mag ik magnesium combineren met mijn medicijnen?"


def during_breathing(stack, sender):
    stack.say(sender, "laten we samen ademen")
    assert stack.tracker(sender)["slots"].get("breathing_started")
    return "laten we samen ademen"


def while_a_therapist_has_the_chat(stack, sender):
    stack.say(sender, "kan ik met een therapeut praten")
    stack.say(sender, "via deze chat")
    events = [{"event": "slot", "name": name, "value": value, "timestamp": time.time()}
              for name, value in (("handoff_status", "claimed"), ("handoff_notice_given", True))]
    status, _ = stack.request("POST", f"/conversations/{sender}/tracker/events", events, token=True)
    assert status == 200
    assert stack.say(sender, "hallo, is daar iemand?") == [], "the assistant is quiet while the therapist talks"
    return "hallo, is daar iemand?"


def right_after_a_red_flag(stack, sender):
    escalation = stack.say(sender, "ik kan sinds vanochtend niet meer plassen")
    assert escalation[0]["text"].startswith("Bel nu 112")
    return "ik kan sinds vanochtend niet meer plassen"


STATES = {
    "plan form": in_plan_form,
    "pain form": in_pain_form,
    "check-in note": at_check_in_note,
    "handoff form": in_handoff_form,
    "medicines question": at_medicines_question,
    "breathing exercise": during_breathing,
    "therapist has the chat": while_a_therapist_has_the_chat,
    "right after a red flag": right_after_a_red_flag,
}


@pytest.mark.parametrize("state", list(STATES))
def test_erasure_from_any_state(stack, state):
    sender = new_sender("e2e-erase")
    stack.say(sender, "hallo")
    said = STATES[state](stack, sender)
    assert said in user_texts(stack, sender)
    confirm = stack.say(sender, "verwijder mijn gegevens")
    assert CONFIRM in texts(confirm), texts(confirm)
    assert not stack.tracker(sender)["active_loop"].get("name"), "the form stepped aside"
    done = texts(stack.say(sender, "ja"))
    assert "gewist" in done, done
    tracker = stack.tracker(sender)
    remaining = [e.get("text") for e in tracker["events"] if e["event"] in ("user", "bot")]
    assert said not in remaining and "verwijder mijn gegevens" not in remaining, remaining
    assert not tracker["slots"].get("handoff_status") and not tracker["slots"].get("triage_level")


def test_erasure_cancelled_with_a_typed_nee_keeps_everything(stack):
    sender = new_sender("e2e-erase")
    stack.say(sender, "hallo")
    in_plan_form(stack, sender)
    stack.say(sender, "wis dit gesprek")
    reply = texts(stack.say(sender, "nee, toch niet"))
    assert "wis niets" in reply, reply
    assert "wandelen" in user_texts(stack, sender)


@pytest.mark.parametrize("answer", ["ja graag", "ja, wis alles", "is goed"])
def test_the_confirmation_accepts_yes_as_people_type_it(stack, answer):
    sender = new_sender("e2e-erase")
    stack.say(sender, "hallo")
    stack.say(sender, "ik heb al maanden last van mijn onderrug")
    stack.say(sender, "kun je alles over mij wissen?")
    assert "gewist" in texts(stack.say(sender, answer))
    assert "ik heb al maanden last van mijn onderrug" not in user_texts(stack, sender)


def test_a_red_flag_inside_the_confirmation_escalates_first_and_erases_nothing(stack):
    sender = new_sender("e2e-erase")
    stack.say(sender, "hallo")
    stack.say(sender, "verwijder mijn gegevens")
    reply = stack.say(sender, "wacht, ik kan opeens niet meer plassen")
    assert reply[0]["text"].startswith("Bel nu 112"), texts(reply)
    assert "gewist" not in texts(reply)
    assert stack.tracker(sender)["slots"]["triage_level"] == "emergency"


def test_telegrams_vergeetmij_in_the_middle_of_the_plan(stack):
    from tests.e2e.test_telegram_e2e import message_update, new_chat, post

    chat = new_chat()
    for text in ("hallo", "ik wil een startplan maken"):
        assert post(stack, message_update(chat, text))[0] == 200
    assert stack.tracker(str(chat))["active_loop"].get("name") == "plan_form"
    post(stack, message_update(chat, "/vergeetmij"))
    tracker = stack.tracker(str(chat))
    names = [e.get("name") for e in tracker["events"] if e["event"] == "action"]
    assert names[-2:] == ["utter_confirm_delete", "action_listen"], names[-6:]
    assert not tracker["active_loop"].get("name")
    post(stack, message_update(chat, "ja"))
    assert "ik wil een startplan maken" not in user_texts(stack, str(chat))


def test_thanks_after_the_confirmation_question_erase_nothing(stack):
    sender = new_sender("e2e-erase")
    stack.say(sender, "hallo")
    stack.say(sender, "ik heb al maanden last van mijn onderrug")
    assert CONFIRM in texts(stack.say(sender, "doe maar alles wissen"))
    reply = texts(stack.say(sender, "Dank u wel."))
    assert "gewist" not in reply, reply
    assert "ik heb al maanden last van mijn onderrug" in user_texts(stack, sender)


def test_an_ok_that_moves_on_to_a_question_erases_nothing_and_gets_its_answer(stack):
    sender = new_sender("e2e-erase")
    stack.say(sender, "hallo")
    stack.say(sender, "ik heb al maanden last van mijn onderrug")
    assert CONFIRM in texts(stack.say(sender, "verwijder mijn gegevens"))
    reply = texts(stack.say(sender, "Goed. Dan mijn vraag: ik zit de hele dag aan mijn bureau en "
                                    "'s middags wordt mijn rug steeds stijver."))
    assert "gewist" not in reply, reply
    assert "ik heb al maanden last van mijn onderrug" in user_texts(stack, sender)


def test_a_question_about_erasing_later_gets_the_information_not_the_confirmation(stack):
    sender = new_sender("e2e-erase")
    stack.say(sender, "hallo")
    reply = texts(stack.say(sender, "En kan ik later alles laten verwijderen als ik dat wil?"))
    assert CONFIRM not in reply, reply
    assert "verwijder mijn gegevens" in reply.lower(), reply
