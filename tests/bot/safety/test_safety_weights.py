"""Weight lost, read from two body weights (bot/safety/weights.py)."""
import pytest

from bot.safety import detect_red_flags
from bot.safety.catalogue import load_catalogue
from bot.safety.document import build_document
from bot.safety.weights import weight_drop


def drop(text):
    found = weight_drop(build_document(text, load_catalogue()))
    return found.kilos if found else None


@pytest.mark.parametrize("text, kilos", [
    ("mijn gewicht is teruggelopen van 82 naar 74 kilogram", 8.0),
    ("Ik weeg momenteel 58 kilo; een half jaar geleden woog ik nog 66.", 8.0),
    ("De weegschaal gaf vanochtend 64 aan, in januari was dat nog 71.", 7.0),
    ("ik woog 70 kilo en nu nog 62", 8.0),
    ("ik ben 66 en weeg 80 kilo, vroeger 85", 5.0),  # 66 is an age
])
def test_two_weights_give_the_kilos_lost(text, kilos):
    assert drop(text) == kilos


@pytest.mark.parametrize("text", [
    "ik woog 70 kilo en nu 80",  # gained
    "ik weeg 75 kilo, vorig jaar ook 75",
    "ik weeg 90 kilo, vroeger 92",  # too little to count
    "ik ben met mijn dieet van 90 naar 80 kilo gegaan",  # intended
    "20 jaar geleden woog ik 90 kilo, nu 75, door veel te sporten",
    "ik weeg 80 kilo en mijn man 95",  # no word says which is older
    "ik ben 45 jaar en weeg 70 kilo",
])
def test_no_loss_or_an_intended_one_is_no_drop(text):
    assert drop(text) is None


def test_a_drop_without_a_reason_is_a_soon_flag_and_an_intended_one_is_not():
    assert detect_red_flags("Ik weeg nu 58 kilo; een half jaar geleden woog ik nog 66. Ik heb geen dieet gevolgd.").level == "soon"
    assert detect_red_flags("door mijn dieet ben ik van 90 naar 80 kilo gegaan, fijn!").level is None
