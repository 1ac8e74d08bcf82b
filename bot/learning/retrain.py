"""`python -m bot.cli retrain`: export the assigned examples, train, switch every server.

Training goes through `bot.training` (a model named after its inputs, Rasa's graph cache
in `.rasa/cache`): with only NLU examples changed, Rasa reuses the cached dialogue
policies and the NLU steps whose inputs did not change, and retrains the NLU rest.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Sequence

from bot.learning.export import ExportReport, export_learned
from bot.settings import Settings

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


def retrain(settings: Settings, servers: Sequence[str] = (), *, export: bool = True, force: bool = False,
            log: Callable[[str], None] = print) -> RetrainReport:
    from bot import training

    report = export_learned(url=settings.app_db) if export else ExportReport()
    if export:
        log(f">> exported {len(report.added)} example(s)" +
            (f"; left out: {report.skipped}" if report.skipped else ""))
    target = training.model_path()
    trained = force or not target.exists()
    started = time.monotonic()
    model = training.train(force=force)
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
