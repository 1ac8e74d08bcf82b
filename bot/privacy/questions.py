"""Questions about erasing asked while the assistant waits for the erasure to be confirmed."""
from __future__ import annotations

import re
from typing import Optional

from bot.dutch_text import normalise

# "wacht is mn plan dan ook weg?", "gaan mijn pijnscores ook weg?".
_WHAT_GOES = re.compile(r"\b(plan|planning|pijnscores?|scores?|herinneringen|herinnering|gegevens|gesprek|alles|cijfers)\b"
                        r".{0,30}\b(weg|gewist|verwijderd|kwijt|wissen|verdwijnen|verdwijnt)\b"
                        r"|\b(weg|gewist|verwijderd|kwijt)\b.{0,30}\b(plan|pijnscores?|herinneringen|gegevens|gesprek)\b")


def asks_what_is_erased(text: Optional[str]) -> bool:
    """A question about what erasing takes with it."""
    clean = normalise(text or "")
    return "?" in (text or "") and bool(_WHAT_GOES.search(clean))
