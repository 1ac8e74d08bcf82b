"""Which catalogue words a message word stands for: exactly, by its start or end, or with a typo.

Every word, word start (`plas*`), word end (`*pijn`), word part (`*kracht*`) and number range
(`#51-110`) in the catalogue becomes an `Atom` with an integer id. A message word is looked up
once (results are cached) and answers with the ids of all atoms it stands for.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import DefaultDict, Dict, FrozenSet, Iterable, List, Set, Tuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.safety.normalize import parse_number

WORD, PREFIX, SUFFIX, INFIX, NUMBER = "word", "prefix", "suffix", "infix", "number"
_CACHE_LIMIT = 50_000
# Fuzzy matching only compares words at least this long: shorter typos are too ambiguous.
_MIN_FUZZY_LENGTH = 4


@dataclass(frozen=True)
class Atom:
    """One thing a single message word can match."""

    kind: str
    text: str = ""
    fuzzy: bool = True
    low: float = 0.0
    high: float = 0.0


def typo_budget(length: int) -> int:
    """Edit distance tolerated for a word of `length` letters (0 below 5, 1 from 5, 2 from 8)."""
    if length >= 8:
        return 2
    return 1 if length >= 5 else 0


class Lexicon:
    """All atoms of the catalogue, and the lookup of a message word against them."""

    def __init__(self) -> None:
        self._ids: Dict[Atom, int] = {}
        self._cache: Dict[str, FrozenSet[int]] = {}
        self._protected: FrozenSet[str] = frozenset()
        self._common: FrozenSet[str] = frozenset()
        self._words: DefaultDict[str, List[int]] = defaultdict(list)
        self._affixes: Dict[str, DefaultDict[str, List[int]]] = {
            PREFIX: defaultdict(list), SUFFIX: defaultdict(list)
        }
        self._fuzzy_ids: Dict[str, DefaultDict[str, List[int]]] = {
            WORD: defaultdict(list), PREFIX: defaultdict(list), SUFFIX: defaultdict(list)
        }
        self._near: Dict[str, Dict[int, List[str]]] = {}
        self._lengths: Dict[str, Tuple[int, ...]] = {}
        self._infixes: List[Tuple[str, int]] = []
        self._numbers: List[Tuple[float, float, int]] = []

    def intern(self, atom: Atom) -> int:
        """The id of `atom`, adding it on first sight."""
        if atom not in self._ids:
            atom_id = len(self._ids)
            self._ids[atom] = atom_id
            self._index(atom, atom_id)
        return self._ids[atom]

    def _index(self, atom: Atom, atom_id: int) -> None:
        if atom.kind == NUMBER:
            self._numbers.append((atom.low, atom.high, atom_id))
        elif atom.kind == INFIX:
            self._infixes.append((atom.text, atom_id))
        elif atom.kind == WORD:
            self._words[atom.text].append(atom_id)
        else:
            self._affixes[atom.kind][atom.text].append(atom_id)
        if atom.fuzzy and atom.kind in self._fuzzy_ids and len(atom.text) >= 5:
            self._fuzzy_ids[atom.kind][atom.text].append(atom_id)

    def freeze(self, protected: Iterable[str], common: Iterable[str] = ()) -> None:
        """Build the fuzzy indexes once all atoms are known; `protected` words never count as
        typos, `common` words (bot/safety/dutch_words.py) as one-letter typos at most."""
        self._protected = frozenset(protected)
        self._common = frozenset(common)
        self._cache.clear()
        for kind in (PREFIX, SUFFIX):
            self._lengths[kind] = tuple(sorted({len(text) for text in self._affixes[kind]}))
        for kind, by_text in self._fuzzy_ids.items():
            near: DefaultDict[int, List[str]] = defaultdict(list)
            for text in by_text:
                for length in range(len(text) - 2, len(text) + 3):
                    near[length].append(text)
            self._near[kind] = dict(near)

    def hits(self, word: str) -> FrozenSet[int]:
        """Ids of every atom the message word `word` stands for."""
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[word] = frozenset(self._lookup(word))
        return found

    def _lookup(self, word: str) -> Set[int]:
        ids: Set[int] = set()
        if not word:
            return ids
        ids.update(self._words.get(word, ()))
        if word[0].isdigit():
            value = parse_number(word)
            if value is not None:
                ids.update(i for low, high, i in self._numbers if low <= value <= high)
            return ids
        for kind, cut in ((PREFIX, lambda n: word[:n]), (SUFFIX, lambda n: word[-n:])):
            table = self._affixes[kind]
            for length in self._lengths.get(kind, ()):
                if length > len(word):
                    break
                ids.update(table.get(cut(length), ()))
        ids.update(i for text, i in self._infixes if text in word)
        if len(word) >= _MIN_FUZZY_LENGTH and word.isalpha() and not self._spelled_right(word):
            ids.update(self._typos(word))
        return ids

    def _spelled_right(self, word: str) -> bool:
        # A real word the catalogue knows (or lists as protected) is never someone's typo.
        return word in self._words or word in self._protected

    def _typos(self, word: str) -> Set[int]:
        ids: Set[int] = set()
        most = 1 if word in self._common else 2
        candidates = {WORD: [word]}
        candidates[PREFIX] = [word[:n] for n in range(_MIN_FUZZY_LENGTH, len(word) + 1)]
        candidates[SUFFIX] = [word[-n:] for n in range(_MIN_FUZZY_LENGTH, len(word) + 1)]
        for kind, pieces in candidates.items():
            near = self._near.get(kind, {})
            for piece in pieces:
                choices = near.get(len(piece))
                if not choices:
                    continue
                for choice, distance, _ in process.extract(
                    piece, choices, scorer=OSA.distance, score_cutoff=2, limit=None
                ):
                    # Typos rarely hit the anchored letter; real words often differ just there
                    # (noten/poten, humor/tumor, bevallen/gevallen).
                    if choice[0] != piece[0]:
                        continue
                    budget = min(typo_budget(min(len(choice), len(piece))), most)
                    if 0 < distance <= budget and abs(len(choice) - len(piece)) <= budget:
                        ids.update(self._fuzzy_ids[kind][choice])
        return ids
