"""Stop, skip, yes and no in a reply to a form's question."""
import pytest

from bot.forms.answer_words import goes_on_later, is_skip, is_stop, looks_like_question, parse_yes_no


@pytest.mark.parametrize("text", ["stop", "Stop!", "ik wil stoppen", "stop maar", "ok stop", "nee laat maar",
                                  "stoppen met het plan", "ik stop ermee"])
def test_stop(text):
    assert is_stop(text)


@pytest.mark.parametrize("text", ["stop herinneringen", "stopt het ooit", "laat", "wandelen", "nee"])
def test_not_stop(text):
    assert not is_stop(text)


@pytest.mark.parametrize("text", ["sla over", "Weet ik niet", "weet ik echt niet", "geen idee", "overslaan",
                                  "maakt niet uit", "maakt mij nie uit", "sla deze vraag over", "ik weet het niet", "kies jij maar"])
def test_skip(text):
    assert is_skip(text)


@pytest.mark.parametrize("text, skip", [
    ("maakt mij nie uit, iets simpels", True),
    ("geen idee. iets rustigs", True),
    ("weet ik niet, 10 minuten", False),  # an answer follows
    ("geen idee, wat raad je aan?", False),  # a question follows
    ("wandelen, maakt niet uit hoe lang", False),
])
def test_skip_with_a_remark_after_it(text, skip):
    assert is_skip(text) is skip


@pytest.mark.parametrize("text, answer", [("ja", True), ("Ja hoor", True), ("jazeker", True), ("nee", False),
                                          ("neen", False), ("zeker niet", False), ("liever niet", False),
                                          ("hmm", None)])
def test_yes_no(text, answer):
    assert parse_yes_no(text) is answer


@pytest.mark.parametrize("text", ["laat maar, ik heb er nu geen zin in", "stop want ik moet weg",
                                  "ik wil stoppen. ik ben moe",
                                  "weet je wat, laat maar. ik heb er vandaag de puf niet voor",
                                  "ach, laat maar zitten"])
def test_a_stop_with_a_reason_is_a_stop(text):
    assert is_stop(text)


@pytest.mark.parametrize("text", ["stop, 10 minuten", "laat maar, hoe laat zijn jullie open?", "laat je hond uit",
                                  "weet je wat, 10 minuten"])
def test_a_stop_followed_by_an_answer_or_a_question_is_not(text):
    assert not is_stop(text)


@pytest.mark.parametrize("text, later", [
    ("dan ga ik morgen verder met het plan", True), ("bedankt, ik ga later verder", True),
    ("hoe ga ik morgen verder?", False), ("verder met het plan", False),
])
def test_going_on_another_time(text, later):
    assert goes_on_later(text) is later


@pytest.mark.parametrize("text", ["ok dank. morgen doe ik dat plan wel", "ik ga morgen verder",
                                  "ehh moment, kan ik de score ook later doen? moet nu naar mn werk",
                                  "kan dat ook later?", "mag ik morgen verder?"])
def test_going_on_later(text):
    assert goes_on_later(text)


@pytest.mark.parametrize("text", ["kan ik morgen wandelen?", "ik wandel liever morgen", "15 minuten, morgen meer"])
def test_not_going_on_later(text):
    assert not goes_on_later(text)


@pytest.mark.parametrize("text, question", [
    ("sorry verkeerde chat lol. vraagje: hoeveel water moet ik per dag drinken", True),
    ("wandelen. hoe lang moet dat?", True),
    ("het ging goed vandaag. wandelen lukt", False),
    ("rustig aan. wat een dag", False),
])
def test_a_question_in_a_later_sentence(text, question):
    assert looks_like_question(text) is question


@pytest.mark.parametrize("text, leaves", [
    ("ik moet gaan, kind huilt", True), ("sorry moet ff weg", True), ("gtg", True),
    ("moet ik gaan wandelen?", False), ("ik moet gaan liggen", False), ("ik ga nu stoppen met magnesium", False),
])
def test_leaving_now_without_a_goodbye_word(text, leaves):
    from bot.forms.answer_words import leaves_now

    assert leaves_now(text) is leaves


def test_a_question_asked_indirectly_looks_like_one():
    from bot.forms.answer_words import looks_like_question

    assert looks_like_question("sorry verkeerde chat. ik ben 67 en wil weten of magnesium ok is op mijn leeftijd")
    assert not looks_like_question("wandelen hielp wel")
