"""Finds medicines, medicine groups and conditions that matter for magnesium in a message."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import List, Optional, Sequence, Set, Tuple

from rapidfuzz import fuzz, process

from bot.medication.catalogue import KIND_BRAND, KIND_CONDITION, KIND_GENERIC, Catalogue, Term, load_catalogue
from bot.medication.not_taken import USE_VERBS, continues_negation, is_negated, says_no_medicines
from bot.medication.salts import is_supplement_word
from bot.medication.text import NUMBER_WORDS, Token, clean, has_drug_suffix, tokenize
from bot.medication.vocabulary import common_words

logger = logging.getLogger(__name__)

# Typos are only corrected in long words: among short words a one-letter slip
# too often turns one real word into another.
FUZZY_MIN_LENGTH = 5
# fuzz.ratio allows one missing, extra or swapped letter in a long name
# ("levothyroxin", "omeprazool") but not a different word.
FUZZY_CUTOFF = 87.0
# Compared as heard only from this length: "lasik" is no "lasix".
FUZZY_HEARD_MIN_LENGTH = 8
# People glue the dose form to the name: "levothyroxinetabletten".
_DOSE_FORM_SUFFIXES = ("tabletten", "tablet", "capsules", "capsule", "druppels", "drank", "poeder")
# When someone answers with a long story, only name-like unknown words are worth asking about.
_MAX_PLAIN_UNKNOWN = 5
_MEDICATION_KINDS = (KIND_GENERIC, KIND_BRAND)
# "Het heet X", "de naam is X": a name is given, whatever its ending.
_NAMING_WORDS = frozenset({"heet", "heten", "heette", "genaamd", "naam", "merknaam"})
_NAMED_WITHIN = 3
_NOT_A_MEDICINE_NAMED = frozenset({"ik", "mijn", "mn", "me", "hond", "kat", "poes", "zoon", "dochter", "man", "vrouw",
                                   "vriend", "vriendin", "therapeut", "fysio", "dokter", "huisarts", "straat", "praktijk"})
# In a question about magnesium, "met X" or "naast X" names a medicine as clearly as "ik slik X".
_COMBINE_WORDS = frozenset({"met", "naast", "samen", "combineren", "combineer", "tegelijk", "bij"})
# "de huisarts gaf me tramadol": a prescriber's verb names a medicine as "ik slik" does.
# A drug-like word anywhere counts only in a short question, not in a pasted text.
_SHORT_MESSAGE = 40
# (USE_VERBS already holds "kreeg" and "voorgeschreven".)
_GIVEN_VERBS = frozenset({"gaf", "gegeven", "geeft", "schreef", "voorschreef", "gekregen"})
# "hij neemt ook nog xarelto": a brand name follows its verb within a few words.
_USED_WITHIN = 3


@dataclass(frozen=True)
class MedicationMention:
    """One medicine, medicine group or condition named in a message."""

    canonical: str
    class_code: str
    matched_text: str
    kind: str  # "generic" | "brand" | "condition" | "group"


@dataclass(frozen=True)
class MedicationFindings:
    """What a message says about medicines.

    Attributes:
        mentions: Medicines, groups and conditions that need care with magnesium.
        no_interaction: Canonical names of medicines without a known interaction.
        unknown: Lowercase words that look like a medicine the catalogue does not know.
        says_none: Whether the user says they take no medicines.
    """

    mentions: Tuple[MedicationMention, ...] = ()
    no_interaction: Tuple[str, ...] = ()
    unknown: Tuple[str, ...] = ()
    says_none: bool = False

    @property
    def medications(self) -> Tuple[str, ...]:
        """Canonical generic names of the medicines named (no groups, no conditions)."""
        names = (m.canonical for m in self.mentions if m.kind in _MEDICATION_KINDS)
        return tuple(dict.fromkeys(names))

    @property
    def interaction_classes(self) -> Tuple[str, ...]:
        """Class and condition codes named, each once, in the order they came up."""
        return tuple(dict.fromkeys(m.class_code for m in self.mentions))


@dataclass(frozen=True)
class _Match:
    term: Term
    start: int
    end: int
    text: str


def fuzzy_term(word: str, catalogue: Optional[Catalogue] = None) -> Optional[Term]:
    """The catalogue name a long single word is a typo of, or None."""
    catalogue = catalogue or load_catalogue()
    if len(word) < FUZZY_MIN_LENGTH or not word.isalpha():
        return None
    # Typos rarely hit the first letter; requiring it also keeps the search tiny.
    choices = catalogue.fuzzy_choices.get(word[0])
    if not choices:
        return None
    best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is None and len(word) >= FUZZY_HEARD_MIN_LENGTH:
        # Spelled as it sounds: "doxyciline" for doxycycline, "ciprofloxacin" for -cine.
        best = process.extractOne(word, choices, scorer=fuzz.ratio, processor=spelled_as_heard,
                                  score_cutoff=FUZZY_CUTOFF)
    return catalogue.single_word(best[0]) if best else None


_HEARD = (("ph", "f"), ("th", "t"), ("y", "i"), ("c", "k"), ("x", "ks"), ("z", "s"))


def spelled_as_heard(word: str) -> str:
    """A medicine name folded to how it sounds in Dutch: letters that sound alike made one,
    doubled letters single, a final -e dropped."""
    for written, heard in _HEARD:
        word = word.replace(written, heard)
    folded = "".join(letter for i, letter in enumerate(word) if i == 0 or letter != word[i - 1])
    return folded[:-1] if folded.endswith("e") else folded


def _single_word_term(word: str, catalogue: Catalogue) -> Optional[Term]:
    term = catalogue.single_word(word)
    if term is not None:
        return term
    for suffix in _DOSE_FORM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= FUZZY_MIN_LENGTH:
            term = catalogue.single_word(word[: -len(suffix)])
            if term is not None:
                return term
    if word in common_words() or is_supplement_word(word):
        return None
    return fuzzy_term(word, catalogue)


def _match_at(text: str, tokens: Sequence[Token], index: int, catalogue: Catalogue) -> Optional[_Match]:
    token = tokens[index]
    for term in catalogue.by_first_word.get(token.norm, ()):
        end = index + len(term.words)
        window = tokens[index:end]
        if (
            len(window) == len(term.words)
            and all(t.norm == w and t.clause == token.clause for t, w in zip(window, term.words))
        ):
            return _Match(term, index, end, text[token.start: window[-1].end])
    term = _single_word_term(token.norm, catalogue)
    return _Match(term, index, index + 1, token.raw) if term else None


def _find_matches(
    text: str, tokens: Sequence[Token], catalogue: Catalogue
) -> Tuple[List[_Match], Set[int]]:
    """All catalogue matches that are not negated, and every token position looked at."""
    kept: List[_Match] = []
    covered: Set[int] = set()
    previous: Optional[_Match] = None
    previous_negated = False
    index = 0
    while index < len(tokens):
        match = _match_at(text, tokens, index, catalogue)
        if match is None:
            index += 1
            continue
        covered.update(range(match.start, match.end))
        negated = is_negated(tokens, match.start, match.end) or (
            previous_negated and previous is not None and continues_negation(tokens, previous.end, match.start)
        )
        if not negated:
            kept.append(match)
        previous, previous_negated = match, negated
        index = match.end
    return kept, covered


# "een slaappil, zolpidem": a name right after a word for a medicine.
_MEDICINE_WORDS = frozenset({"pil", "pillen", "slaappil", "slaappillen", "slaapmiddel", "pijnstiller", "pijnstillers",
                             "tablet", "tabletten", "medicijn", "medicijnen", "medicatie", "antibiotica",
                             "antibioticum", "maagbeschermer", "plaspil", "plaspillen", "bloedverdunner",
                             "bloeddrukpil", "bloeddrukpillen", "antidepressiva", "antidepressivum", "kuur"})


def _after_medicine_word(tokens: Sequence[Token], index: int) -> bool:
    from bot.safety.dutch_words import spelled_near_a_word

    # Only as an apposition, after a comma or capitalised: "medicijnen beïnvloeden" is a verb.
    if index == 0 or tokens[index - 1].norm not in _MEDICINE_WORDS:
        return False
    apposition = tokens[index - 1].clause != tokens[index].clause or tokens[index].raw[:1].isupper()
    return apposition and not spelled_near_a_word(tokens[index].norm)


def _names_a_medicine(tokens: Sequence[Token], index: int, about_magnesium: bool) -> bool:
    """Whether an unknown word stands where a medicine name would: "ik slik X", "de huisarts
    gaf X", "X en magnesium samen?"; or, in a message about magnesium that speaks of
    medicines ("antibiotica gekregen van de tandarts, amoxicilline"), anywhere."""
    clause = tokens[index].clause
    nearby = {t.norm for t in tokens[max(0, index - 6): index + 4] if t.clause == clause}
    triggers = USE_VERBS | _GIVEN_VERBS | (_COMBINE_WORDS if about_magnesium else frozenset())
    if not nearby.isdisjoint(triggers):
        return True
    if not about_magnesium or len(tokens) > _SHORT_MESSAGE or not any(t.norm in _MEDICINE_WORDS for t in tokens):
        return False
    from bot.safety.dutch_words import spelled_near_a_word

    return not spelled_near_a_word(tokens[index].norm)


def _named(tokens: Sequence[Token], index: int) -> bool:
    """Whether an unknown word is given as a name ("het andere heet xarelto", "iets dat
    Zolbanex heet"): next to a naming word and no Dutch word. Brand names carry no drug suffix."""
    from bot.safety.dutch_words import common_words as dutch_words

    clause = tokens[index].clause
    window = {t.norm for t in tokens[max(0, index - _NAMED_WITHIN): index] if t.clause == clause}
    named_after = (index + 1 < len(tokens) and tokens[index + 1].norm in _NAMING_WORDS
                   and index > 0 and tokens[index - 1].norm in {"dat", "die", "iets", "wat"})
    if (window.isdisjoint(_NAMING_WORDS) and not named_after) or tokens[index].norm in dutch_words():
        return False
    # "ik heet Annelies", "mijn naam is ...", "de hond heet ...": a person or a pet, not a medicine.
    said_of = {t.norm for t in tokens[max(0, index - _NAMED_WITHIN - 3): index] if t.clause == clause}
    return said_of.isdisjoint(_NOT_A_MEDICINE_NAMED)


def _used_name(tokens: Sequence[Token], index: int) -> bool:
    """Whether an unknown word is taken as a medicine is ("hij slikt ook nog xarelto"): it follows
    a use verb closely and is neither a Dutch word nor one letter from one, so a typo such as
    "ik neem elke ochtnd" is not read as a brand. Brand names carry no drug suffix."""
    from bot.safety.dutch_words import spelled_near_a_word

    clause = tokens[index].clause
    window = {t.norm for t in tokens[max(0, index - _USED_WITHIN): index] if t.clause == clause}
    return not window.isdisjoint(USE_VERBS) and not spelled_near_a_word(tokens[index].norm)


def _unknown_words(
    tokens: Sequence[Token], covered: Set[int], catalogue: Catalogue, expecting_list: bool
) -> Tuple[str, ...]:
    from bot.safety.dutch_words import common_words as dutch_words

    common = common_words()
    about_magnesium = any(is_supplement_word(token.norm) for token in tokens)
    candidates: List[Token] = []
    for index, token in enumerate(tokens):
        word = token.norm
        if (
            index in covered
            or len(word) < 4
            or not word.isalpha()
            or word in common
            or word in NUMBER_WORDS
            or word in catalogue.known_words
            or is_supplement_word(word)
            or is_negated(tokens, index, index + 1)
        ):
            continue
        # Even in an answer to "which medicines?", a common Dutch word ("heeft dat invloed?")
        # names no medicine, unless it looks like one ("insuline").
        plain_dutch = word in dutch_words() and not has_drug_suffix(word)
        if (expecting_list and not plain_dutch) \
                or (has_drug_suffix(word) and _names_a_medicine(tokens, index, about_magnesium)) \
                or _named(tokens, index) or _used_name(tokens, index) or _after_medicine_word(tokens, index):
            candidates.append(token)
    if len(candidates) > _MAX_PLAIN_UNKNOWN:
        candidates = [
            t for t in candidates if has_drug_suffix(t.norm) or (t.raw[0].isupper() and not t.sentence_start)
        ]
    return tuple(dict.fromkeys(t.norm for t in candidates))


def _findings(text: str, expecting_list: bool) -> MedicationFindings:
    catalogue = load_catalogue()
    text = clean(text)
    tokens = tokenize(text)
    matches, covered = _find_matches(text, tokens, catalogue)
    mentions: List[MedicationMention] = []
    no_interaction: List[str] = []
    for match in matches:
        if not match.term.class_codes:
            no_interaction.append(match.term.canonical)
        for code in match.term.class_codes:
            mentions.append(MedicationMention(match.term.canonical, code, match.text, match.term.kind))
    unknown = _unknown_words(tokens, covered, catalogue, expecting_list)
    takes_something = any(m.kind != KIND_CONDITION for m in mentions) or no_interaction or unknown
    says_none = not takes_something and says_no_medicines(tokens, expecting_list)
    return MedicationFindings(
        mentions=tuple(dict.fromkeys(mentions)),
        no_interaction=tuple(dict.fromkeys(no_interaction)),
        unknown=unknown,
        says_none=says_none,
    )


def find_medications(text: str, expecting_list: bool = False) -> MedicationFindings:
    """Finds the medicines, medicine groups and conditions a message names.

    Args:
        text: The user's message, as typed.
        expecting_list: True when the assistant just asked which medicines the user
            takes; unknown words are then reported as possible medicines.

    Returns:
        The findings; empty findings when the text is not a string or matching fails,
        so this never raises on the message path.
    """
    if not isinstance(text, str) or not text.strip():
        return MedicationFindings()
    try:
        return _findings(text, expecting_list)
    except Exception:  # noqa: BLE001 - runs on every message; a crash would drop the turn
        logger.exception("medication matching failed")
        return MedicationFindings()
