"""What a person sees around a red flag, over real HTTP: a clarifying question does not
swallow the next message, the echo line says only what was said, Belgians get their
numbers, and news of a call is acknowledged without a form question.
"""
import pytest

from bot.safety.questions import question_for
from tests.e2e.test_safety_dialogue_e2e import (CONTACT_QUESTION, OFFER, new_sender, payloads, set_slots,
                                                texts)

pytestmark = pytest.mark.e2e

ASK_AGAIN = "Ik begreep je antwoord niet goed"


def _ask(stack, sender, code):
    """The assistant asks clarifying question `code`, as the CarePolicy asks it (its slots,
    then the response through Rasa's HTTP API; when the matcher asks is tested in tests/bot)."""
    question = question_for(code)
    stack.say(sender, "hallo")
    set_slots(stack, sender, open_question=f"safety:{code}", safety_question_text=question.question)
    status, body = stack.request("POST", f"/conversations/{sender}/execute", {"name": "utter_safety_question"},
                                 token=True)
    assert status == 200, body
    assert {"/affirm", "/deny"} <= set(payloads(body["messages"]))
    # After asking, the CarePolicy listens: the same step here, so the next message is read
    # in the state a real conversation has.
    status, body = stack.request("POST", f"/conversations/{sender}/execute", {"name": "action_listen"}, token=True)
    assert status == 200, body


def test_a_topic_question_after_the_crisis_question_is_answered_with_the_door_open(stack):
    sender = new_sender()
    _ask(stack, sender, "crisis")
    reply = stack.say(sender, "hoeveel magnesium mag ik per dag?")
    said = texts(reply)
    assert ASK_AGAIN not in said and "einde aan je leven" not in said, said
    assert "113" in reply[0]["text"] and "0800-0113" in reply[0]["text"], said
    assert "250" in texts(reply[1:]), "the question itself is answered after the one line"
    assert not stack.tracker(sender)["slots"].get("open_question")
    # Nothing is left hanging: the next message is an ordinary one.
    assert "250" in texts(stack.say(sender, "hoeveel magnesium mag ik per dag"))


def test_a_goodbye_after_the_crisis_question_gets_a_goodbye_and_the_door_open(stack):
    sender = new_sender()
    _ask(stack, sender, "crisis")
    reply = stack.say(sender, "doei")
    said = texts(reply)
    assert ASK_AGAIN not in said and "113" in said, said
    assert len(reply) >= 2, "the goodbye is answered too, not only the line on 113"


@pytest.mark.parametrize("code", ["bladder_bowel", "saddle_numbness"])
def test_a_topic_question_after_a_body_question_is_answered_with_112_named(stack, code):
    sender = new_sender()
    _ask(stack, sender, code)
    reply = stack.say(sender, "hoeveel magnesium mag ik per dag?")
    said = texts(reply)
    assert ASK_AGAIN not in said and "112" in reply[0]["text"], said
    assert "250" in texts(reply[1:])


@pytest.mark.parametrize("answer", ["ja, maar wat moet ik nu doen?", "Ja."])
def test_a_yes_with_more_after_it_still_gives_113(stack, answer):
    sender = new_sender()
    _ask(stack, sender, "crisis")
    reply = stack.say(sender, answer)
    assert "113" in reply[0]["text"] and OFFER in texts(reply), texts(reply)
    assert stack.tracker(sender)["slots"]["triage_level"] == "crisis"


def test_a_statement_is_no_yes_to_the_crisis_question(stack):
    # "ik heb gewoon veel pijn" would answer "kun je nog gewoon plassen?"; here it says no yes.
    sender = new_sender()
    _ask(stack, sender, "crisis")
    said = texts(stack.say(sender, "ik heb gewoon veel pijn"))
    assert "113" not in said and stack.tracker(sender)["slots"].get("triage_level") != "crisis", said


def test_an_unclear_reply_gets_the_question_once_more(stack):
    sender = new_sender()
    _ask(stack, sender, "crisis")
    assert ASK_AGAIN in texts(stack.say(sender, "wat bedoel je?"))


