"""Context beyond one phrase: a 'what if' sentence, a denial after the signal, a symptom gone.

Patients tell stories: "Wat moet ik doen als ik ooit niet meer kan plassen?", "De huisarts
vroeg naar koorts en tintelingen, maar dat heb ik allemaal niet.", "Die tinteling was na
twee dagen al weg." The ConText rules (bot/safety/negation.py) look a few words around a
phrase; these rules (red_flags.yml `context.discourse`) look at the sentence and the next one.
They never set aside crisis: there the assistant asks rather than assumes. A signal of
someone else told in the present ("mijn man zakte net door zijn benen", "mijn moeder kan haar
ontlasting niet meer ophouden") keeps its flag: that person needs help now.
"""
from __future__ import annotations

import functools
from typing import Dict, List, Set, Tuple

from bot.safety.catalogue import Catalogue
from bot.safety.document import Document
from bot.safety.negation import pattern_spans

_RESOLVABLE = frozenset({"soon", "urgent"})
# A sentence is about someone else when that person is named in its first words...
_OPENING = 3
# ...and the writer does not come back in it.
_FIRST_PERSON = frozenset({"ik", "mij", "me", "mijn", "mezelf", "mijzelf", "ikzelf", "wij", "we", "ons", "onze"})
# The writer speaking of themself: a back named in such a sentence is theirs, not the other's.
_WRITER = frozenset({"ik", "mij", "me", "mezelf", "mijzelf", "ikzelf", "zelf"})
# Words that start the present after a past in the same sentence.
_NOW = frozenset("nu sinds sindsdien tegenwoordig momenteel inmiddels onlangs vandaag gisteren "
                 "vanochtend vanmorgen vannacht ineens opeens plots plotseling".split())
# Answers that say no to a question the writer repeats ("koorts? nee hoor").
_NO = frozenset("nee neen nee nope nah neuh welnee nein nooit".split())
_ME = frozenset("ik ikke ikzelf wie mij ?".split())
_ECHO_WORDS = 8
_ASKING = frozenset("wat hoe waarom wanneer welke welk moet moeten kan kun kunt mag is zijn heb heeft "
                    "ben doe help wie waar".split())
# A denial reaches back over at most this many sentence ends ("... koorts? Dat heb ik niet.").
_DENIAL_REACH = 2
# Words between "ervoor" and the denial it turns to the time before ("ervoor was er niks ...").
_EARLIER_REACH = 3
# Words that turn from what is over to what is there now.
_TURN = frozenset("maar nu sindsdien inmiddels".split())


