from bot.fallback import MAX_SUGGESTIONS, fallback_stage, topic_suggestions


def test_suggestions_are_the_likeliest_topics_only():
    ranking = [{"name": "nlu_fallback", "confidence": 0.6}, {"name": "greet", "confidence": 0.2},
               {"name": "magnesium_dosage", "confidence": 0.15}, {"name": "sleep_tips", "confidence": 0.1},
               {"name": "hydration", "confidence": 0.08}, {"name": "setback", "confidence": 0.07}]
    picked = topic_suggestions(ranking)
    assert [p for _, p in picked] == ["/magnesium_dosage", "/sleep_tips", "/hydration"]
    assert len(picked) == MAX_SUGGESTIONS


def test_second_misunderstanding_in_a_row_is_stage_two():
    user = {"event": "user", "text": "x"}
    suggested = {"event": "action", "name": "action_fallback_suggest"}
    listen = {"event": "action", "name": "action_listen"}
    assert fallback_stage([user]) == 1
    assert fallback_stage([user, suggested, listen, user]) == 2


def test_a_form_answer_before_is_not_a_misunderstanding():
    user = {"event": "user", "text": "20"}
    form = {"event": "action", "name": "plan_form"}
    assert fallback_stage([user, form, {"event": "action", "name": "action_listen"}, user]) == 1


def test_every_suggested_topic_is_an_intent_of_the_domain():
    from rasa.shared.core.domain import Domain

    from bot.fallback import TOPIC_TITLES
    from bot.settings import PROJECT_ROOT

    intents = set(Domain.load(str(PROJECT_ROOT / "domain")).intents)
    assert set(TOPIC_TITLES) <= intents
