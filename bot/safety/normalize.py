"""Dutch text as people type it, turned into comparable tokens with their place in the text.

Folding keeps every character in place (one character in, one out), so a token's
`start`/`end` always point into the text the user typed.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Tuple

from bot.settings import MESSAGE_CHARS_LIMIT

# Work is capped so one pasted essay cannot slow down every turn of the conversation.
MAX_CHARS = MESSAGE_CHARS_LIMIT

_APOSTROPHES = "\u2019\u2018`\u00b4\u02bc\u2032"
_MARKUP = re.compile(r"<[^<>]{0,300}>|&(?:[a-z]{2,8}|#\d{1,6});")
_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)?[a-z]*"  # numbers, also 38,5 and ordinals like 55e
    r"|\.{2,}"  # an ellipsis is a pause, not the end of a sentence
    r"|'?[a-z0-9]+(?:'[a-z0-9]+)*'?"
    r"|[.!?;\n]"
    r"|[,:]"
)
_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)?)[a-z]{0,3}$")
_LONG_RUN = re.compile(r"([a-z])\1{2,}")

# Forms with an apostrophe that mean more than their letters.
_APOSTROPHE_FORMS: Dict[str, Tuple[str, ...]] = {
    "m'n": ("mijn",), "z'n": ("zijn",), "zo'n": ("zo", "een"), "'t": ("het",),
    "'k": ("ik",), "k'": ("ik",), "d'r": ("haar",), "'n": ("een",), "da's": ("dat", "is"),
    "'s": ("s",), "'m": ("hem",), "'ns": ("eens",),
}
# Chat spellings, Flemish forms and glued pronouns, mapped to the words the catalogue uses.
_WORD_FORMS: Dict[str, Tuple[str, ...]] = {
    "k": ("ik",), "kk": ("ik",), "mn": ("mijn",), "zn": ("zijn",), "mijne": ("mijn",),
    "ni": ("niet",), "nie": ("niet",), "nt": ("niet",), "nied": ("niet",),
    "gn": ("geen",), "gene": ("geen",), "genen": ("geen",), "gen": ("geen",),
    "nix": ("niks",), "da": ("dat",), "t": ("het",), "ff": ("even",), "efkes": ("even",),
    "zo'n": ("zo", "een"), "kzn": ("ik", "zijn"), "mss": ("misschien",),
    "tss": ("tussen",), "leve": ("leven",), "stapke": ("stapje",), "nimeer": ("niet", "meer"),
    "nimmeer": ("niet", "meer"), "niemeer": ("niet", "meer"), "peins": ("denk",), "peinzen": ("denken",), "der": ("er",), "tssn": ("tussen",), "hb": ("heb",), "gwn": ("gewoon",), "wrs": ("waarschijnlijk",),
    "vnacht": ("vannacht",), "vnmorgen": ("vanmorgen",), "pijm": ("pijn",),
}
# "kheb", "kzie": a glued 'k before these verbs is "ik".
_K_VERBS = frozenset(
    "heb had ben was kan kon wil wou zie zag voel voelde ga ging moet weet denk zit lig loop "
    "sta val viel plas word werd krijg kreeg maak vind hoop vrees merk".split()
)


@dataclass(frozen=True)
class Token:
    """One word (or break) of the message, normalized, with its span in the original text."""

    text: str
    start: int
    end: int
    is_break: bool = False  # punctuation: phrases never run across it
    is_stop: bool = False  # end of a sentence (. ! ? ; new line)


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    if lowered in _APOSTROPHES:
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c))
    return base if len(base) == 1 else lowered


def fold(text: str) -> str:
    """Lowercase, strip accents and unify apostrophes without changing the text's length."""
    if text.isascii():
        return text.lower().replace("`", "'")
    return "".join(_fold_char(char) for char in text)


def fold_word(word: str) -> str:
    """Fold a catalogue word the same way message words are folded."""
    return _LONG_RUN.sub(r"\1\1", fold(word.strip()))


def parse_number(text: str):
    """The value of a number token ('38,5' -> 38.5, '55e' -> 55.0), or None."""
    found = _NUMBER.match(text)
    if not found:
        return None
    return float(found.group(1).replace(",", "."))


def expand(raw: str) -> Tuple[str, ...]:
    """The catalogue words a typed word stands for ('kheb' -> ik, heb; 'mn' -> mijn)."""
    if raw in _APOSTROPHE_FORMS:
        return _APOSTROPHE_FORMS[raw]
    word = _LONG_RUN.sub(r"\1\1", raw.replace("'", ""))
    if not word:
        return ()
    if word in _WORD_FORMS:
        return _WORD_FORMS[word]
    if len(word) > 2 and word[0] == "k" and word[1:] in _K_VERBS:
        return ("ik", word[1:])
    return (word,)


def _blank_markup(folded: str) -> str:
    return _MARKUP.sub(lambda found: " " * len(found.group(0)), folded)


def tokenize(text: str) -> List[Token]:
    """Tokens of the first MAX_CHARS characters of `text`, with contractions expanded."""
    folded = _blank_markup(fold(text[:MAX_CHARS]))
    tokens: List[Token] = []
    for found in _TOKEN.finditer(folded):
        raw, start, end = found.group(0), found.start(), found.end()
        if raw.startswith(".."):
            continue
        if raw in ".!?;\n":
            tokens.append(Token(raw, start, end, is_break=True, is_stop=True))
        elif raw in ",:":
            tokens.append(Token(raw, start, end, is_break=True))
        elif raw[0].isdigit():
            tokens.append(Token(raw, start, end))
        else:
            tokens.extend(Token(word, start, end) for word in expand(raw))
    return tokens
