"""Milliseconds per message of the red-flag detector, over a set of realistic messages.

    python -m benchmarks.safety_speed [--texts eval/safety/dev.yml] [--rounds 3]

Prints mean, median and p95 per message. The first call (catalogue and model loading) is
timed apart: it happens once per process, not per message. Only ever pass the dev part
(or the reviewed cases); the default is the dev part when present, else the cases.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import List

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "eval" / "safety" / "dev.yml"
CASES = ROOT / "tests" / "bot" / "safety" / "cases.yml"


def load_texts(path: Path) -> List[str]:
    """The `text` of every item (dev set: `items`; reviewed cases: `cases`)."""
    if "blind" in path.name:
        raise SystemExit("the blind part is scored once at the end; benchmark on dev or cases")
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    rows = raw.get("items") or raw.get("cases") or []
    return [str(row["text"]) for row in rows]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.safety_speed")
    parser.add_argument("--texts", type=Path, default=DEV if DEV.exists() else CASES)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    texts = load_texts(args.texts)

    started = time.perf_counter()
    from bot.safety import detect_red_flags

    detect_red_flags("ik heb rugpijn")
    first = time.perf_counter() - started
    timings: List[float] = []
    for _ in range(args.rounds):
        for text in texts:
            begin = time.perf_counter()
            detect_red_flags(text)
            timings.append((time.perf_counter() - begin) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"texts: {args.texts.relative_to(ROOT) if args.texts.is_relative_to(ROOT) else args.texts}"
          f" ({len(texts)} messages x {args.rounds} rounds)")
    print(f"first call (import, catalogue, model): {first * 1000:.0f} ms")
    print(f"per message: mean {statistics.fmean(timings):.2f} ms, median {statistics.median(timings):.2f} ms, "
          f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
