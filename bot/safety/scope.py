"""Whose story a signal belongs to: a book, the news, someone's words passed on, a death told.

"Ik las een boek over iemand die zelfmoord pleegde", "Mijn vriendin vertelde dat haar broer
niet meer wilde leven", "Mijn buurman heeft zelfmoord gepleegd": the words of a flag, but
not the writer's danger now; nor is a question someone asked that was answered "nee", or
a long-ago signal the same or the next sentence calls over. These rules (red_flags.yml
`context.discourse`: reported, retold, told_past, completed, with hypothetical, resolved and
history) apply to every level, crisis included, because they need more than one word
around the signal. Current danger always wins: a message that says the
signal is here now (`recurring`: "en nu weer", "ik herken het", "zelf ook") is never set
aside by them, nor by 'long ago', and someone else's danger told in the present ("mijn man
zegt dat hij dood wil") or happening now ("net", "vandaag") keeps its flag.
"""
from __future__ import annotations

import functools
from typing import List, Sequence, Set, Tuple

from bot.safety.catalogue import Catalogue
from bot.safety.discourse import Discourse
from bot.safety.document import Document
from bot.safety.negation import Span, pattern_spans

# The writer as the one who acts: a story stops being only the story's once these appear
# between its opening word and the signal.
_WRITER = frozenset({"ik", "ikzelf", "mezelf", "mijzelf", "wij", "we"})
# Joining words: after one, a new statement starts ("ik zag een film en wil nu dood").
_JOINING = frozenset({"en", "maar", "want", "dus", "omdat", "toen", "sinds", "daarna", "nu"})
# After a signal set aside, these may bring it back ("... Sinds vorige week denk ik er weer
# aan."): the classifier then still reads that sentence, so a question stays possible.
_AGAIN = frozenset({"weer", "opnieuw", "terug", "nog"})
# A plain answer to someone's question ("vroeg of ik aan de dood dacht. Nee.").
_NO = frozenset({"nee", "neen", "nooit"})
# Words after a set-aside signal that turn its sentence around ("ik wil niet dood, maar ...").
_CONTRAST = frozenset("maar toch wel soms echter behalve hoewel alhoewel".split())
# A negation in a sentence with one of these is no plain denial: "als ik niet zo bang was
# om te springen, had ik het gedaan", "hij weet niet waarom hij nog verder zou gaan".
_HEDGES = frozenset("als had hadden anders waarom tenzij misschien soms bijna".split())

# A negation this close after a 'here again' phrase denies it instead.
_DENIED_WITHIN = 3


