"""spaCy's Dutch tokens with a normalised form for the featurizers.

People type Flemish ("ge", "huisdokter"), chat spellings ("kheb", "ff", "nie"), with or
without accents and with stretched letters ("heeeel"). The featurizers read a token's
lemma; we put a normalised form there and keep the text and offsets as typed, so
entities, transcripts and the deterministic matchers still see the original message.
"""
from __future__ import annotations

import re
from typing import Dict, List, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message

from bot.dutch_text import fold_accents

# One written-Dutch form for words people type in many ways. Values with a space split
# the token (contractions); an empty value drops a filler word.
VARIANTS: Dict[str, str] = {
    # contractions and chat spellings
    "kheb": "ik heb", "kben": "ik ben", "kan'k": "kan ik", "k": "ik", "'k": "ik", "kzit": "ik zit",
    "kweet": "ik weet", "kwil": "ik wil", "kga": "ik ga", "kmoet": "ik moet", "kvoel": "ik voel",
    "m'n": "mijn", "mn": "mijn", "z'n": "zijn", "zn": "zijn", "da's": "dat is", "das": "dat is",
    "ff": "even", "effe": "even", "efkes": "even", "eventjes": "even", "nie": "niet", "ni": "niet",
    "wa": "wat", "idd": "inderdaad", "aub": "alsjeblieft", "ajb": "alsjeblieft", "svp": "alsjeblieft",
    "dankje": "dank je", "dankjewel": "dank je wel", "bedankt": "dank je",
    # Flemish
    "ge": "je", "gij": "jij", "u": "je", "uw": "jouw", "kunde": "kun je", "hebde": "heb je",
    "zijde": "ben je", "huisdokter": "huisarts", "dokter": "arts", "kinesist": "fysiotherapeut",
    "kine": "fysiotherapeut", "fysio": "fysiotherapeut", "stoelgang": "ontlasting",
    "merci": "dank je", "goesting": "zin", "allee": "", "amai": "", "awel": "", "hé": "", "he": "",
    "seffens": "straks", "nen": "een", "ne": "een", "moogt": "mag", "pipi": "plassen",
}
_STRETCH = re.compile(r"(.)\1{2,}")


def normalise_word(word: str) -> List[str]:
    """The normalised words for one typed word (none for a filler).

    More than `bot.dutch_text.normalise`, on purpose: only the featurizers see Flemish and
    chat words as written Dutch; every other reader keeps the words as typed.
    """
    folded = fold_accents(word).replace("’", "'")
    folded = _STRETCH.sub(r"\1\1", folded)
    if folded in VARIANTS:
        return VARIANTS[folded].split()
    return [folded]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class DutchTokenizer(SpacyTokenizer):
    """`SpacyTokenizer` whose token lemmas are normalised Dutch."""

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        tokens: List[Token] = []
        for token in super().tokenize(message, attribute):
            for form in normalise_word(token.text):
                tokens.append(Token(token.text, token.start, token.end, data=dict(token.data), lemma=form))
        return tokens


def normalise_text(text: str) -> Tuple[str, ...]:
    """The normalised words of a whole text (for tests and debugging)."""
    return tuple(form for word in text.split() for form in normalise_word(word))
