"""Trains a model only when the data, config or Dutch pipeline changed.

    python -m bot.training        # train if needed, print the model path
    python -m bot.training --peer # train Rasa's default pipeline on the same data

The model is named after a hash of everything that shapes it, so "is there a model for
the current data" is a file check, not a two-minute fingerprinting run.
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from bot.settings import PROJECT_ROOT, QUIET_ENV, Settings, load_settings

MODEL_INPUTS = ("config.yml", "domain", "data")
# The NLU components trained into the model: a change to their code needs a new model.
TRAINED_CODE = ("bot/nlu",)


def _files(inputs: Iterable[str]) -> Iterable[Path]:
    for name in inputs:
        path = PROJECT_ROOT / name
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in {".yml", ".yaml", ".py"})
        elif path.is_file():
            yield path


def spacy_meta_path(settings: Settings) -> Path:
    """The Dutch pipeline's meta.json: a rebuilt pipeline needs a new model."""
    return settings.spacy_pipeline_dir / "meta.json"


def fingerprint(settings: Settings, config: str = "config.yml") -> str:
    """A hash of the data, `config`, the trained NLU code and `settings`' Dutch pipeline."""
    digest = hashlib.sha1()
    spacy_meta = spacy_meta_path(settings)
    inputs = [config, *MODEL_INPUTS[1:], *TRAINED_CODE]
    for path in [*_files(inputs), *([spacy_meta] if spacy_meta.exists() else [])]:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def model_path(settings: Settings, name: str = "rugwijzer", config: str = "config.yml") -> Path:
    return settings.model_dir / f"{name}-{fingerprint(settings, config)}.tar.gz"


def model_for_serving(settings: Settings) -> Path:
    """MODEL_PATH if set, else the model for the current data, else the newest one (loudly)."""
    if settings.model_path:
        return Path(settings.model_path)
    current = model_path(settings)
    if current.exists():
        return current
    candidates = sorted(settings.model_dir.glob("rugwijzer-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not candidates:
        raise FileNotFoundError(f"No trained model in {settings.model_dir}: run `make train`")
    print(f"!! no model for the current data ({current.name}); serving the newest: {candidates[-1].name}",
          file=sys.stderr, flush=True)
    return candidates[-1]


def train(settings: Settings, name: str = "rugwijzer", config: str = "config.yml", force: bool = False) -> Path:
    """Trains into `settings.model_dir` unless a model for the current inputs exists; returns its path."""
    target = model_path(settings, name, config)
    if target.exists() and not force:
        print(f">> model is up to date: {target}")
        return target
    with one_training_at_a_time(target.parent, name):
        if target.exists() and not force:
            print(f">> model is up to date: {target}")
            return target
        return train_into(target, config)


@contextmanager
def one_training_at_a_time(model_dir: Path, name: str = "rugwijzer") -> Iterator[None]:
    """Several processes (make, test fixtures, a retrain) may ask at once: one trains, the others wait."""
    model_dir.mkdir(parents=True, exist_ok=True)
    with open(model_dir / f".{name}.train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def train_into(target: Path, config: str = "config.yml", data: Sequence[str] = ("data",)) -> Path:
    """A full training of `data` into `target`."""
    started = time.monotonic()
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "rasa", "train", "--config", config, "--domain", "domain", "--data", *data,
        "--out", str(target.parent), "--fixed-model-name", target.name[: -len(".tar.gz")] + "-partial", "--quiet",
    ]
    print(f">> training {target.name} ...", flush=True)
    env = {**os.environ, **QUIET_ENV}
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, env=env)
    # Renamed only when complete, so nobody ever loads a half-written model.
    os.replace(target.parent / (target.name[: -len(".tar.gz")] + "-partial.tar.gz"), target)
    print(f">> trained in {time.monotonic() - started:.0f} s: {target}")
    return target


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.training")
    parser.add_argument("--peer", action="store_true", help="train the default-pipeline peer model")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    settings = load_settings()
    if args.peer:
        train(settings, "peer", "benchmarks/peer_config.yml", args.force)
    else:
        train(settings, force=args.force)


if __name__ == "__main__":
    main()
