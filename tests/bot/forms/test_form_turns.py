"""What a reply to a form's question is: answer, aside, leaving, or not understood yet."""
import pytest

from bot.forms import exits
from bot.forms.turns import (ANSWER, ASIDE, GOODBYE, LEAVE, OTHER, STOP, THANK, UNCLEAR, Leaving, closing, farewell,
                             read_turn, wants_other_question)


@pytest.mark.parametrize("text, kind", [
    ("ok bedankt, doei", GOODBYE), ("doei", GOODBYE), ("Dag!", GOODBYE), ("tot ziens", GOODBYE),
    ("oké dank je wel, tot later", GOODBYE), ("bedankt", THANK), ("dankjewel 🙂", THANK), ("top, dank je", THANK),
    ("thanks", THANK), ("nee dank je", None), ("ja graag", None), ("3 keer per dag", None),
    ("dank je, maar hoeveel magnesium?", None), ("telefoon", None),
])
def test_a_whole_message_of_goodbye_or_thanks(text, kind):
    assert farewell(text) == kind


@pytest.mark.parametrize("text", ["ik wil iets anders vragen", "Ik heb een andere vraag",
                                  "mag ik eerst wat anders vragen?", "kan ik iets anders vragen",
                                  "ik wil het over iets anders hebben"])
def test_wanting_to_ask_something_else(text):
    assert wants_other_question(text)
    turn = read_turn(text, "out_of_scope", 0.9, understood=False)
    assert (turn.kind, turn.reason) == (LEAVE, OTHER)


@pytest.mark.parametrize("text, understood", [
    ("Mag ik even iets anders vragen: hoeveel magnesium heb ik nodig op mijn leeftijd? Ik ben 78.", False),
    ("ik heb een andere vraag, wanneer zijn jullie open", False),
    ("even iets anders vragen. Mag ik magnesium naast mijn pijnstillers?", True),
    ("mag ik iets anders vragen: wat moet ik weten over magnesium?", False),
])
def test_wanting_to_ask_something_else_with_the_question_itself_steps_aside_for_it(text, understood):
    assert wants_other_question(text)
    assert read_turn(text, "magnesium_older_people", 0.9, understood=understood).kind == ASIDE
    assert read_turn(text, "nlu_fallback", 0.35, understood=understood).kind == ASIDE


@pytest.mark.parametrize("text", ["ik wil iets anders vragen, als dat mag", "mag ik iets anders vragen?",
                                  "ik heb nog een vraag: ok"])
def test_a_request_to_ask_without_the_question_leaves_to_hear_it(text):
    turn = read_turn(text, "out_of_scope", 0.9, understood=False)
    assert (turn.kind, turn.reason) == (LEAVE, OTHER)


@pytest.mark.parametrize("text", ["iets anders", "ik doe iets anders", "wandelen"])
def test_an_answer_naming_something_else_is_no_request_to_leave(text):
    assert not wants_other_question(text)


@pytest.mark.parametrize("text, intent, reason", [
    ("stop", "stop_reminders", STOP), ("laat maar", "deny", STOP), ("nee laat maar zitten", "deny", STOP),
    ("ok bedankt, doei", "goodbye", GOODBYE), ("ok bedankt, doei", "nlu_fallback", GOODBYE),
    ("bedankt", "thank", THANK), ("ik wil iets anders vragen", "nlu_fallback", OTHER),
    ("ik ga slapen, welterusten iedereen", "goodbye", GOODBYE),
])
def test_leaving_any_form(text, intent, reason):
    turn = read_turn(text, intent, 0.9, understood=False)
    assert turn.kind == LEAVE and turn.reason == reason


@pytest.mark.parametrize("text, intent, confidence", [
    ("wanneer zijn jullie open?", "out_of_scope", 0.5), ("wanneer zijn jullie open?", "nlu_fallback", 0.35),
    ("hoeveel magnesium mag ik per dag", "magnesium_dosage", 0.9), ("ben jij een robot", "bot_challenge", 0.8),
    ("kost een therapeut geld?", "practice_costs", 0.7),
])
def test_a_question_about_something_else_steps_aside(text, intent, confidence):
    assert read_turn(text, intent, confidence, understood=False).kind == ASIDE


def test_an_answer_wins_over_the_nlus_guess_unless_it_is_another_question():
    assert read_turn("noten", "magnesium_food_sources", 0.95, understood=True).kind == ANSWER
    assert read_turn("hoeveel magnesium zit er in noten?", "magnesium_food_sources", 0.9, understood=True).kind == ASIDE
    assert read_turn("kan de therapeut me bellen?", "request_therapist", 0.9, understood=True,
                     own_intents=("request_therapist",)).kind == ANSWER
    assert read_turn("ja graag, dank je", "thank", 0.9, understood=True).kind == ANSWER


@pytest.mark.parametrize("text, intent, confidence", [
    ("laat", "sleep_tips", 0.4), ("hallo", "greet", 0.99), ("wat?", "nlu_fallback", 0.3),
    ("hoe bedoel je?", "out_of_scope", 0.8), ("mijn rug doet al 3 dagen heel erg pijn", "report_pain", 0.9),
    ("12345", "report_pain", 0.9), ("06-1234", "request_therapist", 0.7),
])
def test_a_reply_not_understood_stays_with_the_form(text, intent, confidence):
    assert read_turn(text, intent, confidence, understood=False, own_intents=("report_pain",)).kind == UNCLEAR


