"""Detect red flags in one user message: plain Python, runs on every message.

Three layers, any one of them confident is enough to escalate: the catalogue's ordered
phrasings (precise), the order-free concepts of a clause (bot/safety/concepts.py, plus
numbers read as numbers, bot/safety/numbers.py) and a learned sentence classifier
(bot/safety/learned.py). Signals that are suggestive but not confident become one short
question (`Detection.question`) instead of a flag.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Set, Tuple

from bot.safety.catalogue import Catalogue, RedFlag, load_catalogue
from bot.safety.concepts import find_concepts
from bot.safety.discourse import Discourse
from bot.safety.document import Document, build_document
from bot.safety.levels import highest_level, level_rank
from bot.safety.negation import ContextScan, Span, pattern_spans
from bot.safety.numbers import temperatures
from bot.safety.weights import weight_drop
from bot.safety.patterns import Pattern
from bot.safety.scope import Scope, quiet_sentences

logger = logging.getLogger(__name__)

# How far (in words, same sentence) an explanation or an escalating phrase may be from a flag.
EXPLANATION_WINDOW = 10
ESCALATION_WINDOW = 8


@dataclass(frozen=True)
class RedFlagMatch:
    """One red flag found in a message; `start`/`end` are character offsets in the text."""

    code: str
    level: str
    label_nl: str
    matched_text: str
    start: int
    end: int
    layer: str = "catalogue"  # catalogue | concept | number | learned: which layer found it


@dataclass(frozen=True)
class Detection:
    """All red flags of a message, most urgent first, one per code.

    `question`: "crisis" when the message may express a wish to die but no layer is sure, or
    a red-flag code ("bladder_bowel", "saddle_numbness") when one short answer would decide
    the level. None whenever a flag of that level or higher was found.
    """

    flags: Tuple[RedFlagMatch, ...] = ()
    question: Optional[str] = None

    @property
    def level(self) -> Optional[str]:
        """The most urgent level among the flags, or None without flags."""
        return highest_level(*(flag.level for flag in self.flags))

    @property
    def codes(self) -> Tuple[str, ...]:
        """Unique codes, ordered by severity (most urgent first), then by place in the text."""
        ordered = sorted(self.flags, key=lambda flag: (-level_rank(flag.level), flag.start))
        return tuple(dict.fromkeys(flag.code for flag in ordered))


@dataclass
class _Candidate:
    flag: RedFlag
    start: int  # token indexes, [start, end)
    end: int
    level: str
    layer: str = "catalogue"


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _nearby(spans: Sequence[Span], candidate: _Candidate, doc: Document, window: int) -> List[Span]:
    sentence = doc.sentence[candidate.start]
    return [
        (s, e) for s, e in spans
        if doc.sentence[s] == sentence
        and max(s - candidate.end, candidate.start - e) <= window
    ]


def _raw_candidates(catalogue: Catalogue, doc: Document) -> List[_Candidate]:
    found: Dict[Tuple[str, int, int], _Candidate] = {}
    for flag in catalogue.flags:
        spans = pattern_spans(flag.phrasings, doc)
        if not spans:
            continue
        excluded = pattern_spans(flag.exclusions, doc)
        for span in spans:
            if not any(_overlaps(span, other) for other in excluded):
                found.setdefault((flag.code, *span), _Candidate(flag, span[0], span[1], flag.level))
    return list(found.values())


class _Spans:
    """Where a group of phrasings matches in this message, each group searched at most once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._found: Dict[int, List[Span]] = {}

    def __call__(self, patterns: Tuple[Pattern, ...]) -> List[Span]:
        key = id(patterns)
        if key not in self._found:
            self._found[key] = pattern_spans(patterns, self.doc)
        return self._found[key]


