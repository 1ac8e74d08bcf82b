"""The two-stage fallback: suggest likely topics first, then admit we did not understand."""
from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple

# Button titles a person recognises; the payload is the intent itself.
TOPIC_TITLES: Dict[str, str] = {
    "chronic_pain_explained": "Wat is chronische rugpijn?",
    "stress_and_back_pain": "Stress en rugpijn",
    "magnesium_role": "Wat doet magnesium?",
    "magnesium_helps_back_pain": "Helpt magnesium bij rugpijn?",
    "magnesium_deficiency_signs": "Signalen van te weinig magnesium",
    "magnesium_food_sources": "Voeding met veel magnesium",
    "magnesium_supplement_forms": "Soorten magnesium",
    "magnesium_dosage": "Hoeveel magnesium per dag?",
    "magnesium_side_effects": "Bijwerkingen van magnesium",
    "magnesium_medication": "Magnesium en medicijnen",
    "vitamin_d": "Vitamine D",
    "nutrition_general": "Gezond eten",
    "hydration": "Genoeg drinken",
    "breathing_exercise": "Ademhalingsoefening",
    "movement_exercise": "Bewegen met rugpijn",
    "sleep_tips": "Beter slapen",
    "micro_breaks_workplace": "Pauzes en je werkplek",
    "mental_tools": "Piekeren en spanning",
    "when_to_see_gp": "Wanneer naar de huisarts?",
    "orthomolecular_therapy": "Orthomoleculaire therapie",
    "time_to_effect": "Wanneer merk ik iets?",
    "setback": "Terugval",
    "magnesium_pregnancy": "Magnesium bij zwangerschap",
    "magnesium_children": "Magnesium voor kinderen",
    "magnesium_older_people": "Magnesium als je ouder bent",
    "magnesium_kidney": "Magnesium en je nieren",
    "magnesium_timing": "Wanneer neem ik magnesium?",
    "painkillers": "Pijnstillers",
    "other_supplements": "Andere supplementen",
    "heat_cold": "Warmte of kou",
    "flare_up": "Mijn rug speelt op: wat nu?",
    "practice_hours": "Openingstijden",
    "practice_location": "Adres en route",
    "practice_appointment": "Afspraak maken",
    "practice_costs": "Kosten en vergoeding",
    "practice_therapists": "Onze therapeuten",
    "privacy_question": "Wat gebeurt er met dit gesprek?",
    "start_plan": "Maak mijn startplan",
    "request_therapist": "Praat met een therapeut",
}
FALLBACK_ACTION = "action_fallback_suggest"
MAX_SUGGESTIONS = 3
MIN_CONFIDENCE = 0.05


def topic_suggestions(intent_ranking: Sequence[Dict[str, Any]]) -> List[Tuple[str, str]]:
    """(title, payload) for the likeliest topics in the NLU's ranking."""
    picked: List[Tuple[str, str]] = []
    for candidate in intent_ranking:
        name = candidate.get("name")
        if name in TOPIC_TITLES and (candidate.get("confidence") or 0) >= MIN_CONFIDENCE:
            picked.append((TOPIC_TITLES[name], f"/{name}"))
        if len(picked) == MAX_SUGGESTIONS:
            break
    return picked


def fallback_stage(events: Sequence[Dict[str, Any]]) -> int:
    """2 when the assistant already had to suggest topics for the message before, else 1.

    Only a misunderstanding the user was actually told about counts: a short answer a
    form accepted may have looked like a fallback to the NLU, but nobody was confused.
    """
    user_turns = 0
    for event in reversed(events):
        if event.get("event") == "user":
            user_turns += 1
            if user_turns == 2:
                return 1
        elif user_turns == 1 and event.get("event") == "action" and event.get("name") == FALLBACK_ACTION:
            return 2
    return 1
