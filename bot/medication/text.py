"""Turns a chat message into word tokens that can be compared with the catalogues."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import List, Tuple

from bot.settings import MESSAGE_CHARS_LIMIT

# Messages are trimmed upstream (max_message_chars); this bound keeps text that never
# passed the screen from costing more than a few milliseconds.
MAX_CHARS = MESSAGE_CHARS_LIMIT

# A word (letters only), a number with an optional decimal or thousands part,
# or a character that ends a clause. Hyphens and apostrophes split words on
# purpose: "levothyroxine-natrium" and "AV-blok" then match word by word.
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[.,;:!?()\[\]\n/+&|]")
_CLAUSE_BREAK = set(".,;:!?()[]\n/+&|")
_SENTENCE_END = set(".!?\n")

NUMBER_WORDS = {
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}

# Endings of international generic names (INN stems) plus their Dutch spellings.
# Used only to decide whether an unknown word is probably a medicine.
DRUG_SUFFIXES: Tuple[str, ...] = (
    "ol", "ine", "zol", "pril", "sartan", "statine", "mab", "cine", "cilline", "pam",
    "lam", "vir", "afil", "triptan", "olon", "sone", "ide", "azine", "dipine", "tidine",
    "mycine", "dronaat", "tropium", "lukast", "gliptine", "floxacine", "tinib", "parine",
    "xaban", "gatran", "prazol", "dronzuur", "oxetine", "aline", "apine", "pine", "son", "codon",
    "adon",
)


@dataclass(frozen=True)
class Token:
    """One word or number of a message.

    Attributes:
        norm: Lowercase form without accents, used for every comparison.
        raw: The word as typed.
        clause: Index of the clause; punctuation starts a new one.
        sentence_start: Whether the word opens a sentence (capitals mean nothing there).
        start: Offset of the word in `clean(text)`.
        end: Offset just past the word in `clean(text)`.
    """

    norm: str
    raw: str
    clause: int
    sentence_start: bool
    start: int
    end: int


def fold(text: str) -> str:
    """Lowercases and strips accents, so "Nierinsufficiëntie" equals "nierinsufficientie"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def clean(text: str) -> str:
    """The text tokens point into: composed characters, cut at MAX_CHARS."""
    return unicodedata.normalize("NFC", text[:MAX_CHARS])


def tokenize(text: str) -> List[Token]:
    """Splits a message into word and number tokens, tracking clauses.

    Args:
        text: The message as the user typed it.

    Returns:
        The tokens in order; punctuation itself is not returned.
    """
    text = clean(text)
    tokens: List[Token] = []
    clause = 0
    sentence_start = True
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if piece in _CLAUSE_BREAK:
            clause += 1
            sentence_start = sentence_start or piece in _SENTENCE_END
            continue
        norm = fold(piece)
        if norm:
            tokens.append(Token(norm, piece, clause, sentence_start, match.start(), match.end()))
            sentence_start = False
    return tokens


def has_drug_suffix(word: str) -> bool:
    """Whether a lowercase word ends like an international medicine name."""
    return len(word) >= 6 and word.endswith(DRUG_SUFFIXES)


def phrase_tokens(phrase: str) -> Tuple[str, ...]:
    """The normalized words of a catalogue phrase, split the same way as messages."""
    return tuple(token.norm for token in tokenize(phrase))
