"""Medicine questions the guard answers whatever the NLU said: plain Python, no Rasa.

"Hij neemt ook nog xarelto" after medicines came up, "hoeveel uur ertussen?", "moet ik
stoppen met mijn maagpillen?": each has one answer, which a topic guess would miss.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.turn_guard import TurnView

# "Moet ik (dan) stoppen met mijn maagpillen?", "mag ik minderen met de pantoprazol?"
_STOP_MEDICINE = re.compile(r"\b(stoppen|ophouden|minderen|afbouwen|weglaten|laten staan)\b")
_MEDICINE_WORD = re.compile(r"(pil|pillen|medicijn|medicijnen|medicatie|tabletten|tablet|middel|maagbeschermer|plaspillen)\b")
# "mijn sertraline": a word after "mijn" that reads as a medicine name when asked about stopping.
_OWN_UNKNOWN = re.compile(r"\b(mijn|mn|m'n)\s+[a-z]+(ine|ol|am|ide|on|ax|ex|il|an)\b")
# A question about spacing medicines out: "hoeveel uur ertussen?", "hoe lang moet ik wachten?"
_TIME_BETWEEN = re.compile(r"\b(ertussen|tussen|hoeveel uur|hoe lang .{0,20}wachten|na elkaar|uit elkaar|tegelijk"
                           r"|tegelijkertijd|in (een|1|één) keer)\b")


def names_medicine_with_magnesium(view: "TurnView") -> bool:
    """The message names a medicine and mentions magnesium: one the assistant knows, or one
    taken by name that it does not know ("ik neem ook sertraline, kan ik magnesium nemen?")."""
    from bot.dutch_text import normalise
    from bot.medication import find_medications

    if "magnesium" not in normalise(view.text):
        return False
    return bool(view.values("medication")) or bool(find_medications(view.text).unknown)


def about_earlier_medicine(view: "TurnView") -> bool:
    """Medicines came up earlier and the message gives a name the assistant does not know
    ("het andere heet volgens mij xarelto": "ask your pharmacist", never a topic) or asks
    about the time between them ("hoe lang moet er tussen?": the warning's hours again)."""
    from bot.dutch_text import normalise
    from bot.medication import find_medications

    earlier = view.slots.get("medications") or view.slots.get("interaction_classes")
    if not earlier:
        return False
    return bool(_TIME_BETWEEN.search(normalise(view.text))) or bool(find_medications(view.text).unknown)


def asks_to_stop_medicine(view: "TurnView") -> bool:
    """A question whether to stop a medicine ("moet ik dan stoppen met mijn maagpillen?"), about
    one named now or earlier: the answer is always "not on your own; ask your GP or pharmacist"."""
    from bot.dutch_text import normalise

    text = normalise(view.text)
    if "?" not in view.text and not text.startswith(("moet ik", "mag ik", "kan ik", "zal ik")):
        return False
    if not _STOP_MEDICINE.search(text) or "magnesium" in text:
        return False
    named = view.values("medication") or _MEDICINE_WORD.search(text) or _unknown_named(view.text)
    return bool(named) or bool(view.slots.get("medications") and re.search(r"\b(ermee|mee|die|ze|het)\b", text))


def _unknown_named(text: str) -> bool:
    """"mag ik mijn sertraline stoppen?": a medicine the catalogue does not know, taken by name
    ("ik slik X") or named as one's own with a medicine's ending ("mijn sertraline")."""
    from bot.dutch_text import normalise
    from bot.medication import find_medications

    if find_medications(text).unknown:
        return True
    return bool(_OWN_UNKNOWN.search(normalise(text))) and bool(find_medications(text, expecting_list=True).unknown)