def test_the_second_miss_in_a_row_offers_to_skip_or_stop():
    question = {"text": "Hoeveel glazen water?", "buttons": [{"title": "6 glazen", "payload": "6 glazen"}]}
    once = exits.missed(None)
    assert exits.with_way_out(question, once) == question
    twice = exits.missed(once[exits.MISSES_SLOT])
    offered = exits.with_way_out(question, twice)
    assert "Kies een knop" not in offered["text"] and "overslaan" in offered["text"]
    assert [b["payload"] for b in offered["buttons"]] == ["6 glazen", "sla over", "stop"]
    assert [b["payload"] for b in exits.with_way_out(question, twice, skip=False)["buttons"]][-1] == "stop"
    thrice = exits.missed(twice[exits.MISSES_SLOT])
    assert exits.with_way_out(question, thrice)["text"].split("\n")[0] != offered["text"].split("\n")[0]
    assert exits.missed(thrice[exits.MISSES_SLOT]) == thrice  # and stays there


def test_closing_words_fit_how_the_user_left():
    assert exits.closing(THANK, "We stoppen.")[0]["text"] == "Graag gedaan! We stoppen."
    assert exits.closing(GOODBYE, "We stoppen.")[-1] == {"response": "utter_goodbye"}
    assert "Wat wil je vragen" in exits.closing(OTHER, "We stoppen.")[-1]["text"]
    assert exits.closing(STOP, "We stoppen.") == [{"text": "We stoppen."}]
    assert Leaving(GOODBYE) == Leaving(GOODBYE)


@pytest.mark.parametrize("text, kind", [
    ("Dank u wel voor de uitleg.", THANK), ("merci, salu!", GOODBYE),
    ("oke, ik vraag het aan de apotheek. dankjewel", THANK), ("bedankt, ik bel morgen de huisarts", THANK),
    ("bedankt, maar hoe lang duurt het?", None), ("fijn dat het kan", None), ("ik wil mijn pijn doorgeven", None),
])
def test_a_message_opening_or_ending_with_thanks_or_goodbye(text, kind):
    assert closing(text) == kind


def test_going_on_later_leaves_the_form_with_thanks_when_thanked():
    turn = read_turn("Dank u. Dan ga ik morgen verder met het plan.", "nlu_fallback", 0.35, understood=False)
    assert (turn.kind, turn.reason) == (LEAVE, THANK)
    assert read_turn("ik ga later verder", "goodbye", 0.5, understood=False).reason == STOP
    # An answer that happens to mention later stays an answer.
    assert read_turn("morgen ga ik verder wandelen", "movement_exercise", 0.8, understood=True).kind == ANSWER


def test_a_stop_with_a_reason_leaves_the_form():
    turn = read_turn("laat maar, ik heb er nu geen zin in", "no_alarm_signs", 0.6, understood=False)
    assert (turn.kind, turn.reason) == (LEAVE, STOP)


@pytest.mark.parametrize("text, said", [
    ("Dank u. Dan gaan we verder. Ik kan op dit moment ongeveer een kwartier per dag aan.", None),
    ("bedankt, 10 minuten lukt wel", None),
    ("dank u wel voor de uitleg", THANK),
    ("oke, ik bel de huisarts. dankjewel", THANK),
])
def test_a_thank_you_that_goes_on_with_the_conversation_is_no_closing(text, said):
    assert closing(text) == said


@pytest.mark.parametrize("text, paused", [
    ("wacht mn baas belt", True), ("momentje", True), ("ben zo terug, koffie halen", True),
    ("wacht wa gebeurt er dan met mijn plan", False), ("wacht tot morgen met bellen", False),
    ("moment dat ik opsta doet het pijn", False),
])
def test_a_pause_is_told_from_a_question_or_a_sentence_that_starts_alike(text, paused):
    from bot.forms.turns import holds_on

    assert holds_on(text) is paused


def test_one_unknown_word_the_nlu_calls_a_goodbye_is_no_goodbye():
    assert read_turn("groen", "goodbye", 0.6, understood=False).kind == UNCLEAR
    assert read_turn("ik ga er vandoor", "goodbye", 0.8, understood=False).kind == LEAVE


def test_a_sentence_ending_in_goodbye_leaves_the_form_even_if_it_opens_with_ok():
    assert read_turn("ok ik moet nu koken, doei", "goodbye", 0.5, understood=True).kind == LEAVE
    assert read_turn("wandelen, doei", "goodbye", 0.5, understood=True).kind == ANSWER


def test_a_stop_that_ends_with_a_goodbye_gets_the_goodbye_too():
    turn = read_turn("laat maar, ik moet weer aan het werk. doei", "goodbye", 0.6, understood=False)
    assert (turn.kind, turn.reason) == (LEAVE, GOODBYE)
    assert read_turn("laat maar", "deny", 0.6, understood=False).reason == STOP
