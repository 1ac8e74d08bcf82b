""""Wat bedoel je?": say the previous answer again, after a short apology; "moet ik het dan
niet nemen?" after a magnesium answer: what to do instead of guessing.

"Waarom?", "en hoeveel?" and "en voor kinderen?" are rules keyed on the previous answer
(data/rules/follow_up.yml); repeating *any* previous answer cannot be written as a rule
per topic, so this small piece of logic does it, and `follow_up_policy` is its Rasa adapter.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence, Tuple

from bot.dutch_text import normalise

CLARIFY_INTENT = "ask_clarify"
WHY_INTENT = "ask_why"
MEDICATION_CHECK = "action_medication_check"
CLARIFY_INTRO = "utter_clarify_intro"
CLARIFY_NOTHING = "utter_clarify_nothing"
LISTEN = "action_listen"

# Answers that make no sense said twice: greetings, questions the assistant asked,
# confirmations. Everything else that starts with utter_ is a topic answer.
_NOT_REPEATED = frozenset({
    "utter_welcome", "utter_greet", "utter_goodbye", "utter_thank", "utter_default",
    "utter_affirm_ack", "utter_deny_ack", "utter_confirm_delete", "utter_delete_cancelled",
    "utter_message_trimmed", CLARIFY_INTRO, CLARIFY_NOTHING,
})
# Answers composed by an action that would work on the new message if run again:
# their explanation is a response of its own.
_EXPLAINED_BY = {MEDICATION_CHECK: "utter_medication_why"}
# After a caution about the kidneys alone, "waarom?" is about the kidneys, and a question
# about food gets the doctor's or dietitian's say first (clinical.md: kidney_disease).
KIDNEY = "kidney_disease"
KIDNEY_WHY = "utter_magnesium_kidney_why"
FOOD_INTENT = "magnesium_food_sources"
KIDNEY_FOOD = "utter_magnesium_food_kidney"


# "Moet ik het dan helemaal niet nemen?", "dus ik moet stoppen?", "kan ik dan beter stoppen
# met de magnesium?": asked right after a magnesium answer that named a caution.
_STOP_ASKED = re.compile(
    r"\b(moet|kan|mag|zal) ik (het|dat|die|ze|magnesium|er)? ?((dan|nu|maar|beter|gewoon|helemaal|best|toch) )*"
    r"(niet|geen|nie|ni) (meer )?(nemen|gebruiken|slikken|doen|innemen|beginnen|aan beginnen)\b"
    r"|\b(moet|kan|zal) ik ((dan|nu|maar|beter|gewoon|best|toch) )*(stoppen|ophouden|minderen)\b"
    r"|\bdus (ik )?(moet|mag) (ik )?(het|dat) ((gewoon|dan|beter) )*(niet|nie|ni)\b"
    r"|\b(kan|moet|zal) ik ((dan|niet|nu|beter|gewoon|best|toch) )*(stoppen|ophouden)\b"
    r"|(^|[,:] ?)(en )?(dan )?(stoppen|ophouden|niet nemen|niet meer nemen)( dan)?\s*\?"
    # "kan ik dan niet beter tien dagen stoppen met de magnesium tot de kuur klaar is?"
    r"|\b(kan|moet|zal) ik (\w+ ){0,5}(stoppen|ophouden|pauzeren) met (de |het |mijn |die )?"
    r"(magnesium|supplement\w*|pillen|tabletten|capsules)\b"
)
# After these answers, "should I not take it then?" has an answer of its own.
STOP_ANSWER = {
    "utter_magnesium_side_effects": "utter_side_effects_what_now",
    **{previous: "utter_magnesium_whether" for previous in (
        "utter_magnesium_pregnancy", "utter_magnesium_kidney", "utter_magnesium_children",
        "utter_magnesium_older_people", "utter_magnesium_medication", "action_medication_check",
        "utter_magnesium_dosage", "utter_magnesium_supplement_forms", "utter_medication_why",
        "utter_magnesium_dosage_why", "utter_other_supplements", "utter_painkillers",
    )},
}


# "hoe lang duurt dat?" right after these answers asks how long *that* takes, not how long
# magnesium takes to work (the NLU's nearest topic).
_HOW_LONG = re.compile(r"\b(hoe ?lang|hoeveel (tijd|minuten|dagen|weken))\b.{0,20}\b(duurt|duren|dat|die|het|zo'?n)\b"
                       r"|\bduurt (dat|die|het|zo'?n \w+) (lang|nog)\b")
MAX_HOW_LONG_WORDS = 9
DURATION_ANSWER = {
    "utter_breathing_exercise": "utter_breathing_duration",
    "utter_breathing_how_often": "utter_breathing_duration",
    "utter_flare_up": "utter_flare_up_duration",
    "utter_setback": "utter_flare_up_duration",
}


# "hoeveel tijd moet ertussen?", "hoeveel uur tussen?" after the supplement combinations.
OTHER_SUPPLEMENTS = "utter_other_supplements"
SPACING = "utter_other_supplements_spacing"
SUPPLEMENTS_WHY = "utter_other_supplements_why"


def asks_time_between(text: Optional[str]) -> bool:
    """A short question about spacing: "hoeveel tijd moet ertussen?", "moet dat apart?"."""
    from bot.core.medicine_turns import asks_spacing

    clean = normalise(text or "")
    return 0 < len(clean.split()) <= 12 and (asks_spacing(clean) or bool(re.search(r"\bapart\b", clean)))


def asks_how_long_that_takes(text: Optional[str]) -> bool:
    """A short "hoe lang duurt dat?", "en hoelang duurt zo'n terugval dan"."""
    clean = normalise(text or "")
    return len(clean.split()) <= MAX_HOW_LONG_WORDS and bool(_HOW_LONG.search(clean))


def asks_whether_to_stop(text: Optional[str]) -> bool:
    """The message asks whether to leave magnesium alone ("moet ik het dan niet nemen?")."""
    return bool(_STOP_ASKED.search(normalise(text or "")))


def stop_plan(previous_answer: Optional[str], known_responses: Iterable[str]) -> Tuple[str, ...]:
    """The answer to "should I stop then?" after `previous_answer`, or () when it has none."""
    answer = STOP_ANSWER.get(previous_answer or "")
    return (answer,) if answer and answer in set(known_responses) else ()


def clarify_plan(previous_answer: Optional[str], known_responses: Iterable[str]) -> Tuple[str, ...]:
    """The actions that answer "wat bedoel je?" after `previous_answer`."""
    if previous_answer in _EXPLAINED_BY:
        return (CLARIFY_INTRO, _EXPLAINED_BY[previous_answer])
    if (
        previous_answer
        and previous_answer.startswith("utter_")
        and previous_answer not in _NOT_REPEATED
        and previous_answer in set(known_responses)
    ):
        return (CLARIFY_INTRO, previous_answer)
    return (CLARIFY_NOTHING,)


def next_clarify_action(
    intent: Optional[str],
    previous_answer: Optional[str],
    done_this_turn: Sequence[str],
    known_responses: Iterable[str],
    text: Optional[str] = None,
    previous_turn: Sequence[str] = (),
    warned: Sequence[str] = (),
) -> Optional[str]:
    """The next action of this turn, or None when the follow-up logic has nothing to say.

    Args:
        intent: The latest message's intent.
        previous_answer: The assistant's last action before that message.
        done_this_turn: Actions already run since that message (action_listen excluded).
        known_responses: Response names of the domain.
        text: The latest message, for "moet ik het dan niet nemen?" (any intent).
        previous_turn: All the assistant's actions of its previous turn.
        warned: Interaction classes the medicine check has warned about in this conversation.
    """
    kidneys_only = MEDICATION_CHECK in previous_turn and list(warned) == [KIDNEY]
    if kidneys_only and intent in (WHY_INTENT, FOOD_INTENT):
        plan: Tuple[str, ...] = (KIDNEY_WHY if intent == WHY_INTENT else KIDNEY_FOOD,)
    elif intent == WHY_INTENT and previous_answer != MEDICATION_CHECK and MEDICATION_CHECK in previous_turn:
        # "waarom 4 uur?" after a medicine warning that another answer followed in that turn
        # (the timing answer after "ik gebruik tyrax, wanneer magnesium?"): the warning's why.
        plan = (_EXPLAINED_BY[MEDICATION_CHECK],)
    elif intent == WHY_INTENT and previous_answer == OTHER_SUPPLEMENTS and SUPPLEMENTS_WHY in set(known_responses):
        plan = (SUPPLEMENTS_WHY,)
    elif previous_answer in (OTHER_SUPPLEMENTS, SUPPLEMENTS_WHY) and asks_time_between(text) \
            and SPACING in set(known_responses):
        # "hoeveel tijd moet ertussen?" after the combinations answer: between those, not a medicine.
        plan = (SPACING,)
    elif previous_answer in DURATION_ANSWER and asks_how_long_that_takes(text) \
            and DURATION_ANSWER[previous_answer] in set(known_responses):
        plan = (DURATION_ANSWER[previous_answer],)
    elif intent == CLARIFY_INTENT:
        plan = clarify_plan(previous_answer, known_responses)
    elif text is not None and asks_whether_to_stop(text):
        plan = stop_plan(previous_answer, known_responses)
    else:
        return None
    if not plan:
        return None
    done = tuple(done_this_turn)
    if done == plan:
        return LISTEN
    if plan[: len(done)] == done:
        return plan[len(done)]
    # Something else already answered in this turn (a red flag, say): stay out of it.
    return None
