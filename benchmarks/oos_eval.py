"""Out-of-scope precision and recall of the trained model on a labelled list of messages.

    python -m benchmarks.oos_eval [--labels FILE ...] [--model PATH] [--errors]

By default it scores three labelled lists apart: the dev corpus's turns labelled by hand
(eval/oos_labels_dev.yml) and the two parts of the blind-written set (eval/oos/dev.yml,
eval/oos/blind.yml). `--errors` never lists the blind part's messages.

Two decisions are scored. "Said it does not know": the NLU gives the intent `out_of_scope`
(the honest "dat weet ik niet" with a therapist offered). "Did not answer a topic": that,
or `nlu_fallback` (too unsure of every topic: it suggests topics, then admits it does not
understand). Besides the figures at the configured FallbackClassifier threshold it prints a
sweep over other thresholds, computed from the same parses, to calibrate that threshold
(config.yml) without retraining; `--errors` lists the messages each decision gets wrong.
"""
from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml

from bot.settings import PROJECT_ROOT

DEFAULT_LABELS = (
    PROJECT_ROOT / "eval" / "oos_labels_dev.yml",
    PROJECT_ROOT / "eval" / "oos" / "dev.yml",
    PROJECT_ROOT / "eval" / "oos" / "blind.yml",
)
OOS_INTENTS = frozenset({"out_of_scope", "nlu_fallback"})
SWEEP = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


@dataclass(frozen=True)
class Parsed:
    text: str
    labelled_oos: bool
    intent: str
    top_topic: str  # best intent other than nlu_fallback
    top_confidence: float


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 0.0


def load_labels(path: Path) -> List[Tuple[str, bool]]:
    """(text, is it out of scope) from a hand-labelled list of turns or a blind-written set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "turns" in data:
        return [(str(row["text"]), bool(row["out_of_scope"])) for row in data["turns"]]
    return [(str(row["text"]), row["label"] == "out_of_scope") for row in data["items"]]


def predicted_oos(parsed: Parsed, threshold: Optional[float] = None, strict: bool = False) -> bool:
    """As the model decided, or as it would decide with another fallback threshold.

    Args:
        strict: Only the out_of_scope intent counts, not the fallback.
    """
    if strict:
        return parsed.intent == "out_of_scope"
    if threshold is None:
        return parsed.intent in OOS_INTENTS
    return parsed.top_topic == "out_of_scope" or parsed.top_confidence < threshold


def score(parses: Sequence[Parsed], threshold: Optional[float] = None, strict: bool = False) -> Score:
    decided = [(p.labelled_oos, predicted_oos(p, threshold, strict)) for p in parses]
    tp = sum(labelled and predicted for labelled, predicted in decided)
    fp = sum(not labelled and predicted for labelled, predicted in decided)
    fn = sum(labelled and not predicted for labelled, predicted in decided)
    return Score(tp, fp, fn)


def _from_parse(text: str, labelled: bool, result: Dict) -> Parsed:
    ranking = [r for r in result.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    best = ranking[0] if ranking else {"name": "", "confidence": 0.0}
    return Parsed(text, labelled, (result.get("intent") or {}).get("name") or "",
                  str(best.get("name")), float(best.get("confidence") or 0.0))


async def parse_all(model: Path, labels: Sequence[Tuple[str, bool]]) -> List[Parsed]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # otherwise every parse is logged to stdout

    agent = Agent.load(str(model))
    return [_from_parse(text, oos, await agent.parse_message(text)) for text, oos in labels]


def report(parses: Sequence[Parsed], show: bool) -> List[str]:
    strict, current = score(parses, strict=True), score(parses)
    lines = [
        f"out of scope: {sum(p.labelled_oos for p in parses)} of {len(parses)} messages labelled",
        f"  said it does not know (out_of_scope): precision {strict.precision:.2f}, recall {strict.recall:.2f}"
        f"  (fp {strict.false_positives}, fn {strict.false_negatives})",
        f"  did not answer a topic (out_of_scope or fallback): precision {current.precision:.2f}, "
        f"recall {current.recall:.2f}  (fp {current.false_positives}, fn {current.false_negatives})",
        "  fallback threshold sweep (top topic below it, or out_of_scope): precision / recall",
    ]
    for threshold in SWEEP:
        swept = score(parses, threshold)
        lines.append(f"    {threshold:.2f}: {swept.precision:.2f} / {swept.recall:.2f}"
                     f"  (fp {swept.false_positives}, fn {swept.false_negatives})")
    if show:
        for p in parses:
            if p.labelled_oos != predicted_oos(p):
                kind = "missed" if p.labelled_oos else (
                    "wrongly out of scope" if p.intent == "out_of_scope" else "fell back")
                lines.append(f"  {kind}: {p.text[:90]!r} -> {p.intent} ({p.top_topic} {p.top_confidence:.2f})")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.oos_eval")
    parser.add_argument("--labels", type=Path, nargs="+", default=list(DEFAULT_LABELS))
    parser.add_argument("--model", type=Path, default=None, help="default: the model for the current data")
    parser.add_argument("--errors", action="store_true", help="list missed and false out-of-scope decisions")
    args = parser.parse_args(argv)
    from bot.settings import load_settings
    from bot.training import model_for_serving

    model = args.model or model_for_serving(load_settings())
    for path in args.labels:
        print(f"== out of scope, {path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path}")
        parses = asyncio.run(parse_all(model, load_labels(path)))
        for line in report(parses, args.errors and "blind" not in path.name):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
