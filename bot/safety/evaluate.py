"""Recall and false alarms of the red-flag matcher on reviewed cases.

Run: python -m bot.safety.evaluate [cases.yml]
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import yaml

from bot.safety.levels import TRIAGE_ORDER, level_rank
from bot.safety.matcher import detect_red_flags

DEFAULT_CASES = Path(__file__).resolve().parents[2] / "tests" / "bot" / "safety" / "cases.yml"
NO_FLAG_KINDS = ("negated", "no_flag")


def load_cases(cases_path: Union[str, Path, None] = None) -> List[Dict[str, Any]]:
    """The reviewed cases as a list of dicts (text, codes, level, kind)."""
    with open(cases_path or DEFAULT_CASES, encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["cases"])


def evaluate(cases_path: Union[str, Path, None] = None) -> Dict[str, Any]:
    """Recall per level on positive cases and false alarms on negated / no-flag cases."""
    recall: Dict[str, Dict[str, Any]] = {level: {"detected": 0, "total": 0, "missed": []} for level in TRIAGE_ORDER}
    false_alarms: Dict[str, List[Dict[str, Any]]] = {kind: [] for kind in NO_FLAG_KINDS}
    totals: Dict[str, int] = {kind: 0 for kind in NO_FLAG_KINDS}
    code_mismatches: List[Dict[str, Any]] = []
    for case in load_cases(cases_path):
        text, kind = str(case["text"]), str(case.get("kind", "positive"))
        detection = detect_red_flags(text)
        if kind in NO_FLAG_KINDS:
            totals[kind] += 1
            if detection.codes:
                false_alarms[kind].append({"text": text, "codes": list(detection.codes)})
            continue
        expected: Optional[str] = case["level"]
        bucket = recall[str(expected)]
        bucket["total"] += 1
        if level_rank(detection.level) >= level_rank(expected):
            bucket["detected"] += 1
        else:
            bucket["missed"].append({"text": text, "level": detection.level})
        if set(detection.codes) != set(case.get("codes") or ()):
            code_mismatches.append({"text": text, "expected": case.get("codes"), "found": list(detection.codes)})
    for bucket in recall.values():
        bucket["recall"] = bucket["detected"] / bucket["total"] if bucket["total"] else None
    positives = sum(b["total"] for b in recall.values())
    detected = sum(b["detected"] for b in recall.values())
    return {
        "recall": recall,
        "overall_recall": detected / positives if positives else None,
        "positives": positives,
        "false_alarms": false_alarms,
        "no_flag_totals": totals,
        "code_mismatches": code_mismatches,
    }


def _percent(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def main(argv: List[str]) -> int:
    """Print the figures as plain lines; exit code 1 if anything was missed or falsely flagged."""
    result = evaluate(argv[0] if argv else None)
    print(f"positive cases: {result['positives']}")
    for level in reversed(TRIAGE_ORDER):
        bucket = result["recall"][level]
        print(f"recall {level}: {bucket['detected']}/{bucket['total']} = {_percent(bucket['recall'])}")
        for miss in bucket["missed"]:
            print(f"  missed: {miss['text']!r} (found level {miss['level']})")
    print(f"recall overall: {_percent(result['overall_recall'])}")
    print(f"exact code sets: {result['positives'] - len(result['code_mismatches'])}/{result['positives']}")
    for mismatch in result["code_mismatches"]:
        print(f"  codes differ: {mismatch['text']!r} expected {mismatch['expected']} found {mismatch['found']}")
    failed = False
    for kind in NO_FLAG_KINDS:
        alarms = result["false_alarms"][kind]
        print(f"false alarms ({kind}): {len(alarms)}/{result['no_flag_totals'][kind]}")
        for alarm in alarms:
            print(f"  false alarm: {alarm['text']!r} -> {alarm['codes']}")
        failed = failed or bool(alarms)
    missed = any(bucket["missed"] for bucket in result["recall"].values())
    return 1 if failed or missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
