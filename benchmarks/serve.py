"""The project's own Rasa server with another model: `python -m benchmarks.serve --model PATH`.

The peer must be served exactly as the project is (same launcher, channels, tracker
store, lock store, NLG and action server) so that only the model differs. `bot.server`
serves MODEL_PATH when it is set; this launcher sets it to `--model` and then runs
`bot.server.main()` unchanged.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

from bot.run import Stack
from bot.settings import PROJECT_ROOT


class ModelStack(Stack):
    """`bot.run.Stack` whose Rasa server loads `model` (None: the project's own model)."""

    def __init__(self, model: Optional[Path] = None, env: Optional[Dict[str, str]] = None,
                 log_dir: Optional[str] = None) -> None:
        super().__init__(env=env, log_dir=log_dir)
        self.model = model

    def start_rasa(self) -> None:
        if self.model is None:
            super().start_rasa()
            return
        output = open(os.path.join(self.log_dir, "rasa.log"), "ab") if self.log_dir else None
        self.processes["rasa"] = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.serve", "--model", str(self.model)],
            cwd=PROJECT_ROOT, env=self.env,
            stdout=output, stderr=subprocess.STDOUT if output else None,
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve")
    parser.add_argument("--model", required=True, help="a trained model (.tar.gz)")
    args = parser.parse_args(argv)
    model = Path(args.model).resolve()
    if not model.is_file():
        raise SystemExit(f"no model at {model}")

    from bot import server

    os.environ["MODEL_PATH"] = str(model)
    server.main()


if __name__ == "__main__":
    main()