class Discourse:
    """Sentence-level facts of one message, found once."""

    def __init__(self, doc: Document, catalogue: Catalogue) -> None:
        self.doc = doc
        self.rules = catalogue.context

    # Each rule set is searched only when a flag asks (most messages have no flag at all).
    @functools.cached_property
    def hypothetical(self) -> Set[int]:
        return self._sentences(pattern_spans(self.rules.hypothetical, self.doc))

    @functools.cached_property
    def acute_sentences(self) -> Set[int]:
        return self._sentences(pattern_spans(self.rules.acute, self.doc))

    @functools.cached_property
    def denials(self) -> List[int]:
        return self._not_earlier(pattern_spans(self.rules.denial, self.doc))

    @functools.cached_property
    def denials_here(self) -> List[int]:
        return self._not_earlier(pattern_spans(self.rules.denial_here, self.doc))

    def _not_earlier(self, spans) -> List[int]:
        # "ervoor was er niks aan de hand": that denies the time before the signal, not it.
        # "dat heb ik nog nooit gehad": that says it is new.
        earlier = [end for _, end in pattern_spans(self.rules.denial_earlier, self.doc)]
        new = pattern_spans(self.rules.denial_new, self.doc)
        return [start for start, end in spans
                if not any(0 <= start - e <= _EARLIER_REACH
                           and self.doc.sentence[e - 1] == self.doc.sentence[start] for e in earlier)
                and not any(s < end and start < e for s, e in new)]

    @functools.cached_property
    def resolved(self) -> Set[int]:
        blocked = self._sentences(pattern_spans(self.rules.resolved_not, self.doc))
        return self._sentences(pattern_spans(self.rules.resolved, self.doc)) - blocked

    @functools.cached_property
    def unharmed(self) -> Set[int]:
        """Sentences that say someone came out of it unharmed ("maar hij mankeert niks")."""
        return self._sentences(pattern_spans(self.rules.unharmed, self.doc))

    @functools.cached_property
    def history(self) -> List[Tuple[int, int]]:
        return pattern_spans(self.rules.history, self.doc)

    @functools.cached_property
    def _resolved_spans(self) -> List[Tuple[int, int]]:
        return [span for span in pattern_spans(self.rules.resolved, self.doc)
                if self.doc.sentence[span[0]] in self.resolved]

    def resolved_at(self, start: int) -> bool:
        """True if the sentence of the signal at token `start` says it is gone, and no 'maar'
        or 'nu' turns from that to the signal ("genezen van kanker, maar nu struikel ik")."""
        sentence = self.doc.sentence[start]
        for s, e in self._resolved_spans:
            if self.doc.sentence[s] != sentence:
                continue
            if e <= start and any(self.doc.tokens[i].text in _TURN for i in range(e, start)):
                continue
            return True
        return False

    def _sentences(self, spans) -> Set[int]:
        return {self.doc.sentence[start] for start, _ in spans}

    @functools.cached_property
    def about_someone_else(self) -> Set[int]:
        """Sentences that open with someone else ("Mijn vader is 78 en heeft ...") and never
        come back to the writer (no ik, mij, mijn after it)."""
        found: Set[int] = set()
        tokens = self.doc.tokens
        for start, end in pattern_spans(self.rules.experiencer, self.doc):
            sentence = self.doc.sentence[start]
            first = next(i for i in range(start + 1) if self.doc.sentence[i] == sentence)
            if start - first > _OPENING:
                continue
            rest = [t.text for i, t in enumerate(tokens) if i >= end and self.doc.sentence[i] == sentence]
            if not _FIRST_PERSON.intersection(rest):
                found.add(sentence)
        return found

    def long_ago(self, sentence: int, start: int, end: int) -> bool:
        # A 'long ago' word elsewhere in the sentence; inside the flag's own words it is part
        # of the signal ("anders dan vroeger"). A 'now' word between a past before the flag and
        # the flag starts the present: "3 jaar geleden borstkanker, nu wordt mijn been zwakker".
        words = self.doc.tokens
        return any(
            self.doc.sentence[s] == sentence
            and ((e <= start and not any(words[i].text in _NOW for i in range(e, start))) or s >= end)
            for s, e in self.history)

    def someone_else(self, start: int) -> bool:
        """True if token `start` is in a sentence told about someone else (see above)."""
        return self.doc.sentence[start] in self.about_someone_else

    @functools.cached_property
    def back_sentences(self) -> Set[int]:
        """Sentences that name a back, the writer's own excepted ("ik zelf heb gewoon spit")."""
        mine = {self.doc.sentence[i] for i, token in enumerate(self.doc.tokens) if token.text in _WRITER}
        return {self.doc.sentence[start] for start, _ in pattern_spans(self.rules.experiencer_back, self.doc)} - mine

    def about_their_back(self, start: int) -> bool:
        """True if the message names someone's back: in the flag's own sentence, or in
        another one in which the writer does not speak of themself."""
        sentence = self.doc.sentence[start]
        return bool(self.back_sentences) or any(
            self.doc.sentence[s] == sentence for s, _ in pattern_spans(self.rules.experiencer_back, self.doc))

    def not_theirs_now(self, start: int, history_counts: bool, level: str = "", code: str = "") -> bool:
        """True if a signal at token `start`, told about someone else, is not their red flag
        now: a flag whose history is the signal (a relative's cancer is family history), a
        sentence told in the simple past before the signal ("mijn tante had koorts"), or a
        message that names no back but the writer's ("mijn zus heeft koorts"). Something
        happening now ("mijn man zakte net door zijn benen") is always theirs, and so is an
        emergency told in the present without a back ("mijn man kan zijn benen niet meer
        bewegen"): 112 is the right answer for that person whatever the cause. So is pain
        painkillers do not touch (`experiencer.back_signals`): the GP today, whatever the cause."""
        # "... kanker gehad, 't is nu genezen": the 'nu' tells it is over, not happening.
        # "... gisteren gevallen maar hij mankeert niks": happening now, and over already.
        if self.acute(start) and not (history_counts and self.doc.sentence[start] in self.resolved) \
                and self.doc.sentence[start] not in self.unharmed:
            return False
        if history_counts:
            return True
        sentence = self.doc.sentence[start]
        past = self.rules.experiencer_past_words
        # The past before the signal tells it: "mijn tante had koorts", not "..., dat had ze nooit".
        # The signal's own first word counts too: "een collega viel van een steiger".
        if any(self.doc.tokens[i].text in past for i in range(start + 1) if self.doc.sentence[i] == sentence):
            return True
        if (level == "emergency" or code in self.rules.experiencer_back_signals) and sentence not in self.unharmed:
            return False
        return not self.about_their_back(start)

    def acute(self, start: int) -> bool:
        """True if the sentence of token `start` tells of something happening now."""
        sentence = self.doc.sentence[start]
        return sentence in self.acute_sentences or sentence + 1 in self.acute_sentences

    @functools.cached_property
    def asked_back(self) -> Set[int]:
        """Sentences that repeat a question and get a no right after it: "zweterig en bleek?
        nee helemaal niet", "van de ladder gevallen? ik? nee joh", "krachtsverlies? heb ik niet"."""
        tokens, found = self.doc.tokens, set()
        starts: Dict[int, List[str]] = {}
        for i, token in enumerate(tokens):
            if not self.doc.is_break[i]:
                starts.setdefault(self.doc.sentence[i], []).append(token.text)
        for i, token in enumerate(tokens):
            if token.text != "?":
                continue
            sentence = self.doc.sentence[i]
            asked = starts.get(sentence, [])
            # Only a signal repeated as a bare question; "ik heb koorts, wat moet ik doen?" asks.
            if len(asked) > _ECHO_WORDS or _ASKING.intersection(asked):
                continue
            following = sentence + 1
            while starts.get(following) and all(word in _ME for word in starts[following]):
                following += 1  # "ik?", "wie, ik?"
            words = starts.get(following, [])[:3]
            if words and (words[0] in _NO or words[:3] in (["heb", "ik", "niet"], ["had", "ik", "niet"],
                                                           ["heb", "ik", "geen"], ["heb", "ik", "nooit"])):
                found.add(sentence)
        return found

    def set_aside(self, level: str, start: int, end: int, history_counts: bool = False,
                  writer_returns: bool = False, recurs: bool = False) -> bool:
        """True if a flag of `level` at tokens [start, end) is hypothetical, denied or gone
        (or, for soon and urgent flags, told in a sentence about long ago). `writer_returns`:
        the writer speaks for themself again before the flag ("op tv zag ik het, en nu heb
        ik het zelf"), so the sentence's 'what if' or 'I read' opening no longer covers it.
        `recurs`: the message says the signal is back ("en nu weer"): long ago no longer counts."""
        if level == "crisis" or not len(self.doc):
            return False
        sentence = self.doc.sentence[start]
        if sentence in self.hypothetical and not writer_returns:
            return True
        if sentence in self.asked_back:
            return True
        long_ago = not history_counts and not recurs and self.long_ago(sentence, start, end)
        # A flag whose history is the signal stays: "genezen van prostaatkanker" is that history.
        if level in _RESOLVABLE and not history_counts and (self.resolved_at(start) or long_ago):
            return True
        for denial in self.denials:
            if denial >= end and self.doc.sentence[denial] - sentence <= _DENIAL_REACH:
                return True
        return any(denial >= end and self.doc.sentence[denial] == sentence for denial in self.denials_here)
