"""Does a retrained model understand as well as the one before? Trained models side by side.

    python -m benchmarks.retrain_quality MODEL [MODEL ...] [--taught "sentence=intent" ...]

Per model: intent accuracy and macro F1 on the held-out examples (tests/nlu/holdout, in
no training file), out-of-scope precision and recall on the dev-labelled turns
(eval/oos_labels_dev.yml, eval/oos/dev.yml; never the blind part) and the intent each
taught sentence gets. Used to choose the finetuning's epoch fraction (bot/learning/finetune.py).
"""
from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from benchmarks.nlu_eval import holdout_examples, scores
from benchmarks.oos_eval import load_labels, score
from bot.settings import PROJECT_ROOT

OOS_DEV = (PROJECT_ROOT / "eval" / "oos_labels_dev.yml", PROJECT_ROOT / "eval" / "oos" / "dev.yml")


async def _parses(model: Path, texts: Sequence[str]) -> List[Dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def judge(model: Path, taught: Sequence[Tuple[str, str]]) -> Dict[str, object]:
    from benchmarks.oos_eval import _from_parse

    holdout = holdout_examples()
    oos = [pair for path in OOS_DEV for pair in load_labels(path)]
    texts = [t for t, _ in holdout] + [t for t, _ in oos] + [t for t, _ in taught]
    parses = asyncio.run(_parses(model, texts))
    held, rest = parses[:len(holdout)], parses[len(holdout):]
    figures = scores([i for _, i in holdout], [p["intent"]["name"] for p in held])
    oos_score = score([_from_parse(text, labelled, parse) for (text, labelled), parse in zip(oos, rest)])
    return {**figures, "oos_precision": oos_score.precision, "oos_recall": oos_score.recall,
            "taught": [(text, parse["intent"]["name"], parse["intent"]["confidence"])
                       for (text, _), parse in zip(taught, rest[len(oos):])]}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.retrain_quality", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", type=Path, nargs="+")
    parser.add_argument("--taught", action="append", default=[], help='"sentence=intent", repeatable')
    args = parser.parse_args(argv)
    taught = [tuple(item.rsplit("=", 1)) for item in args.taught]
    print(f"{'model':<44}{'accuracy':>9}{'macro F1':>9}{'oos P':>7}{'oos R':>7}  taught sentences")
    for model in args.models:
        result = judge(model, taught)
        understood = ", ".join(f"{'yes' if name == expected else 'no'} ({name} {confidence:.2f})"
                               for (_, name, confidence), (_, expected) in zip(result["taught"], taught))
        print(f"{model.name:<44}{result['accuracy']:>9.3f}{result['macro_f1']:>9.3f}"
              f"{result['oos_precision']:>7.2f}{result['oos_recall']:>7.2f}  {understood}", flush=True)


if __name__ == "__main__":
    main()