class Scope:
    """The story-scope facts of one message, found once when a flag asks."""

    def __init__(self, doc: Document, catalogue: Catalogue, discourse: Discourse) -> None:
        self.doc = doc
        self.rules = catalogue.context
        self.discourse = discourse

    @functools.cached_property
    def recurs(self) -> bool:
        """True if the message says a signal is here (again) now: not where the same words
        deny it ("daar heb ik sindsdien ook geen last meer van")."""
        negations = self.rules.negation_words
        for start, end in pattern_spans(self.rules.recurring, self.doc):
            after = [token.text for token in self.doc.tokens[start:end + _DENIED_WITHIN]]
            if not negations.intersection(after):
                return True
        return False

    @functools.cached_property
    def _reported(self) -> List[Span]:
        return pattern_spans(self.rules.reported, self.doc)

    @functools.cached_property
    def _retold(self) -> List[Span]:
        return pattern_spans(self.rules.retold, self.doc)

    @functools.cached_property
    def _told_past(self) -> Set[int]:
        return {start for start, _ in pattern_spans(self.rules.told_past, self.doc)}

    @functools.cached_property
    def _completed(self) -> Set[int]:
        return {start for start, _ in pattern_spans(self.rules.completed, self.doc)}

    def _opened_by(self, spans: List[Span], start: int) -> List[Tuple[int, int]]:
        # Openers earlier in the signal's sentence with only the story's words in between.
        sentence = self.doc.sentence[start]
        found = []
        for t_start, t_end in spans:
            if t_end > start or self.doc.sentence[t_start] != sentence:
                continue
            between = [token.text for token in self.doc.tokens[t_end:start]]
            if not _WRITER.intersection(between) and not _JOINING.intersection(between):
                found.append((t_start, t_end))
        return found

    def _writer_in(self, start: int, end: int) -> bool:
        return any(token.text in _WRITER for token in self.doc.tokens[start:end])

    def _sentence_end(self, start: int) -> int:
        sentence, end = self.doc.sentence[start], start
        while end < len(self.doc) and self.doc.sentence[end] == sentence:
            end += 1
        return end

    def media(self, start: int, end: int) -> bool:
        """True if the signal at tokens [start, end) is what a book, film or the news told:
        such a word before it, and the writer nowhere from there to the sentence's end."""
        opened = bool(self._opened_by(self._reported, start))
        return opened and not self._writer_in(start, self._sentence_end(start))

    def writer_returns(self, start: int, end: int) -> bool:
        """True if, in the sentence up to the signal at tokens [start, end), a joining word is
        followed by the writer ("..., en nu kan ik zelf niet meer plassen")."""
        sentence, joined = self.doc.sentence[start], False
        i = start - 1
        while i >= 0 and self.doc.sentence[i] == sentence:
            i -= 1
        for token in self.doc.tokens[i + 1:end]:
            if token.text in _JOINING:
                joined = True
            elif joined and token.text in _WRITER:
                return True
        return False

    def story_sentence(self, tokens: List[int]) -> bool:
        """True if a whole sentence (token indexes) is a story's: a book, film or the news
        opens it, or someone's words told in the past, and the writer does not act in it
        after that (for the classifier, which does not say where in the sentence it read)."""
        if self.recurs or not tokens:
            return False
        first, last = tokens[0], tokens[-1] + 1
        for spans in (self._reported, self._retold):
            for t_start, t_end in spans:
                if first <= t_start < last and not self._writer_in(t_end, last):
                    if spans is self._reported or any(t_end <= i < last for i in self._told_past):
                        return True
        return False

    def retold_past(self, start: int, end: int) -> bool:
        """True if the signal is someone's past told on ("zij vertelde dat hij dood wilde")."""
        if self._writer_in(start, end):
            return False
        for _, t_end in self._opened_by(self._retold, start):
            if any(t_end <= i < end for i in self._told_past):
                return True
        return False

    def _sentence_start(self, start: int) -> int:
        sentence, i = self.doc.sentence[start], start
        while i > 0 and self.doc.sentence[i - 1] == sentence:
            i -= 1
        return i

    def completed(self, start: int, end: int) -> bool:
        """True if the signal is someone else's, told as done and over ("pleegde zelfmoord",
        "de zanger heeft zelfmoord gepleegd"): the writer nowhere in the sentence up to the
        signal's end ("sinds mijn vrouw overleden is, denk ik aan een eind maken" keeps it)."""
        if self._writer_in(self._sentence_start(start), end):
            return False
        return any(self.doc.sentence[i] == self.doc.sentence[start] for i in self._completed)

    def asked_and_denied(self, start: int) -> bool:
        """True if the signal is in someone's question ("de huisarts vroeg of ik aan de dood
        dacht") answered with a plain no in that sentence or the next, nothing turning it."""
        sentence = self.doc.sentence[start]
        if sentence not in self.discourse.hypothetical:
            return False
        for i, token in enumerate(self.doc.tokens):
            if i <= start or token.text not in _NO or self.doc.sentence[i] - sentence > 1:
                continue
            rest = self.doc.tokens[i + 1:self._sentence_end(i)]
            return not _CONTRAST.intersection(t.text for t in rest)
        return False

    def past_now_fine(self, start: int, end: int) -> bool:
        """True if the signal's sentence is about long ago and it or the next one says it is
        over ("... toen aan zelfdoding gedacht. Nu totaal niet meer.")."""
        sentence = self.doc.sentence[start]
        if not self.discourse.long_ago(sentence, start, end):
            return False
        return bool({sentence, sentence + 1} & self.discourse.resolved)

    @functools.cached_property
    def _recovered(self) -> List[Span]:
        return pattern_spans(self.rules.recovered, self.doc)

    def crisis_over(self, start: int, end: int) -> bool:
        """True if a wish to die is told as long over: a 'long ago' word in its sentence or
        the one before or after, and recovery told outside its own words from that sentence
        on ("... zes jaar geleden, ik ben toen goed geholpen", "nu al 5 jaar clean"). Such a
        message gets one kind question instead of the 113 reply: it may still be worth asking,
        but answering a recovery story with a crisis line is not listening."""
        if self.recurs:
            return False
        sentence = self.doc.sentence[start]
        near = {sentence - 1, sentence, sentence + 1}
        if not any(self.doc.sentence[s] in near for s, _ in self.discourse.history):
            return False
        return self.recovery_after(start, end)

    @functools.cached_property
    def for_study(self) -> bool:
        """True if the message says the question is for a course, school work or a job."""
        return bool(pattern_spans(self.rules.for_study, self.doc))

    def asked_for_study(self, start: int) -> bool:
        """True if a wish to die is someone's in a general question asked for a course or
        work ("wat moet je doen als iemand zegt dat hij niet meer wil leven? ik vraag het
        voor mijn opleiding"): one kind question, not the 113 reply."""
        if self.recurs or not self.for_study:
            return False
        sentence = self.doc.sentence[start]
        words = {t.text for i, t in enumerate(self.doc.tokens) if self.doc.sentence[i] == sentence}
        return sentence in self.discourse.hypothetical or bool({"iemand", "anderen", "mensen"} & words)

    def recovery_after(self, start: int, end: int) -> bool:
        """True if, from the signal's sentence on, the message says it got better ("ik ben toen
        goed geholpen", "nu totaal niet meer")."""
        sentence = self.doc.sentence[start]
        if {sentence, sentence + 1} & self.discourse.resolved:
            return True
        return any((s >= end or e <= start) and self.doc.sentence[s] >= sentence
                   and self._plainly_well(s, e) for s, e in self._recovered)

    def _plainly_well(self, start: int, end: int) -> bool:
        # "het gaat niet echt goed" is no recovery; "heb ik al een jaar niet meer" is.
        words = [token.text for token in self.doc.tokens[start:end]]
        return "meer" in words or not self.rules.negation_words.intersection(words)

    def sets_aside(self, start: int, end: int, counts_when_over: bool = False) -> bool:
        """True if the signal at tokens [start, end) is a story's, not the writer's danger now.
        `counts_when_over`: the flag is its history (cancer): "8 jaar geleden, genezen
        verklaard" is that history, not a signal that is over."""
        if self.recurs:
            return False
        if (self.media(start, end) or self.asked_and_denied(start)
                or (not counts_when_over and self.past_now_fine(start, end))):
            return True
        # Reading the book yesterday is no danger yesterday; someone's act "net" or
        # "vandaag" is one now.
        told = self.retold_past(start, end) or self.completed(start, end)
        return told and not self.discourse.acute(start)


