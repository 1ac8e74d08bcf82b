"""`make eval`: intent accuracy and macro F1 on held-out data, project vs Rasa's default.

Both pipelines are trained NLU-only on data/nlu and judged on tests/nlu/holdout, which
no training file contains (tests/test_training_data.py checks that).

    python -m benchmarks.nlu_eval
"""
from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Dict, List, Tuple

from bot.settings import PROJECT_ROOT

HOLDOUT = PROJECT_ROOT / "tests" / "nlu" / "holdout"
OUT = PROJECT_ROOT / "models" / "eval"
PIPELINES = {"project": "config.yml", "default (rasa init, nl)": "benchmarks/peer_config.yml"}


def holdout_examples() -> List[Tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(HOLDOUT))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def train_nlu(name: str, config: str) -> Tuple[Path, float]:
    from rasa.model_training import train_nlu as rasa_train_nlu

    started = time.monotonic()
    path = rasa_train_nlu(config=str(PROJECT_ROOT / config), nlu_data=str(PROJECT_ROOT / "data" / "nlu"),
                          output=str(OUT), fixed_model_name=name, domain=str(PROJECT_ROOT / "domain"))
    return Path(path), time.monotonic() - started


async def predict(model: Path, texts: List[str]) -> List[str]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    predictions = []
    for text in texts:
        parsed = await agent.parse_message(text)
        predictions.append(parsed["intent"]["name"])
    return predictions


def scores(truth: List[str], predicted: List[str]) -> Dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    labels = sorted(set(truth))
    return {
        "accuracy": accuracy_score(truth, predicted),
        "macro_f1": f1_score(truth, predicted, labels=labels, average="macro", zero_division=0),
    }


def main() -> None:
    from bot.logging_setup import configure_logging

    configure_logging("WARNING")  # Rasa's structlog would print every parse at DEBUG
    examples = holdout_examples()
    texts, truth = [t for t, _ in examples], [i for _, i in examples]
    rows = []
    for label, config in PIPELINES.items():
        name = "eval-" + label.split()[0]
        model, seconds = train_nlu(name, config)
        predicted = asyncio.run(predict(model, texts))
        result = scores(truth, predicted)
        misses = sum(1 for t, p in zip(truth, predicted) if t != p)
        rows.append((label, result["accuracy"], result["macro_f1"], misses, seconds))
    print(f"\nNLU on {len(texts)} held-out examples, {len(set(truth))} intents")
    print(f"{'pipeline':<26}{'accuracy':>10}{'macro F1':>10}{'errors':>8}{'train s':>9}")
    for label, accuracy, f1, misses, seconds in rows:
        print(f"{label:<26}{accuracy:>10.3f}{f1:>10.3f}{misses:>8}{seconds:>9.0f}")


if __name__ == "__main__":
    main()
