"""Red flags (alarmsignalen): a reviewable catalogue and a plain-Python matcher.

Layers (bot/safety/matcher.py): the catalogue's ordered phrasings (data/clinical/red_flags.yml),
order-free concepts of a clause (red_flag_concepts.yml, concepts.py), numbers read as numbers
(numbers.py), sentence-level context (discourse.py), whose story a signal is (scope.py: a
book, the news, someone's past told on, a denial; current danger wins) and a learned
sentence classifier (learned.py, trained from red_flag_paraphrases.yml and the independently written
red_flag_written.yml; choices checked by crossval.py). `Detection.question` names the one
clarifying question to ask when no layer is sure. Everything is read or trained on first use,
never at import.
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
