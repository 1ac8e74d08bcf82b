"""`make eval`, conversations: the blind-written corpus replayed over REST against the real
servers (a fresh database and the current model), dev and blind parts reported apart.

    python -m benchmarks.corpus_eval [--part dev|tune|tune2|tune3|tune4|tune5|tune6|tune7|tune8|tune9|blind|both] [--failures]

The blind part is scored only at the end of a piece of work and never tuned on
(eval/conversations/README.md); `--failures` prints failed turns only for the parts that may be
read: dev, and the tuning sets (later sets written to find what dev no longer shows).
"""
from __future__ import annotations

import argparse
import os
import secrets
import socket
import tempfile
from contextlib import contextmanager
from typing import Dict, Iterator, List

from bot.settings import PROJECT_ROOT

from benchmarks.corpus import load_corpus, report, rest_sender, score

CORPUS_DIR = PROJECT_ROOT / "eval" / "conversations"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stack_env(var_dir: str) -> Dict[str, str]:
    return {
        "VAR_DIR": var_dir,
        "RASA_PORT": str(_free_port()),
        "ACTION_PORT": str(_free_port()),
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(16),
        "CONSOLE_SECRET": secrets.token_urlsafe(32),
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def fresh_stack(prefix: str) -> Iterator[str]:
    """Both servers on a fresh database and the current model; yields the base URL."""
    from bot import training
    from bot.db.migrate import upgrade
    from bot.run import Stack
    from bot.settings import load_settings

    with tempfile.TemporaryDirectory(prefix=prefix) as var_dir:
        env = stack_env(var_dir)
        upgrade(load_settings({**os.environ, **env}).app_db)
        training.train(load_settings())
        running = Stack(env=env, log_dir=var_dir)
        running.start()
        base_url = f"http://127.0.0.1:{env['RASA_PORT']}"
        try:
            running.wait_until_ready(f"{base_url}/health/ready")
            yield base_url
        finally:
            running.stop()


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus_eval")
    parser.add_argument("--part", choices=("dev", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "blind", "both"), default="both")
    parser.add_argument("--failures", action="store_true", help="list the failed turns of dev or a tuning set")
    args = parser.parse_args(argv)
    parts = ("dev", "blind") if args.part == "both" else (args.part,)
    with fresh_stack("corpus-") as base_url:
        send = rest_sender(base_url)
        for part in parts:
            corpus = score(load_corpus(CORPUS_DIR / f"{part}.yml"), send)
            for line in report(f"conversation corpus, {part}", corpus, args.failures and part != "blind"):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
