"""How well the red-flag detector does: on the evaluation set, and on the reviewed cases.

    python -m bot.safety.evaluate [--part dev|tune|tune4|tune5|tune6|tune7|tune8|blind|both] [--show]  # eval/safety/*.yml, exit 0
    python -m bot.safety.evaluate --cases tests/bot/safety/cases.yml # exit 1 on a miss
    python -m bot.safety.evaluate tests/bot/safety/cases.yml          # the same (older form)

The evaluation set (eval/safety/dev.yml and blind.yml, see eval/safety/README.md) is scored
per part: recall per level, crisis recall with and without the clarifying question, exact
level accuracy, false alarms on benign and negated texts and how often a question was asked.
`--show` lists the misses and false alarms of the parts that may be read (dev, and the later
tuning sets tune.yml and tune4.yml to tune8.yml): blind texts are never printed. `both` means dev and blind.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import yaml

from bot.safety.levels import TRIAGE_ORDER, level_rank
from bot.safety.matcher import Detection, detect_red_flags

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CASES = ROOT / "tests" / "bot" / "safety" / "cases.yml"
EVAL_DIR = ROOT / "eval" / "safety"
PARTS = ("dev", "blind")
NO_FLAG_KINDS = ("negated", "no_flag")
SET_NO_FLAG_KINDS = ("benign", "negated")


# ---------------------------------------------------------------- the evaluation set

def load_items(path: Union[str, Path]) -> List[Dict[str, Any]]:
    """Items of one part: text, level (emergency|crisis|urgent|soon|none), kind, note, writer."""
    with open(path, encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["items"])


def _share(count: int, total: int) -> Optional[float]:
    return count / total if total else None


def score_items(items: List[Dict[str, Any]], detect=detect_red_flags) -> Dict[str, Any]:
    """All figures for one part, plus the misses and false alarms (for the dev part's eyes)."""
    per_level = {level: {"found": 0, "total": 0} for level in TRIAGE_ORDER}
    crisis = {"flag": 0, "flag_or_question": 0, "total": 0}
    emergency_or_question = 0
    exact = 0
    no_flag = {kind: {"alarms": 0, "questions": 0, "total": 0} for kind in SET_NO_FLAG_KINDS}
    misses: List[Dict[str, Any]] = []
    alarms: List[Dict[str, Any]] = []
    for item in items:
        text, expected, kind = str(item["text"]), str(item["level"]), str(item.get("kind", ""))
        detection: Detection = detect(text)
        found = detection.level
        if (found or "none") == expected:
            exact += 1
        if expected == "none":
            bucket = no_flag.setdefault(kind, {"alarms": 0, "questions": 0, "total": 0})
            bucket["total"] += 1
            bucket["alarms"] += bool(detection.flags)
            bucket["questions"] += detection.question is not None
            if detection.flags or detection.question:
                alarms.append({"text": text, "kind": kind, "codes": list(detection.codes),
                               "question": detection.question})
            continue
        per_level[expected]["total"] += 1
        hit = level_rank(found) >= level_rank(expected)
        per_level[expected]["found"] += hit
        if expected == "crisis":
            has_crisis = any(flag.level == "crisis" for flag in detection.flags)
            crisis["total"] += 1
            crisis["flag"] += has_crisis
            crisis["flag_or_question"] += has_crisis or detection.question == "crisis"
            hit = has_crisis or detection.question == "crisis"
        if expected == "emergency":
            emergency_or_question += hit or detection.question in ("bladder_bowel", "saddle_numbness")
        if not hit:
            misses.append({"text": text, "level": expected, "found": found, "codes": list(detection.codes),
                           "question": detection.question, "note": item.get("note")})
    return {
        "items": len(items),
        "recall": {level: {**b, "recall": _share(b["found"], b["total"])} for level, b in per_level.items()},
        "crisis": {**crisis, "recall": _share(crisis["flag"], crisis["total"]),
                   "recall_with_question": _share(crisis["flag_or_question"], crisis["total"])},
        "emergency_with_question": _share(emergency_or_question, per_level["emergency"]["total"]),
        "exact_level": _share(exact, len(items)),
        "no_flag": {kind: {**b, "alarm_rate": _share(b["alarms"], b["total"]),
                           "question_rate": _share(b["questions"], b["total"])} for kind, b in no_flag.items()},
        "misses": misses,
        "alarms": alarms,
    }


def _percent(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def print_part(name: str, result: Dict[str, Any], show: bool) -> None:
    """The figures of one part as plain lines; texts only for the dev part with `show`."""
    print(f"== {name}: {result['items']} messages")
    for level in reversed(TRIAGE_ORDER):
        bucket = result["recall"][level]
        print(f"recall {level}: {bucket['found']}/{bucket['total']} = {_percent(bucket['recall'])}")
    crisis = result["crisis"]
    print(f"recall crisis (113 reply): {crisis['flag']}/{crisis['total']} = {_percent(crisis['recall'])}")
    print(f"recall crisis incl. question: {crisis['flag_or_question']}/{crisis['total']} = "
          f"{_percent(crisis['recall_with_question'])}")
    print(f"recall emergency incl. question: {_percent(result['emergency_with_question'])}")
    print(f"exact level: {_percent(result['exact_level'])}")
    for kind in SET_NO_FLAG_KINDS:
        bucket = result["no_flag"].get(kind)
        if bucket and bucket["total"]:
            print(f"false alarms ({kind}): {bucket['alarms']}/{bucket['total']} = {_percent(bucket['alarm_rate'])}")
            print(f"question asked ({kind}): {bucket['questions']}/{bucket['total']} = "
                  f"{_percent(bucket['question_rate'])}")
    if show and name != "blind":
        for miss in result["misses"]:
            print(f"  missed {miss['level']}: {miss['text']!r} -> {miss['found']} {miss['codes']} "
                  f"q={miss['question']} ({miss['note']})")
        for alarm in result["alarms"]:
            print(f"  {alarm['kind']}: {alarm['text']!r} -> {alarm['codes']} q={alarm['question']}")


# ---------------------------------------------------------------- the reviewed cases

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


def cases_report(path: Union[str, Path]) -> int:
    """Print the reviewed cases' figures; 1 if anything was missed or falsely flagged."""
    result = evaluate(path)
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


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety.evaluate")
    parser.add_argument("legacy_cases", nargs="?", help=argparse.SUPPRESS)
    parser.add_argument("--cases", help="score a reviewed-cases file (tests/bot/safety/cases.yml) instead")
    parser.add_argument("--part", choices=("dev", "tune", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "blind", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms (not for blind)")
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    args = parser.parse_args(argv)
    cases = args.cases or args.legacy_cases
    if cases:
        return cases_report(cases)
    for part in PARTS if args.part == "both" else (args.part,):
        path = args.eval_dir / f"{part}.yml"
        if not path.exists():
            print(f"== {part}: {path} not found")
            continue
        print_part(part, score_items(load_items(path)), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
