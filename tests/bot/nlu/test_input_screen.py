import pytest
from hypothesis import given, settings, strategies as st

from bot.nlu.input_screen import APPROVAL, EMPTY, OTHER_LANGUAGE, screen_input


@pytest.mark.parametrize("text", ["", "   ", "😀😀🙏", "...", "!!!"])
def test_nothing_readable_is_empty(text):
    assert screen_input(text) == EMPTY


@pytest.mark.parametrize("text", ["How much magnesium should I take?", "مرحبا كيف حالك", "Привет, как дела",
                                  "Können Sie auch auf Deutsch antworten?", "Welche Lebensmittel haben viel Magnesium?",
                                  "Bonjour, vous parlez français?", "j'ai mal au dos, pourquoi?",
                                  "Ich spreche leider kein Niederländisch"])
def test_other_languages_are_recognised(text):
    assert screen_input(text) == OTHER_LANGUAGE


@pytest.mark.parametrize("text", ["hoeveel magnesium mag ik", "8", "ok thanks", "is the magnesium goed voor mij?",
                                  "ik heb last van m'n rug", "<b>hoi</b>", "das toch overdreven, ik wil niet bellen",
                                  "je moet het zo doen, met pijn in je rug", "ik heb pas les gehad, dans en yoga",
                                  "Danke schön, tschüss", "thanks, bye"])
def test_dutch_and_numbers_pass(text):
    assert screen_input(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises(text):
    assert screen_input(text) in (None, EMPTY, APPROVAL, OTHER_LANGUAGE)


@pytest.mark.parametrize("text", ["👍", "👍🏻", "🙏🙏", "❤️", "👌 "])
def test_an_approving_emoji_alone_is_an_ok(text):
    assert screen_input(text) == "approval"


@pytest.mark.parametrize("text", ["😭", "🤷‍♀️", "...", "👍😭"])
def test_other_emoji_alone_still_have_no_words(text):
    assert screen_input(text) == "empty"
