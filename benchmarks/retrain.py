"""Retraining and the model switch under load: `python -m benchmarks.retrain` (also in `make bench`).

1. Times a retrain after one new example, the way `python -m bot.cli retrain` trains: the
   project's config, data/ plus a learned.yml (kept in a temp dir, never in data/),
   finetuned from the model for data/ (bot/learning/finetune.py), or trained in full when
   that is not possible; it prints which. Each run teaches a new sentence, so the model
   itself is never reused.
2. Starts the servers on that data's model, sends steady concurrent REST messages, switches
   the running server to the new model in the middle, and counts what was sent, answered
   (HTTP 200 with an answer) and failed. Then checks that a red flag is still escalated.
Prints the figures; asserts nothing (speed goes in benchmarks, not tests).
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

from bot.settings import PROJECT_ROOT

REST_PATH = "/webhooks/rest/webhook"
LOAD_TEXTS = ("hoeveel magnesium mag ik per dag", "wat zijn jullie openingstijden", "hoi",
              "helpt bewegen tegen rugpijn", "hoe kan ik beter slapen", "wat kost een afspraak")
RED_FLAG = "ik kan sinds vanochtend niet meer plassen"


@dataclass
class SteadyLoad:
    """`senders` conversations, each sending its next message as soon as the last was answered."""

    base_url: str
    senders: int = 4
    timeout: float = 120.0
    sent: int = 0
    answered: int = 0
    failures: List[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: List[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _one(self, sender: str, text: str) -> None:
        request = urllib.request.Request(f"{self.base_url}{REST_PATH}", method="POST",
                                         data=json.dumps({"sender": sender, "message": text}).encode(),
                                         headers={"Content-Type": "application/json"})
        with self._lock:
            self.sent += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:  # noqa: S310 - loopback
                answer = json.loads(reply.read())
            if isinstance(answer, list) and answer:
                with self._lock:
                    self.answered += 1
                return
            problem = "empty answer"
        except urllib.error.HTTPError as error:
            problem = f"HTTP {error.code}"
        except (OSError, ValueError) as error:
            problem = type(error).__name__
        with self._lock:
            self.failures.append(f"{sender}: {text!r}: {problem}")

    def _run(self, index: int) -> None:
        sender, turn = f"load-{index}-{secrets.token_hex(4)}", 0
        while not self._stop.is_set():
            self._one(sender, LOAD_TEXTS[(index + turn) % len(LOAD_TEXTS)])
            turn += 1

    def __enter__(self) -> "SteadyLoad":
        self._threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(self.senders)]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(self.timeout + 5)

    def figures(self) -> Dict[str, int]:
        return {"sent": self.sent, "answered": self.answered, "failed": len(self.failures)}


def timed_retrain(learned_dir: Path, model_dir: Path, sentence: str):
    """Trains the project's data plus one learned sentence; the `TrainedModel` says how and how long."""
    from bot.learning.export import LEARNED_FILE, render
    from bot.learning.retrain import train_with_learned
    from bot.settings import load_settings

    learned_dir.mkdir(parents=True, exist_ok=True)
    (learned_dir / LEARNED_FILE).write_text(render({"practice_appointment": [sentence]}), encoding="utf-8")
    return train_with_learned(load_settings(), learned_dir, out_dir=model_dir)


def switch_under_load(model: Path, senders: int, settle: float) -> Dict:
    """Serves the current model, switches to `model` under a steady load, checks a red flag after."""
    from benchmarks.run import stack_env
    from bot import training
    from bot.db.migrate import upgrade
    from bot.learning.retrain import switch_server
    from bot.run import Stack
    from bot.settings import load_settings

    with tempfile.TemporaryDirectory(prefix="bench-switch-") as scratch:
        env = {**os.environ, **stack_env(Path(scratch)), "MODEL_DIR": str(model.parent)}
        # The server starts on the data's own model; the switch may load only from MODEL_DIR.
        env["MODEL_PATH"] = str(training.train(load_settings()))
        upgrade(load_settings(env).app_db)
        base = f"http://127.0.0.1:{env['RASA_PORT']}"
        stack = Stack(env=env, log_dir=scratch)
        stack.start()
        try:
            stack.wait_until_ready(f"{base}/health/ready", timeout=300)
            with SteadyLoad(base, senders=senders) as load:
                time.sleep(settle)
                before = load.sent
                started = time.monotonic()
                switched_to = switch_server(base, model.name, env["RASA_AUTH_TOKEN"])
                switch_seconds = time.monotonic() - started
                during = load.sent - before
                time.sleep(settle)
            red_flag = _say(base, f"bench-red-{secrets.token_hex(4)}", RED_FLAG)
            return {**load.figures(), "during_switch": during, "switch_s": switch_seconds,
                    "switched_to": switched_to, "failures": load.failures[:5],
                    "red_flag_escalated_after_switch": "112" in red_flag or "huisarts" in red_flag.lower()}
        finally:
            stack.stop()


def _say(base: str, sender: str, text: str) -> str:
    request = urllib.request.Request(f"{base}{REST_PATH}", method="POST",
                                     data=json.dumps({"sender": sender, "message": text}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as reply:  # noqa: S310 - loopback
        return "\n".join(str(m.get("text") or "") for m in json.loads(reply.read()))


def main(argv=None) -> Dict:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.retrain", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--senders", type=int, default=4, help="concurrent conversations during the switch")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds of load before and after the switch")
    args = parser.parse_args(argv)
    os.environ.update({"RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"})
    from bot import training
    from bot.settings import load_settings

    training.train(load_settings())  # the model for data/: what the servers start on, and where the finetuning starts
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-retrain-") as scratch:
        sentence = f"mag mijn hond mee naar de behandeling op {time.strftime('%d-%m %H:%M:%S')}"
        trained = timed_retrain(Path(scratch) / "learned", Path(scratch) / "models", sentence)
        seconds, model = trained.seconds, trained.path
        print(f">> retrain after one new example: {seconds:.0f} s, {trained.how} (load average before "
              f"{load_before:.2f}, {os.cpu_count()} cores; goal 60 s)", flush=True)
        figures = switch_under_load(model, args.senders, args.settle)
    print(f">> model switch under load ({args.senders} concurrent REST conversations): sent {figures['sent']}, "
          f"answered {figures['answered']}, failed {figures['failed']}; {figures['during_switch']} sent while the "
          f"new model loaded ({figures['switch_s']:.1f} s); red flag escalated after the switch: "
          f"{figures['red_flag_escalated_after_switch']}", flush=True)
    for failure in figures["failures"]:
        print(f"   !! {failure}")
    result = {"retrain_s": seconds, "retrain_how": trained.how, "load_average_before": load_before, **figures}
    artifacts = PROJECT_ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "bench-retrain.json").write_text(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
