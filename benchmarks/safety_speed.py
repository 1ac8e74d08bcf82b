"""Milliseconds per message of the red-flag detector and the medicine matcher.

    python -m benchmarks.safety_speed [--texts eval/safety/dev.yml] [--rounds 3]

Prints wall-clock mean, median and p95 per message, and CPU time per message (on a shared
machine wall time also measures the neighbours), for all layers of the red-flag detector,
its rule layers alone and the medicine matcher, then the time of one message three times
the longest a matcher reads (it cuts at MESSAGE_CHARS_LIMIT). `make bench` runs it once.
The first call (catalogue and model loading) is timed apart: once per process. Only ever pass the dev part
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

    from bot.medication import find_medications

    detect_red_flags("ik heb rugpijn")
    find_medications("levothyroxine")
    first = time.perf_counter() - started
    shown = args.texts.relative_to(ROOT) if args.texts.is_relative_to(ROOT) else args.texts
    print(f"texts: {shown} ({len(texts)} messages x {args.rounds} rounds)")
    print(f"first call (import, catalogue, model; training if missing): {first * 1000:.0f} ms")
    from bot.safety.matcher import detect_with_rules

    layers = (("all layers (detect_red_flags)", detect_red_flags),
              ("rule layers only (catalogue, concepts, numbers)", detect_with_rules),
              ("medicine matcher (find_medications, expecting a list)",
               lambda text: find_medications(text, expecting_list=True)))
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
    longest()
    return 0


def longest() -> None:
    """One pasted essay: three times what a matcher reads, full of red-flag words."""
    from bot.medication import find_medications
    from bot.safety import detect_red_flags
    from bot.settings import MESSAGE_CHARS_LIMIT

    text = ("Ik kan niet plassen, geen koorts, ik ben van de trap gevallen en wil dood. "
            "Ik gebruik levothyroxine en omeprazol. " * 200)[:3 * MESSAGE_CHARS_LIMIT]
    for name, detect in (("red flags", detect_red_flags), ("medicines", find_medications)):
        started = time.perf_counter()
        detect(text)
        print(f"longest message ({len(text)} characters), {name}: {(time.perf_counter() - started) * 1000:.1f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
