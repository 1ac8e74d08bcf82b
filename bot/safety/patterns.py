"""The catalogue's phrasing syntax: parsing a phrasing and finding it in a message.

The syntax is documented at the top of data/clinical/red_flags.yml; in short:
`word`, `word*`, `*word`, `*word*`, `#51-110`, `@class`, `=word` (no typos), `a|b` (either),
`x?` (optional), `...` / `...N` (up to 3 / N words), `<N>` (up to N words, across 'en', 'maar'),
`$` (end of the clause).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Mapping, Optional, Protocol, Sequence, Set, Tuple

from bot.safety.lexicon import INFIX, NUMBER, PREFIX, SUFFIX, WORD, Atom, Lexicon
from bot.safety.normalize import fold_word

ATOMS, GAP, END = "atoms", "gap", "end"
DEFAULT_GAP = 3
_GAP = re.compile(r"^(?:\.\.\.(\d+)?|<(\d+)>)$")
_NUMBER_RANGE = re.compile(r"^#(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$")
_PLAIN_WORD = re.compile(r"^[a-z0-9]+$")


@dataclass(frozen=True)
class Element:
    """One position of a phrasing: a set of atoms, a gap, or the end of a clause."""

    kind: str
    atoms: frozenset = frozenset()
    optional: bool = False
    span: int = 0
    wide: bool = False


@dataclass(frozen=True)
class Pattern:
    """A parsed phrasing; `required` holds the atom sets that must all occur for a match."""

    source: str
    elements: Tuple[Element, ...]
    required: Tuple[frozenset, ...]


class TokenView(Protocol):
    """What matching needs to know about a message (see `document.Document`)."""

    hits: Sequence[frozenset]
    positions: Mapping[int, Sequence[int]]
    is_break: Sequence[bool]
    gap_ok: Sequence[bool]
    wide_gap_ok: Sequence[bool]


def _atom(text: str, fuzzy: bool) -> Atom:
    if text.startswith("="):
        return _atom(text[1:], False)
    number = _NUMBER_RANGE.match(text)
    if number:
        return Atom(NUMBER, low=float(number.group(1)), high=float(number.group(2)))
    kind = WORD
    if text.startswith("*") and text.endswith("*") and len(text) > 2:
        kind, text = INFIX, text[1:-1]
    elif text.startswith("*"):
        kind, text = SUFFIX, text[1:]
    elif text.endswith("*"):
        kind, text = PREFIX, text[:-1]
    word = fold_word(text)
    if not _PLAIN_WORD.match(word):
        raise ValueError(f"not a single plain word: {text!r}")
    return Atom(kind, word, fuzzy)


def _alternatives(spec: str, classes: Mapping[str, Sequence[str]], fuzzy: bool, seen=()) -> List[Atom]:
    atoms: List[Atom] = []
    for alternative in spec.split("|"):
        if alternative.startswith("@"):
            name = alternative[1:]
            if name not in classes or name in seen:
                raise ValueError(f"unknown or circular word class {alternative!r}")
            for member in classes[name]:
                atoms.extend(_alternatives(str(member), classes, fuzzy, seen + (name,)))
        elif alternative:
            atoms.append(_atom(alternative, fuzzy))
        else:
            raise ValueError(f"empty alternative in {spec!r}")
    return atoms


def parse_pattern(
    source: str, lexicon: Lexicon, classes: Mapping[str, Sequence[str]], fuzzy: bool = True
) -> Pattern:
    """Parse one phrasing; `fuzzy=False` for phrasings that must only match as written."""
    elements: List[Element] = []
    for part in str(source).split():
        gap = _GAP.match(part)
        if gap:
            wide = gap.group(2) is not None
            span = int(gap.group(2) or gap.group(1) or DEFAULT_GAP)
            elements.append(Element(GAP, span=span, wide=wide))
        elif part == "$":
            elements.append(Element(END))
        else:
            optional = part.endswith("?") and len(part) > 1
            spec = part[:-1] if optional else part
            try:
                atoms = frozenset(lexicon.intern(a) for a in _alternatives(spec, classes, fuzzy))
            except ValueError as error:
                raise ValueError(f"phrasing {source!r}: {error}") from None
            elements.append(Element(ATOMS, atoms, optional))
    _check_shape(source, elements)
    required = tuple(e.atoms for e in elements if e.kind == ATOMS and not e.optional)
    return Pattern(str(source), tuple(elements), required)


def _check_shape(source: str, elements: List[Element]) -> None:
    # A match must begin and end on a word that is really there, so its span is exact.
    body = elements[:-1] if elements and elements[-1].kind == END else elements
    for edge in (body[:1], body[-1:]):
        if not edge or edge[0].kind != ATOMS or edge[0].optional:
            raise ValueError(f"phrasing {source!r} must start and end with a required word")


def possible(pattern: Pattern, present: Set[int]) -> bool:
    """Cheap pre-check: every required element has at least one of its atoms in the message."""
    return all(not atoms.isdisjoint(present) for atoms in pattern.required)


def _match_from(elements: Tuple[Element, ...], index: int, doc: TokenView, at: int) -> Optional[int]:
    size = len(doc.hits)
    while index < len(elements):
        element = elements[index]
        if element.kind == GAP:
            allowed = doc.wide_gap_ok if element.wide else doc.gap_ok
            for skip in range(element.span + 1):
                if skip and (at + skip - 1 >= size or not allowed[at + skip - 1]):
                    return None
                end = _match_from(elements, index + 1, doc, at + skip)
                if end is not None:
                    return end
            return None
        if element.kind == END:
            if at < size and not doc.is_break[at]:
                return None
        elif at < size and not element.atoms.isdisjoint(doc.hits[at]):
            if element.optional:
                end = _match_from(elements, index + 1, doc, at + 1)
                if end is not None:
                    return end
            else:
                at += 1
        elif not element.optional:
            return None
        index += 1
    return at


def find_matches(pattern: Pattern, doc: TokenView) -> List[Tuple[int, int]]:
    """Token spans [start, end) where `pattern` matches, the shortest match for each start."""
    starts: Set[int] = set()
    for atom_id in pattern.elements[0].atoms:
        starts.update(doc.positions.get(atom_id, ()))
    spans: List[Tuple[int, int]] = []
    for start in sorted(starts):
        end = _match_from(pattern.elements, 0, doc, start)
        if end is not None:
            spans.append((start, end))
    return spans
