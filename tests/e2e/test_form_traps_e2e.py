"""No traps in the forms, end to end over real HTTP against the real servers.

Each test is a conversation as a person has it: questions about something else in the
middle of a form, goodbye inside a form, numbers inside sentences, answers typed instead
of clicked, a button of an old question, a check-in answered in words.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.plan import store
from bot.progress import history
from bot.plan.choices import PlanChoices
from tests.e2e.console_browser import browser  # noqa: F401 - a fixture
from tests.e2e.talk import new_sender, texts
from tests.e2e.test_widget import BOT, ask, open_demo, wait_for_answer

pytestmark = pytest.mark.e2e
TRAP = "Kies een knop"


def _titles(messages):
    return [b.get("title") for m in messages for b in m.get("buttons") or []]


def _start_handoff(stack, sender):
    asked = stack.say(sender, "kan ik met een therapeut praten")
    assert "contact met je opnemen" in texts(asked) and "Telefoon" in _titles(asked), asked


def test_a_question_inside_the_handoff_form_is_answered_and_goodbye_leaves_it(stack):
    sender = new_sender("trap-handoff")
    _start_handoff(stack, sender)
    answer = stack.say(sender, "hoeveel magnesium mag ik per dag?")
    text = texts(answer)
    assert "mg" in text and TRAP not in text and "Sorry, dat begreep ik niet" not in text
    assert "contact met je opnemen" in text  # the form's question comes back after the answer
    bye = texts(stack.say(sender, "ok bedankt, doei"))
    assert "niet door" in bye and "Dag" in bye and TRAP not in bye
    assert stack.tracker(sender)["active_loop"] in ({}, None, {"name": None})
    # The conversation goes on normally afterwards.
    assert "250" in texts(stack.say(sender, "hoeveel magnesium mag ik per dag?"))


def test_replies_the_handoff_form_cannot_read_never_get_the_same_words_twice(stack):
    sender = new_sender("trap-misses")
    _start_handoff(stack, sender)
    first = stack.say(sender, "blauw")
    second = stack.say(sender, "groen")
    assert TRAP not in texts(first) + texts(second)
    assert texts(first) != texts(second)
    assert "Stop, niet doorgeven" in _titles(second) and "chat" in texts(second)
    done = texts(stack.say(sender, "via deze chat"))
    assert "doorgegeven" in done


def test_numbers_inside_sentences_are_no_pain_score(stack):
    sender = new_sender("trap-pain")
    asked = stack.say(sender, "ik wil mijn pijn doorgeven")
    assert "cijfer" in texts(asked)
    for sentence in ("mijn rug doet al 3 dagen heel erg pijn", "<script>alert(1)</script>"):
        reply = texts(stack.say(sender, sentence))
        assert "bewaard" not in reply and "cijfer" in reply, (sentence, reply)
        assert stack.tracker(sender)["slots"]["pain_score"] is None, sentence
    note_question = texts(stack.say(sender, "ik denk 6 van de 10"))
    assert "korte notitie" in note_question
    saved = texts(stack.say(sender, "ok bedankt, doei"))
    assert "6 van de 10" in saved and "Dag" in saved
    assert [point.score for point in history.pain_history(conversation_id=sender, url=stack.app_db)] == [6]


def test_a_question_inside_the_pain_form_is_answered_and_the_form_goes_on(stack):
    sender = new_sender("trap-pain-aside")
    stack.say(sender, "ik wil mijn pijn doorgeven")
    answer = texts(stack.say(sender, "hoeveel magnesium mag ik per dag?"))
    assert "mg" in answer and "Hoeveel pijn heb je nu" in answer
    assert "korte notitie" in texts(stack.say(sender, "een zeven"))
    assert "7 van de 10" in texts(stack.say(sender, "wandelen hielp"))


def test_a_question_and_leaving_inside_the_plan_form(stack):
    sender = new_sender("trap-plan")
    assert "Welke beweging" in texts(stack.say(sender, "maak mijn startplan"))
    answer = texts(stack.say(sender, "hoeveel magnesium mag ik per dag?"))
    assert "mg" in answer and "Welke beweging" in answer
    assert "minuten" in texts(stack.say(sender, "ik fiets graag"))
    assert "ademmoment" in texts(stack.say(sender, "ik denk zo'n kwartier"))
    left = texts(stack.say(sender, "ik wil iets anders vragen"))
    assert "Wat wil je vragen" in left and "niet bewaard" in left
    assert "250" in texts(stack.say(sender, "hoeveel magnesium mag ik per dag?"))


def test_plan_answers_in_own_words_and_a_stop_with_a_reason(stack):
    sender = new_sender("trap-plan-words")
    assert "Welke beweging" in texts(stack.say(sender, "maak mijn startplan"))
    minutes = texts(stack.say(sender, "pilates denk ik, iets rustigs"))
    assert "Hoeveel minuten" in minutes and "begreep" not in minutes and TRAP not in minutes, minutes
    # The 3 counts children; the minutes are the quarter of an hour.
    breathing = texts(stack.say(sender, "met 3 kinderen thuis lukt hooguit een kwartiertje"))
    assert "ademmoment" in breathing and "60 minuten" not in breathing, breathing
    left = texts(stack.say(sender, "laat maar, ik heb er nu even geen zin in"))
    assert "we stoppen hier" in left and "Hoe vaak per dag" not in left, left
    assert stack.tracker(sender)["active_loop"] in ({}, None, {"name": None})
    # Thanks afterwards are thanks, not a misunderstanding.
    thanks = texts(stack.say(sender, "Dank u wel voor het meedenken."))
    assert "Graag gedaan" in thanks and "begrijp" not in thanks, thanks


def test_plan_keyboard_mashing_is_asked_again_and_going_on_later_leaves(stack):
    sender = new_sender("trap-plan-later")
    stack.say(sender, "maak mijn startplan")
    again = texts(stack.say(sender, "sdfghj"))
    assert "Welke beweging" in again and "Hoeveel minuten" not in again, again
    assert "Hoeveel minuten" in texts(stack.say(sender, "zwemmen"))
    assert "ademmoment" in texts(stack.say(sender, "20 minuten"))
    later = texts(stack.say(sender, "Bedankt. Ik ga morgen verder met dit plan."))
    assert "Graag gedaan" in later and "we stoppen hier" in later and "Hoe vaak per dag" not in later, later


def test_a_phone_number_typed_after_leaving_the_handoff_still_reaches_a_therapist(stack):
    sender = new_sender("trap-number")
    _start_handoff(stack, sender)
    assert "niet door" in texts(stack.say(sender, "stop"))
    reply = texts(stack.say(sender, "toch maar wel, bel me op 06 11223344"))
    assert "belt je op 0611223344" in reply and "Hoeveel pijn" not in reply, reply
    assert stack.tracker(sender)["slots"]["handoff_status"] == "open"


def test_a_button_of_an_old_question_still_gets_a_sensible_answer(stack):
    sender = new_sender("trap-stale")
    _start_handoff(stack, sender)
    assert "doorgegeven" in texts(stack.say(sender, "via deze chat"))
    # The "Telefoon" button of the question answered above, clicked afterwards.
    stale = '/request_therapist{"contact_choice": "telefoon"}'
    reply = texts(stack.say(sender, stale))
    assert "telefoonnummer" in reply, reply
    assert "Verwacht geen wonder" not in reply  # before, "telefoon" got the sleep tips
    assert "belt je op 0612345678" in texts(stack.say(sender, "0612345678"))


def test_symptoms_without_a_word_about_reminders_get_no_reminder_answer(stack):
    reply = texts(stack.say(new_sender("trap-geen"), "geen koorts en geen tintelingen, alleen een zeurende onderrug"))
    assert "herinneringen" not in reply and reply


def test_the_check_in_is_answered_in_words(stack):
    sender = new_sender("trap-checkin")
    url = stack.app_db
    store.save_plan(conversation_id=sender, channel="rest", choices=PlanChoices(), text="Je plan", url=url)
    store.save_reminder(conversation_id=sender, channel="rest", time_of_day="09:00",
                        checkin_due_at=datetime.now(timezone.utc) - timedelta(minutes=5), url=url)
    stack.say(sender, "hoi")
    status, fired = stack.request("POST", f"/conversations/{sender}/trigger_intent",
                                  {"name": "show_plan", "entities": {"timer": "daily_reminder"}}, token=True)
    assert status == 200, fired
    asked = texts(fired.get("messages") or [])
    assert "Hoe gaat het met je rug" in asked and "Hoeveel pijn heb je nu" in asked, fired
    assert "korte notitie" in texts(stack.say(sender, "vandaag een 4"))
    assert "4 van de 10" in texts(stack.say(sender, "sla over"))


# ---- the widget in a real browser: buttons after a reload (style of test_widget.py) ----

def test_answered_buttons_do_not_come_back_after_a_reload_and_open_ones_work(browser, stack):  # noqa: F811
    context, page = open_demo(browser, stack)
    try:
        ask(page, "kan ik met een therapeut praten", "contact met je opnemen")
        assert page.locator(".rw-reply", has_text="Telefoon").count() == 1
        ask(page, "telefoon", "telefoonnummer")  # typed, not clicked
        assert page.locator(".rw-reply").count() == 0
        shown = page.locator(".rw-msg").count()
        page.reload()
        page.locator(".rw-history .rw-msg").nth(shown - 1).wait_for()
        assert "contact met je opnemen" in page.locator(".rw-history").inner_text()  # still readable
        assert page.locator(".rw-reply").count() == 0  # but its buttons are gone

        assert "belt je op 0612345678" in ask(page, "06 12345678", "belt je op")
        ask(page, "hoi", "Kies een onderwerp")
        shown = page.locator(".rw-msg").count()
        page.reload()
        page.locator(".rw-history .rw-msg").nth(shown - 1).wait_for()
        # Only the latest question's buttons are live, and clicking one is answered.
        last = page.locator(".rw-history .rw-msg").last
        assert last.locator(".rw-reply").count() == page.locator(".rw-reply").count() > 0
        before = page.locator(BOT).count()
        page.locator(".rw-reply", has_text="Wat doet magnesium?").click()
        assert "spieren" in wait_for_answer(page, before, "spieren")
    finally:
        context.close()


def test_a_pause_inside_the_plan_form_loses_nothing_and_a_skip_with_a_remark_moves_on(stack):
    sender = new_sender("trap-plan-pause")
    assert "Welke beweging" in texts(stack.say(sender, "maak mijn startplan"))
    pause = texts(stack.say(sender, "wacht even, mn baas belt"))
    assert "neem je tijd" in pause and "begreep" not in pause and TRAP not in pause, pause
    assert stack.tracker(sender)["active_loop"].get("name") == "plan_form"
    minutes = texts(stack.say(sender, "maakt mij nie uit, iets simpels"))
    assert "Hoeveel minuten" in minutes and "begreep" not in minutes, minutes


def test_asking_what_the_contact_choices_mean_explains_them_and_asks_again(stack):
    sender = new_sender("trap-handoff-explain")
    _start_handoff(stack, sender)
    explained = texts(stack.say(sender, "hmm wat is het verschil"))
    assert "Telefoon: de therapeut belt je" in explained and "begreep" not in explained, explained
    assert "contact met je opnemen" in explained
    assert "nummer" in texts(stack.say(sender, "telefoon dan maar"))


def test_how_long_still_inside_the_plan_says_how_many_questions_are_left(stack):
    sender = new_sender("trap-plan-left")
    assert "Welke beweging" in texts(stack.say(sender, "maak mijn startplan"))
    stack.say(sender, "ik fiets graag")
    assert "ademmoment" in texts(stack.say(sender, "een kwartier"))
    left = texts(stack.say(sender, "pff wat een vragen zeg, duurt dit nog lang?"))
    assert "korte vragen" in left and "ademmoment" in left.lower() and "bedoel je" not in left, left


def test_leaving_at_the_pain_note_keeps_the_score_without_a_note_and_says_goodbye(stack):
    sender = new_sender("trap-pain-leave")
    stack.say(sender, "ik wil mijn pijn doorgeven")
    assert "korte notitie" in texts(stack.say(sender, "7"))
    reply = texts(stack.say(sender, "ik moet gaan, kind huilt"))
    assert "7 van de 10" in reply and "Dag" in reply, reply
    points = history.pain_history(conversation_id=sender, url=stack.app_db)
    assert [(point.score, point.note) for point in points] == [(7, None)]


def test_a_question_at_the_pain_note_is_answered_not_stored_as_the_note(stack):
    sender = new_sender("trap-pain-question")
    stack.say(sender, "ik wil mijn pijn doorgeven")
    stack.say(sender, "8")
    reply = texts(stack.say(sender, "sorry verkeerde chat. ik ben 67 en wil weten of magnesium ok is op mijn leeftijd"))
    assert "magnesium" in reply.lower() and "korte notitie" in reply, reply
    assert not history.pain_history(conversation_id=sender, url=stack.app_db)


def test_a_change_of_mind_about_the_movement_changes_it_and_asks_the_minutes_again(stack):
    sender = new_sender("trap-plan-mind")
    stack.say(sender, "ik wil een plan maken")
    assert "minuten" in texts(stack.say(sender, "wandelen"))
    reply = texts(stack.say(sender, "oh nee wacht, doe toch maar fietsen. wandelen gaat slecht met mn knie"))
    assert "fietsen" in reply and "minuten" in reply, reply
    assert stack.tracker(sender)["slots"]["plan_movement"] == "cycling"


def test_asking_whether_the_assistant_is_still_there_gets_a_yes(stack):
    sender = new_sender("still-there")
    stack.say(sender, "hoi")
    reply = texts(stack.say(sender, "hallo??? ben je er nog"))
    assert reply.startswith("Ja, ik ben er nog"), reply
