"""A second question in one message (bot/nlu/second_question.py), with a scorer that reads
the clause's words, so that the cutting and the choosing are tested without a model."""
import pytest

from bot.nlu.second_question import question_clauses, second_topic


def clauses(text):
    return [text[start:end].strip(" ,") for start, end in question_clauses(text)]


@pytest.mark.parametrize("text, expected", [
    ("hoeveel magnesium mag ik per dag en tot hoe laat zijn jullie open vandaag",
     ["hoeveel magnesium mag ik per dag", "en tot hoe laat zijn jullie open vandaag"]),
    ("kheb veel stress van werk. helpt magnesium tegen stress en hoe lang duurt t voor je iets merkt?",
     ["helpt magnesium tegen stress", "en hoe lang duurt t voor je iets merkt?"]),
    ("als ik een vraag stel aan een therapeut, hoe snel krijg ik antwoord? en werken jullie ook op zaterdag?",
     ["hoe snel krijg ik antwoord?", "en werken jullie ook op zaterdag?"]),
])
def test_a_message_is_cut_into_its_questions(text, expected):
    assert clauses(text) == expected


@pytest.mark.parametrize("text", ["ik heb rugpijn en stress", "wat doet magnesium?", "hoi, ik ben Anna"])
def test_one_question_or_none_gives_no_second(text):
    assert len(question_clauses(text)) < 2


def scorer(table):
    def score(spans):
        return [table(span) for span in spans]
    return score


def test_the_other_topic_is_named_when_the_classifier_is_sure_of_it():
    text = "hoeveel magnesium mag ik per dag en tot hoe laat zijn jullie open vandaag"
    sure = scorer(lambda span: {"practice_hours": 0.9, "magnesium_dosage": 0.1} if "open" in text[span[0]:span[1]]
                  else {"magnesium_dosage": 0.8, "practice_hours": 0.2})
    assert second_topic(text, "magnesium_dosage", sure) == ("practice_hours", 0.9)
    unsure = scorer(lambda span: {"practice_hours": 0.4, "magnesium_dosage": 0.35})
    assert second_topic(text, "magnesium_dosage", unsure) is None


def test_a_form_or_a_handoff_is_never_started_as_a_second_answer():
    text = "hoeveel magnesium mag ik per dag en kan ik een plan maken?"
    plan = scorer(lambda span: {"start_plan": 0.95})
    assert second_topic(text, "magnesium_dosage", plan) is None


def test_after_thanks_one_question_is_enough():
    text = "Dank u wel. Moet ik de calcium dan ook op een ander moment nemen?"
    timing = scorer(lambda span: {"magnesium_timing": 0.7, "thank": 0.1})
    assert second_topic(text, "thank", timing) == ("magnesium_timing", 0.7)
    assert second_topic(text, "magnesium_dosage", timing) is None


def _scorer(probabilities):
    return lambda spans: [dict(probabilities) for _ in spans]


def test_the_one_question_decides_an_unsure_message():
    from bot.nlu.second_question import question_focus

    text = "Goedemiddag, ik schrijf namens mijn moeder van 81. Welke vorm is het beste voor haar?"
    ranking = [{"name": "greet", "confidence": 0.36}, {"name": "magnesium_supplement_forms", "confidence": 0.32},
               {"name": "magnesium_older_people", "confidence": 0.2}]
    found = question_focus(text, ranking, _scorer({"magnesium_supplement_forms": 0.94, "greet": 0.01}))
    assert found == ("magnesium_supplement_forms", 0.94)


def test_the_question_does_not_decide_a_sure_message_nor_an_unlikely_topic():
    from bot.nlu.second_question import question_focus

    text = "Goedemiddag, ik schrijf namens mijn moeder van 81. Welke vorm is het beste voor haar?"
    sure = [{"name": "magnesium_older_people", "confidence": 0.8}, {"name": "greet", "confidence": 0.1}]
    assert question_focus(text, sure, _scorer({"magnesium_supplement_forms": 0.94})) is None
    unsure = [{"name": "greet", "confidence": 0.36}, {"name": "magnesium_older_people", "confidence": 0.32}]
    assert question_focus(text, unsure, _scorer({"vitamin_d": 0.94})) is None  # not among the message's likeliest
    assert question_focus(text, unsure, _scorer({"magnesium_older_people": 0.6})) is None  # the clause unsure too
    # The question is the whole message: nothing new to learn from it alone.
    assert question_focus("Welke vorm is het beste voor haar?", unsure,
                          _scorer({"magnesium_older_people": 0.94})) is None


def test_one_question_that_turns_to_a_new_topic_after_a_statement_is_a_second_topic():
    from bot.nlu.second_question import second_topic

    text = "Goed, ik maak een afspraak voor deze week. En die magnesium?"
    found = second_topic(text, "practice_appointment", _scorer({"magnesium_helps_back_pain": 0.8}))
    assert found == ("magnesium_helps_back_pain", 0.8)
    # A statement with one question that turns nowhere is one question.
    assert second_topic("Ik heb al drie weken rugpijn. Wat kan ik doen?", "flare_up",
                        _scorer({"follow_up_what_to_do": 0.8})) is None


def test_asking_to_know_whether_is_a_question():
    from bot.nlu.second_question import question_clauses

    text = "geen koorts, niet gevallen. ik wil gewoon weten of magnesium iets doet"
    assert [text[a:b] for a, b in question_clauses(text)] == ["ik wil gewoon weten of magnesium iets doet"]
