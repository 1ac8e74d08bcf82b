"""Stop, skip, yes and no in a reply to a form's question."""
import pytest

from bot.forms.answer_words import is_skip, is_stop, parse_yes_no


@pytest.mark.parametrize("text", ["stop", "Stop!", "ik wil stoppen", "stop maar", "ok stop", "nee laat maar",
                                  "stoppen met het plan", "ik stop ermee"])
def test_stop(text):
    assert is_stop(text)


@pytest.mark.parametrize("text", ["stop herinneringen", "stopt het ooit", "laat", "wandelen", "nee"])
def test_not_stop(text):
    assert not is_stop(text)


@pytest.mark.parametrize("text", ["sla over", "Weet ik niet", "weet ik echt niet", "geen idee", "overslaan",
                                  "maakt niet uit", "sla deze vraag over", "ik weet het niet", "kies jij maar"])
def test_skip(text):
    assert is_skip(text)


@pytest.mark.parametrize("text, answer", [("ja", True), ("Ja hoor", True), ("jazeker", True), ("nee", False),
                                          ("neen", False), ("zeker niet", False), ("liever niet", False),
                                          ("hmm", None)])
def test_yes_no(text, answer):
    assert parse_yes_no(text) is answer
