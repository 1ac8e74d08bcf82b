"""Triage levels, from least to most urgent, and how to combine them."""
from __future__ import annotations

from typing import Optional

TRIAGE_ORDER = ("soon", "urgent", "crisis", "emergency")
_RANK = {level: rank for rank, level in enumerate(TRIAGE_ORDER)}


def level_rank(level: Optional[str]) -> int:
    """Position of `level` in TRIAGE_ORDER; -1 for no level or an unknown one."""
    return _RANK.get(level or "", -1)


def highest_level(*levels: Optional[str]) -> Optional[str]:
    """The most urgent of `levels` (None and "" ignored), or None if there is none."""
    best: Optional[str] = None
    for level in levels:
        if level and level_rank(level) > level_rank(best):
            best = level
    return best
