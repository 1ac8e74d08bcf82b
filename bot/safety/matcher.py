"""Detect red flags in one user message: plain Python, runs on every message."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from bot.safety.catalogue import Catalogue, RedFlag, load_catalogue
from bot.safety.document import Document, build_document
from bot.safety.levels import highest_level, level_rank
from bot.safety.negation import ContextScan, Span, pattern_spans
from bot.safety.patterns import Pattern

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


@dataclass(frozen=True)
class Detection:
    """All red flags of a message, most urgent first, one per code."""

    flags: Tuple[RedFlagMatch, ...] = ()
    # A clarifying question to ask when the signal is uncertain: "crisis" or a flag code
    # (see data/clinical/clarifying_questions.yml). None when nothing needs asking.
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


def _in_context(candidate: _Candidate, scan: ContextScan, catalogue: Catalogue, spans: _Spans) -> bool:
    flag, span, doc = candidate.flag, (candidate.start, candidate.end), spans.doc
    if scan.negated(*span):
        return False
    if not flag.history_counts and scan.historical(*span):
        return False
    if flag.level not in catalogue.context.experiencer_kept_levels and scan.other_person(*span):
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


def _detect(text: str) -> Detection:
    catalogue = load_catalogue()
    doc = build_document(text, catalogue)
    raw = _raw_candidates(catalogue, doc)
    if not raw:
        return Detection()
    scan = ContextScan(doc, catalogue, [(c.start, c.end) for c in raw])
    spans = _Spans(doc)
    kept = [c for c in raw if _in_context(c, scan, catalogue, spans)]
    _escalate(kept, scan, spans)
    kept = _drop_contained(kept)
    best: Dict[str, _Candidate] = {}
    for candidate in kept:
        current = best.get(candidate.flag.code)
        key = (level_rank(candidate.level), -candidate.start)
        if current is None or key > (level_rank(current.level), -current.start):
            best[candidate.flag.code] = candidate
    flags = []
    for candidate in sorted(best.values(), key=lambda c: (-level_rank(c.level), c.start)):
        start, end = doc.tokens[candidate.start].start, doc.tokens[candidate.end - 1].end
        flags.append(RedFlagMatch(
            candidate.flag.code, candidate.level, candidate.flag.label_nl, text[start:end], start, end
        ))
    return Detection(tuple(flags))


def detect_red_flags(text: str) -> Detection:
    """Red flags in `text`. Never raises: on an internal error it logs and returns no flags."""
    if not isinstance(text, str) or not text.strip():
        return Detection()
    try:
        return _detect(text)
    except Exception:  # noqa: BLE001 - a crash here would stop the whole turn
        logger.exception("red-flag detection failed")
        return Detection()