def _in_context(
    candidate: _Candidate, scan: ContextScan, catalogue: Catalogue, spans: _Spans, discourse: Discourse,
    scope: Scope,
) -> bool:
    # Concepts judge negation themselves; history, person and discourse apply to all.
    flag, span, doc = candidate.flag, (candidate.start, candidate.end), spans.doc
    if candidate.layer in ("catalogue", "number") and scan.negated(*span):
        return False
    if not flag.history_counts and scan.historical(*span) and not scope.recurs:
        return False
    if scope.sets_aside(*span, counts_when_over=flag.counts_when_over):
        return False
    if (flag.level not in catalogue.context.experiencer_kept_levels
            and (scan.other_person(*span) or discourse.someone_else(candidate.start))
            and discourse.not_theirs_now(candidate.start, flag.history_counts, flag.level, flag.code)):
        return False
    if discourse.set_aside(candidate.level, *span, flag.history_counts,
                           writer_returns=scope.writer_returns(*span), recurs=scope.recurs):
        return False
    explanations = _nearby(spans(flag.explanations), candidate, doc, EXPLANATION_WINDOW)
    return not any(not scan.negated(*reason) for reason in explanations)


def _escalate(candidates: List[_Candidate], scan: ContextScan, spans: _Spans) -> None:
    present = {candidate.flag.code for candidate in candidates}
    for candidate in candidates:
        for rule in candidate.flag.escalations:
            others = present - {candidate.flag.code}
            near = _nearby(spans(rule.near), candidate, spans.doc, ESCALATION_WINDOW)
            if others.intersection(rule.with_codes) or any(not scan.negated(*s) for s in near):
                candidate.level = highest_level(candidate.level, rule.level) or candidate.level


def _drop_contained(candidates: List[_Candidate]) -> List[_Candidate]:
    # "gevallen" inside "van de ladder gevallen": the words already tell the more urgent story.
    # Base levels decide, so an escalated leg_weakness still yields to sudden_paralysis.
    by_start: Dict[int, List[_Candidate]] = {}
    for candidate in candidates:
        by_start.setdefault(candidate.start, []).append(candidate)
    longest = max((c.end - c.start for c in candidates), default=0)
    kept = []
    for candidate in candidates:
        rank = level_rank(candidate.flag.level)
        covered = any(
            other.flag.code != candidate.flag.code
            and level_rank(other.flag.level) > rank
            and candidate.end <= other.end
            for start in range(max(0, candidate.start - longest), candidate.start + 1)
            for other in by_start.get(start, ())
        )
        if not covered:
            kept.append(candidate)
    return kept


