"""A retrain in under a minute: the previous model finetuned on the data with the new examples.

A full training spends almost all of its time in DIET's 80 epochs (docs/learning.md has
the profile). The inbox only ever exports examples of intents the model already knows,
and for that Rasa 3.6 can continue from a trained model (`rasa train --finetune`): same
config, same domain for the dialogue, same intents. The featurizers keep the base model's
vocabulary (a word new to it reaches DIET as unknown); DIET trains `EPOCH_FRACTION` of its
epochs on all the data; the linear model (bot/nlu) is refitted on all of it with the new
words and keeps its calibration; the dialogue policies train again in seconds. When the
config, the domain or the intents changed, Rasa refuses with `InvalidConfigException`
before any training, and the caller trains in full.

The base is always a fully trained model: finetuning a finetuned one would pile epochs
onto epochs with every retrain. It must also be newer than the NLU code, the config and
the spaCy pipeline, which Rasa does not look at. These runs leave Rasa's graph cache
alone (nor do they fingerprint for it, bot/rasa_patches/training.py): their results are
never asked for again, and a featurizer with the base's vocabulary must not be handed to
a later full training of the same data.

    python -m bot.learning.finetune BASE --out DIR --name NAME --data data LEARNED ...  (the child)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import zlib
from pathlib import Path
from typing import Iterable, Optional, Sequence

from bot.settings import PROJECT_ROOT, QUIET_ENV

# Of config.yml's 80 DIET epochs; measured against a full training in docs/learning.md.
EPOCH_FRACTION = 0.1
# What shapes a model besides the data, and Rasa's check for finetuning does not read.
BASE_INPUTS = ("config.yml", "bot/nlu")


def is_finetuned(model: Path) -> bool:
    """Whether Rasa trained `model` by finetuning (its DIET node carries the epoch fraction)."""
    with tarfile.open(model, "r:gz") as archive:
        for member in archive:
            if member.name.lstrip("/") == "metadata.json":
                nodes = json.load(archive.extractfile(member))["train_schema"]["nodes"]
                return any(node["config"].get("finetuning_epoch_fraction") for node in nodes.values())
    raise ValueError(f"{model.name} is not a Rasa model")


def _newest_input(paths: Iterable[Path]) -> float:
    stamps = [0.0]
    for path in paths:
        if path.is_dir():
            stamps += [p.stat().st_mtime for p in path.rglob("*.py")]
        elif path.is_file():
            stamps.append(path.stat().st_mtime)
    return max(stamps)


def base_model(model_dir: Path, target: Path, spacy_meta: Path, preferred: Optional[Path] = None) -> Optional[Path]:
    """The fully trained model in `model_dir` to finetune into `target`: `preferred`, else the newest; or None."""
    newest_input = _newest_input([*(PROJECT_ROOT / name for name in BASE_INPUTS), spacy_meta])
    candidates = sorted((p for p in model_dir.glob("rugwijzer-*.tar.gz")
                         if p.name != target.name and not p.name.endswith("-partial.tar.gz")),
                        key=lambda p: p.stat().st_mtime, reverse=True)
    if preferred is not None and preferred in candidates:
        candidates.remove(preferred)
        candidates.insert(0, preferred)
    for candidate in candidates:
        if candidate.stat().st_mtime < newest_input:
            continue
        try:
            if not is_finetuned(candidate):
                return candidate
        except (OSError, EOFError, ValueError, KeyError, tarfile.TarError, zlib.error):
            continue  # not a model Rasa could finetune
    return None


def finetune(base: Path, target: Path, data: Sequence[str], config: str = "config.yml",
             epoch_fraction: float = EPOCH_FRACTION) -> Optional[str]:
    """Trains `target` from `base` in a child process; None when done, else why Rasa would not."""
    partial = target.name[: -len(".tar.gz")] + "-partial"
    with tempfile.TemporaryDirectory(prefix="finetune-") as scratch:
        outcome = Path(scratch) / "outcome.json"
        command = [sys.executable, "-m", "bot.learning.finetune", str(base), "--out", str(target.parent),
                   "--name", partial, "--config", config, "--data", *data, "--epoch-fraction", str(epoch_fraction),
                   "--outcome", str(outcome)]
        env = {**os.environ, **QUIET_ENV, "RASA_MAX_CACHE_SIZE": "0"}  # 0: Rasa's cache off for this run
        subprocess.run(command, cwd=PROJECT_ROOT, check=True, env=env)
        refused = json.loads(outcome.read_text(encoding="utf-8")).get("refused")
    if refused is None:
        os.replace(target.parent / f"{partial}.tar.gz", target)  # nobody ever loads a half-written model
    return refused


def _child(args: argparse.Namespace) -> dict:
    import logging

    from rasa.model_training import train
    from rasa.shared.exceptions import InvalidConfigException
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    from bot.rasa_patches import training as training_patches

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)  # the rule policy would log every rule it learns
    training_patches.install()  # the cache is off: no fingerprints for it either
    try:
        # force_training: no fingerprint run, the cache is off anyway.
        result = train(domain="domain", config=args.config, training_files=args.data, output=args.out,
                       fixed_model_name=args.name, force_training=True, model_to_finetune=args.base,
                       finetuning_epoch_fraction=args.epoch_fraction)
    except InvalidConfigException as error:
        return {"refused": " ".join(str(error).split())}
    if result.code != 0:
        raise SystemExit(result.code)
    return {"refused": None}


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.learning.finetune")
    parser.add_argument("base")
    parser.add_argument("--out", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--data", nargs="+", required=True)
    parser.add_argument("--epoch-fraction", type=float, default=EPOCH_FRACTION)
    parser.add_argument("--outcome", type=Path, required=True)
    args = parser.parse_args(argv)
    args.outcome.write_text(json.dumps(_child(args)), encoding="utf-8")


if __name__ == "__main__":
    main()
