"""Magnesium and medicines: interaction warnings and the supplement dose check.

The clinical facts live in data/clinical/medications.yml and supplements.yml so a
clinician can review them; this package only reads them (lazily, on first use).
No Rasa imports here: actions call these plain functions.
"""
from bot.medication.matcher import MedicationFindings, MedicationMention, find_medications
from bot.medication.messages import (
    interaction_warning,
    no_known_interaction_reply,
    no_medicines_reply,
    unknown_medicine_reply,
)
from bot.medication.supplement import SupplementCheck, parse_supplement, supplement_advice

__all__ = [
    "MedicationFindings",
    "MedicationMention",
    "SupplementCheck",
    "find_medications",
    "interaction_warning",
    "no_known_interaction_reply",
    "no_medicines_reply",
    "parse_supplement",
    "supplement_advice",
    "unknown_medicine_reply",
]
