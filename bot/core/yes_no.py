"""Reads a typed answer to a yes/no question the assistant asked: plain Python, no model.

People answer "ja graag", "doe maar", "is goed", "nee dank je", "liever niet", "laat maar",
with typos, chat spellings and emoji. The intent classifier sees these among 40 other
intents and can call "ja, geef maar door" anything; when the assistant knows it asked a
question, this reader decides. It answers only for short replies that start with (or
consist of) an answer, so a new question that happens to begin with "ja" is left alone.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

from bot.dutch_text import fold_accents

YES, NO, UNSURE = "yes", "no", "unsure"
# A reply longer than this is a message of its own, not an answer to our question.
MAX_ANSWER_WORDS = 12

_YES_START = (
    r"ja+|jawel|jaja|jazeker|jep|jup|jes|yes|yep|yup|ok|oke|okay|okido|okidoki|oki|prima|graag|"
    r"zeker|zeker weten|natuurlijk|uiteraard|absoluut|akkoord|klopt|dat klopt|inderdaad|"
    r"goed|is goed|is prima|dat is goed|dat is prima|lijkt me goed|dat lijkt me goed|goed idee|"
    r"doe maar|doe dat maar|doe het maar|toe maar|ga je gang|ga uw gang|top|super|fijn|"
    r"dat wil ik|wil ik graag|ik wil het graag|graag gedaan|alsjeblieft|alstublieft|aub|svp|please|"
    r"juist|correct|in orde|da s goed|das goed|t is goed|tis goed|dat mag|geef maar door"
)
_NO_START = (
    r"nee+|neen|neenee|nee nee|nope|nah|neuh|nein|no|nooit|nee hoor|klopt niet|dat klopt niet|"
    r"liever niet|liever geen|laat maar|laat maar zitten|hoeft niet|hoeft niet meer|niet nodig|"
    r"toch niet|zeker niet|echt niet|absoluut niet|helemaal niet|nee nooit|niet doen|"
    r"ik wil het niet|ik wil dat niet|dat wil ik niet|dat hoeft niet|niet doorgeven|niet wissen|"
    # "daar wil ik liever niet over praten": declining to talk is a no to the offer.
    # Only with "over": "ik wil er niet meer zijn" is no answer but the wish itself.
    r"(daar|dat|hier) wil ik (liever |echt )?(niet|nie|ni) over|ik wil (er|daar) (liever |echt )?(niet|nie|ni) over"
)
# Anywhere in the reply: the person is not sure, or it is sometimes so. For a safety
# question this counts as "yes" (bot/safety/questions.py decides), never as "no".
# The strong ones ("soms", "weet ik niet") say so wherever they stand; the weak ones ("een
# beetje", "half") only when they open the reply or the reply is short (`opens_unsure`).
_UNSURE_STRONG = (r"misschien|soms|somtijds|af en toe|wel eens|weleens|twijfel\w*|weet (ik )?(het )?niet|"
                  r"ik weet het niet|geen idee|niet zeker|kan zijn|denk het|ik denk van wel|ik denk het")
_UNSURE_WEAK = r"een beetje|beetje|niet echt|mwa+h?|tja+|soort van|half|best wel|vaker"
_UNSURE = re.compile(rf"\b({_UNSURE_STRONG}|{_UNSURE_WEAK})\b")
_UNSURE_ANYWHERE = re.compile(rf"\b({_UNSURE_STRONG})\b")
# "ja maar ...", "nee, alleen ...": the answer is qualified. "doe maar" and "geef maar
# door" are not: there "maar" only softens the request.
_CONTRAST = re.compile(r"^(maar|behalve|alleen|al)\b")
_EMOJI_YES = ("👍", "👌", "✅", "🙏")
_EMOJI_NO = ("👎", "❌", "🙅")
# Words that may stand before or after the answer without changing it.
_FILLER = r"(hoor|hoi|eh+m?|uh+m?|nou|allee|awel|dan|maar graag|graag|dank je( wel)?|dankjewel|dankje|bedankt|thanks|" \
          r"haha\w*|hihi\w*|lol|pff\w*|joh|" \
          r"alsjeblieft|alstublieft|aub|svp|please|wel|even|toch|hoor)"
_THANKS_ONLY = re.compile(
    r"((heel )?(hartelijk )?(dank( je| u| jullie)?( wel)?|dankjewel|dankuwel|danku|dankje|bedankt|thanks|thank you|thx|merci)"
    r"( hoor| he| voor (de|je|uw) (uitleg|hulp|info|informatie))?)"
)
_YES_RE = re.compile(rf"^({_YES_START})\b")
_NO_RE = re.compile(rf"^({_NO_START})\b")
# A bare negation or "wel" in a short reply ("lukt niet", "dat gaat wel") answers too.
_NEGATION = re.compile(r"\b(niet|geen|nee|nooit|nergens)\b")
_AFFIRMING = re.compile(r"\b(wel|lukt|gaat|kan|kun|gewoon|normaal)\b")
_WEL = re.compile(r"\bwel\b")


def normalise_answer(text: str) -> str:
    """Lower case, accents off, chat spellings of yes and no evened out, punctuation as spaces.

    More than `bot.dutch_text.normalise`, on purpose: only a yes/no answer is read after
    "neeeee", "k" and "nie" are made plain and the punctuation is gone.
    """
    text = fold_accents(text)
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)  # "neeeee" -> "nee", "jaaaa" -> "jaa"
    text = re.sub(r"\bk\b", "ik", text)
    text = re.sub(r"\b(nie|ni)\b", "niet", text)
    text = re.sub(r"\b(okee|okey|oki|okej)\b", "oke", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def read_answer(text: Optional[str], statements: bool = True) -> Optional[str]:
    """YES, NO, UNSURE, or None when the text is not an answer to a yes/no question.

    `statements`: a short statement with no yes or no word answers too ("lukt niet", "gaat
    gewoon"): right for "kun je nog plassen?", not for "denk je aan zelfdoding?", where
    "ik heb gewoon veel pijn" is no yes (but "eigenlijk wel" and "eigenlijk niet" answer it)."""
    raw = (text or "").strip()
    if not raw:
        return None
    has_yes_emoji = any(mark in raw for mark in _EMOJI_YES)
    has_no_emoji = any(mark in raw for mark in _EMOJI_NO)
    clean = normalise_answer(raw)
    if not clean:
        if has_yes_emoji != has_no_emoji:
            return YES if has_yes_emoji else NO
        return None
    if _THANKS_ONLY.fullmatch(clean):
        return None  # "Dank u wel." thanks; it never confirms "alles wissen?" (its "wel" is no yes)
    words = clean.split()
    if len(words) > MAX_ANSWER_WORDS:
        return _long_reply(raw, statements)
    clean = re.sub(rf"^({_FILLER} )+", "", clean)
    yes_match, no_match = _YES_RE.match(clean), _NO_RE.match(clean)
    if yes_match and no_match:
        # "zeker niet", "dat wil ik niet": the longer reading wins over "zeker", "dat wil ik".
        if len(no_match.group(0)) >= len(yes_match.group(0)):
            yes_match = None
        else:
            no_match = None
    if not (yes_match or no_match) and _QUESTION_WORD.match(clean):
        return None  # "wat kan ik zelf doen?" asks; its "kan" is no yes
    starts_yes = bool(yes_match) or (has_yes_emoji and not no_match)
    starts_no = bool(no_match) or (has_no_emoji and not yes_match)
    matched = yes_match or no_match
    rest = clean[matched.end():] if matched else clean
    rest = re.sub(rf"^({_FILLER} )+", "", rest.strip())
    if matched and "?" in raw and len(rest.split()) > 2:
        return None  # "ja, maar hoeveel magnesium mag ik dan?": a new question, not an answer
    if yes_match and _WEAK_YES.fullmatch(yes_match.group(0)) and _MOVES_ON.search(rest):
        # "ok ga da doen. slaapwel", "ok. wanneer neem ik magnesium dan": an "ok" that
        # acknowledges what was said and moves on; no yes to the question.
        return None
    if starts_no and not starts_yes:
        # "nee, maar soms wel": a no that takes itself back is not a clear no.
        return UNSURE if _CONTRAST.match(rest) and _UNSURE.search(rest) else NO
    if _UNSURE.search(clean):
        return UNSURE
    if starts_yes:
        # "ja maar ...", "ja nee", "ja, liever niet": a qualified yes.
        if _CONTRAST.match(rest) or _negates(rest):
            return UNSURE
        return YES
    if len(words) <= 5:
        # "lukt niet", "kan ik niet" / "dat gaat wel", "lukt gewoon": a short statement.
        # Without `statements`, only "eigenlijk niet" / "eigenlijk wel" answer.
        if _NEGATION.search(clean):
            return NO
        if (_AFFIRMING if statements else _WEL).search(clean):
            return YES
    return None


# A longer reply is unsure only when it opens with the doubt ("weet ik niet, soms ..."):
# "wandelen en een beetje op de home trainer" answers another question.
UNSURE_LEADS_WITHIN = 2
SHORT_REPLY_WORDS = 6


def opens_unsure(text: Optional[str]) -> bool:
    """Whether a reply read as unsure really answers with doubt: it is short, says "soms" or
    "weet ik niet" anywhere, or opens with a weaker doubt ("een beetje, ...")."""
    clean = normalise_answer(text or "")
    match = _UNSURE.search(clean)
    if match is None:
        return False
    return (len(clean.split()) <= SHORT_REPLY_WORDS or bool(_UNSURE_ANYWHERE.search(clean))
            or len(clean[:match.start()].split()) < UNSURE_LEADS_WITHIN)


def _long_reply(raw: str, statements: bool) -> Optional[str]:
    # "nee laat maar, ik wil niet dat iemand van de praktijk dit weet": a clear answer in
    # the first clause, a reason after it. A question or a "maar" after it is no plain answer.
    first = re.split(r"[,.;:!]", raw, maxsplit=1)[0]
    rest = raw[len(first):].strip(" ,.;:!")
    if not rest or "?" in rest or _CONTRAST.match(normalise_answer(rest)) or len(first.split()) > 4:
        return None
    answer = read_answer(first, statements)
    return answer if answer in (YES, NO) else None


# An acknowledgement rather than an answer when something else follows it.
_WEAK_YES = re.compile(r"ok|oke|okay|okido|okidoki|oki|jaja|goed|prima|top|super|fijn")
# What follows such an "ok": a goodbye, or a question of its own.
_MOVES_ON = re.compile(
    r"\b(slaapwel|welterusten|doei|dag|daag|later|tot (ziens|straks|morgen|later)|bye|ciao|groetjes|cheers|"
    r"fijne (avond|dag|middag|morgen|weekend|zondag)|goe(de|ie)n?avond|"
    r"wat|hoe|hoeveel|hoelang|wanneer|waarom|welke|waar|wie)\b"
)
_QUESTION_WORD = re.compile(r"^(wat(?! mij betreft| ons betreft)|hoe|hoeveel|hoelang|waarom|wanneer|welke|welk|waar|wie|waarmee|waarvoor)\b")


def _negates(rest: str) -> bool:
    """Whether the words after a "ja" take it back ("ja nee", "ja, liever niet")."""
    return bool(re.match(r"^(nee|liever niet|toch niet|niet|geen)\b", rest))


# Where a reply may be cut into its answer and what follows: "nee hoor, hoeft niet, ik wil ...".
_CLAUSE_END = re.compile(r"[,.;:!]+\s*|\s+-\s+")
_LEADING_LINK = re.compile(r"^(maar|en|alleen|wel|dus)\b[\s,]*", re.IGNORECASE)
# The rest asks something even without a question mark: "ik wil alleen weten wat hij kan doen".
_ASKS = re.compile(r"\b(weten|vragen|vraag|vertel|uitleg|tips?|advies|antwoord)\b")
MIN_QUESTION_WORDS = 3


def decline_then_question(text: Optional[str]) -> Optional[Tuple[str, str]]:
    """(the decline, the question) when a reply opens with a no and goes on to ask something.

    "nee hoor, hoeft niet, ik wil alleen weten wat hij zelf kan doen" declines the question
    asked and asks one of its own: both deserve an answer. The decline is the longest run
    of leading clauses that reads as NO; the rest must be shaped like a question.
    """
    from bot.forms.answer_words import looks_like_question

    raw = (text or "").strip()
    cuts = [match.end() for match in _CLAUSE_END.finditer(raw) if match.end() < len(raw)]
    split: Optional[Tuple[str, str]] = None
    for cut in cuts:
        head = raw[:cut].rstrip(" ,.;:!-")
        if read_answer(head) != NO:
            break
        split = (head, raw[cut:].strip())
    if split is None:
        return None
    rest = _LEADING_LINK.sub("", split[1]).strip()
    words = normalise_answer(rest).split()
    if len(words) < MIN_QUESTION_WORDS or read_answer(rest) is not None:
        return None
    if not (looks_like_question(rest) or "?" in rest or _ASKS.search(" ".join(words))):
        return None
    return split[0], rest
