"""The matcher's public API, Dutch as typed, context rules, odd input and speed."""
from __future__ import annotations

import dataclasses

import pytest

from bot.safety import TRIAGE_ORDER, Detection, RedFlagMatch, detect_red_flags, highest_level
from bot.safety.lexicon import typo_budget
from bot.safety.normalize import MAX_CHARS, fold, tokenize


def test_triage_order_is_ascending():
    assert TRIAGE_ORDER == ("soon", "urgent", "crisis", "emergency")


@pytest.mark.parametrize(
    "levels, expected",
    [
        ((), None),
        ((None, ""), None),
        (("soon",), "soon"),
        (("urgent", None, "soon"), "urgent"),
        (("crisis", "urgent"), "crisis"),
        (("soon", "emergency", "crisis"), "emergency"),
        (("", "urgent", "urgent"), "urgent"),
    ],
)
def test_highest_level(levels, expected):
    assert highest_level(*levels) == expected


def test_results_are_frozen_and_offsets_point_into_the_text():
    text = "Hallo. Ik heb KOORTS en ik kan sinds vanochtend niet meer plassen!"
    detection = detect_red_flags(text)
    assert detection.codes == ("bladder_bowel", "fever")
    assert detection.level == "emergency"
    for flag in detection.flags:
        assert isinstance(flag, RedFlagMatch)
        assert text[flag.start:flag.end] == flag.matched_text
    assert detection.flags[1].matched_text == "KOORTS"
    with pytest.raises(dataclasses.FrozenInstanceError):
        detection.flags[0].level = "soon"  # type: ignore[misc]


def test_codes_are_unique_and_ordered_by_severity_then_place():
    detection = detect_red_flags("Ik ben gevallen, heb koorts, wil dood en voel niks in mijn kruis. Weer koorts.")
    assert detection.codes == ("saddle_numbness", "suicidal", "minor_trauma", "fever")
    assert len(detection.flags) == len(set(detection.codes))


def test_empty_detection():
    assert Detection().level is None and Detection().codes == ()


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "😊😊", "<p></p>", "...", "1234", None, 42])
def test_odd_input_gives_no_flag(text):
    assert detect_red_flags(text).codes == ()  # type: ignore[arg-type]


def test_html_and_emoji_around_a_flag():
    text = "<div><b>Help</b> 😢 ik kan&nbsp;niet plassen</div>"
    detection = detect_red_flags(text)
    assert detection.codes == ("bladder_bowel",)


