"""Property tests: the matcher never fails on whatever people paste (its speed: make bench)."""
from __future__ import annotations

from functools import lru_cache

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.safety import TRIAGE_ORDER, detect_red_flags
from bot.safety.catalogue import CATALOGUE_PATH, load_catalogue
from bot.safety.matcher import _detect
from bot.safety.normalize import MAX_CHARS

@lru_cache(maxsize=1)
def catalogue_words():
    """Words from the catalogue and the context rules, so random text is full of near-matches."""
    with open(CATALOGUE_PATH, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    words = set()
    for entry in raw["flags"]:
        for source in entry["phrasings"]:
            for part in source.split():
                words.update(w.strip("*=?@") for w in part.split("|") if w[:1].isalpha())
    words.update(raw["context"]["negation"]["words"] + ["ik", "mijn", ",", ".", "'s", "kheb", "maar"])
    return sorted(words)


dutchish = st.text(alphabet="abcdefghijklmnopqrstuvwxyzëïé '’.,!?-\n0123456789", max_size=2 * MAX_CHARS)
word_salad = st.lists(st.sampled_from(catalogue_words()), max_size=1200).map(" ".join)


def _check(text: str) -> None:
    load_catalogue()
    detection = _detect(text) if text.strip() else detect_red_flags(text)
    assert detection.level in TRIAGE_ORDER + (None,)
    for flag in detection.flags:
        assert text[flag.start:flag.end] == flag.matched_text
        assert 0 <= flag.start < flag.end <= min(len(text), MAX_CHARS)


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=3 * MAX_CHARS))
def test_any_text(text):
    _check(text)


@settings(deadline=None, max_examples=200)
@given(dutchish)
def test_dutch_looking_text(text):
    _check(text)


@settings(deadline=None, max_examples=200)
@given(word_salad)
def test_catalogue_word_salad(text):
    _check(text)
