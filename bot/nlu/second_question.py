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
# Intents that tell rather than ask ("geen koorts, niet gevallen"): one question next to them
# is a topic of its own too.
TELLING = frozenset({"no_alarm_signs"})
# "Goed, ik maak een afspraak. En die magnesium?": a question that turns to a new topic.
_TURNS_TO = re.compile(r"^(en|of|maar|trouwens|ook nog)\b")

_QUESTION_START = re.compile(
    r"^(en |of |maar |ook )?(hoe|hoeveel|hoelang|hoe lang|wat|welke|welk|wanneer|waar|waarom|wie|tot hoe laat|"
    r"mag|kan|kun|kunt|kunnen|zullen|moet|zijn|is|heb|hebben|heeft|helpt|werkt|zit|zitten|doen|doet|werken|vergoedt|"
    r"vergoed|krijg|zou|zal)\b"
    # "ik wil gewoon weten of magnesium iets doet": asked without a question word first.
    r"|^(ik )?(wil|wou|zou) (\w+ )?(graag |gewoon |even |ff |eigenlijk )?(weten|vragen) (of|hoe|wat|wanneer|waarom|welke|hoeveel)\b"
)
# Where a message may hold a new question: after ? . ! ; and at "en"/"of"/"," before a question word.
_SENTENCE_END = re.compile(r"(?<=[?!.;])\s+")
_LINK = re.compile(r",?\s+(?=(en|of|maar) (hoe|hoeveel|hoelang|wat|welke|wanneer|waar|waarom|wie|tot hoe laat|mag|kan|kun|"
                   r"moet|zijn|is|heb|heeft|helpt|werkt|zit|zitten|werken|krijg)\b)|,\s+(?=(hoe|hoeveel|wat|welke|wanneer|"
                   r"waar|tot hoe laat|mag|kan|kun|kunnen|zullen|moet|zijn|werken)\b)")


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
    # question is that question; so is one that turns to a new topic after a statement.
    one_will_do = main_intent in SOCIAL | TELLING or (
        len(clauses) == 1 and clauses[0][0] > 0 and bool(_TURNS_TO.match(text[clauses[0][0]:].strip().lower())))
    if len(clauses) < (1 if one_will_do else 2):
        return None
    found: Dict[str, float] = {}
    for probabilities in score(clauses):
        intent, confidence = max(probabilities.items(), key=lambda item: item[1])
        if confidence >= MIN_CONFIDENCE and intent != main_intent and intent not in NOT_SECOND:
            found[intent] = max(confidence, found.get(intent, 0.0))
    if len(found) != 1:
        return None
    return next(iter(found.items()))


# The whole message is unsure ("Goedemiddag, ik schrijf namens mijn moeder van 81. ... Welke
# vorm is het beste voor haar?"): the story around the one question blurs it. The question
# alone, when it is clearly about a topic the whole message also found likely, decides.
FOCUS_BELOW = 0.5
FOCUS_MARGIN = 0.1
FOCUS_CONFIDENCE = 0.75
FOCUS_AMONG = 5
NOT_FOCUS = NOT_SECOND - {"request_therapist", "start_plan", "report_pain", "delete_my_data", "start_breathing",
                          "show_plan", "show_progress", "stop_reminders", "change_plan", "what_can_you_do",
                          "follow_up_what_to_do"}


def question_focus(text: str, ranking: Sequence[Dict[str, float]],
                   score: Callable[[Sequence[Tuple[int, int]]], List[Dict[str, float]]]) -> Optional[Tuple[str, float]]:
    """(intent, confidence) of the message's one question clause, when the message as a whole
    is unsure and that clause alone is sure of a topic among the message's likeliest.

    `ranking`: the message's intents, best first ({"name", "confidence"}).
    """
    if not ranking:
        return None
    top = ranking[0].get("confidence") or 0.0
    second = (ranking[1].get("confidence") or 0.0) if len(ranking) > 1 else 0.0
    if top >= FOCUS_BELOW and top - second >= FOCUS_MARGIN:
        return None
    clauses = question_clauses(text)
    if len(clauses) != 1:
        return None
    start, end = clauses[0]
    if len(text[:start].split()) + len(text[end:].split()) < MIN_CLAUSE_WORDS:
        return None  # the question is (nearly) the whole message: scoring it again says nothing new
    intent, confidence = max(score(clauses)[0].items(), key=lambda item: item[1])
    likely = [item.get("name") for item in ranking[:FOCUS_AMONG]]
    if confidence < FOCUS_CONFIDENCE or intent not in likely or intent in NOT_FOCUS:
        return None
    return intent, confidence
