"""`python -m bot.cli retrain`: export the assigned examples, train, switch every server.

The model is named after its inputs (`bot.training`). New examples of known intents are
trained in well under a minute by finetuning the last fully trained model
(`bot/learning/finetune.py`); anything else (a new intent, a changed config or domain,
no model to start from, `--full`) is a full training. The output says which.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from bot.learning.export import ExportReport, export_learned
from bot.settings import PROJECT_ROOT, Settings

SWITCH_TIMEOUT_SECONDS = 600  # loading a model under load on 2 cores takes a while


@dataclass
class TrainedModel:
    path: Path
    how: str  # which way it was trained, for the command's output
    seconds: float = 0.0
    trained: bool = True  # False: a model for these inputs existed already


@dataclass
class RetrainReport:
    export: ExportReport
    model: Path
    trained: bool
    train_seconds: float
    how: str = ""
    switched: List[str] = field(default_factory=list)  # "url: model" per server
    failed: List[str] = field(default_factory=list)


def server_urls(settings: Settings, given: Sequence[str] = ()) -> List[str]:
    return [url.rstrip("/") for url in given] or [f"http://{settings.rasa_host}:{settings.rasa_port}"]


def switch_server(base_url: str, model_name: str, token: str, timeout: float = SWITCH_TIMEOUT_SECONDS) -> str:
    """Asks one server to load `model_name`; returns the model it reports, raises on failure."""
    request = urllib.request.Request(f"{base_url}/learning/model", method="POST",
                                     data=json.dumps({"model": model_name}).encode("utf-8"),
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 - our own server
            return json.loads(reply.read())["model"]
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{base_url}: {error.code} {error.read()[:200].decode('utf-8', 'replace')}") from None


def learned_model_path(settings: Settings, learned_dir: Path, config: str = "config.yml") -> Path:
    """The model in `settings.model_dir` for the project's data plus `learned_dir`, named after all of it."""
    from bot import training

    digest = hashlib.sha1(training.fingerprint(settings, config).encode())
    for path in sorted(learned_dir.glob("*.yml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return settings.model_dir / f"rugwijzer-learned-{digest.hexdigest()[:12]}.tar.gz"


def train_model(settings: Settings, target: Path, data: Sequence[str], *, full: bool = False,
                config: str = "config.yml", preferred_base: Optional[Path] = None) -> str:
    """Trains `target` on `data`, finetuned when Rasa allows it, else in full; returns which way."""
    from bot import training
    from bot.learning import finetune

    reason = "asked for"
    if not full:
        base_dir = preferred_base.parent if preferred_base else target.parent
        base = finetune.base_model(base_dir, target, training.spacy_meta_path(settings), preferred=preferred_base)
        if base is None:
            reason = "no fully trained model newer than the NLU code, config and spaCy pipeline"
        else:
            try:
                refused = finetune.finetune(base, target, data, config)
            except subprocess.CalledProcessError as error:
                refused = f"the finetuning stopped with exit code {error.returncode}"
            if refused is None:
                return f"finetuned from {base.name} (DIET: {finetune.EPOCH_FRACTION:.0%} of its epochs)"
            reason = f"no finetuning of {base.name}: {refused}"
    training.train_into(target, config, data)
    return f"full training ({reason})"


def train_with_learned(settings: Settings, learned_dir: Path, config: str = "config.yml",
                       full: bool = False, out_dir: Optional[Path] = None) -> TrainedModel:
    """Trains on `data/` plus the examples in `learned_dir` (not inside data/), unless done before.

    For tests and benchmarks, which must not write into the project's data. The model for
    `data/` alone (in the project's model directory), the one they serve, is the preferred
    start for finetuning.
    """
    from bot import training

    target = learned_model_path(settings, learned_dir, config)
    if out_dir is not None:  # a benchmark's scratch directory; the base stays the served model
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / target.name
    if target.exists():
        return TrainedModel(target, "trained before", trained=False)
    started = time.monotonic()
    how = train_model(settings, target, ["data", str(learned_dir)], full=full, config=config,
                      preferred_base=training.model_path(settings, config=config))
    return TrainedModel(target, how, time.monotonic() - started)


def train_current_data(settings: Settings, *, force: bool = False, full: bool = False) -> TrainedModel:
    """The model for `data/` (with data/nlu/learned.yml), unless there is one and not `force`."""
    from bot import training

    target = training.model_path(settings)
    with training.one_training_at_a_time(target.parent):
        if target.exists() and not force:
            return TrainedModel(target, "up to date", trained=False)
        started = time.monotonic()
        how = train_model(settings, target, ["data"], full=full)
        return TrainedModel(target, how, time.monotonic() - started)


def retrain(settings: Settings, servers: Sequence[str] = (), *, learned_dir: Optional[Path] = None,
            force: bool = False, full: bool = False, log: Callable[[str], None] = print) -> RetrainReport:
    """Exports into data/nlu (or `learned_dir`, kept out of data/), trains, switches every server."""
    nlu_dir = learned_dir or PROJECT_ROOT / "data" / "nlu"
    report = export_learned(url=settings.app_db, nlu_dir=nlu_dir)
    log(f">> exported {len(report.added)} example(s)" + (f"; left out: {report.skipped}" if report.skipped else ""))
    if learned_dir is None:
        model = train_current_data(settings, force=force, full=full)
    else:
        model = train_with_learned(settings, learned_dir, full=full)
    log(f">> model {model.path.name}: {model.how}" + (f", {model.seconds:.0f} s" if model.trained else ""))
    result = RetrainReport(report, model.path, model.trained, model.seconds, model.how)
    for url in server_urls(settings, servers):
        try:
            result.switched.append(f"{url}: {switch_server(url, model.path.name, settings.rasa_auth_token)}")
        except (OSError, RuntimeError, KeyError, ValueError) as error:
            result.failed.append(f"{url}: {error}")
    for line in result.switched:
        log(f">> switched {line}")
    for line in result.failed:
        log(f"!! not switched {line}")
    return result
