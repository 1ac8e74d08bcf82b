"""A second question in the same message: "hoeveel magnesium mag ik per dag en tot hoe laat
zijn jullie open vandaag". Plain Python, no Rasa.

The intent classifier gives a message one intent, so the other question went unanswered.
Here the message is cut into clauses that look like questions; each is scored on its own,
and a clause that is confidently about another topic is named, so the dialogue can answer
it after the first (bot/core/turn_guard.py). Only question-shaped clauses count: the story
around a question ("ik heb veel stress van mijn werk") is context, not a second question.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Tuple

# A clause scored on its own must name its topic this clearly to get an answer too.
MIN_CONFIDENCE = 0.6
MIN_CLAUSE_WORDS = 3
# A long story is not two questions but one, with its context.
MAX_MESSAGE_WORDS = 60
# Topics a second clause may not add: they are no question of their own, or they start a
# form or a handoff, which must not be begun behind another answer's back.
NOT_SECOND = frozenset({
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "not_what_i_meant", "ask_clarify",
    "ask_why", "out_of_scope", "nlu_fallback", "request_therapist", "start_plan", "change_plan",
    "report_pain", "delete_my_data", "start_breathing", "stop_reminders", "show_plan", "show_progress",
    "follow_up_amount", "follow_up_children", "follow_up_what_to_do", "feeling_down", "no_alarm_signs",
    "what_can_you_do",
})

# Intents that say something social, not a topic: the question next to them is the topic.
SOCIAL = frozenset({"thank", "greet", "goodbye", "affirm"})

_QUESTION_START = re.compile(
    r"^(en |of |maar |ook )?(hoe|hoeveel|hoelang|hoe lang|wat|welke|welk|wanneer|waar|waarom|wie|tot hoe laat|"
    r"mag|kan|kun|kunt|moet|zijn|is|heb|hebben|heeft|helpt|werkt|zit|zitten|doen|doet|werken|vergoedt|"
    r"vergoed|krijg|zou|zal)\b"
)
# Where a message may hold a new question: after ? . ! ; and at "en"/"of"/"," before a question word.
_SENTENCE_END = re.compile(r"(?<=[?!.;])\s+")
_LINK = re.compile(r",?\s+(?=(en|of|maar) (hoe|hoeveel|hoelang|wat|welke|wanneer|waar|waarom|wie|tot hoe laat|mag|kan|kun|"
                   r"moet|zijn|is|heb|heeft|helpt|werkt|zit|zitten|werken|krijg)\b)|,\s+(?=(hoe|hoeveel|wat|welke|wanneer|"
                   r"waar|tot hoe laat|mag|kan|kun|moet|zijn|werken)\b)")


def question_clauses(text: str) -> List[Tuple[int, int]]:
    """Spans of the parts of `text` shaped like a question, in order."""
    text = text or ""
    if not text.strip() or len(text.split()) > MAX_MESSAGE_WORDS:
        return []
    cuts = sorted({0, len(text), *(m.end() for m in _SENTENCE_END.finditer(text)),
                   *(m.end() for m in _LINK.finditer(text.lower()))})
    spans: List[Tuple[int, int]] = []
    for start, end in zip(cuts, cuts[1:]):
        part = text[start:end].strip(" ,").lower()
        if len(part.split()) >= MIN_CLAUSE_WORDS and (part.endswith("?") or _QUESTION_START.match(part)):
            spans.append((start, end))
    return spans


def second_topic(text: str, main_intent: Optional[str],
                 score: Callable[[Sequence[Tuple[int, int]]], List[Dict[str, float]]]) -> Optional[Tuple[str, float]]:
    """(intent, confidence) of the one other topic a question clause asks about, or None.

    After thanks or a greeting (`SOCIAL`), one question clause is enough.

    `score` gives, per clause span, the classifier's probability of every intent. None when
    the message has fewer than two question clauses, or when more than one other topic turns
    up (three questions at once are better answered one by one than guessed at).
    """
    clauses = question_clauses(text)
    # "Dank u wel. Moet ik de calcium dan apart nemen?": thanks or a greeting around one
    # question is that question.
    if len(clauses) < (1 if main_intent in SOCIAL else 2):
        return None
    found: Dict[str, float] = {}
    for probabilities in score(clauses):
        intent, confidence = max(probabilities.items(), key=lambda item: item[1])
        if confidence >= MIN_CONFIDENCE and intent != main_intent and intent not in NOT_SECOND:
            found[intent] = max(confidence, found.get(intent, 0.0))
    if len(found) != 1:
        return None
    return next(iter(found.items()))
