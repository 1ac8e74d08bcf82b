"""The clarifying questions catalogue (data/clinical/clarifying_questions.yml) and its loader."""
import pytest

from bot.safety.catalogue import load_catalogue
from bot.safety.levels import TRIAGE_ORDER
from bot.safety.questions import NO, UNSURE, YES, load_questions, question_for


def test_every_question_names_a_known_flag_a_level_and_a_source():
    codes = {flag.code for flag in load_catalogue().flags}
    questions = load_questions()
    assert "crisis" in questions
    for code, question in questions.items():
        assert question.flag in codes, code
        assert question.level in TRIAGE_ORDER
        assert question.source and question.question.endswith("?")
        assert question.calm_text("NL") and question.calm_text("BE")


def test_the_crisis_question_escalates_on_yes_and_on_doubt():
    crisis = question_for("crisis")
    assert crisis.level == "crisis" and crisis.flag == "suicidal"
    assert crisis.escalates(YES) is True and crisis.escalates(UNSURE) is True
    assert crisis.escalates(NO) is False and crisis.escalates(None) is None
    assert "113" in crisis.calm_text("NL") and "1813" in crisis.calm_text("BE")


def test_a_physical_question_escalates_on_its_own_answer():
    bladder = question_for("bladder_bowel")
    assert bladder.escalates(NO) is True and bladder.escalates(YES) is False
    assert bladder.level == "emergency"


def test_unknown_codes_have_no_question():
    assert question_for("no_such_code") is None and question_for(None) is None


def test_a_malformed_catalogue_is_refused(tmp_path):
    bad = tmp_path / "q.yml"
    bad.write_text("questions:\n  x:\n    question: 'Vraag?'\n    escalate_on: maybe\n    level: crisis\n"
                   "    flag: suicidal\n    calm_reply: {NL: 'ok'}\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_questions(str(bad))
