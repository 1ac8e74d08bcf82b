"""The learned layer: trained deterministically into plain arrays, read back without pickle."""
from __future__ import annotations

import numpy as np
import pytest
import yaml

from bot.safety import detect_red_flags, evaluate
from bot.safety.learned import NONE, SentenceClassifier, features, get_classifier, model_path
from bot.safety.learned_training import examples, train

SMALL = [
    ("ik wil dood", "suicidal"), ("ik zie het niet meer zitten", "suicidal"),
    ("ik ben een last voor iedereen", "suicidal"), ("ik kan niet meer plassen", "bladder_bowel"),
    ("ik verlies ongemerkt urine", "bladder_bowel"), ("ik heb koorts", "fever"),
    ("ik heb 39 graden", "fever"), ("hoeveel magnesium mag ik", NONE),
    ("welke oefeningen helpen", NONE), ("dank je wel", NONE), ("ik slaap slecht", NONE),
]


def test_training_is_deterministic_and_stored_without_pickle(tmp_path):
    first, second = train(SMALL), train(SMALL)
    for key in first:
        assert np.array_equal(first[key], second[key]), key
    path = tmp_path / "model.npz"
    np.savez_compressed(path, **first)
    loaded = SentenceClassifier.load(path)  # np.load(allow_pickle=False) inside
    assert loaded.classes == sorted({label for _, label in SMALL})
    probabilities = loaded.probabilities("ik wil echt dood")
    assert abs(probabilities.sum() - 1.0) < 1e-9
    assert loaded.classes[int(np.argmax(probabilities))] == "suicidal"


def test_saved_model_is_named_after_its_inputs():
    path = model_path()
    assert path.name.startswith("red_flag_model-") and path.suffix == ".npz"
    get_classifier()
    assert path.exists()


def test_the_current_model_scores_sentences_separately():
    classifier = get_classifier()
    assert classifier is not None
    scores = classifier.score("Hoeveel magnesium mag ik nemen? Ik wil er niet meer zijn.")
    start, end = scores.sentence["suicidal"]
    assert "niet meer zijn" in "Hoeveel magnesium mag ik nemen? Ik wil er niet meer zijn."[start:end]
    assert scores.get("suicidal") > scores.get("fever")


def test_training_examples_never_come_from_the_evaluation_set():
    texts = {text for text, _ in examples()}
    for part in ("dev",):  # the blind part is never opened here
        path = evaluate.EVAL_DIR / f"{part}.yml"
        if path.exists():
            items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
            assert not texts & {str(item["text"]) for item in items}


def test_features_fold_chat_spelling_like_the_matcher():
    assert "w:ik" in features("kheb koorts") and "w:heb" in features("kheb koorts")


@pytest.mark.parametrize("text", ["zeven", "een zeven", "ik denk 6 van de 10", "een 7 denk ik", "ik fiets graag"])
def test_a_short_form_answer_is_no_crisis_and_asks_nothing(text):
    detection = detect_red_flags(text)
    assert detection.flags == () and detection.question is None


def test_a_form_answer_of_three_words_asks_nothing():
    assert detect_red_flags("ik denk zo'n kwartier").question is None


def test_written_training_data_is_labelled_with_catalogue_codes_and_struck_items_stay_out():
    from bot.safety.catalogue import load_catalogue
    from bot.safety.learned_training import WRITTEN, written_items
    from bot.safety.levels import level_rank

    raw = yaml.safe_load(WRITTEN.read_text(encoding="utf-8"))["items"]
    kept = written_items()
    struck = [item for item in raw if item.get("struck")]
    assert struck and len(kept) == len(raw) - len(struck)
    assert {item["writer"] for item in raw} == {f"s{n}" for n in range(1, 12)} | {"tP", "tQ", "tR", "tU", "tV", "tW"}
    levels = {flag.code: flag.level for flag in load_catalogue().flags}
    for item in kept:
        if item["level"] == NONE:
            assert item["code"] == NONE and item["kind"] in ("benign", "negated")
        else:
            # A label may be above the code's own level where clinical.md escalates it
            # (both legs weak: emergency; long-term steroids with new severe pain: urgent).
            assert level_rank(item["level"]) >= level_rank(levels[item["code"]]), item
    trained = {text for text, _ in examples()}
    assert not trained & {str(item["text"]) for item in struck if "pet" in item["struck"]}
    assert {str(item["text"]) for item in kept} <= trained