def _rule_candidates(
    catalogue: Catalogue, doc: Document, text: str
) -> Tuple[List[_Candidate], List[str], Set[str], Set[int]]:
    """Catalogue, concept and number candidates (in context), codes worth a question, codes
    the rules found but set aside (negated, long ago, someone else, explained, a story's),
    and the sentences whose crisis words were all set aside (scope.quiet_sentences)."""
    raw = _raw_candidates(catalogue, doc)
    readings = temperatures(doc, text)
    drop = weight_drop(doc)
    hits, denied, denied_at = find_concepts(doc, catalogue)
    negations = catalogue.context.negation_words
    crisis_denied = [
        (s, e, any(doc.tokens[i].text in negations for i in used))
        for code, s, e, used in denied_at if catalogue.flag(code).level == "crisis"
    ]
    discourse = Discourse(doc, catalogue)
    scope = Scope(doc, catalogue, discourse)
    if not raw and not readings and not hits and drop is None:
        recurs = bool(crisis_denied) and scope.recurs
        return [], [], denied, quiet_sentences(doc, [], crisis_denied, [], recurs)
    scan = ContextScan(doc, catalogue, [(c.start, c.end) for c in raw])
    spans = _Spans(doc)
    candidates = list(raw)
    fever = catalogue.flag("fever")
    candidates.extend(_Candidate(fever, r.start, r.end, fever.level, "number") for r in readings)
    if drop is not None:
        weight_loss = catalogue.flag("weight_loss")
        candidates.append(_Candidate(weight_loss, drop.start, drop.end, weight_loss.level, "number"))
    questions: List[str] = []
    for hit in hits:
        flag = catalogue.flag(hit.concept.code)
        if hit.concept.question:
            questions.append(flag.code)
        else:
            candidates.append(_Candidate(flag, hit.start, hit.end, hit.concept.level, "concept"))
    kept = [c for c in candidates if _in_context(c, scan, catalogue, spans, discourse, scope)]
    over = [c for c in kept if c.flag.level == "crisis"
            and (scope.crisis_over(c.start, c.end) or scope.asked_for_study(c.start))]
    over_ids = {id(c) for c in over}
    kept = [c for c in kept if id(c) not in over_ids]
    questions.extend(c.flag.code for c in over)
    kept_ids = {id(c) for c in kept}
    denied.update(c.flag.code for c in candidates if id(c) not in kept_ids)
    stories: List[Span] = []
    for c in candidates:
        if id(c) in kept_ids or id(c) in over_ids or c.flag.level != "crisis":
            continue
        # A wish to die long ago, with nothing said about how it is now ("vorig jaar wilde ik
        # dood. het gaat nu niet echt goed"): one kind question.
        if (scan.historical(c.start, c.end) and not scan.negated(c.start, c.end)
                and not scan.other_person(c.start, c.end) and not scope.recovery_after(c.start, c.end)):
            questions.append(c.flag.code)
        if c.layer == "catalogue" and scan.negated(c.start, c.end):
            own = any(doc.tokens[i].text in negations for i in range(c.start, c.end))
            crisis_denied.append((c.start, c.end, own))
        else:
            stories.append((c.start, c.end))
    kept_crisis = [(c.start, c.end) for c in kept if c.flag.level == "crisis"]
    recurs = bool(crisis_denied or stories) and scope.recurs
    quiet = quiet_sentences(doc, stories, crisis_denied, kept_crisis, recurs, [(c.start, c.end) for c in over])
    _escalate(kept, scan, spans)
    return _drop_contained(kept), questions, denied, quiet


def _detect(text: str, learned: bool = True) -> Detection:
    from bot.safety.uncertain import decide

    catalogue = load_catalogue()
    doc = build_document(text, catalogue)
    kept, questions, denied, quiet = _rule_candidates(catalogue, doc, text)
    best: Dict[str, _Candidate] = {}
    for candidate in kept:
        current = best.get(candidate.flag.code)
        key = (level_rank(candidate.level), candidate.layer == "catalogue", -candidate.start)
        if current is None or key > (level_rank(current.level), current.layer == "catalogue", -current.start):
            best[candidate.flag.code] = candidate
    flags = []
    for candidate in sorted(best.values(), key=lambda c: (-level_rank(c.level), c.start)):
        start, end = doc.tokens[candidate.start].start, doc.tokens[candidate.end - 1].end
        flags.append(RedFlagMatch(
            candidate.flag.code, candidate.level, candidate.flag.label_nl, text[start:end], start, end,
            candidate.layer,
        ))
    return decide(text, doc, catalogue, flags, questions, denied, learned, quiet)


def detect_with_rules(text: str) -> Detection:
    """Red flags found by the rule layers only (catalogue, concepts, numbers), no classifier.

    Used to train the classifier (which must not depend on itself) and to compare layers.
    """
    if not isinstance(text, str) or not text.strip():
        return Detection()
    return _detect(text, learned=False)


def detect_red_flags(text: str) -> Detection:
    """Red flags in `text`. Never raises: on an internal error it logs and returns no flags."""
    if not isinstance(text, str) or not text.strip():
        return Detection()
    try:
        return _detect(text)
    except Exception:  # noqa: BLE001 - a crash here would stop the whole turn
        logger.exception("red-flag detection failed")
        return Detection()
