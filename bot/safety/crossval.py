"""Writer-held-out cross-validation of the learned layer, on the written training messages.

    python -m bot.safety.crossval                 # figures per held-out writer, current settings
    python -m bot.safety.crossval --c 2 --c 4     # compare regularisation strengths
    python -m bot.safety.crossval --sweep         # and threshold settings (CONFIDENT / ASK)

For each writer of data/clinical/red_flag_written.yml, a classifier is trained on
everything else (catalogue, cases, paraphrases, NLU examples and the other writers) and the
whole detector (rule layers + that classifier) runs on the held-out writer's messages: the
figures of `bot.safety.evaluate` per level. Features, regularisation and thresholds are
chosen here, so that the evaluation set's dev part is not the only judge. Slow (a training
per writer and setting, about a minute each on a busy machine): never run by the tests.
"""
from __future__ import annotations

import argparse
import itertools
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Mapping, Sequence, Tuple

from bot.safety import uncertain
from bot.safety.evaluate import print_part, score_items
from bot.safety.learned import SentenceClassifier, classifier_in_use
from bot.safety.learned_training import C, examples, train, written_items
from bot.safety.matcher import detect_red_flags


def classifier_without(writer: str, c: float = C) -> SentenceClassifier:
    """A classifier trained on all training data except `writer`'s messages."""
    arrays = train(examples(exclude_writers={writer}), c=c)
    return SentenceClassifier([str(t) for t in arrays["terms"]], arrays["idf"], arrays["coef"],
                              arrays["intercept"], [str(k) for k in arrays["classes"]])


@contextmanager
def thresholds(confident: Mapping[str, float], ask: Mapping[str, float]) -> Iterator[None]:
    """Within the block, the learned layer decides with these thresholds."""
    saved = dict(uncertain.CONFIDENT), dict(uncertain.ASK)
    uncertain.CONFIDENT.update(confident)
    uncertain.ASK.update(ask)
    try:
        yield
    finally:
        uncertain.CONFIDENT.clear(), uncertain.CONFIDENT.update(saved[0])
        uncertain.ASK.clear(), uncertain.ASK.update(saved[1])


def held_out_scores(classifier: SentenceClassifier, items: List[Dict[str, Any]]) -> Dict[str, Any]:
    """`bot.safety.evaluate` figures of the whole detector with `classifier` on `items`."""
    with classifier_in_use(classifier):
        return score_items(items, detect=detect_red_flags)


def summary(result: Dict[str, Any]) -> str:
    """One line: recall per level with items, crisis incl. question, false alarms, questions."""
    parts = []
    for level, bucket in result["recall"].items():
        if bucket["total"]:
            parts.append(f"{level} {bucket['found']}/{bucket['total']}")
    crisis = result["crisis"]
    if crisis["total"]:
        parts.append(f"crisis+q {crisis['flag_or_question']}/{crisis['total']}")
    alarms = sum(b["alarms"] for b in result["no_flag"].values())
    questions = sum(b["questions"] for b in result["no_flag"].values())
    total = sum(b["total"] for b in result["no_flag"].values())
    parts.append(f"false alarms {alarms}/{total}, questions {questions}/{total}")
    return "; ".join(parts)


def _grid(sweep: bool) -> List[Tuple[Dict[str, float], Dict[str, float]]]:
    if not sweep:
        return [(dict(uncertain.CONFIDENT), dict(uncertain.ASK))]
    grid = []
    for crisis, ask, body in itertools.product((0.5, 0.6, 0.7), (0.35, 0.45, 0.55), (0.6, 0.7, 0.8)):
        confident = {"crisis": crisis, "emergency": body, "urgent": min(body + 0.05, 0.95),
                     "soon": min(body + 0.1, 0.95)}
        grid.append((confident, {**uncertain.ASK, "suicidal": ask}))
    return grid


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety.crossval")
    parser.add_argument("--c", type=float, action="append", help="regularisation (repeatable)")
    parser.add_argument("--sweep", action="store_true", help="also try a grid of thresholds")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(list(argv))
    items = written_items()
    writers = sorted({str(item.get("writer")) for item in items})
    for c in args.c or [C]:
        models = {writer: classifier_without(writer, c) for writer in writers}
        for confident, ask in _grid(args.sweep):
            print(f"== C={c} confident={confident} ask suicidal={ask['suicidal']}")
            with thresholds(confident, ask):
                for writer in writers:
                    held_out = [item for item in items if item.get("writer") == writer]
                    result = held_out_scores(models[writer], held_out)
                    print(f"  held out {writer} ({len(held_out)}): {summary(result)}")
                    if args.show:
                        print_part(f"writer {writer}", result, show=True)
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
