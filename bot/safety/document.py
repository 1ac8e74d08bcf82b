"""A message prepared for matching: tokens, the atoms each stands for, and where phrases may run."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Tuple

from bot.safety.catalogue import Catalogue
from bot.safety.normalize import Token, expand, tokenize

_MIN_GLUED_LENGTH = 5


@dataclass(frozen=True)
class Document:
    """Tokens of one message plus per-token facts used by matching and context rules."""

    tokens: Tuple[Token, ...]
    hits: Tuple[FrozenSet[int], ...]
    is_break: Tuple[bool, ...]
    is_stop: Tuple[bool, ...]
    gap_ok: Tuple[bool, ...]
    wide_gap_ok: Tuple[bool, ...]
    sentence: Tuple[int, ...]
    present: FrozenSet[int]
    positions: Dict[int, Tuple[int, ...]]  # atom id -> token indexes where it occurs

    def __len__(self) -> int:
        return len(self.tokens)


def _known(word: str, catalogue: Catalogue) -> bool:
    rules = catalogue.context
    return word in rules.glue_words or word in rules.negation_words or bool(catalogue.lexicon.hits(word))


def _unglue(word: str, catalogue: Catalogue, depth: int = 2) -> Tuple[str, ...]:
    # People type "kanniet", "nietmeer", "mijnbeen": split after a small function word,
    # but only when the whole is unknown and every part is known.
    if depth == 0 or len(word) < _MIN_GLUED_LENGTH or not word.isalpha() or _known(word, catalogue):
        return (word,)
    for cut in range(2, len(word) - 1):
        left, rest = word[:cut], word[cut:]
        if left not in catalogue.context.glue_words:
            continue
        right: List[str] = []
        for part in expand(rest):
            right.extend(_unglue(part, catalogue, depth - 1))
        if right and all(_known(part, catalogue) for part in right):
            return (left, *right)
    return (word,)


def _split_glued(tokens: List[Token], catalogue: Catalogue) -> List[Token]:
    result: List[Token] = []
    for token in tokens:
        if token.is_break:
            result.append(token)
            continue
        parts = _unglue(token.text, catalogue)
        if len(parts) == 1:
            result.append(token)
            continue
        aligned = "".join(parts) == token.text and token.end - token.start == len(token.text)
        offset = token.start
        for part in parts:
            # Exact sub-spans when the letters line up; otherwise each part gets the whole word.
            end = offset + len(part) if aligned else token.end
            result.append(Token(part, offset if aligned else token.start, end))
            offset = end
    return result


def build_document(text: str, catalogue: Catalogue) -> Document:
    """Tokenize `text` and look every word up in the catalogue's lexicon."""
    tokens = _split_glued(tokenize(text), catalogue)
    rules = catalogue.context
    hits = tuple(frozenset() if t.is_break else catalogue.lexicon.hits(t.text) for t in tokens)
    negation = rules.negation_words
    sentence: List[int] = []
    current = 0
    for token in tokens:
        sentence.append(current)
        if token.is_stop:
            current += 1
    positions: Dict[int, List[int]] = {}
    for index, found in enumerate(hits):
        for atom_id in found:
            positions.setdefault(atom_id, []).append(index)
    return Document(
        tokens=tuple(tokens),
        hits=hits,
        is_break=tuple(t.is_break for t in tokens),
        is_stop=tuple(t.is_stop for t in tokens),
        gap_ok=tuple(
            not t.is_break and t.text not in negation and t.text not in rules.gap_blockers for t in tokens
        ),
        wide_gap_ok=tuple(not t.is_stop and t.text not in negation for t in tokens),
        sentence=tuple(sentence),
        present=frozenset(positions),
        positions={atom_id: tuple(where) for atom_id, where in positions.items()},
    )
