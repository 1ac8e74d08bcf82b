"""The order-free layer: a flag's meaning found as a set of words within one clause.

Dutch puts the verb last in a subordinate clause ("... dat ik niet meer kan plassen") and
lets people front any part ("plassen, dat lukt niet meer"). The catalogue's phrasings are
ordered; a concept (data/clinical/red_flag_concepts.yml) only asks that each of its slots is
found in the same clause, on different words, close together. Negation is judged per part
of the clause: a negation word the concept does not use itself cancels it ("ik wil niet
dood"), one it uses is the symptom ("dat ik niet meer kan plassen").
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from bot.safety.catalogue import Catalogue, Concept
from bot.safety.document import Document
from bot.safety.negation import Span, pattern_spans
from bot.safety.patterns import Pattern

# Words that start a new clause for the concepts (not 'en': "beide benen zwak en tintelen").
CLAUSE_WORDS = frozenset(
    "maar want omdat doordat terwijl hoewel alhoewel behalve echter waardoor zodat tenzij".split()
)
_MAAR_ADVERB = frozenset("alleen nog even gewoon zo dan toch".split())
# English 'want' ("i dont want to live") is a verb, not the Dutch 'want' (because).
_ENGLISH_BEFORE_WANT = frozenset("i dont not never you really just".split())
# Words that join two statements: a negation slot must not borrow its 'niet' across them.
_JOINING = frozenset("en of maar want dus omdat terwijl".split())
# More combinations than this per clause are not tried (a pasted essay full of the same word).
_MAX_COMBINATIONS = 32


@dataclass(frozen=True)
class ConceptHit:
    """A concept found in a message: token span [start, end) and the tokens its slots used."""

    concept: Concept
    start: int
    end: int
    used: FrozenSet[int]


class _Segments:
    """Clause, sentence and negation-part numbers of every token."""

    def __init__(self, doc: Document, catalogue: Catalogue) -> None:
        terminators = catalogue.context.terminators
        self.clause: List[int] = []
        self.sentence: List[int] = []
        self.part: List[int] = []
        self.joined: List[int] = []
        self.message: List[int] = [0] * len(doc.tokens)
        clause = sentence = part = joined = 0
        previous = ""
        for index, token in enumerate(doc.tokens):
            english = token.text == "want" and (
                previous in _ENGLISH_BEFORE_WANT
                or (index + 1 < len(doc.tokens) and doc.tokens[index + 1].text == "to"))
            # "alleen maar", "nog maar": an adverb, not a new clause.
            if token.is_break or (token.text in CLAUSE_WORDS and not english
                                  and not (token.text == "maar" and previous in _MAAR_ADVERB)):
                clause += 1
            previous = token.text
            if token.is_break or (token.text in terminators and not english):
                part += 1
            if token.is_break or (token.text in _JOINING and not english):
                joined += 1
            self.clause.append(clause)
            self.sentence.append(sentence)
            self.part.append(part)
            self.joined.append(joined)
            if token.is_stop:
                sentence += 1


class ConceptScan:
    """Finds the concepts of the catalogue in one message."""

    def __init__(self, doc: Document, catalogue: Catalogue) -> None:
        self.doc = doc
        self.catalogue = catalogue
        self.segments = _Segments(doc, catalogue)
        self._spans: Dict[int, List[Span]] = {}
        self.denied: Set[str] = set()  # codes whose words were there but negated or excluded
        self.denied_at: List[Tuple[str, int, int, FrozenSet[int]]] = []  # (code, start, end, used)
        rules = catalogue.context
        pseudo: Set[int] = set()
        for start, end in pattern_spans(rules.pseudo, doc):
            pseudo.update(range(start, end))
        self.negations = [
            i for i, token in enumerate(doc.tokens)
            if token.text in rules.negation_words and i not in pseudo
        ]
        self.negation_set = frozenset(self.negations)

    def spans(self, patterns: Tuple[Pattern, ...]) -> List[Span]:
        key = id(patterns)
        if key not in self._spans:
            self._spans[key] = pattern_spans(patterns, self.doc)
        return self._spans[key]

    def _unit(self, concept: Concept) -> Sequence[int]:
        if concept.scope == "message":
            return self.segments.message
        return self.segments.sentence if concept.scope == "sentence" else self.segments.clause

    def _negation_attached(self, combination) -> bool:
        # A negation word a slot uses must belong with another slot's word (same part of the
        # clause): in "krachtsverlies heb ik niet en plassen gaat goed" the 'niet' is not the
        # plassen's.
        part = self.segments.joined
        for index, (s, e) in enumerate(combination):
            # Only a slot that is a lone negation word; in a phrase ("geen spat") it is attached.
            if e - s != 1 or s not in self.negation_set:
                continue
            mine = {part[i] for i in range(s, e)}
            others = {part[i] for j, (s2, e2) in enumerate(combination) if j != index for i in range(s2, e2)}
            if others and not mine & others:
                return False
        return True

    def _negated(self, used: FrozenSet[int]) -> bool:
        parts = {self.segments.part[i] for i in used}
        return any(i not in used and self.segments.part[i] in parts for i in self.negations)

    def _excluded(self, concept: Concept, unit: int) -> bool:
        if not concept.unless:
            return False
        where = self._unit(concept)
        return any(where[start] == unit for start, _ in self.spans(concept.unless))

    def _try(self, concept: Concept, unit: int, combination) -> Optional[ConceptHit]:
        start = min(s for s, _ in combination)
        end = max(e for _, e in combination)
        if end - start > concept.window + sum(e - s - 1 for s, e in combination):
            return None
        used: Set[int] = set()
        for s, e in combination:
            tokens = set(range(s, e))
            if used & tokens:
                return None
            used |= tokens
        if not self._negation_attached(combination):
            return None
        if self._negated(frozenset(used)) or self._excluded(concept, unit):
            self.denied.add(concept.code)
            self.denied_at.append((concept.code, start, end, frozenset(used)))
            return None
        return ConceptHit(concept, start, end, frozenset(used))

    def find(self, concept: Concept) -> List[ConceptHit]:
        """Every place (at most one per clause) where `concept` holds and is not negated."""
        slot_spans = []
        for slot in concept.slots:
            found = self.spans(slot)
            if not found:
                return []
            slot_spans.append(found)
        where = self._unit(concept)
        # Spans grouped by clause (or sentence): combinations are only tried inside one.
        by_unit: List[Dict[int, List[Span]]] = []
        for found in slot_spans:
            grouped: Dict[int, List[Span]] = {}
            for s, e in found:
                if where[s] == where[e - 1]:
                    grouped.setdefault(where[s], []).append((s, e))
            by_unit.append(grouped)
        units = set(by_unit[0]).intersection(*by_unit[1:])
        hits: Dict[int, ConceptHit] = {}
        for unit in sorted(units):
            choices = [grouped[unit] for grouped in by_unit]
            for combination in itertools.islice(itertools.product(*choices), _MAX_COMBINATIONS):
                hit = self._try(concept, unit, combination)
                if hit is not None:
                    hits[unit] = hit
                    break
        return list(hits.values())


_ANCHORS: Dict[int, Dict[int, Tuple[int, ...]]] = {}


def _anchors(catalogue: Catalogue) -> Dict[int, Tuple[int, ...]]:
    # Atom id -> the concepts whose first required slot it can fill: most messages wake none.
    key = id(catalogue)
    if key not in _ANCHORS:
        table: Dict[int, List[int]] = {}
        for index, concept in enumerate(catalogue.concepts):
            for atom in (concept.needs[0] if concept.needs else ()):
                table.setdefault(atom, []).append(index)
        _ANCHORS[key] = {atom: tuple(found) for atom, found in table.items()}
    return _ANCHORS[key]


def find_concepts(
    doc: Document, catalogue: Catalogue
) -> Tuple[List[ConceptHit], Set[str], List[Tuple[str, int, int, FrozenSet[int]]]]:
    """All concept hits in `doc` (flags and questions alike, in catalogue order), the codes
    whose concepts were found but negated or excluded, and where (code, start, end and the
    tokens its slots used)."""
    if not catalogue.concepts or not len(doc):
        return [], set(), []
    present = doc.present
    anchored = _anchors(catalogue)
    indexes: Set[int] = set()
    for atom in present:
        indexes.update(anchored.get(atom, ()))
    possible = [
        catalogue.concepts[i] for i in sorted(indexes)
        if all(not atoms.isdisjoint(present) for atoms in catalogue.concepts[i].needs)
    ]
    if not possible:
        return [], set(), []
    scan = ConceptScan(doc, catalogue)
    hits: List[ConceptHit] = []
    for concept in possible:
        hits.extend(scan.find(concept))
    return hits, scan.denied, scan.denied_at
