"""`python -m bot.cli retrain`: export the assigned examples, train, switch every server.

Training goes through `bot.training` (a model named after its inputs, Rasa's graph cache
in `.rasa/cache`): with only NLU examples changed, Rasa reuses the cached dialogue
policies and the NLU steps whose inputs did not change, and retrains the NLU rest.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
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
class RetrainReport:
    export: ExportReport
    model: Path
    trained: bool
    train_seconds: float
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


def train_with_learned(settings: Settings, learned_dir: Path, config: str = "config.yml") -> Path:
    """Trains on `data/` plus the examples in `learned_dir` (not inside data/), unless done before.

    For tests and benchmarks, which must not write into the project's data. Rasa's graph
    cache (`.rasa/cache` in the project) is shared with every other training here.
    """
    target = learned_model_path(settings, learned_dir, config)
    if target.exists():
        return target
    model_dir = settings.model_dir
    model_dir.mkdir(parents=True, exist_ok=True)
    partial = target.name[: -len(".tar.gz")] + "-partial"
    command = [sys.executable, "-m", "rasa", "train", "--config", config, "--domain", "domain",
               "--data", "data", str(learned_dir), "--out", str(model_dir), "--fixed-model-name", partial, "--quiet"]
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, env=env)
    os.replace(model_dir / f"{partial}.tar.gz", target)
    return target


def retrain(settings: Settings, servers: Sequence[str] = (), *, learned_dir: Optional[Path] = None,
            force: bool = False, log: Callable[[str], None] = print) -> RetrainReport:
    """Exports into data/nlu (or `learned_dir`, kept out of data/), trains, switches every server."""
    from bot import training

    nlu_dir = learned_dir or PROJECT_ROOT / "data" / "nlu"
    report = export_learned(url=settings.app_db, nlu_dir=nlu_dir)
    log(f">> exported {len(report.added)} example(s)" + (f"; left out: {report.skipped}" if report.skipped else ""))
    if learned_dir is None:
        target = training.model_path(settings)
        trained = force or not target.exists()
        started = time.monotonic()
        model = training.train(settings, force=force)
    else:
        target = learned_model_path(settings, learned_dir)
        trained = not target.exists()
        started = time.monotonic()
        model = train_with_learned(settings, learned_dir)
    seconds = time.monotonic() - started
    result = RetrainReport(report, model, trained, seconds)
    for url in server_urls(settings, servers):
        try:
            result.switched.append(f"{url}: {switch_server(url, model.name, settings.rasa_auth_token)}")
        except (OSError, RuntimeError, KeyError, ValueError) as error:
            result.failed.append(f"{url}: {error}")
    for line in result.switched:
        log(f">> switched {line}")
    for line in result.failed:
        log(f"!! not switched {line}")
    return result
