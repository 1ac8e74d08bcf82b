"""Runs the whole assistant: action server, Rasa server, and the daily retention purge.

    python -m bot.run      (what `make run` calls after set-up and training)

Ctrl-C or SIGTERM (systemd, Docker, Kubernetes) stops both servers cleanly: the Rasa
server first (it finishes or refuses the messages it has, bot/core/shutdown.py), then the
action server it may still need. Tests use `Stack` to start the same processes.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from typing import Dict, List, Optional

from bot.settings import PROJECT_ROOT, QUIET_ENV, Settings, load_settings

PURGE_INTERVAL_SECONDS = 24 * 60 * 60


class Stack:
    """The two server processes, started with `env` on top of this process's environment."""

    def __init__(self, env: Optional[Dict[str, str]] = None, log_dir: Optional[str] = None) -> None:
        self.env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1", **QUIET_ENV}
        self.log_dir = log_dir
        self.processes: Dict[str, subprocess.Popen] = {}

    def _spawn(self, name: str, module: str) -> None:
        from bot.privacy.files import open_private_log

        output = open_private_log(os.path.join(self.log_dir, f"{name}.log")) if self.log_dir else None
        # Their own session: a Ctrl-C in the terminal reaches only this process, which
        # then stops the servers in the right order.
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", module], cwd=PROJECT_ROOT, env=self.env,
            stdout=output, stderr=subprocess.STDOUT if output else None, start_new_session=True,
        )

    def start_actions(self) -> None:
        self._spawn("actions", "bot.action_server")

    def start_rasa(self) -> None:
        self._spawn("rasa", "bot.server")

    def start(self) -> None:
        self.start_actions()
        self.start_rasa()

    def stop(self, name: Optional[str] = None) -> None:
        """SIGTERM, then SIGKILL after the grace period; Rasa before the action server."""
        names: List[str] = [name] if name else sorted(self.processes, key=lambda key: key != "rasa")
        grace = load_settings(self.env).shutdown_grace_seconds + 5
        for key in names:
            process = self.processes.pop(key, None)
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=grace)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def wait_until_ready(self, url: str, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} server exited with code {process.returncode}")
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"{url} not ready after {timeout:.0f} s")


def _purge_daily(stop: threading.Event, settings: Settings) -> None:
    from bot.privacy.retention import purge_expired

    while not stop.is_set():
        try:
            removed = purge_expired(settings)
            print(f">> retention purge: {removed} old conversation(s) removed", flush=True)
        except Exception as error:  # noqa: BLE001 - a failed purge must not stop the servers
            print(f"!! retention purge failed: {type(error).__name__}", flush=True)
        stop.wait(PURGE_INTERVAL_SECONDS)


def _banner(settings: Settings) -> str:
    base = f"http://{settings.rasa_host}:{settings.rasa_port}"
    return "\n".join([
        "",
        "Rugwijzer is running.",
        f"  Demo practice page (widget): {base}/web/demo.html",
        f"  REST channel:   POST {base}/webhooks/rest/webhook  {{\"sender\": \"me\", \"message\": \"hoi\"}}",
        f"  Therapist console: {base}/console   (accounts: python -m bot.cli add-therapist NAME)",
        "  HTTP API token: RASA_AUTH_TOKEN in .env",
        "Press Ctrl-C to stop.",
        "",
    ])


class Stopped(Exception):
    """SIGTERM arrived: stop like Ctrl-C."""


def _stop_on_signal(number: int, _frame: object) -> None:
    raise Stopped(signal.Signals(number).name)


def main() -> None:
    from bot.privacy.files import describe, secure_storage

    settings = load_settings()
    changed = describe(secure_storage(settings))  # once here; the servers then find nothing to change
    if changed:
        print(f">> storage: {changed}", flush=True)
    stack = Stack()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, _stop_on_signal)
    try:
        stack.start()
        stack.wait_until_ready(f"http://{settings.rasa_host}:{settings.rasa_port}/health/ready")
        print(_banner(settings), flush=True)
        threading.Thread(target=_purge_daily, args=(stop, settings), daemon=True).start()
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        print("!! a server stopped; shutting down", flush=True)
    except (KeyboardInterrupt, Stopped):
        print("\n>> stopping ...", flush=True)
    finally:
        # A second signal must not cut the servers' own clean stop short.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop.set()
        stack.stop()
        print(">> stopped", flush=True)


if __name__ == "__main__":
    main()
