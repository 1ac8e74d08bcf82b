"""The reviewed cases file drives `python -m bot.medication.evaluate`."""
from __future__ import annotations

from bot.medication.evaluate import CASES_FILE, Score, evaluate, load_cases, main


def test_cases_file_has_positives_and_negatives():
    cases = load_cases()
    assert sum(1 for c in cases if c.get("medications") or c.get("classes")) >= 40
    assert sum(1 for c in cases if not c.get("medications") and not c.get("classes")) >= 40
    assert all(isinstance(c["text"], str) and c["text"] for c in cases)


def test_recall_and_false_positives_stay_where_they_are():
    # Known gaps (listed by `python -m bot.medication.evaluate`): abbreviations ("levo")
    # and negations in another clause ("Omeprazol? Nee, die gebruik ik niet.").
    report = evaluate(load_cases())
    assert report.medications.recall >= 0.98 and report.classes.recall >= 0.98
    assert report.medications.false_positives <= 2 and report.classes.false_positives <= 2


def test_score_counts_misses_and_extras():
    score = Score()
    score.add("t", ["a", "b"], ["b", "c"])
    assert (score.expected, score.found, score.false_positives) == (2, 1, 1)
    assert score.recall == 0.5


def test_main_prints_the_figures(capsys):
    assert main(["--cases", str(CASES_FILE)]) == 0
    out = capsys.readouterr().out
    assert "medications: recall" in out and "false positives" in out
