"""The replies inform, never reassure, and always send people to their apotheker."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.medication.catalogue import load_catalogue
from bot.medication.messages import (
    interaction_warning,
    join_names,
    no_known_interaction_reply,
    no_medicines_reply,
    unknown_medicine_reply,
)

FORBIDDEN = ("veilig", "geen probleem", "kan geen kwaad", "geen risico", "prima samen", "gerust")


def _codes():
    return sorted(load_catalogue().classes)


def _assert_never_reassures(message: str) -> None:
    lowered = message.lower()
    for phrase in FORBIDDEN:
        assert phrase not in lowered, (phrase, message)
    assert not any(word in lowered.split() for word in ("u", "uw")), "je-form only"


def test_every_class_gets_its_label_and_advice_and_the_apotheker():
    for code in _codes():
        entry = load_catalogue().classes[code]
        message = interaction_warning([code])
        assert entry.label in message and entry.advice in message
        assert message.splitlines()[-1].startswith("Vraag je apotheker")
        _assert_never_reassures(message)


def test_pairs_of_classes_are_one_message_each_class_once():
    for first, second in itertools.combinations(_codes(), 2):
        message = interaction_warning([first, second, first])
        classes = load_catalogue().classes
        assert message.count(classes[first].advice) >= 1
        assert message.count("apotheker") >= 1
        assert len(message.splitlines()) == 4
        _assert_never_reassures(message)


def test_levothyroxine_warning_has_the_hours():
    assert "minstens 4 uur" in interaction_warning(["levothyroxine"])


def test_unknown_codes_are_skipped_but_the_apotheker_stays():
    message = interaction_warning(["no_such_class"])
    assert "apotheker" in message and "no_such_class" not in message


@pytest.mark.parametrize(
    "names, expected",
    [
        (["metoprolol"], "Metoprolol ken ik helaas niet"),
        (["metoprolol", "simvastatine"], "Metoprolol en simvastatine ken ik helaas niet"),
        (["a", "b", "c"], "A, b en c ken ik"),
        ([], "Dat medicijn ken ik helaas niet"),
    ],
)
def test_unknown_medicine_reply_names_them_and_sends_to_the_apotheker(names, expected):
    message = unknown_medicine_reply(names)
    assert message.startswith(expected)
    assert "apotheker" in message
    _assert_never_reassures(message)


def test_no_known_interaction_reply_gives_no_warning_but_mentions_the_apotheker():
    message = no_known_interaction_reply(["paracetamol", "ibuprofen"])
    assert "paracetamol en ibuprofen" in message
    assert "apotheker" in message and "Let op" not in message
    _assert_never_reassures(message)


def test_no_medicines_reply_mentions_the_apotheker():
    message = no_medicines_reply()
    assert "apotheker" in message
    _assert_never_reassures(message)


def test_join_names():
    assert join_names(["a"]) == "a"
    assert join_names(["a", "b", "a"]) == "a en b"
    assert join_names([]) == ""


@settings(deadline=None, max_examples=200, database=None)
@given(
    st.lists(st.sampled_from(_codes() + ["unknown"]), max_size=6),
    st.lists(st.sampled_from(["metoprolol", "Seloken", "x", "", "simvastatine"]), max_size=4),
)
def test_no_reply_ever_reassures(codes, names):
    for message in (interaction_warning(codes), unknown_medicine_reply(names), no_known_interaction_reply(names)):
        assert "apotheker" in message
        _assert_never_reassures(message)


def test_kidney_stones_in_passing_get_the_kidney_caution_and_the_doctor():
    from bot.medication.dialogue import medication_reply
    from bot.medication.matcher import find_medications

    classes = find_medications("ik heb nierstenen gehad, mag ik magnesium?").interaction_classes
    reply = medication_reply("ik heb nierstenen gehad, mag ik magnesium?", passing=True, classes_to_warn=classes)
    text = " ".join(reply.messages)
    assert "Nierproblemen" in text and "huisarts" in text
    assert "veilig" not in text


def test_a_follow_up_without_a_name_answers_about_the_medicines_named_before():
    from bot.medication.dialogue import ASK_WHICH_MEDICINES, medication_reply

    reply = medication_reply("hoeveel uur moet er dan tussen?", passing=False, known_classes=["levothyroxine"])
    assert reply.messages != (ASK_WHICH_MEDICINES,) and not reply.awaiting_list
    assert "4 uur" in reply.messages[0] and "apotheker" in reply.messages[0]
    fresh = medication_reply("hoeveel uur moet er dan tussen?", passing=False)
    assert fresh.messages == (ASK_WHICH_MEDICINES,) and fresh.awaiting_list


def test_the_kidney_caution_is_said_once_in_a_reply_and_once_in_a_conversation():
    from bot.medication.dialogue import kidney_caution_given, medication_reply
    from bot.medication.supplement import KIDNEY_CAUTION

    first = medication_reply("mijn nieren werken slecht, ik neem 300 mg magnesiumcitraat", passing=False)
    text = "\n".join(first.messages)
    assert text.count("Nierproblemen") + text.count(KIDNEY_CAUTION) == 1, text
    assert "huisarts" in text and "veilig" not in text
    assert kidney_caution_given(first.messages)

    later = medication_reply("en als ik 200 mg magnesium neem?", passing=False,
                             known_classes=["kidney_disease"], kidney_cautioned=True)
    assert not kidney_caution_given(later.messages), later.messages
    assert "200 mg" in "\n".join(later.messages)
    # Without the earlier caution the dose advice still opens with it.
    fresh = medication_reply("en als ik 200 mg magnesium neem?", passing=False, known_classes=["kidney_disease"])
    assert kidney_caution_given(fresh.messages)


def test_a_kidney_mention_in_passing_after_the_caution_adds_no_second_one():
    from bot.medication.dialogue import kidney_caution_given, medication_reply

    reply = medication_reply("ik neem 250 mg magnesium en heb slechte nieren", passing=True,
                             classes_to_warn=["kidney_disease"], known_classes=["kidney_disease"],
                             kidney_cautioned=True)
    assert not kidney_caution_given(reply.messages), reply.messages

def test_a_short_follow_up_naming_one_more_medicine_gets_ask_your_pharmacist():
    from bot.medication.dialogue import medication_reply

    reply = medication_reply("en die tramadol?", passing=False, known_classes=["gabapentin"])
    assert "Tramadol ken ik helaas niet" in reply.messages[0]
    # Without medicines before, a short "en ...?" names nothing.
    assert not any("ken ik helaas niet" in m for m in medication_reply("en die tramadol?", passing=False).messages)
