"""What is said between a soon or urgent red-flag reply and the handoff offer.

"Ik ben 72 en heb voor het eerst rugpijn ... mag ik magnesium naast mijn Fosamax?" asks two
things: the red flag gets its reply first, but the medicine question still deserves its
answer before the offer closes the turn. Emergency and crisis replies stand alone: after
them comes nothing but the offer, so that 112 or 113 is the one thing to do.
"""
from __future__ import annotations

from typing import Optional, Sequence

from bot.safety.levels import TRIAGE_ORDER

# Levels whose reply leaves room for the question that was asked.
ANSWERED_AFTER = ("soon", "urgent")
MEDICATION_CHECK = "action_medication_check"
TRIAGE_PREFIX = "utter_triage_"


def triage_level_of(action: Optional[str]) -> Optional[str]:
    """The level a triage response is for: utter_triage_urgent_after_hours_be -> urgent."""
    if not action or not action.startswith(TRIAGE_PREFIX):
        return None
    rest = action[len(TRIAGE_PREFIX):]
    return next((level for level in TRIAGE_ORDER if rest == level or rest.startswith(level + "_")), None)


def medicine_question_after(triage_action: str, interaction_classes: Sequence[str], intent: Optional[str]) -> bool:
    """Whether the medicine check answers this message after the red-flag reply `triage_action`.

    It does when the message names a medicine that clashes with magnesium, or asks about
    magnesium and medicines, and the red flag leaves room for it (soon or urgent).
    """
    if triage_level_of(triage_action) not in ANSWERED_AFTER:
        return False
    return bool(interaction_classes) or intent == "magnesium_medication"


def after_medicine_check(actions: Sequence[str]) -> bool:
    """The turn so far is a red-flag reply and then the medicine check: the offer comes next."""
    return len(actions) == 2 and triage_level_of(actions[0]) is not None and actions[1] == MEDICATION_CHECK