def test_only_the_first_characters_are_read():
    filler = "Ik wandel graag in het bos. " * (MAX_CHARS // 20)
    assert detect_red_flags("ik heb koorts. " + filler).codes == ("fever",)
    assert detect_red_flags(filler + "ik heb koorts").codes == ()


def test_folding_keeps_length_and_strips_accents():
    for text in ("Ik ben suïcidaal", "ÉÉN ﬁ İ", "m’n been"):
        assert len(fold(text)) == len(text)
    assert fold("Suïcide") == "suicide"


@pytest.mark.parametrize(
    "typed, words",
    [
        ("kheb", ["ik", "heb"]),
        ("k heb", ["ik", "heb"]),
        ("'k heb", ["ik", "heb"]),
        ("m'n", ["mijn"]),
        ("mn", ["mijn"]),
        ("z’n", ["zijn"]),
        ("zn", ["zijn"]),
        ("'s nachts", ["s", "nachts"]),
        ("ni", ["niet"]),
        ("kilo's", ["kilos"]),
        ("plasssssen", ["plassen"]),
        ("38,5", ["38,5"]),
    ],
)
def test_chat_forms_are_expanded(typed, words):
    assert [token.text for token in tokenize(typed)] == words


@pytest.mark.parametrize(
    "text, code",
    [
        ("ik heb koortst", "fever"),  # one letter too many
        ("ik heb koorst", "fever"),  # swapped letters
        ("krachtsverlise", "leg_weakness"),  # long word, two edits
        ("ik kanniet plassen", "bladder_bowel"),  # missing space
        ("ik heb tintelingen in mijnbeen", "numbness_tingling"),
        ("ik ben gevallenn", "minor_trauma"),
    ],
)
def test_typos_and_missing_spaces(text, code):
    assert code in detect_red_flags(text).codes


@pytest.mark.parametrize(
    "text",
    [
        "ik heb gelukkig mijn humor nog",  # not 'tumor'
        "ik wil noten eten",  # not 'poten'
        "ik ga morgen kopen",  # not 'zorgen', 'lopen'
        "het is me opgevallen",  # not 'afgevallen'
        "ik ben bevallen",  # not 'gevallen'
        "mijn cortisol is hoog",  # not 'cortison'
        "ik heb trillingen in mijn hand",  # not 'rillingen'
    ],
)
def test_real_words_are_not_read_as_typos(text):
    assert detect_red_flags(text).codes == ()


def test_typo_budget_grows_with_word_length():
    assert [typo_budget(n) for n in (3, 4, 5, 7, 8, 12)] == [0, 0, 1, 1, 2, 2]


@pytest.mark.parametrize(
    "text, code",
    [
        ("ik kan niet plassen", "bladder_bowel"),  # 'niet' is part of the symptom
        ("geen gevoel tussen mijn benen", "saddle_numbness"),  # 'geen' is part of the symptom
        ("ik voel niks in mijn kruis", "saddle_numbness"),
        ("ik zie het niet meer zitten", "suicidal"),
        ("ik weet niet of ik koorts heb", "fever"),  # uncertain is not negated
        ("geen koorts, wel rillingen", "fever"),  # 'wel' ends the negation
        ("ik heb niet alleen rugpijn maar ook koorts", "fever"),  # pseudo-negation
        ("ik heb koorts, het is niet erg", "fever"),  # negation after, but not about koorts
        ("vroeger prednison gebruikt", "steroid_use"),  # history is the flag
        ("mijn zoon wil niet meer leven", "suicidal"),  # crisis kept for someone else
        ("mijn moeder had kanker en ik heb borstkanker gehad", "cancer_history"),
    ],
)
def test_negation_words_inside_a_symptom_or_out_of_reach(text, code):
    assert code in detect_red_flags(text).codes


@pytest.mark.parametrize(
    "text",
    [
        "ik heb geen koorts",
        "koorts heb ik niet",
        "niet gevallen",
        "krachtsverlies heb ik niet, koorts ook niet",
        "ik ben afgevallen omdat ik gezonder eet",
        "mijn moeder had kanker",
        "vroeger koorts gehad",
        "ik ben jaren geleden van de ladder gevallen",
        "ik heb geen gevoelloosheid in mijn kruis",
        "koorts, rillingen en krachtsverlies heb ik allemaal niet",
    ],
)
def test_negated_historical_or_someone_else(text):
    assert detect_red_flags(text).codes == ()


def test_vroeger_versus_recent():
    assert detect_red_flags("vroeger koorts gehad").codes == ()
    assert detect_red_flags("vorige week koorts gehad").codes == ("fever",)


def test_major_trauma_takes_over_the_fall_it_contains():
    assert detect_red_flags("ik ben van de ladder gevallen").codes == ("major_trauma",)
    assert detect_red_flags("ik ben van de trap gevallen").codes == ("minor_trauma",)


def test_escalation_of_weakness():
    assert detect_red_flags("mijn been wordt zwakker").level == "urgent"
    assert detect_red_flags("mijn been wordt opeens zwakker").level == "emergency"
    assert detect_red_flags("mijn benen worden zwakker").level == "emergency"
    match = detect_red_flags("krachtsverlies in beide benen").flags[0]
    assert (match.code, match.level) == ("leg_weakness", "emergency")


def test_several_flags_in_one_long_message():
    text = (
        "Ik heb al jaren rugpijn. " * 20
        + "Sinds gisteren heb ik koorts en mijn been wordt zwakker. "
        + "Ik eet gezond en wandel veel. " * 20
    )
    assert set(detect_red_flags(text).codes) == {"fever", "leg_weakness"}


def test_a_message_beyond_the_limit_is_still_read_up_to_it():
    # How long it takes: python -m benchmarks.safety_speed (make bench).
    text = ("Ik kan niet plassen, geen koorts, ik ben van de trap gevallen en wil dood. " * 100)[:MAX_CHARS]
    assert detect_red_flags(text * 3).level == "emergency"
