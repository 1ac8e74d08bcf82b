"""A model is trained again exactly when something trained into it changes."""
from __future__ import annotations

import shutil

import pytest

from bot import training
from bot.settings import PROJECT_ROOT
from tests.settings import make_settings


@pytest.fixture()
def project_copy(tmp_path, monkeypatch):
    for name in ("config.yml", "domain", "data", "bot/nlu"):
        source = PROJECT_ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    (tmp_path / "build" / "spacy_nl").mkdir(parents=True)
    (tmp_path / "build" / "spacy_nl" / "meta.json").write_text('{"name": "nl"}')
    monkeypatch.setattr(training, "PROJECT_ROOT", tmp_path)
    return tmp_path


def fingerprint(root):
    """The fingerprint of the copy at `root`, with its own Dutch pipeline."""
    return training.fingerprint(make_settings(root, spacy_pipeline_dir=root / "build" / "spacy_nl"))


def test_code_of_a_trained_nlu_component_is_part_of_the_fingerprint(project_copy):
    before = fingerprint(project_copy)
    tokenizer = project_copy / "bot" / "nlu" / "dutch_tokenizer.py"
    tokenizer.write_text(tokenizer.read_text() + "\n# a new spelling\n")
    assert fingerprint(project_copy) != before


def test_compiled_files_and_other_code_do_not_change_it(project_copy):
    before = fingerprint(project_copy)
    (project_copy / "bot" / "nlu" / "__pycache__").mkdir()
    (project_copy / "bot" / "nlu" / "__pycache__" / "x.cpython-310.pyc").write_bytes(b"\0")
    (project_copy / "bot" / "web.py").write_text("x = 1\n")
    assert fingerprint(project_copy) == before


def test_training_data_is_part_of_the_fingerprint(project_copy):
    before = fingerprint(project_copy)
    greet = project_copy / "data" / "nlu" / "greet.yml"
    greet.write_text(greet.read_text() + "    - hallo daar nieuw\n")
    assert fingerprint(project_copy) != before