def test_the_echo_gives_the_age_that_was_written(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    said = texts(stack.say(sender, "Ik ben 72 jaar en heb sinds enkele dagen voor het eerst rugpijn, zomaar uit "
                                   "het niets."))
    assert "ik ben 72 en heb voor het eerst rugpijn" in said, said
    assert "jonger dan 20" not in said


def test_the_echo_names_a_bladder_infection_not_fever(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    said = texts(stack.say(sender, "Goedemorgen, ik heb van de huisarts ciprofloxacine gekregen voor een "
                                   "blaasontsteking, 2 x per dag. Ik ben 77."))
    assert "blaasontsteking" in said and "ik heb koorts" not in said, said


def test_an_emergency_told_by_a_partner_is_told_as_theirs(stack):
    sender = new_sender()
    reply = stack.say(sender, "mijn man kan zijn benen niet meer bewegen")
    assert reply[0]["text"].startswith("Bel nu 112"), texts(reply)
    assert "Zeg: mijn man heeft rugpijn" in reply[0]["text"] and "Zeg: ik heb" not in reply[0]["text"]


def test_flemish_words_in_the_red_flag_message_give_1733_next_to_the_dutch_advice(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    said = texts(stack.say(sender, "mijn vader (72) heeft pijn in zijn rug en sinds een paar dagen sleept hij met "
                                   "zijn rechtervoet. de huisdokter is met verlof"))
    assert "1733" in said and "huisarts" in said, said
    assert "mijn vader heeft rugpijn" in said
    route = texts(stack.say(sender, "we wonen in belgie, bij wie moeten we dan zijn"))
    assert "1733" in route and "wachtpost" in route, route
    # The offer is still open for a typed answer.
    assert "niet door" in texts(stack.say(sender, "neen, we bellen zelf wel"))


def test_a_closed_huisdokter_after_the_urgent_reply_gets_the_belgian_route(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    first = texts(stack.say(sender, "ik heb sinds gisteren koorts van 39 en pijn in mijn rug"))
    assert "koorts" in first and OFFER in first, first
    route = texts(stack.say(sender, "het is zaterdag, mijn huisdokter is dicht"))
    assert "1733" in route and "112" in route, route


def test_a_call_made_in_the_middle_of_the_contact_form_is_acknowledged_without_its_question(stack):
    sender = new_sender()
    stack.say(sender, "HELP scheurende pijn in mijn buik en rug, ik zweet en ben duizelig")
    assert CONTACT_QUESTION in texts(stack.say(sender, "ja"))
    reply = texts(stack.say(sender, "ik heb 112 gebeld ze komen eraan"))
    assert "Goed dat je gebeld hebt" in reply, reply
    assert "telefoonnummer" not in reply and CONTACT_QUESTION not in reply
    assert stack.tracker(sender)["slots"].get("contact_method") is None


def test_goed_ik_bel_after_the_offer_is_no_yes_to_the_handoff(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    stack.say(sender, "ik kan sinds vanochtend niet meer plassen")
    reply = texts(stack.say(sender, "Goed, ik bel. Kunnen we het later over magnesium hebben?"))
    assert "Goed dat je belt" in reply and "later" in reply, reply
    assert CONTACT_QUESTION not in reply
    tracker = stack.tracker(sender)
    assert tracker["active_loop"].get("name") != "handoff_form"
    assert not tracker["slots"].get("open_question")


def test_maybe_calling_113_after_the_crisis_reply_is_encouraged(stack):
    sender = new_sender()
    stack.say(sender, "ik heb al 2 jaar elke dag pijn en ik slaap nauwelijks")
    assert "113" in texts(stack.say(sender, "eerlijk gezegd zie ik het niet meer zitten. ik wil er gewoon niet "
                                            "meer zijn"))
    stack.say(sender, "liever niet")
    reply = texts(stack.say(sender, "dank je, misschien bel ik 113 wel"))
    assert "Goed dat je dat overweegt" in reply and "0800-0113" in reply, reply


def test_stop_after_the_crisis_question_inside_the_contact_form_leaves_with_the_door_open(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    stack.say(sender, "kan ik met een therapeut praten")
    assert stack.tracker(sender)["active_loop"].get("name") == "handoff_form"
    question = question_for("crisis")
    set_slots(stack, sender, open_question="safety:crisis", safety_question_text=question.question)
    for action in ("utter_safety_question", "action_listen"):
        status, body = stack.request("POST", f"/conversations/{sender}/execute", {"name": action}, token=True)
        assert status == 200, body
    reply = stack.say(sender, "stop")
    said = texts(reply)
    assert ASK_AGAIN not in said and "113" in reply[0]["text"], said
    assert len(reply) >= 2, "the stop itself is answered too"
    tracker = stack.tracker(sender)
    assert tracker["active_loop"].get("name") != "handoff_form"
    assert not tracker["slots"].get("open_question") and not tracker["slots"].get("triage_level")


def test_is_dat_erg_after_an_emergency_gets_112_again_and_a_typed_yes_still_reaches_the_offer(stack):
    sender = new_sender()
    first = stack.say(sender, "voel het wc papier nie meer als ik veeg en rug pijn")
    assert first[0]["text"].startswith("Bel nu 112"), texts(first)
    again = texts(stack.say(sender, "is dat erg?"))
    assert "112" in again and "meteen" in again, again
    assert CONTACT_QUESTION in texts(stack.say(sender, "ja help"))


def test_no_to_the_offer_after_the_crisis_reply_names_113_once_more(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    assert "113" in texts(stack.say(sender, "soms denk ik dat ik er maar een eind aan moet maken"))
    reply = texts(stack.say(sender, "nee laat maar, ik wil met niemand praten"))
    assert "113" in reply and "1813" in reply and CONTACT_QUESTION not in reply, reply


def test_a_doubt_after_the_emergency_reply_gets_112_again_not_the_contact_question(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    first = stack.say(sender, "mijn man voelt niks meer tussen zijn benen en kan niet plassen")
    assert first[0]["text"].startswith("Bel nu 112"), texts(first)
    stack.say(sender, "ja graag")
    reply = texts(stack.say(sender, "Hij zegt nu dat het wel meevalt en wil tot morgen wachten"))
    assert "112" in reply and "Wacht niet af" in reply, reply
    assert "begreep" not in reply


def test_an_ok_with_a_goodbye_after_the_offer_is_no_yes_to_it(stack):
    sender = new_sender()
    stack.say(sender, "hallo")
    assert "huisarts" in texts(stack.say(sender, "ik heb elke nacht pijn in mijn rug, liggen helpt niet"))
    reply = texts(stack.say(sender, "ok ga ik doen. slaapwel"))
    assert CONTACT_QUESTION not in reply, reply
    assert stack.tracker(sender)["active_loop"].get("name") != "handoff_form"
