""""Wat bedoel je?" repeats the previous answer; the plain logic and its Rasa adapter."""
from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActionReverted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.core.follow_up import CLARIFY_INTRO, CLARIFY_NOTHING, LISTEN, asks_whether_to_stop, clarify_plan, \
    next_clarify_action
from bot.core.follow_up_policy import FollowUpPolicy, turn_context
from bot.settings import PROJECT_ROOT

RESPONSES = {"utter_magnesium_dosage", "utter_vitamin_d", "utter_greet", "utter_medication_why"}


def test_a_topic_answer_is_repeated_after_a_short_apology():
    assert clarify_plan("utter_vitamin_d", RESPONSES) == (CLARIFY_INTRO, "utter_vitamin_d")


@pytest.mark.parametrize("previous", [None, "utter_greet", "action_plan_start", "utter_unknown", CLARIFY_NOTHING])
def test_without_a_topic_answer_it_asks_to_rephrase(previous):
    assert clarify_plan(previous, RESPONSES) == (CLARIFY_NOTHING,)


def test_a_medicine_answer_is_explained_not_rerun_on_the_new_message():
    assert clarify_plan("action_medication_check", RESPONSES) == (CLARIFY_INTRO, "utter_medication_why")


def test_the_plan_is_followed_step_by_step_then_listens():
    steps = []
    while True:
        action = next_clarify_action("ask_clarify", "utter_magnesium_dosage", steps, RESPONSES)
        if action == LISTEN:
            break
        steps.append(action)
    assert steps == [CLARIFY_INTRO, "utter_magnesium_dosage"]


@pytest.mark.parametrize("text, asks", [
    ("Moet ik het dan helemaal niet nemen?", True),
    ("Dus ik moet het gewoon niet doen?", True),
    ("Kan ik niet beter stoppen met de magnesium?", True),
    ("kan ik dan beter stoppen met de magnesium?", True),
    ("wat moet ik dan doen, stoppen?", True),
    ("moet ik er dan niet aan beginnen", True),
    ("hoeveel moet ik nemen?", False),
    ("wanneer moet ik het nemen?", False),
])
def test_asking_whether_to_leave_magnesium_alone_is_read(text, asks):
    assert asks_whether_to_stop(text) is asks


def test_should_i_stop_gets_the_answer_that_fits_the_previous_one_and_nothing_elsewhere():
    responses = {"utter_magnesium_whether", "utter_side_effects_what_now", "utter_vitamin_d"}
    text = "moet ik het dan niet nemen?"
    assert next_clarify_action("magnesium_dosage", "utter_magnesium_kidney", [], responses, text) == \
        "utter_magnesium_whether"
    assert next_clarify_action("nlu_fallback", "utter_magnesium_side_effects", [], responses, text) == \
        "utter_side_effects_what_now"
    assert next_clarify_action("nlu_fallback", "utter_magnesium_kidney", ["utter_magnesium_whether"], responses,
                               text) == LISTEN
    assert next_clarify_action("nlu_fallback", "utter_vitamin_d", [], responses, text) is None
    assert next_clarify_action("magnesium_dosage", "utter_magnesium_kidney", [], responses, "hoeveel per dag?") is None


def test_other_intents_and_other_answers_in_the_turn_are_left_alone():
    assert next_clarify_action("magnesium_dosage", "utter_vitamin_d", [], RESPONSES) is None
    assert next_clarify_action("ask_clarify", "utter_vitamin_d", ["utter_escalate_emergency"], RESPONSES) is None


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain"))


def _tracker(domain, events):
    return DialogueStateTracker.from_events("follow-up-test", events, domain.slots)


def _predicted(domain, tracker):
    policy = FollowUpPolicy(FollowUpPolicy.get_default_config(), None, None, ExecutionContext(GraphSchema({}), "test"))
    prediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.probabilities.index(max(prediction.probabilities))]


def _events(*tail):
    return [
        ActionExecuted("action_listen"),
        UserUttered("hoeveel vitamine d?", intent={"name": "vitamin_d", "confidence": 1.0}),
        ActionExecuted("utter_vitamin_d"),
        ActionExecuted("action_listen"),
        UserUttered("wat bedoel je?", intent={"name": "ask_clarify", "confidence": 1.0}),
        *tail,
    ]


def test_the_policy_repeats_the_previous_answer(domain):
    assert turn_context(_tracker(domain, _events())) == ("ask_clarify", "utter_vitamin_d", [])
    assert _predicted(domain, _tracker(domain, _events())) == CLARIFY_INTRO
    assert _predicted(domain, _tracker(domain, _events(ActionExecuted(CLARIFY_INTRO)))) == "utter_vitamin_d"
    done = _events(ActionExecuted(CLARIFY_INTRO), ActionExecuted("utter_vitamin_d"))
    assert _predicted(domain, _tracker(domain, done)) == "action_listen"


def test_the_policy_abstains_on_other_questions(domain):
    events = _events()[:-1] + [UserUttered("en hoeveel?", intent={"name": "follow_up_amount", "confidence": 1.0})]
    assert _predicted(domain, _tracker(domain, events)) is None


