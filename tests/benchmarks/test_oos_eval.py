"""The out-of-scope figures count what they say they count."""
from __future__ import annotations

from benchmarks.oos_eval import DEFAULT_LABELS, Parsed, load_labels, predicted_oos, score


def _p(labelled, intent, topic, confidence):
    return Parsed("x", labelled, intent, topic, confidence)


def test_precision_and_recall_from_the_model_decision():
    parses = [
        _p(True, "out_of_scope", "out_of_scope", 0.9),   # hit
        _p(True, "nlu_fallback", "vitamin_d", 0.2),      # hit: too unsure is honest too
        _p(True, "vitamin_d", "vitamin_d", 0.5),         # missed
        _p(False, "nlu_fallback", "sleep_tips", 0.3),    # false alarm
        _p(False, "sleep_tips", "sleep_tips", 0.8),
    ]
    result = score(parses)
    assert (result.true_positives, result.false_positives, result.false_negatives) == (2, 1, 1)
    assert result.precision == 2 / 3 and result.recall == 2 / 3


def test_a_sweep_threshold_replaces_the_model_fallback_decision():
    unsure = _p(False, "nlu_fallback", "sleep_tips", 0.3)
    assert predicted_oos(unsure) is True
    assert predicted_oos(unsure, threshold=0.25) is False
    assert predicted_oos(_p(True, "out_of_scope", "out_of_scope", 0.9), threshold=0.1) is True


def test_the_labelled_lists_hold_both_kinds():
    corpus_turns, written_dev, _blind = (load_labels(path) for path in DEFAULT_LABELS)
    assert any(oos for _, oos in corpus_turns) and sum(not oos for _, oos in corpus_turns) > 100
    assert sum(oos for _, oos in written_dev) == 60 and sum(not oos for _, oos in written_dev) == 60


def test_strict_counts_only_saying_it_does_not_know():
    parses = [_p(True, "nlu_fallback", "vitamin_d", 0.2), _p(True, "out_of_scope", "out_of_scope", 0.9),
              _p(False, "nlu_fallback", "sleep_tips", 0.3)]
    strict = score(parses, strict=True)
    assert (strict.true_positives, strict.false_positives, strict.false_negatives) == (1, 0, 1)
