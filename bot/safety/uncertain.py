"""The learned layer's say, and the one question to ask when no layer is sure.

The classifier escalates on its own only when it is confident and the sentence carries no
negation, no 'long ago' and no other person (the rule layers judge those precisely; a
classifier does not). Below that, for the three signals where one answer decides the
level, it asks: "crisis" (thinking of ending one's life?), "bladder_bowel" (can you still
pass urine and hold it?), "saddle_numbness" (numb between the legs?).
"""
from __future__ import annotations

from typing import AbstractSet, Dict, List, Optional, Sequence, Set

from bot.safety.catalogue import Catalogue
from bot.safety.discourse import Discourse
from bot.safety.document import Document
from bot.safety.learned import NONE, Scores, get_classifier
from bot.safety.levels import highest_level, level_rank
from bot.safety.matcher import Detection, RedFlagMatch
from bot.safety.negation import pattern_spans
from bot.safety.normalize import parse_number
from bot.safety.scope import Scope

# Probability (of one code, for its most telling sentence) from which the classifier alone
# raises the flag. Chosen by writer-held-out cross-validation over four writers (crossval.py
# --sweep, 2026-12-05): crisis 0.60 (was 0.70) and emergency 0.80 (was 0.85) reach more
# crisis and body messages directly for a few more false alarms; a vague bladder message
# ("het plassen gaat zo raar") still gets the question, not 112. Swept again over eleven
# writers (2026-12-06, s9-s11 wrote the hardest twins): body signals from 0.80/0.85/0.90 to
# 0.60/0.65/0.70 reach soon 0.69 -> 0.74, urgent 0.78 -> 0.80, emergency 0.81 -> 0.82 of the
# held-out writers' messages for false alarms 11.4% -> 11.9%; crisis and the question unchanged.
# soon stays at 0.80 (0.72 held out): at 0.70 "het gaat na vier weken veel beter met mijn rug"
# was told to see the GP for no improvement (a bag of words cannot tell 'beter' from 'niet beter').
CONFIDENT: Dict[str, float] = {"emergency": 0.60, "crisis": 0.60, "urgent": 0.65, "soon": 0.80}
# From here up to CONFIDENT it asks instead (only for the codes a question can settle).
# suicidal 0.45 (was 0.35): chosen by writer-held-out cross-validation (bot/safety/crossval.py)
# with the written data in training: about as many crisis messages reached, far fewer
# ordinary replies ("ik wil geen meldingen meer") asked about.
ASK: Dict[str, float] = {"suicidal": 0.45, "bladder_bowel": 0.6, "saddle_numbness": 0.6}
# A body signal one question can settle needs more from the classifier alone: "het plassen
# gaat zo raar" gets "Kun je nog plassen?" (no or unsure: 112), not 112 straight away.
CONFIDENT_WITH_QUESTION: Dict[str, float] = {"bladder_bowel": 0.92, "saddle_numbness": 0.92}
QUESTION_OF = {"suicidal": "crisis", "bladder_bowel": "bladder_bowel", "saddle_numbness": "saddle_numbness"}
QUESTION_LEVEL = {"crisis": "crisis", "bladder_bowel": "emergency", "saddle_numbness": "emergency"}
# A pasted essay is scored on its first part only: the rule layers still read all of it.
_MAX_TOKENS = 600
# Fewest telling words (letters only, four or more) in the message before the classifier
# may flag or ask on its own.
MIN_TELLING_WORDS = 3
# A short message ("en waarom niet meer?", "hij wil er niks van weten") is mostly a reply in
# a chat, where a few words carry the whole score: the crisis question needs more there.
# Below MIN_TELLING_WORDS the classifier may still ask ("waarom zou ik nog doorgaan"),
# never flag. Writer-held-out (s8 short replies, s6, s1) against skipping the shortest
# messages as before: crisis found or asked 74/90, 97/110, 185/199 (was 75, 96, 183), the
# question on s8's ordinary replies 15/324 (unchanged), the dev part unchanged.
SHORT_TELLING_WORDS = 4
ASK_SHORT = 0.75
# Below this, the crisis question also needs a word of the crisis topic in the sentence
# (red_flags.yml `crisis_topic`, a wide net: life, death, pills, giving up, 'meer', 'weg'...).
# On the dev part: the question on benign texts 3/155 -> 1/155 and on negated ones 3 -> 2,
# crisis found or asked unchanged on dev, tune, tune4 and tune5 (0.6 lost one in tune4).
# A message with a question mark needs it too, topic word or not ("waarom niet gewoon dezelfde
# dosis als ik?" after the children's dose): the question on tune's benign texts 1 -> 0, crisis
# found or asked unchanged on all four.
ASK_OFF_TOPIC = 0.5
# When several are open, the first of these is asked.
QUESTION_ORDER = ("crisis", "bladder_bowel", "saddle_numbness")


