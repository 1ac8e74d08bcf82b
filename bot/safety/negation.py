"""ConText-style context of a matched phrase: negated, long ago, or about someone else.

Follows the ConText algorithm (Harkema et al. 2009; medspacy, clinlp): trigger words with a
scope of a few words before or after the phrase, ended by punctuation and 'terminating' words
such as 'maar'. Two safety rules on top: a negation word inside a matched phrasing is part of
the symptom ("ik kan niet plassen"), and a negation after the phrase only counts with nothing
but filler words in between ("koorts heb ik niet"), so "koorts, het is niet erg" still flags.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Sequence, Set, Tuple

from bot.safety.catalogue import Catalogue, ContextRules
from bot.safety.document import Document
from bot.safety.patterns import Pattern, find_matches, possible

Span = Tuple[int, int]
_COORDINATION = frozenset({"en", "of", ","})
# Words that may open a clause before a symptom without asserting it ("ook koorts en ... niet").
_CLAUSE_OPENERS = frozenset({"ook", "en", "maar", "dus", "verder", "nee", "ja", "of"})
_MAX_AFTER_STEPS = 6
_ANSWERS = frozenset({"nee", "neen"})
_JOINING = frozenset({"en", "maar", "want", "dus", "omdat"})
# "Vroeger dacht ik wel eens ...": 'wel' ends a negation's reach, not a time's.
_HISTORY_PASSES = frozenset({"wel"})
# A new subject starts a new statement when nothing subordinates it: in "ik wil niet meer ik
# wil dood" (typed without punctuation) the 'niet' belongs to the first statement only.
_SUBJECTS = frozenset({"ik", "we", "wij", "hij", "zij"})
_SUBORDINATORS = frozenset({"dat", "of", "als", "omdat", "zodat", "wanneer", "terwijl", "waardoor"})


def pattern_spans(patterns: Iterable[Pattern], doc: Document) -> List[Span]:
    """All token spans where any of `patterns` matches in `doc`."""
    spans: List[Span] = []
    for pattern in patterns:
        if possible(pattern, doc.present):
            spans.extend(find_matches(pattern, doc))
    return spans


class ContextScan:
    """Context triggers of one message, found once and asked about each matched phrase."""

    def __init__(self, doc: Document, catalogue: Catalogue, concepts: Sequence[Span]) -> None:
        self.doc = doc
        self.rules: ContextRules = catalogue.context
        inside: Set[int] = {i for start, end in concepts for i in range(start, end)}
        for start, end in pattern_spans(self.rules.pseudo, doc):
            inside.update(range(start, end))
        words = [token.text for token in doc.tokens]
        self.before = {i for i, w in enumerate(words) if w in self.rules.negation_words and i not in inside}
        self.after = {i for i, w in enumerate(words) if w in self.rules.after_words and i not in inside}
        self.concept_ends: Dict[int, int] = {}
        for start, end in concepts:
            self.concept_ends[start] = max(end, self.concept_ends.get(start, end))
        self.history = pattern_spans(self.rules.history, doc)
        self.others = pattern_spans(self.rules.experiencer, doc)
        self.others_after = pattern_spans(self.rules.experiencer_after, doc)

    def _clear(self, start: int, end: int, stops: frozenset = frozenset(), passes: frozenset = frozenset()) -> bool:
        # No punctuation and no terminating word (other than `passes`) between two positions.
        for i in range(start, end):
            text = self.doc.tokens[i].text
            if self.doc.is_break[i] or (text in self.rules.terminators and text not in passes) or text in stops:
                return False
        return True

    def negated(self, start: int, end: int) -> bool:
        """True if a negation word governs the phrase at tokens [start, end)."""
        lowest = max(0, start - 1 - self.rules.negation_window)
        for i in range(start - 1, lowest - 1, -1):
            if self.doc.is_break[i] or self.doc.tokens[i].text in self.rules.terminators:
                break
            if self._new_statement(i):
                break
            reach = self.rules.short_reach.get(self.doc.tokens[i].text, self.rules.negation_window)
            if i + 1 < len(self.doc.tokens) and self.doc.tokens[i + 1].text == "dat":
                # "zonder dat ik op dieet ben": 'zonder dat' opens a clause and governs all of it.
                reach = self.rules.negation_window
            if i in self.before and start - 1 - i <= reach:
                return True
        return self._negated_after(start, end)

    def _new_statement(self, i: int) -> bool:
        if self.doc.tokens[i].text not in _SUBJECTS or i == 0:
            return False
        before = self.doc.tokens[i - 1].text
        return not self.doc.is_break[i - 1] and before not in _SUBORDINATORS and i - 1 not in self.before

    def _opens_clause(self, start: int) -> bool:
        i = start - 1
        while i >= 0 and not self.doc.is_break[i]:
            if self.doc.tokens[i].text not in _CLAUSE_OPENERS:
                return False
            i -= 1
        return True

    def _negated_after(self, start: int, end: int) -> bool:
        doc, rules = self.doc, self.rules
        coordinated = self._opens_clause(start)
        i, steps = end, 0
        while i < len(doc) and steps <= _MAX_AFTER_STEPS:
            text = doc.tokens[i].text
            if i in self.after:
                return self._only_tail_after(i + 1)
            if text in rules.fillers or (text == "?" and self._answer_follows(i + 1)):
                i, steps = i + 1, steps + 1
            elif coordinated and text in _COORDINATION and (i + 1) in self.concept_ends:
                # "koorts en rillingen heb ik niet": the negation covers the whole list.
                i = self.concept_ends[i + 1]
            else:
                return False
        return False

    def _answer_follows(self, i: int) -> bool:
        # "Koorts? Nee." answers its own question; any other "?" ends the phrase's reach.
        return i < len(self.doc) and self.doc.tokens[i].text in _ANSWERS and i in self.after

    def _only_tail_after(self, i: int) -> bool:
        # The clause ends at punctuation or a joining word ("koorts heb ik niet en ...").
        while i < len(self.doc) and not self.doc.is_break[i] and self.doc.tokens[i].text not in _JOINING:
            # "nee, echt niet": a second negation only repeats the first.
            if self.doc.tokens[i].text not in self.rules.tail and i not in self.after:
                return False
            i += 1
        return True

    def _near(self, spans: Sequence[Span], start: int, end: int, window: int, stops: frozenset,
              passes: frozenset = frozenset()) -> bool:
        for t_start, t_end in spans:
            if t_end <= start and start - t_end <= window and self._clear(t_end, start, stops, passes):
                return True
            if t_start >= end and t_start - end <= window and self._clear(end, t_start, stops, passes):
                return True
        return False

    def historical(self, start: int, end: int) -> bool:
        """True if a 'long ago' trigger ("vroeger", "jaren geleden") governs the phrase."""
        return self._near(self.history, start, end, self.rules.history_window, frozenset(), _HISTORY_PASSES)

    def other_person(self, start: int, end: int) -> bool:
        """True if the phrase is about someone else ("mijn moeder had kanker")."""
        rules, stops = self.rules, self.rules.experiencer_stop_words
        window = rules.experiencer_window
        for t_start, t_end in self.others:
            if t_end <= start and start - t_end <= window and self._clear(t_end, start, stops):
                return True
        return self._near(self.others_after, start, end, window, stops)
