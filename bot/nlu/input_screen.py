"""Recognises messages the NLU cannot sensibly classify: empty, emoji-only, another language.

They get a kind, specific answer instead of a guessed topic or a generic fallback.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

EMPTY = "empty"
# "👍" after an answer: an ok, not a message without words.
APPROVAL = "approval"
_APPROVING = frozenset("👍👌🙏✅❤♥💪👏🤗")
OTHER_LANGUAGE = "other_language"

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Small, high-frequency function words: enough to tell Dutch from English in chat text.
_ENGLISH = frozenset(
    "the and is are you what how much should can could would i my me do does with for of to "
    "this that please help have has when why which take it".split()
)
# German and French function words that are no Dutch or Flemish chat words: "die", "was",
# "das" ("das toch overdreven"), "je", "pas", "les", "dans" and "mes" are left out.
_GERMAN = frozenset(
    "ich du sie wir ihr und ist sind nicht auch können kann auf deutsch mein meine meinen haben habe "
    "welche welcher wieviel wo wann warum mit für von zu bitte danke nehmen darf dazu seit eine einen einem "
    "ihnen sich oder aber schon noch sehr gut rücken schmerzen tschüss spreche sprechen leider kein keine "
    "nur englisch niederländisch praxis termin arzt rückenschmerzen".split()
)
_FRENCH = frozenset(
    "suis vous nous est sont avec pour une mon quoi comment combien pourquoi "
    "quand puis peux pouvez dos douleur merci bonjour parlez français aussi".split()
)
_DUTCH = frozenset(
    "de het een en is zijn je jij ik mijn wat hoe veel moet kan kun wil met voor van naar dit "
    "dat graag help heb heeft wanneer waarom welke neem niet wel ook nog maar of bij op".split()
)


def _is_latin_letter(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def screen_input(text: str) -> Optional[str]:
    """Returns `empty`, `approval`, `other_language` or None for a message that NLU can handle."""
    words = _WORD.findall(text or "")
    if not words:
        # A bare number is a real answer (a pain score, minutes); emoji and dots are not.
        if re.search(r"\d", text or ""):
            return None
        marks = [char for char in (text or "") if not char.isspace() and unicodedata.category(char) not in ("Mn", "Sk", "Cf")]
        return APPROVAL if marks and all(char in _APPROVING for char in marks) else EMPTY
    letters = [c for word in words for c in word]
    latin = sum(1 for c in letters if _is_latin_letter(c))
    if latin < len(letters) / 2:
        return OTHER_LANGUAGE  # Arabic, Cyrillic, Chinese, ...
    from bot.forms.turns import closing

    if closing(text):
        return None  # "Danke schön, tschüss", "thanks, bye": a goodbye is understood in any language
    lowered = [w.lower() for w in words]
    dutch = sum(1 for w in lowered if w in _DUTCH)
    for language in (_ENGLISH, _GERMAN, _FRENCH):
        foreign = sum(1 for w in lowered if w in language)
        if len(lowered) >= 3 and foreign >= 2 and foreign > 2 * dutch:
            return OTHER_LANGUAGE
    return None