# "plassen: prima", "het gevoel is gewoon normaal": nothing for a body question to settle.
_NORMAL = frozenset("normaal prima goed gewoon oke ok orde".split())


def _says_normal(doc: Document, tokens: Sequence[int]) -> bool:
    return any(doc.tokens[i].text in _NORMAL for i in tokens)


def _no_crisis_question(doc: Document, catalogue: Catalogue) -> bool:
    # "ik wil niet opgeven", "hij wil niet dat ik 112 bel": the classifier's guess is no
    # reason to ask about ending one's life (red_flags.yml `no_crisis_question`).
    return bool(pattern_spans(catalogue.context.no_crisis_question, doc))


# "niet meer" before one of these is no longer being: the wish itself, not its denial.
_BEING = frozenset("ben zijn was waren leven leef bestaan besta wakker".split())


def _telling_words(doc: Document, tokens: Sequence[int]) -> int:
    return sum(1 for i in tokens if len(doc.tokens[i].text) >= 4 and doc.tokens[i].text.isalpha())


def _tokens_in(doc: Document, start: int, end: int) -> List[int]:
    return [i for i, token in enumerate(doc.tokens) if start <= token.start < end]


class _SentenceContext:
    """What the rule layers know about the words of one sentence the classifier scored."""

    def __init__(self, doc: Document, catalogue: Catalogue) -> None:
        self.doc = doc
        self.catalogue = catalogue
        rules = catalogue.context
        self.pseudo: Set[int] = {i for s, e in pattern_spans(rules.pseudo, doc) for i in range(s, e)}
        self.history = pattern_spans(rules.history, doc)
        self.others = pattern_spans(rules.experiencer, doc)
        self.discourse = Discourse(doc, catalogue)
        self.scope = Scope(doc, catalogue, self.discourse)
        self._topic: Optional[Set[int]] = None
        self._symptom: Dict[str, Set[int]] = {}

    def negated(self, tokens: Sequence[int], code: str = "") -> bool:
        words = self.catalogue.context.negation_words
        symptom = self._symptom_negations(code)
        return any(self.doc.tokens[i].text in words and i not in self.pseudo and i not in symptom
                   and not (code == SUICIDAL and self._no_longer(i)) for i in tokens)

    def negation_is_the_complaint(self, tokens: Sequence[int], code: str) -> bool:
        """True if the sentence has negation words and each is part of the complaint: the
        rules' denial of `code` came from a word such as the 'ni' of "ni meer plassen"."""
        words = self.catalogue.context.negation_words
        negations = [i for i in tokens if self.doc.tokens[i].text in words and i not in self.pseudo]
        return bool(negations) and not self.negated(tokens, code)

    def _symptom_negations(self, code: str) -> Set[int]:
        # "liggen gaat gewoon niet", "niks helpt", "zonder wakker te worden": the negation
        # is what the person cannot do, not a denial (red_flags.yml `negation_is_symptom`).
        if not code or code == SUICIDAL:
            return set()
        if code not in self._symptom:
            # Asked up to three times per code (ask, flag, the rules' denial): scanned once.
            patterns = self.catalogue.flag(code).negation_is_symptom
            self._symptom[code] = {i for s, e in pattern_spans(patterns, self.doc) for i in range(s, e)}
        return self._symptom[code]

    def _no_longer(self, i: int) -> bool:
        # "als ik er niet meer ben", "nooit meer wakker": no longer being is the wish itself.
        words = [token.text for token in self.doc.tokens[i + 1:i + 3]]
        return len(words) == 2 and words[0] == "meer" and words[1] in _BEING

    def on_crisis_topic(self, tokens: Sequence[int]) -> bool:
        """True if the sentence holds a word of the crisis topic (red_flags.yml
        `crisis_topic`); without one the classifier may ask, not flag."""
        if self._topic is None:
            self._topic = {i for s, e in pattern_spans(self.catalogue.context.crisis_topic, self.doc)
                           for i in range(s, e)}
        return any(i in self._topic for i in tokens)

    def set_aside(self, code: str, tokens: Sequence[int]) -> bool:
        """Long ago, someone else, or a benign explanation / exclusion of this flag."""
        if not tokens:
            return True
        inside = set(tokens)
        flag = self.catalogue.flag(code)
        rules = self.catalogue.context
        if not flag.history_counts and any(s in inside for s, _ in self.history):
            return True
        if (flag.level not in rules.experiencer_kept_levels
                and (any(s in inside for s, _ in self.others) or self.discourse.someone_else(tokens[0]))
                and self.discourse.not_theirs_now(tokens[0], flag.history_counts, flag.level, flag.code)):
            return True
        if self.discourse.set_aside(flag.level, tokens[0], tokens[-1] + 1, flag.history_counts):
            return True
        if self.scope.story_sentence(list(tokens)):
            return True
        if flag.level in ("soon", "urgent") and any(
                s in inside for s, _ in pattern_spans(rules.improving, self.doc)):
            return True
        benign = pattern_spans(flag.explanations + flag.exclusions, self.doc)
        return any(s in inside for s, _ in benign)