def test_stopping_for_a_while_with_words_in_between_is_asking_whether_to_stop():
    from bot.core.follow_up import asks_whether_to_stop

    assert asks_whether_to_stop("kan ik dan niet beter tien dagen stoppen met de magnesium tot de kuur klaar is?")


def test_why_after_a_medicine_warning_followed_by_another_answer_explains_the_warning():
    responses = ["utter_medication_why", "utter_magnesium_timing"]
    turn = ["action_medication_check", "utter_magnesium_timing"]
    assert next_clarify_action("ask_why", "utter_magnesium_timing", [], responses,
                               "waarom 4 uur?", previous_turn=turn) == "utter_medication_why"
    assert next_clarify_action("ask_why", "utter_magnesium_timing", ["utter_medication_why"], responses,
                               "waarom 4 uur?", previous_turn=turn) == "action_listen"
    # Without a medicine warning in that turn the rules answer "why" as before.
    assert next_clarify_action("ask_why", "utter_magnesium_timing", [], responses, "waarom?",
                               previous_turn=["utter_magnesium_timing"]) is None


def test_the_policy_explains_a_medicine_warning_that_another_answer_followed(domain):
    events = [
        ActionExecuted("action_listen"),
        UserUttered("ik gebruik tyrax, wanneer magnesium?", intent={"name": "magnesium_timing", "confidence": 1.0}),
        ActionExecuted("action_medication_check"),
        # The CarePolicy runs its action, then reverts it for the other policies' sake.
        ActionReverted(),
        ActionExecuted("utter_magnesium_timing"),
        ActionExecuted("action_listen"),
        UserUttered("waarom 4 uur?", intent={"name": "ask_why", "confidence": 1.0}),
    ]
    assert _predicted(domain, _tracker(domain, events)) == "utter_medication_why"


KIDNEY_RESPONSES = RESPONSES | {"utter_magnesium_kidney_why", "utter_magnesium_food_kidney"}


@pytest.mark.parametrize("intent, answer", [("ask_why", "utter_magnesium_kidney_why"),
                                            ("magnesium_food_sources", "utter_magnesium_food_kidney")])
def test_after_a_caution_about_the_kidneys_why_and_food_are_about_the_kidneys(intent, answer):
    turn = ["utter_welcome", "action_medication_check"]
    assert next_clarify_action(intent, "action_medication_check", [], KIDNEY_RESPONSES,
                               previous_turn=turn, warned=["kidney_disease"]) == answer
    # With a medicine warned about too, "waarom?" is the medicines' why; food is just food.
    assert next_clarify_action("ask_why", "action_medication_check", [], KIDNEY_RESPONSES, previous_turn=turn,
                               warned=["kidney_disease", "levothyroxine"]) != "utter_magnesium_kidney_why"
    assert next_clarify_action("magnesium_food_sources", "utter_vitamin_d", [], KIDNEY_RESPONSES,
                               previous_turn=["utter_vitamin_d"], warned=["kidney_disease"]) is None


DURATION_RESPONSES = RESPONSES | {"utter_breathing_duration", "utter_flare_up_duration"}


@pytest.mark.parametrize("previous, text, answer", [
    ("utter_breathing_exercise", "hoe lang duurt die?", "utter_breathing_duration"),
    ("utter_flare_up", "ok. en hoe lang duurt dat?", "utter_flare_up_duration"),
    ("utter_setback", "en hoelang duurt zo'n terugval dan", "utter_flare_up_duration"),
])
def test_how_long_that_takes_is_about_the_previous_answer(previous, text, answer):
    assert next_clarify_action("time_to_effect", previous, [], DURATION_RESPONSES, text=text) == answer
    # After another answer it is the NLU's question.
    assert next_clarify_action("time_to_effect", "utter_vitamin_d", [], DURATION_RESPONSES, text=text) is None


SPACING_RESPONSES = RESPONSES | {"utter_other_supplements", "utter_other_supplements_spacing"}


@pytest.mark.parametrize("text", ["hoeveel tijd moet ertussen", "hoeveel tijd moet er dan tussen zitten?", "moet dat apart?"])
def test_time_between_after_the_combinations_answer_is_about_those_supplements(text):
    assert next_clarify_action("magnesium_medication", "utter_other_supplements", [], SPACING_RESPONSES,
                               text=text) == "utter_other_supplements_spacing"
    assert next_clarify_action("magnesium_medication", "utter_other_supplements", ["utter_other_supplements_spacing"],
                               SPACING_RESPONSES, text=text) == LISTEN
    # After a medicine warning the same question is the medicine check's.
    assert next_clarify_action("magnesium_medication", "action_medication_check", [], SPACING_RESPONSES, text=text) is None


def test_why_after_the_combinations_answer_explains_the_absorption_and_the_spacing_follows():
    known = SPACING_RESPONSES | {"utter_other_supplements_why"}
    assert next_clarify_action("ask_why", "utter_other_supplements", [], known, text="wrm?") == "utter_other_supplements_why"
    assert next_clarify_action("magnesium_medication", "utter_other_supplements_why", [], known,
                               text="hoeveel tijd moet er dan tussen zitten?") == "utter_other_supplements_spacing"
