"""Whether the user says they do not take a medicine, or take none at all.

Missing a warning is worse than giving one too many, so these rules only accept
plain Dutch negations close to the name ("geen omeprazol meer", "omeprazol gebruik
ik niet meer", "gestopt met omeprazol") and give up on anything less clear.
"""
from __future__ import annotations

from typing import Sequence

from bot.medication.text import Token

_NEGATION_BEFORE = frozenset({"geen", "niet", "nooit", "zonder", "gestopt", "stopte", "gestopte"})
# Words that may stand between a negation and the name: "niet meer de omeprazol".
_SKIP_BEFORE = frozenset({"meer", "langer", "de", "het", "een", "mijn", "met", "ook", "al", "nog", "eens"})
# "geen levothyroxine tegelijk met magnesium" means they do take it.
_CANCELS_NEGATION = frozenset({"tegelijk", "tegelijkertijd", "samen", "met", "vlak", "direct", "binnen"})

_NEGATION_AFTER = frozenset({"niet", "nooit", "geen"})
_STOPPED_AFTER = frozenset({"gestopt", "gestopte"})
_SKIP_AFTER = frozenset({
    "gebruik", "gebruikt", "slik", "slikt", "neem", "neemt", "ik", "ben", "heb", "het", "die",
    "dat", "ook", "al", "mee", "eigenlijk", "zelf", "nu", "inmiddels", "geslikt", "genomen",
    "sinds", "een", "tijdje", "paar", "weken", "maanden", "jaren", "jaar", "lang", "tijden",
})
# After the name, "niet" only negates when nothing else follows: "omeprazol gebruik ik
# niet" does, "ik gebruik omeprazol niet elke dag" does not.
_AFTER_NEGATION_END = frozenset({"meer", "langer", "hoor", "echt"})

USE_VERBS = frozenset({
    "gebruik", "gebruikt", "gebruiken", "slik", "slikt", "slikken", "neem", "neemt", "nemen",
    "krijg", "krijgt", "kreeg", "voorgeschreven",
})
_MEDICINE_OBJECTS = frozenset({
    "medicijn", "medicijnen", "medicatie", "geneesmiddel", "geneesmiddelen", "pil", "pillen",
    "tabletten", "middelen", "medicamenten", "medicament",
})
_LOOSE_OBJECTS = frozenset({"andere", "enkele", "enkel", "hoor", "verder", "meer"})
_NONE_WORDS = frozenset({"geen", "niks", "niets", "nope", "nvt"})
_BARE_ANSWER = _NONE_WORDS | frozenset({
    "nee", "neen", "hoor", "helemaal", "eigenlijk", "verder", "n", "v", "t", "ik", "gebruik",
    "slik", "neem", "nog", "op", "dit", "moment", "momenteel", "op", "nu", "sorry",
})


def _same_clause(tokens: Sequence[Token], index: int, clause: int) -> bool:
    return 0 <= index < len(tokens) and tokens[index].clause == clause


def is_negated(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether the words tokens[start:end] are negated in their clause."""
    clause = tokens[start].clause
    index = start - 1
    while _same_clause(tokens, index, clause) and start - index <= 4:
        word = tokens[index].norm
        if word in _NEGATION_BEFORE:
            # "ik kan niet zonder omeprazol": two negations, so they do take it.
            doubled = _same_clause(tokens, index - 1, clause) and tokens[index - 1].norm in _NEGATION_BEFORE
            cancelled = _same_clause(tokens, end, clause) and tokens[end].norm in _CANCELS_NEGATION
            return not (doubled or cancelled)
        if word not in _SKIP_BEFORE:
            break
        index -= 1
    index = end
    while _same_clause(tokens, index, clause) and index - end < 5:
        word = tokens[index].norm
        if word in _STOPPED_AFTER:
            return True
        if word in _NEGATION_AFTER:
            follows = index + 1
            return not _same_clause(tokens, follows, clause) or tokens[follows].norm in _AFTER_NEGATION_END
        if word not in _SKIP_AFTER:
            break
        index += 1
    return False


def continues_negation(tokens: Sequence[Token], previous_end: int, start: int) -> bool:
    """Whether only "of"/"noch" separates this name from a negated one: "geen X of Y"."""
    between = [token.norm for token in tokens[previous_end:start]]
    return between in (["of"], ["noch"]) and tokens[previous_end - 1].clause == tokens[start].clause


def _use_verb_before(tokens: Sequence[Token], index: int) -> bool:
    clause = tokens[index].clause
    return any(
        tokens[back].norm in USE_VERBS
        for back in range(max(0, index - 3), index)
        if tokens[back].clause == clause
    )


def says_no_medicines(tokens: Sequence[Token], expecting_list: bool) -> bool:
    """Whether the message says the user takes no medicines at all.

    Args:
        tokens: The message's tokens.
        expecting_list: Whether the assistant just asked which medicines they use;
            only then is a bare "nee" or a trailing "geen" an answer about medicines.
    """
    if not tokens:
        return False
    words = [token.norm for token in tokens]
    if all(word in _BARE_ANSWER for word in words):
        return any(word in _NONE_WORDS for word in words) or (expecting_list and "nee" in words)
    for index, word in enumerate(words):
        following = words[index + 1] if _same_clause(tokens, index + 1, tokens[index].clause) else None
        if word == "geen":
            if following in _MEDICINE_OBJECTS:
                return True
            loose = following is None or following in _LOOSE_OBJECTS
            if loose and (expecting_list or _use_verb_before(tokens, index)):
                return True
        if word in ("niks", "niets") and (expecting_list or _use_verb_before(tokens, index)):
            return True
    return False
