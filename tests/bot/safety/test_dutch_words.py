"""A common Dutch word is not read as a two-letter typo of a red-flag word."""
import pytest

from bot.safety import detect_red_flags


@pytest.mark.parametrize("text", [
    "welke magnesium is geschikt voor kinderen",            # geschept
    "is het overdreven om voor rugpijn naar de huisarts te gaan",  # overreden
    "wat doe ik in een lange vergadering als mijn rug begint te zeuren",  # vermagering
    "kheb 300 euro uitgegeven aan een consult, was dat zinloos",  # uitgegleden
    "in welke gevallen stuur je iemand naar de huisarts",
    "kan je een overdosis magnesium krijgen",
    "I want to talk to a real person",
    "mijn moeder van 75 komt weinig buiten, moet ze vitamine D",
    "Ik doe liever in een groep dan alleen",               # griep: a very common word is meant
    "mijn handen en voeten zijn altijd koud",              # koorts
    "ik heb zin om mijn bureau uit het raam te gooien",
])
def test_ordinary_question_raises_no_flag(text):
    assert detect_red_flags(text).level is None


@pytest.mark.parametrize("text, code", [
    ("ik ben verlamt in mijn benen", "sudden_paralysis"),   # a one-letter typo still counts
    ("ik heb een overdosis genomen", "suicidal"),
    ("i want to die", "suicidal"),
    ("ik moet heel nodig maar er komt niks", "bladder_bowel"),
    ("ik ben aangereden door een auto", "major_trauma"),
    ("ik heb koors en rugpijn", "fever"),
    ("ik wil mezelf uit het raam gooien", "suicidal"),
])
def test_real_signal_still_found(text, code):
    assert code in {flag.code for flag in detect_red_flags(text).flags}
