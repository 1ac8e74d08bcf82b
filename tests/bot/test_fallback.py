from bot.fallback import context_answer, previous_topic, MAX_SUGGESTIONS, fallback_stage, topic_suggestions


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


def test_titles_are_read_from_the_domain_intents_that_have_one(tmp_path):
    from bot.fallback import topic_titles

    (tmp_path / "faq.yml").write_text(
        'version: "3.1"\nintents:\n  - sleep_tips:\n      title: "Beter slapen"\n  - greet\n', encoding="utf-8")
    (tmp_path / "plan.yml").write_text(
        'version: "3.1"\nintents:\n  - start_plan:\n      title: "Maak mijn startplan"\n'
        '  - show_plan:\n      use_entities: []\n', encoding="utf-8")
    assert topic_titles(tmp_path) == {"sleep_tips": "Beter slapen", "start_plan": "Maak mijn startplan"}


def test_the_practice_domain_gives_every_topic_button_its_title():
    from rasa.shared.core.domain import Domain

    from bot.fallback import topic_titles
    from bot.settings import PROJECT_ROOT

    titles = topic_titles()
    domain = Domain.load(str(PROJECT_ROOT / "domain"))
    assert set(titles) <= set(domain.intents)
    # Rasa keeps the title with the intent, so the trained domain and this reader agree.
    assert all(domain.intent_properties[name].get("title") == title for name, title in titles.items())
    assert len(titles) == 42 and len(set(titles.values())) == len(titles)
    assert titles["magnesium_dosage"] == "Hoeveel magnesium per dag?"
    assert titles["request_therapist"] == "Praat met een therapeut"
    assert not {"greet", "affirm", "deny", "nlu_fallback", "stop_reminders"} & set(titles)


def test_the_domain_is_read_on_first_use_not_at_import():
    import subprocess
    import sys

    code = "import bot.fallback as f; print(f.topic_titles.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_a_thank_you_answered_by_the_fallback_is_no_misunderstanding():
    thanks = {"event": "user", "text": "dank u wel voor de uitleg"}
    answered = {"event": "action", "name": "action_fallback_suggest"}
    listen = {"event": "action", "name": "action_listen"}
    assert fallback_stage([thanks, answered, listen, {"event": "user", "text": "x"}]) == 1


def test_a_lone_therapist_suggestion_is_the_handoff_offer_so_a_typed_yes_reaches_it():
    from bot.core.turn_guard import TurnView, decide
    from bot.fallback import open_question_of

    assert open_question_of([("Praat met een therapeut", "/request_therapist")]) == "handoff"
    assert open_question_of([("Praat met een therapeut", "/request_therapist"), ("Ik ben een robot", "/bot_challenge")]) is None
    assert open_question_of([("Magnesium en medicijnen", "/magnesium_medication")]) is None
    typed_yes = TurnView(message_id="m2", intent="affirm", entities=[], slots={"open_question": "handoff"},
                         turn_actions=(), text="ja graag")
    assert decide(typed_yes).action == "handoff_form"


def test_one_likely_topic_sure_enough_is_answered_not_offered():
    from bot.fallback import direct_answer

    responses = ["utter_breathing_exercise", "utter_magnesium_medication", "utter_sleep_tips"]
    torn = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "breathing_exercise", "confidence": 0.52},
            {"name": "start_breathing", "confidence": 0.47}]
    assert direct_answer(torn, responses) == "utter_breathing_exercise"
    unsure = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "sleep_tips", "confidence": 0.3},
              {"name": "greet", "confidence": 0.2}]
    assert direct_answer(unsure, responses) is None
    two = [{"name": "sleep_tips", "confidence": 0.45}, {"name": "breathing_exercise", "confidence": 0.42}]
    assert direct_answer(two, responses) is None
    own_flow = [{"name": "magnesium_medication", "confidence": 0.6}, {"name": "greet", "confidence": 0.3}]
    assert direct_answer(own_flow, responses) is None


def test_a_fallback_that_answered_its_topic_is_no_misunderstanding():
    user = {"event": "user", "text": "x"}
    suggested = {"event": "action", "name": "action_fallback_suggest"}
    answered = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_breathing_exercise"}}
    told = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_fallback_suggest"}}
    listen = {"event": "action", "name": "action_listen"}
    assert fallback_stage([user, suggested, answered, listen, user]) == 1
    assert fallback_stage([user, suggested, told, listen, user]) == 2


def test_a_follow_up_the_nlu_cannot_place_stays_with_the_topic_just_answered():
    events = [
        {"event": "user", "text": "welke soorten magnesium zijn er"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_magnesium_supplement_forms"}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "en welke is dan beter?"},
    ]
    ranking = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "magnesium_dosage", "confidence": 0.3},
               {"name": "magnesium_supplement_forms", "confidence": 0.28}]
    responses = ["utter_magnesium_supplement_forms", "utter_magnesium_dosage"]
    topic = previous_topic(events)
    assert topic == "magnesium_supplement_forms"
    assert context_answer(ranking, topic, responses) == "utter_magnesium_supplement_forms"
    # Not among the two likeliest: the suggestions stand.
    far = [ranking[0], {"name": "magnesium_dosage", "confidence": 0.3}, {"name": "vitamin_d", "confidence": 0.25},
           {"name": "magnesium_supplement_forms", "confidence": 0.2}]
    assert context_answer(far, topic, responses) is None
    assert context_answer(ranking, None, responses) is None


def test_the_privacy_topic_is_answered_by_its_own_response():
    from bot.fallback import answer_of, context_answer, direct_answer, previous_topic

    assert answer_of("privacy_question") == "utter_privacy_info"
    ranking = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "privacy_question", "confidence": 0.6},
               {"name": "greet", "confidence": 0.1}]
    assert direct_answer(ranking, ["utter_privacy_info"]) == "utter_privacy_info"
    events = [{"event": "user", "text": "wie leest dit?"},
              {"event": "bot", "metadata": {"utter_action": "utter_privacy_info"}},
              {"event": "user", "text": "hoelang wordt dit bewaard dan"}]
    assert previous_topic(events) == "privacy_question"
    assert context_answer(ranking, "privacy_question", ["utter_privacy_info"]) == "utter_privacy_info"