def _plain_denial(doc: Document, start: int, own_negation: bool) -> bool:
    # A negation among the crisis words themselves ("niet meer leven ... echt niet") makes
    # the other one emphasis, not a denial.
    if own_negation:
        return False
    sentence = doc.sentence[start]
    words = {t.text for i, t in enumerate(doc.tokens) if doc.sentence[i] == sentence}
    return not _HEDGES.intersection(words)


def quiet_sentences(doc: Document, stories: List[Span], denials: List[Tuple[int, int, bool]],
                    kept: List[Span], recurs: bool, asked: Sequence[Span] = ()) -> Set[int]:
    """Sentences whose crisis words the rules set aside: told as a story or long ago
    (`stories`) or plainly denied (`denials`: start, end, whether the crisis words carry a
    negation of their own), with nothing after them that turns the sentence around or
    brings the signal back, and no crisis flag kept in it.

    The classifier's crisis score is not read from these: a question about ending one's
    life after "ik denk er niet aan" or after a book review is not kind, it is not listening.
    `asked`: crisis words the rules turned into the question (long over, asked for a
    course): their sentences are quiet too, so that the classifier does not flag them after all.
    """
    if recurs:
        return set()
    flagged = {doc.sentence[start] for start, _ in kept}
    quiet: Set[int] = {doc.sentence[start] for start, _ in asked} - flagged
    plain = [(s, e) for s, e, own in denials if _plain_denial(doc, s, own)]
    for start, end in stories + plain:
        sentence = doc.sentence[start]
        after = [t.text for i, t in enumerate(doc.tokens) if i >= end and doc.sentence[i] == sentence]
        later = {t.text for t in doc.tokens[end:]}
        if sentence not in flagged and not _CONTRAST.intersection(after) and not _AGAIN & later:
            quiet.add(sentence)
    return quiet
