"""How the assistant's readers of Dutch replies compare text: one normaliser, shared.

`fold_accents` is the step every reader of typed Dutch shares (case and accents do not
count: "één" is "een"). `normalise` is what the plan, the forms, breathing and pain
scores read: folded, with one kind of apostrophe and single spaces. Readers that need
more (chat spellings of yes and no, Flemish words for the NLU) build on these under
names of their own.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional


def fold_accents(text: Optional[str]) -> str:
    """Lower case with accents removed ("Één" is "een"); nothing else changes."""
    decomposed = unicodedata.normalize("NFKD", text or "").lower()
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise(text: Optional[str]) -> str:
    """Lower case, accents removed (één, tweeëntwintig), curly quotes and extra spaces gone."""
    text = fold_accents(text).replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return re.sub(r"\s+", " ", text).strip()
