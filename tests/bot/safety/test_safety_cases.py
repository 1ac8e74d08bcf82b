"""The reviewed phrasings in cases.yml: right codes and level, no false alarms."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.safety import TRIAGE_ORDER, detect_red_flags
from bot.safety.catalogue import codes
from bot.safety.evaluate import NO_FLAG_KINDS, evaluate, load_cases, main

CASES_PATH = Path(__file__).with_name("cases.yml")
CASES = load_cases(CASES_PATH)
POSITIVES = [case for case in CASES if case["kind"] not in NO_FLAG_KINDS]
NO_FLAGS = [case for case in CASES if case["kind"] in NO_FLAG_KINDS]


@pytest.mark.parametrize("case", POSITIVES, ids=lambda case: case["text"][:60])
def test_positive_case_gives_expected_codes_and_level(case):
    detection = detect_red_flags(case["text"])
    assert set(detection.codes) == set(case["codes"])
    assert detection.level == case["level"]


@pytest.mark.parametrize("case", NO_FLAGS, ids=lambda case: case["text"][:60])
def test_negated_or_ordinary_text_gives_no_flag(case):
    detection = detect_red_flags(case["text"])
    assert detection.codes == ()
    assert detection.level is None


def test_cases_file_is_broad_enough():
    kinds = Counter(case["kind"] for case in CASES)
    assert len(CASES) >= 150
    for kind in ("positive", "negated", "no_flag", "typo", "flemish", "compound", "multi",
                 "mixed_case", "long", "escalation", "colloquial"):
        assert kinds[kind] >= 1, kind
    assert {case["level"] for case in POSITIVES} == set(TRIAGE_ORDER)


def test_every_catalogue_code_has_positive_cases():
    covered = Counter(code for case in POSITIVES for code in case["codes"])
    for code in codes():
        assert covered[code] >= 3, code


def test_no_flag_cases_declare_no_codes():
    for case in NO_FLAGS:
        assert case["codes"] == [] and case["level"] is None, case["text"]


def test_evaluate_reports_full_recall_and_no_false_alarms():
    result = evaluate(CASES_PATH)
    assert result["overall_recall"] == 1.0
    for level in TRIAGE_ORDER:
        assert result["recall"][level]["total"] > 0
        assert result["recall"][level]["recall"] == 1.0
    assert result["false_alarms"] == {"negated": [], "no_flag": []}
    assert result["code_mismatches"] == []


def test_evaluate_command_prints_plain_lines(capsys):
    assert main([str(CASES_PATH)]) == 0
    out = capsys.readouterr().out
    assert "recall emergency: " in out and "false alarms (negated): 0/" in out


def test_evaluate_counts_misses_and_false_alarms(tmp_path):
    cases = tmp_path / "cases.yml"
    cases.write_text(
        "cases:\n"
        "  - {text: 'ik heb een mooie dag', codes: [fever], level: urgent, kind: positive}\n"
        "  - {text: 'ik heb koorts', codes: [], level: null, kind: negated}\n",
        encoding="utf-8",
    )
    result = evaluate(cases)
    assert result["recall"]["urgent"]["recall"] == 0.0
    assert result["false_alarms"]["negated"] == [{"text": "ik heb koorts", "codes": ["fever"]}]
    assert main([str(cases)]) == 1
