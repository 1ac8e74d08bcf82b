"""Which model a retrain finetunes, and Rasa's refusal when the intents changed."""
from __future__ import annotations

import io
import json
import os
import tarfile
import time

import pytest

from bot.learning.finetune import base_model, finetune, is_finetuned


def _archive(path, fraction=None):
    """A model archive as Rasa packs it: components first, metadata.json last."""
    metadata = {"train_schema": {"nodes": {
        "train_DIETClassifier5": {"config": {"epochs": 8 if fraction else 80, "finetuning_epoch_fraction": fraction}},
        "train_RulePolicy2": {"config": {}},
    }}}
    with tarfile.open(path, "w:gz") as archive:
        for name, content in (("components/train_RulePolicy2/rule_policy.json", b"{}"),
                              ("metadata.json", json.dumps(metadata).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


def _aged(path, seconds_ago):
    stamp = time.time() - seconds_ago
    os.utime(path, (stamp, stamp))
    return path


def test_a_finetuned_model_is_told_from_a_fully_trained_one(tmp_path):
    assert is_finetuned(_archive(tmp_path / "rugwijzer-ft.tar.gz", fraction=0.1))
    assert not is_finetuned(_archive(tmp_path / "rugwijzer-full.tar.gz"))
    with tarfile.open(tmp_path / "other.tar.gz", "w:gz"):
        pass
    with pytest.raises(ValueError):
        is_finetuned(tmp_path / "other.tar.gz")


def test_the_base_is_the_newest_fully_trained_model_never_a_finetuned_one(tmp_path):
    older_full = _aged(_archive(tmp_path / "rugwijzer-a.tar.gz"), 2)
    newer_full = _aged(_archive(tmp_path / "rugwijzer-b.tar.gz"), 1)
    _archive(tmp_path / "rugwijzer-learned-c.tar.gz", fraction=0.1)  # the newest, but finetuned
    (tmp_path / "rugwijzer-broken.tar.gz").write_bytes(b"not a model")
    (tmp_path / "rugwijzer-cut.tar.gz").write_bytes(newer_full.read_bytes()[:60])  # a copy cut short
    (tmp_path / "rugwijzer-d-partial.tar.gz").write_bytes(newer_full.read_bytes()[:100])  # still being written
    target = tmp_path / "rugwijzer-new.tar.gz"
    meta = tmp_path / "meta.json"
    assert base_model(tmp_path, target, meta) == newer_full
    assert base_model(tmp_path, target, meta, preferred=older_full) == older_full
    # The model being replaced is never its own base.
    assert base_model(tmp_path, newer_full, meta) == older_full


def test_a_model_older_than_the_spacy_pipeline_or_the_nlu_code_is_no_base(tmp_path):
    meta = tmp_path / "meta.json"
    meta.write_text("{}")
    model = _archive(tmp_path / "rugwijzer-a.tar.gz")
    assert base_model(tmp_path, tmp_path / "rugwijzer-new.tar.gz", meta) == model
    _aged(meta, -60)  # the pipeline was rebuilt after the model was trained
    assert base_model(tmp_path, tmp_path / "rugwijzer-new.tar.gz", meta) is None
    _aged(meta, 60)
    _aged(model, 10 ** 9)  # trained before the NLU code was written
    assert base_model(tmp_path, tmp_path / "rugwijzer-new.tar.gz", meta) is None


def test_rasa_refuses_to_finetune_when_an_intent_is_new_and_nothing_is_written(tmp_path):
    from bot import training
    from tests.settings import make_settings

    # The project's model for the current data, as `make test` trains it first.
    base = training.train(make_settings(tmp_path))
    learned = tmp_path / "learned"
    learned.mkdir()
    (learned / "learned.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: garden_tips\n  examples: |\n    - hoe snoei ik mijn rozen\n'
        "    - wanneer zaai ik tomaten\n", encoding="utf-8")
    target = tmp_path / "models" / "rugwijzer-learned-x.tar.gz"
    target.parent.mkdir()
    refused = finetune(base, target, ["data", str(learned)])
    assert refused and "intent" in refused.lower()
    assert list(target.parent.iterdir()) == []
