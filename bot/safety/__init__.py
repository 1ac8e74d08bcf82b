"""Red flags (alarmsignalen): a reviewable catalogue and a plain-Python matcher.

The catalogue is data/clinical/red_flags.yml; it is read on first use, not at import.
"""
from bot.safety.advice import escalation_response_name, is_gp_office_hours
from bot.safety.levels import TRIAGE_ORDER, highest_level
from bot.safety.matcher import Detection, RedFlagMatch, detect_red_flags

__all__ = [
    "TRIAGE_ORDER",
    "Detection",
    "RedFlagMatch",
    "detect_red_flags",
    "escalation_response_name",
    "highest_level",
    "is_gp_office_hours",
]
