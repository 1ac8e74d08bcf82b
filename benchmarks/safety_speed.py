"""Milliseconds per message of the red-flag detector, over a set of realistic messages.

    python -m benchmarks.safety_speed [--texts eval/safety/dev.yml] [--rounds 3]

Prints wall-clock mean, median and p95 per message, and CPU time per message (on a shared
machine wall time also measures the neighbours), for all layers and for the rule layers
alone. The first call (catalogue and model loading) is timed apart: once per process. Only ever pass the dev part
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
    shown = args.texts.relative_to(ROOT) if args.texts.is_relative_to(ROOT) else args.texts
    print(f"texts: {shown} ({len(texts)} messages x {args.rounds} rounds)")
    print(f"first call (import, catalogue, model; training if missing): {first * 1000:.0f} ms")
    from bot.safety.matcher import detect_with_rules

    layers = (("all layers (detect_red_flags)", detect_red_flags),
              ("rule layers only (catalogue, concepts, numbers)", detect_with_rules))
    for name, detect in layers:
        timings: List[float] = []
        cpu_started = time.process_time()
        for _ in range(args.rounds):
            for text in texts:
                begin = time.perf_counter()
                detect(text)
                timings.append((time.perf_counter() - begin) * 1000)
        cpu = (time.process_time() - cpu_started) * 1000 / len(timings)
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(f"{name}: wall mean {statistics.fmean(timings):.2f} ms, median {statistics.median(timings):.2f} ms, "
              f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms; CPU mean {cpu:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
