"""Common Dutch words, from the word list pyspellchecker ships (nl.json.gz, word -> count).

The matcher forgives typos in red-flag words, up to two letters in long words. Some real
words are two letters from a red-flag word: "geschikt" (geschept), "overdreven" (overreden),
"vergadering" (vermagering), "uitgegeven" (uitgegleden). A common real word is spelled as
meant: for it, the matcher forgives one letter at most, which still catches "verlamt";
a very common one ("groep", not "griep") is never read as a typo.
"""
from __future__ import annotations

import functools
import gzip
import json
from importlib import resources
from typing import FrozenSet

# Seen this often in the list's corpus: a word, not a typo that happens to be listed.
MIN_COUNT = 500
# Seen this often, a word is meant as written: never a typo ("groep" is not "griep").
ALWAYS_MEANT = 10_000


@functools.lru_cache(maxsize=None)
def common_words(min_count: int = MIN_COUNT) -> FrozenSet[str]:
    source = resources.files("spellchecker") / "resources" / "nl.json.gz"
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        counts = json.load(handle)
    return frozenset(word for word, count in counts.items() if count >= min_count and word.isalpha())


def spelled_near_a_word(word: str) -> bool:
    """Whether a word is Dutch as the list knows it, however rare, or one letter from such a
    word: "ochtnd" is a typo, "xarelto" is a name."""
    words = common_words(min_count=0)
    if word in words:
        return True
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = (
        [a + b[1:] for a, b in splits if b]
        + [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        + [a + c + b[1:] for a, b in splits if b for c in letters]
        + [a + c + b for a, b in splits for c in letters]
    )
    return any(edit in words for edit in edits)
