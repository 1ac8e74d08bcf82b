"""With Rasa's training cache off, its training hook fingerprints nothing; with it on, everything as before."""
from __future__ import annotations

import pytest
from rasa.engine.caching import LocalTrainingCache
from rasa.engine.graph import ExecutionContext, GraphSchema, SchemaNode
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.training.hooks import TrainingHook

from bot.nlu.ensemble_classifier import EnsembleIntentClassifier
from bot.rasa_patches import RasaChanged, training


class CountedInput:
    """A node input that counts how often it is fingerprinted."""

    def __init__(self) -> None:
        self.fingerprinted = 0

    def fingerprint(self) -> str:
        self.fingerprinted += 1
        return "same"


def _hook(tmp_path, monkeypatch, cache_size: str):
    monkeypatch.setenv("RASA_CACHE_DIRECTORY", str(tmp_path / "cache"))
    monkeypatch.setenv("RASA_MAX_CACHE_SIZE", cache_size)
    schema = GraphSchema({"train_ensemble": SchemaNode(needs={}, uses=EnsembleIntentClassifier, fn="train",
                                                        constructor_name="create", config={})})
    hook = TrainingHook(cache=LocalTrainingCache(), model_storage=LocalModelStorage(tmp_path / "storage"),
                        pruned_schema=schema)
    return hook, ExecutionContext(schema)


@pytest.mark.parametrize("cache_size, fingerprinted", [("0", 0), ("100", 1)])
def test_the_hook_fingerprints_only_for_a_cache_that_keeps_something(tmp_path, monkeypatch, cache_size, fingerprinted):
    training.install()
    training.install()  # idempotent
    hook, context = _hook(tmp_path, monkeypatch, cache_size)
    counted = CountedInput()
    before = hook.on_before_node("train_ensemble", context, {}, {"training_data": counted})
    assert counted.fingerprinted == fingerprinted
    assert ("fingerprint_key" in before) == bool(fingerprinted)
    hook.on_after_node("train_ensemble", context, {}, counted, before)
    assert counted.fingerprinted == 2 * fingerprinted  # the output too, only for a cache


def test_a_changed_training_hook_is_refused(monkeypatch):
    from rasa.engine.training import hooks

    monkeypatch.setattr(hooks.TrainingHook, "on_before_node", lambda self, node_name, context, config, inputs: {})
    with pytest.raises(RasaChanged):
        training.check()
