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
