"""The training data is what the product understands: keep it varied and unambiguous."""
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MIN_EXAMPLES = 20
MIN_HOLDOUT = 5


def _normalise(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)  # strip entity annotations
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s\W_]+", " ", text).strip()


def _examples(folder: Path):
    by_intent = defaultdict(list)
    for path in sorted(folder.rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu", []):
            if "intent" not in block:
                continue
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    by_intent[block["intent"]].append(line[2:].strip())
    return by_intent


@pytest.fixture(scope="module")
def training():
    return _examples(ROOT / "data" / "nlu")


@pytest.fixture(scope="module")
def holdout():
    return _examples(ROOT / "tests" / "nlu" / "holdout")


def test_every_intent_has_enough_examples(training):
    thin = {intent: len(examples) for intent, examples in training.items() if len(examples) < MIN_EXAMPLES}
    assert not thin, f"intents with fewer than {MIN_EXAMPLES} examples: {thin}"


def test_no_example_appears_twice_or_in_two_intents(training):
    seen = Counter(_normalise(e) for examples in training.values() for e in examples)
    repeated = [text for text, count in seen.items() if count > 1]
    assert not repeated, f"examples that appear more than once: {repeated}"


def test_holdout_covers_every_intent_and_is_not_trained_on(training, holdout):
    trained = {_normalise(e) for examples in training.values() for e in examples}
    missing = set(training) - set(holdout)
    assert not missing, f"intents without held-out examples: {sorted(missing)}"
    thin = {i: len(e) for i, e in holdout.items() if len(e) < MIN_HOLDOUT}
    assert not thin, f"intents with fewer than {MIN_HOLDOUT} held-out examples: {thin}"
    leaked = [e for examples in holdout.values() for e in examples if _normalise(e) in trained]
    assert not leaked, f"held-out examples that are also training data: {leaked}"


@pytest.fixture(scope="module")
def written_blind():
    """eval/intents: held-out messages written by helpers who never saw the training data."""
    by_intent = defaultdict(list)
    for part in ("dev", "blind"):
        document = yaml.safe_load((ROOT / "eval" / "intents" / f"{part}.yml").read_text(encoding="utf-8"))
        for item in document["items"]:
            by_intent[item["intent"]].append(item["text"])
    return by_intent


def test_blind_written_intent_set_is_not_trained_on_and_names_real_intents(training, written_blind):
    trained = {_normalise(e) for examples in training.values() for e in examples}
    unknown = set(written_blind) - set(training)
    assert not unknown, f"held-out intents the training data does not have: {sorted(unknown)}"
    leaked = [e for examples in written_blind.values() for e in examples if _normalise(e) in trained]
    assert not leaked, f"blind-written held-out messages that are also training data: {leaked}"
