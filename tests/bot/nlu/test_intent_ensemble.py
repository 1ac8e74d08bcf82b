"""The calibrated linear intent model and the component that averages it with DIET."""
from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.ensemble_classifier import EnsembleIntentClassifier, averaged, normalised_text
from bot.nlu.linear_intent import LinearIntentModel

EXAMPLES = {
    "sleep_tips": ["ik slaap slecht", "hoe slaap ik beter", "wakker liggen door pijn", "slapen lukt niet",
                   "tips om beter te slapen", "ik word vaak wakker", "slecht geslapen vannacht"],
    "hydration": ["hoeveel water moet ik drinken", "is water drinken goed", "drink ik genoeg",
                  "hoeveel glazen water per dag", "helpt veel drinken", "water en rugpijn", "te weinig gedronken"],
    "breathing_exercise": ["een ademhalingsoefening graag", "hoe adem ik rustig", "buikademhaling uitleg",
                           "adem oefening tegen stress", "rustig ademen hoe", "ademhaling bij pijn",
                           "oefening met ademen"],
}


def _texts_and_labels():
    pairs = [(text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    return [t for t, _ in pairs], [i for _, i in pairs]


@pytest.fixture(scope="module")
def model() -> LinearIntentModel:
    texts, labels = _texts_and_labels()
    return LinearIntentModel.fit(texts, labels)


def test_probabilities_are_a_distribution_and_pick_the_obvious_intent(model):
    probabilities = model.predict_proba(["hoeveel water drink ik best", "ik slaap zo slecht"])
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert [model.classes[i] for i in probabilities.argmax(axis=1)] == ["hydration", "sleep_tips"]


def test_the_temperature_is_fitted_from_cross_validation(model):
    assert 0.05 <= model.temperature <= 5.0 and model.temperature != 1.0


def test_too_few_examples_to_cross_validate_keeps_the_raw_probabilities():
    tiny = LinearIntentModel.fit(["water drinken", "veel water", "slecht slapen", "niet slapen"],
                                 ["hydration", "hydration", "sleep_tips", "sleep_tips"])
    assert tiny.temperature == 1.0


def test_saved_model_loads_with_the_same_probabilities_and_no_pickle(model, tmp_path):
    model.save(tmp_path)
    loaded = LinearIntentModel.load(tmp_path)
    texts = ["adem rustig", "iets heel anders"]
    assert np.allclose(loaded.predict_proba(texts), model.predict_proba(texts))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linear_intent.json", "linear_intent.npz"]


def test_averaging_weights_both_models_and_ranks_best_first():
    ranking = averaged({"a": 0.9, "b": 0.1}, {"a": 0.2, "b": 0.5, "c": 0.3}, neural_weight=0.5)
    assert [item["name"] for item in ranking] == ["a", "b", "c"]
    assert ranking[0]["confidence"] == pytest.approx(0.55)
    assert ranking[2]["confidence"] == pytest.approx(0.15)


def _message(text: str, intent: str = "") -> Message:
    message = Message(data={TEXT: text, **({INTENT: intent} if intent else {})})
    message.set(TOKENS_NAMES[TEXT], [Token(word, 0, lemma=word.lower()) for word in text.split()])
    return message


def test_the_featurizers_text_is_the_normalised_lemmas():
    message = Message(data={TEXT: "Kheb pijn"})
    message.set(TOKENS_NAMES[TEXT], [Token("Kheb", 0, lemma="ik"), Token("Kheb", 0, lemma="heb"),
                                     Token("pijn", 5, lemma="pijn")])
    assert normalised_text(message) == "ik heb pijn"


def test_component_trains_persists_loads_and_averages_with_diet(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("ensemble")
    context = ExecutionContext(GraphSchema({}), "test")
    component = EnsembleIntentClassifier.create({}, storage, resource, context)
    texts, labels = _texts_and_labels()
    component.train(TrainingData([_message(t, i) for t, i in zip(texts, labels)]))
    loaded = EnsembleIntentClassifier.load({}, storage, resource, context)

    alone, with_diet = _message("hoeveel water drinken"), _message("hoeveel water drinken")
    # DIET sure of the wrong intent: the average still follows the evidence of both.
    with_diet.set(INTENT_RANKING_KEY, [{"name": "sleep_tips", "confidence": 0.6},
                                       {"name": "hydration", "confidence": 0.4}])
    loaded.process([alone, with_diet])
    assert alone.get(INTENT)["name"] == "hydration"
    linear = {item["name"]: item["confidence"] for item in alone.get(INTENT_RANKING_KEY)}
    expected = 0.5 * 0.4 + 0.5 * linear["hydration"]
    assert with_diet.get(INTENT)["confidence"] == pytest.approx(expected)
    assert len(with_diet.get(INTENT_RANKING_KEY)) == 3


def test_tfidf_weights_are_sublinear_counts_times_idf_scaled_to_unit_length():
    from scipy import sparse

    from bot.nlu.linear_intent import _tfidf

    counts = sparse.csr_matrix(np.array([[1, 0, 3], [0, 2, 0]]))
    idf = np.array([2.0, 1.0, 0.5])
    weights = _tfidf(counts, idf).toarray()
    first = np.array([1 * 2.0, 0.0, (1 + np.log(3)) * 0.5])
    assert np.allclose(weights[0], first / np.linalg.norm(first))
    assert np.allclose(weights[1], [0.0, 1.0, 0.0])