SUICIDAL = "suicidal"
# A first back pain is a flag only under 20 or over 50 (clinical.md section 1): without an
# age or a word for one in the message, the classifier cannot know which ("heb sinds 2 weken
# last van mn onderrug" is a first back pain of any age).
_AGE_WORDS = frozenset(
    "jaar jarige jarig jr leeftijd oud oude bejaard bejaarde gepensioneerd pensioen senior tiener puber "
    "vijftig zestig zeventig tachtig negentig vijftiger zestiger zeventiger tachtiger oma opa "
    "zoon dochter kind kinderen moeder vader".split())


_YEARS = frozenset("jaar jr jarige jaren".split())


def _names_an_age(doc: Document) -> bool:
    # "ik ben 45 jaar": an age told in years between 20 and 50 rules a first back pain out.
    told = [parse_number(doc.tokens[i].text) for i in range(len(doc) - 1)
            if doc.tokens[i + 1].text in _YEARS and parse_number(doc.tokens[i].text) is not None]
    if told and all(20 <= value <= 50 for value in told):
        return False
    for token in doc.tokens:
        if token.text in _AGE_WORDS:
            return True
        value = parse_number(token.text)
        if value is not None and (12 <= value < 20 or 50 <= value <= 110):
            return True
    return False


def _without_quiet(classifier, doc: Document, scores: Scores, quiet: AbstractSet[int]) -> Scores:
    # The crisis score of the sentences the rules did not set aside; other codes unchanged.
    heard = classifier.score_tokens(
        [token for i, token in enumerate(doc.tokens[:_MAX_TOKENS]) if doc.sentence[i] not in quiet])
    by_code, sentence = dict(scores.by_code), dict(scores.sentence)
    by_code[SUICIDAL] = heard.by_code.get(SUICIDAL, 0.0)
    if SUICIDAL in heard.sentence:
        sentence[SUICIDAL] = heard.sentence[SUICIDAL]
    return Scores(by_code, sentence)


