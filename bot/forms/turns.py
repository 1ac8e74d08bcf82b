"""Reads a reply to a form's question: an answer, a question about something else, or leaving.

Every form (plan, pain score, handoff) asks one question at a time. What comes back is:
- an answer (also one the validator cannot read yet: then it says how to answer),
- a question about something else: the form steps aside, the question gets its own
  answer (Rasa's unhappy path) and the form asks again,
- leaving: stop, "laat maar", "ik wil iets anders vragen", goodbye or thanks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from bot.dutch_text import normalise
from bot.forms.answer_words import goes_on_later, is_stop, leaves_now, looks_like_question

ANSWER, ASIDE, LEAVE, UNCLEAR = "answer", "aside", "leave", "unclear"
GOODBYE, THANK, STOP, OTHER = "goodbye", "thank", "stop", "other"
# Below this the NLU is guessing; a reply we cannot read is then more likely an answer.
QUESTION_CONFIDENCE = 0.6
# Intents that never make a reply a question about something else.
NEUTRAL_INTENTS = frozenset({"affirm", "deny", "greet", "nlu_fallback", "goodbye", "thank"})

_GOODBYE_WORDS = frozenset("""
doei doeii doeg dag daag dag dagg ciao bye byebye tot ziens totziens later houdoe salut salu adios
welterusten slaapwel groetjes groeten mvg tschuss tschüss
""".split())
_THANK_WORDS = frozenset("""
bedankt dank dankje dankjewel dankuwel danku thanks thank thx tx merci bedank top super fijn mooi danke
""".split())
# Words that may stand around a goodbye or thanks without changing it ("ok bedankt, doei").
_FAREWELL_FILLER = frozenset("""
ok oke okay oké nou dan hoor ja prima goed is het was voor nu even alles de je jij jullie u wel
heel erg veel zo maar weer ik ga we spreken elkaar zien volgende keer fijne dag avond info
informatie hulp moeite en al hartelijk vriendelijk nogmaals you schön schon sehr morgen straks gauw
""".split())
_CLARIFY = re.compile(r"^(sorry,? )?(wat|hoe) bedoel (je|jij|u)\b|^(ik )?snap (het|dat|je) niet\b|^begrijp ik niet\b"
                      r"|^(huh|he|hè|uh|eh)?[ ,]*(ik )?(snap|begrijp|versta) (die|de|je|deze|uw) vraag (niet|nie|ni)\b")
_OTHER_QUESTION = re.compile(
    r"\b(iets|wat|een paar) anders?\b.*\b(vragen|vraag|weten|hebben|bespreken|doen)\b"
    r"|\b(een )?andere vraag\b|\bander onderwerp\b|\bnog een vraag\b"
)
# The shortest such request, so that "wat moet ik weten" in the question stays with the question.
_OTHER_QUESTION_FIRST = re.compile(_OTHER_QUESTION.pattern.replace(".*", ".*?"))


@dataclass(frozen=True)
class Turn:
    """What a reply is; `reason` says why a user leaves (goodbye, thank, stop, other)."""

    kind: str
    reason: Optional[str] = None


@dataclass(frozen=True)
class Leaving:
    """Stands in for the asked slot's value between a form's extract and validate steps.

    rasa-sdk keeps only required slots from `extract_<slot>`, so leaving travels as the
    slot's own value and `validate_<slot>` turns it into "stopped" and the reason.
    """

    reason: str


def slot_value(turn: Turn, text: str) -> Any:
    """What a form's extract step keeps for a reply: None when the form steps aside for
    another topic, `Leaving` when the user leaves, else the text for the validator."""
    if turn.kind == ASIDE:
        return None
    if turn.kind == LEAVE:
        return Leaving(turn.reason or STOP)
    return text


def farewell(text: str) -> Optional[str]:
    """GOODBYE or THANK when the whole message is a goodbye or a thank-you, else None."""
    words = re.findall(r"[a-z']+|[\U0001F300-\U0001FAFF]", normalise(text))
    words = [w for w in words if not re.fullmatch(r"[\U0001F300-\U0001FAFF]", w)]
    if not words or any(w not in _GOODBYE_WORDS | _THANK_WORDS | _FAREWELL_FILLER for w in words):
        return None
    if _GOODBYE_WORDS & set(words):
        return GOODBYE
    if _THANK_WORDS & set(words):
        return THANK
    return None


def _parts(clean: str) -> list:
    """The clauses of a normalised message: "bedankt he, ik ga liggen. dag" has three."""
    return [part for part in re.split(r"[,.;!]+\s*|\s+(?:en|maar)\s+", clean) if part.strip()]


# After a thank-you, words that go on with the conversation: it is no closing.
_GOES_ON = re.compile(r"\b(verder|door|doorgaan)\b|\bvolgende (vraag|stap|punt|onderwerp)\b|\d")


def closing(text: str) -> Optional[str]:
    """GOODBYE or THANK for a message that opens or ends with one and asks nothing.

    Wider than `farewell`: "dank u wel voor de uitleg", "oke, ik bel de huisarts. dankjewel".
    """
    clean = normalise(text)
    if "?" in clean:
        return None
    parts = _parts(clean)
    if not parts:
        return None
    said = [farewell(part) for part in (parts[0], parts[-1])]
    if said[0] and not said[1] and _GOES_ON.search(" ".join(parts[1:])):
        return None  # "Dank u. Dan gaan we verder. Ik kan een kwartier per dag aan."
    if GOODBYE in said:
        return GOODBYE
    if THANK in said:
        return THANK
    words = parts[0].split()
    if words and words[0] in _THANK_WORDS - {"top", "super", "fijn", "mooi"}:
        return THANK  # "dank u wel voor de uitleg"
    return None


_HOLD_ON = re.compile(
    r"^(wacht( even| ff| effe| eens)?|even wachten|ff wachten|effe wachten)\b(?! (tot|op|af|niet|nie|ni|maar)\b)"
    r"|^(ik ben |ben )?zo terug\b|^brb\b"
    r"|^((een )?moment(je)?|sec(je|ondje)?|even geduld)( (aub|graag|even|ff|hoor|pls|please))?$"
)


# "wacht wa gebeurt er dan met mijn plan": a question without its question mark.
_ASKS_AFTER = re.compile(r"\b(wat|wa|hoe|waarom|wanneer|welke|waar|wie|hoeveel|hoelang|kan ik|mag ik|moet ik)\b")


def holds_on(text: str) -> bool:
    """"Wacht mn baas belt", "momentje", "brb": the person steps away for a moment. A
    question after it is no pause ("wacht, hoeveel mag ik dan?")."""
    clean = normalise(text).strip(" .!,")
    if "?" in clean or len(clean.split()) > 8 or _ASKS_AFTER.search(clean):
        return False
    return bool(_HOLD_ON.match(clean))


# "hallo??? ben je er nog", "is daar iemand?": the person waited and wonders whether we left.
_STILL_THERE = re.compile(
    r"^((hallo|hoi|hey|he|hee|yo|allo)\W*)?(ben je (er|daar|hier) nog|ben je nog (daar|hier|wakker|aan het werk)|"
    r"zijt ge (der|daar|er) nog|is (daar|er) (nog )?iemand|iemand (daar|thuis)|werk je nog|doe je het nog)\W*$"
)


def asks_still_there(text: str) -> bool:
    """"Hallo??? ben je er nog": asks whether the assistant is still there, nothing else."""
    return bool(_STILL_THERE.match(normalise(text).strip()))


def ends_with_goodbye(text: str) -> bool:
    """A message of several parts whose last part is a goodbye and which asks nothing: "het
    gaat al beter met de warmte. bedankt he, ik ga liggen. dag". A goodbye word first is
    left alone: "dag, ik geef borstvoeding ..." greets."""
    clean = normalise(text)
    if "?" in clean:
        return False
    parts = _parts(clean)
    return len(parts) >= 2 and farewell(parts[-1]) == GOODBYE


def _tells_then_goodbye(text: str) -> bool:
    # "ok ik moet nu koken, doei": a sentence, then a goodbye. "wandelen, doei" answers first.
    return ends_with_goodbye(text) and len(_parts(normalise(text))[0].split()) >= 3


def wants_other_question(text: str) -> bool:
    """"Ik wil iets anders vragen", "ik heb een andere vraag"."""
    return bool(_OTHER_QUESTION.search(normalise(text)))


def asks_it_at_once(text: str) -> bool:
    """The wish to ask something else comes with the question itself.

    "Mag ik even iets anders vragen: hoeveel magnesium heb ik nodig?" wants that question
    answered, not "Wat wil je vragen?".
    """
    clean = normalise(text)
    found = _OTHER_QUESTION_FIRST.search(clean)
    if not found:
        return False
    rest = clean[found.end():].lstrip(" :,.;?!-")
    return len(rest.split()) >= 3 and (looks_like_question(rest) or "?" in rest)


def read_turn(text: Optional[str], intent: Optional[str], confidence: float, understood: bool,
              own_intents: Iterable[str] = ()) -> Turn:
    """What the reply `text` to a form's question is.

    `understood`: the validator reads it as an answer to the question asked. An answer
    wins over the NLU's guess ("noten" answers the food question, whatever the intent),
    unless the reply is shaped like a question about another topic. `own_intents` are
    intents that belong to this form (a pain report inside the pain form).
    """
    text = text or ""
    clean = normalise(text)
    if (len(clean.split()) <= 2 and clean.endswith("?")) or _CLARIFY.search(clean):
        # "wat?", "hoe bedoel je?": about the question just asked, so it is asked again.
        return Turn(UNCLEAR) if not understood else Turn(ANSWER)
    if not re.search(r"[a-z]{2}", clean):
        # Digits and signs only ("12345", "06-1234"): an attempt at an answer, never a request.
        return Turn(ANSWER) if understood else Turn(UNCLEAR)
    if is_stop(text):
        # "laat maar, ik moet weer aan het werk. doei": stopped, and a goodbye said back.
        return Turn(LEAVE, GOODBYE if ends_with_goodbye(text) else STOP)
    neutral = intent in NEUTRAL_INTENTS or intent in set(own_intents) or not intent
    if wants_other_question(text):
        # With the question in the same message, the form steps aside for it and asks again.
        if asks_it_at_once(text) and (not neutral or intent == "nlu_fallback"):
            return Turn(ASIDE)
        return Turn(LEAVE, OTHER)
    said = farewell(text)
    if said == GOODBYE or (said == THANK and not understood):
        return Turn(LEAVE, said)
    if leaves_now(text) or _tells_then_goodbye(text):
        return Turn(LEAVE, GOODBYE)
    if not understood and goes_on_later(text):
        return Turn(LEAVE, THANK if _THANK_WORDS & set(re.findall(r"[a-z]+", clean)) else STOP)
    if understood:
        if not neutral and looks_like_question(text):
            return Turn(ASIDE)
        return Turn(ANSWER)
    if intent == "nlu_fallback":
        # The NLU could not tell which topic: a question still steps aside (the fallback
        # then suggests topics), a short reply it did not know stays an answer.
        return Turn(ASIDE) if looks_like_question(text) else Turn(UNCLEAR)
    if intent in ("goodbye", "thank") and confidence >= QUESTION_CONFIDENCE and len(clean.split()) > 1:
        # One word the goodbye words above do not know ("groen", read by its letters as
        # "groetjes") is no goodbye: it stays an unclear answer.
        return Turn(LEAVE, GOODBYE if intent == "goodbye" else THANK)
    if neutral:
        return Turn(UNCLEAR)
    if confidence >= QUESTION_CONFIDENCE or looks_like_question(text):
        return Turn(ASIDE)
    return Turn(UNCLEAR)
