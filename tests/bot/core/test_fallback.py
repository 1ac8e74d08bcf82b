from bot.fallback import MAX_SUGGESTIONS, fallback_stage, topic_suggestions


def test_suggestions_are_the_likeliest_topics_only():
    ranking = [{"name": "nlu_fallback", "confidence": 0.6}, {"name": "greet", "confidence": 0.2},
               {"name": "magnesium_dosage", "confidence": 0.15}, {"name": "sleep_tips", "confidence": 0.1},
               {"name": "hydration", "confidence": 0.08}, {"name": "setback", "confidence": 0.07}]
    picked = topic_suggestions(ranking)
    assert [p for _, p in picked] == ["/magnesium_dosage", "/sleep_tips", "/hydration"]
    assert len(picked) == MAX_SUGGESTIONS


def test_second_misunderstanding_in_a_row_is_stage_two():
    fallback = {"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}
    other = {"event": "user", "parse_data": {"intent": {"name": "greet"}}}
    assert fallback_stage([other, fallback]) == 1
    assert fallback_stage([fallback, fallback]) == 2
    assert fallback_stage([fallback]) == 1