def decide(text: str, doc: Document, catalogue: Catalogue, flags: List[RedFlagMatch],
           questions: List[str], denied: AbstractSet[str] = frozenset(), learned: bool = True,
           quiet: AbstractSet[int] = frozenset()) -> Detection:
    """Add the classifier's confident flags, then choose at most one question.

    `denied`: codes the rule layers found and set aside (negated, long ago, someone else):
    their precise judgement stands: the classifier does not flag those codes, and asks only
    about crisis (a denied wish to die may still be worth one kind question), but not from
    the `quiet` sentences, whose crisis words the rules set aside (bot/safety/scope.py).
    """
    flags = list(flags)
    asked = [QUESTION_OF[code] for code in questions if code in QUESTION_OF]
    classifier = get_classifier() if learned else None
    if classifier is not None and len(doc):
        scores = classifier.score_tokens(doc.tokens[:_MAX_TOKENS])
        if quiet and SUICIDAL in scores.by_code:
            scores = _without_quiet(classifier, doc, scores, quiet)
        found = {flag.code for flag in flags}
        context: Optional[_SentenceContext] = None
        telling = _telling_words(doc, range(len(doc)))
        for code, probability in sorted(scores.by_code.items(), key=lambda kv: -kv[1]):
            if code == NONE or code in found or probability < min(ASK.get(code, 1.0), 0.7):
                continue
            context = context or _SentenceContext(doc, catalogue)
            start, end = scores.sentence[code]
            tokens = _tokens_in(doc, start, end)
            if code in denied and code != SUICIDAL and not context.negation_is_the_complaint(tokens, code):
                continue
            if context.set_aside(code, tokens):
                continue
            if code == "onset_age" and not _names_an_age(doc):
                continue
            needs = catalogue.flag(code).learned_needs
            if needs and not pattern_spans(needs, doc):
                continue
            level = catalogue.flag(code).level
            # A message of a word or two ("zeven", "ik denk 6 van de 10" to the pain question)
            # carries too little for a classifier to judge: the rule layers still read it all.
            short = telling < SHORT_TELLING_WORDS
            if telling < MIN_TELLING_WORDS and not (code == SUICIDAL and probability >= ASK_SHORT):
                continue
            # A sentence of short words only ("Ik", cut off by the token cap) says nothing by
            # itself: what the classifier gives it is the prior, not a reading.
            if not _telling_words(doc, tokens):
                continue
            if (telling >= MIN_TELLING_WORDS
                    and probability >= CONFIDENT_WITH_QUESTION.get(code, CONFIDENT[level])
                    and not context.negated(tokens, code)
                    and (code not in denied or context.negation_is_the_complaint(tokens, code))
                    and (code != SUICIDAL or context.on_crisis_topic(tokens))):
                flags.append(RedFlagMatch(code, level, catalogue.flag(code).label_nl,
                                          text[start:end], start, end, "learned"))
            elif code in ASK and probability >= (ASK_SHORT if short and code == SUICIDAL else ASK[code]) and not (
                    code != SUICIDAL and _says_normal(doc, tokens)) and not (
                    code == SUICIDAL and _no_crisis_question(doc, catalogue)) and not (
                    code == SUICIDAL and probability < ASK_OFF_TOPIC
                    and (not context.on_crisis_topic(tokens) or "?" in text)):
                asked.append(QUESTION_OF[code])
    flags.sort(key=lambda flag: (-level_rank(flag.level), flag.start))
    level = highest_level(*(flag.level for flag in flags))
    question = next(
        (q for q in QUESTION_ORDER
         if q in asked and level_rank(level) < level_rank(QUESTION_LEVEL[q])),
        None,
    )
    return Detection(tuple(flags), question)


def mentions_crisis_topic(text: str) -> bool:
    """Whether `text` holds a word of the crisis topic at all (red_flags.yml `crisis_topic`):
    life, death, pills, ending, hope, being a burden... "een glas of vier per dag" holds none."""
    from bot.safety.catalogue import load_catalogue
    from bot.safety.document import build_document

    catalogue = load_catalogue()
    return bool(pattern_spans(catalogue.context.crisis_topic, build_document(text or "", catalogue)))
