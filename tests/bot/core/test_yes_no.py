"""The typed yes/no reader (bot/core/yes_no.py), with answers as people write them."""
import pytest

from bot.core.yes_no import NO, UNSURE, YES, decline_then_question, read_answer


@pytest.mark.parametrize("text", [
    "ja", "Ja", "JA!", "jaaa", "ja graag", "Ja, graag", "ja, geef maar door", "graag", "doe maar", "oké", "oke",
    "ok", "is goed", "prima", "zeker", "ja hoor", "ja, doe maar", "ja, wis alles", "👍", "jazeker", "yes",
    "dat is goed", "ja alsjeblieft", "juist", "in orde", "da's goed", "allee ja", "ja, wanneer?", "ja, dat wil ik", "akkoord", "goed", "toe maar", "lukt gewoon",
])
def test_yes(text):
    assert read_answer(text) == YES


@pytest.mark.parametrize("text", [
    "nee", "Nee.", "neee", "neen", "nee dank je", "nee, dank je wel", "nee bedankt", "liever niet", "laat maar",
    "laat maar zitten", "nee hoor", "zeker niet", "echt niet", "nee, toch niet", "niet nodig", "hoeft niet",
    "dat wil ik niet", "👎", "nope", "neenee", "klopt niet", "lukt niet", "nee, ik wil niet dood",
])
def test_no(text):
    assert read_answer(text) == NO


@pytest.mark.parametrize("text", [
    "misschien", "soms", "af en toe", "weet ik niet", "ik weet het niet", "niet echt", "ja, soms",
    "nee, maar soms wel", "ja maar ik heb geen plan", "ja nee", "een beetje",
])
def test_unsure(text):
    assert read_answer(text) == UNSURE


@pytest.mark.parametrize("text", [
    "", "   ", "telefoon", "goed, en hoeveel magnesium mag ik dan?", "mag ik magnesium met ibuprofen", "hoeveel magnesium mag ik per dag", "verwijder mijn gegevens", "dank je",
    "ja ik heb een vraag over magnesium en dan vooral over hoeveel ik per dag mag slikken bij rugpijn",
])
def test_not_an_answer(text):
    assert read_answer(text) is None


@pytest.mark.parametrize("text, answer", [
    ("nee laat maar, ik wil nie dat iemand van de praktijk da weet", NO),
    ("ja graag, bel me maar morgen na de middag want dan ben ik thuis van mijn werk", YES),
])
def test_a_long_reply_answers_in_its_first_clause(text, answer):
    assert read_answer(text) == answer


@pytest.mark.parametrize("text", [
    "nee, maar ik wil wel graag weten hoeveel magnesium ik moet nemen voor mijn rug",
    "nee dank je, ik heb nog een vraag over magnesium en mijn medicijnen die ik neem?",
    "ik heb al vier jaar last van mijn rug en niks helpt echt, kine, pillen, alles",
])
def test_a_long_reply_with_a_turn_or_a_question_is_no_plain_answer(text):
    assert read_answer(text) is None


@pytest.mark.parametrize("text, decline, question", [
    ("nee hoor, hoeft niet, ik wil alleen weten wat hij zelf kan doen", "nee hoor, hoeft niet",
     "ik wil alleen weten wat hij zelf kan doen"),
    ("nee, maar hoeveel magnesium mag ik?", "nee", "hoeveel magnesium mag ik?"),
    ("Nee dank je. Wanneer zijn jullie open?", "Nee dank je", "Wanneer zijn jullie open?"),
    ("liever niet - wat kan ik zelf doen tegen de pijn", "liever niet", "wat kan ik zelf doen tegen de pijn"),
    ("nee laat maar, ik wil gewoon antwoord over die magnesium", "nee laat maar",
     "ik wil gewoon antwoord over die magnesium"),
])
def test_a_decline_followed_by_a_question_is_both(text, decline, question):
    assert decline_then_question(text) == (decline, question)


@pytest.mark.parametrize("text", [
    "nee", "nee hoor, hoeft niet", "Nee dank u, ik wil niet gebeld worden.", "nee, ik heb geen koorts",
    "nee, maar soms wel", "ja, maar hoeveel kost dat?", "hoeveel magnesium mag ik, nee echt?",
    "liever niet, laat maar",
])
def test_a_plain_decline_or_no_decline_is_not_cut(text):
    assert decline_then_question(text) is None


def test_a_statement_without_yes_is_no_answer_to_the_crisis_question():
    # "gaat gewoon" answers "kun je nog plassen?"; "ik heb gewoon veel pijn" is no yes to
    # "denk je erover om een einde aan je leven te maken?".
    assert read_answer("ik heb gewoon veel pijn") == "yes"
    assert read_answer("ik heb gewoon veel pijn", statements=False) is None
    assert read_answer("ja", statements=False) == "yes"
    assert read_answer("nee hoor", statements=False) == "no"


def test_a_question_word_opens_a_question_not_an_answer():
    # "kan" in "wat kan ik zelf doen?" once read as a yes.
    assert read_answer("wat kan ik zelf doen?") is None
    assert read_answer("hoeveel mag ik er nemen") is None
    assert read_answer("wat mij betreft wel") == YES
    assert decline_then_question("nee dank je. wat kan ik zelf doen?") == ("nee dank je", "wat kan ik zelf doen?")


@pytest.mark.parametrize("text, answer", [
    ("ok ga da doen. slaapwel", None),
    ("ok. heb nachtdienst, wanneer neem ik magnesium dan", None),
    ("jaja. oke ik kijk het aan. later", None),
    # A plain "ok", or an "ok" that goes on to agree, still says yes.
    ("ok", YES),
    ("oke, geef maar door", YES),
    ("ja graag, dag", YES),
])
def test_an_ok_that_moves_on_to_a_goodbye_or_a_question_is_no_yes(text, answer):
    assert read_answer(text) == answer


@pytest.mark.parametrize("text", ["Dank u wel.", "dank je wel", "bedankt hoor", "dank u wel voor de uitleg"])
def test_thanks_alone_are_no_answer(text):
    assert read_answer(text) is None


@pytest.mark.parametrize("text", ["daar wil ik liever niet over praten", "ik wil er niet over praten",
                                  "haha nee zo erg is het niet hoor, gewoon een rotdag", "nee joh niet zo"])
def test_declining_to_talk_and_a_laughing_no_are_a_no(text):
    assert read_answer(text) == NO
    assert read_answer(text, statements=False) == NO


@pytest.mark.parametrize("text", ["ik wil er niet meer zijn", "ik wil er niet meer over nadenken, ik wil dood"])
def test_the_wish_itself_is_never_read_as_a_no(text):
    assert read_answer(text, statements=False) != NO


def test_a_weak_doubt_inside_a_reply_to_something_else_is_no_unsure_answer():
    from bot.core.yes_no import opens_unsure

    assert not opens_unsure("wandelen en een beetje op de home trainer, da gaat wel")
    assert opens_unsure("een beetje")
    assert opens_unsure("het is soms heel zwaar en dan denk ik daar wel eens aan")
    assert opens_unsure("weet ik niet, soms denk ik er wel aan als de pijn heel erg is")
