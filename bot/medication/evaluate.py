"""Measures the matcher against the reviewed cases: `python -m bot.medication.evaluate`.

Recall counts expected medicines and class codes that were found; false positives
count medicines and class codes that were found but not expected.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

import yaml

from bot.medication.matcher import find_medications
from bot.settings import PROJECT_ROOT

CASES_FILE = PROJECT_ROOT / "tests" / "bot" / "medication" / "cases.yml"


@dataclass
class Score:
    """Counts for one kind of label (medications or class codes)."""

    expected: int = 0
    found: int = 0
    false_positives: int = 0
    misses: List[str] = field(default_factory=list)
    extras: List[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of expected labels that were found (1.0 when nothing was expected)."""
        return self.found / self.expected if self.expected else 1.0

    def add(self, text: str, expected: Iterable[str], got: Iterable[str]) -> None:
        """Scores one case."""
        expected_set, got_set = set(expected), set(got)
        self.expected += len(expected_set)
        self.found += len(expected_set & got_set)
        self.false_positives += len(got_set - expected_set)
        self.misses += [f"{text!r}: {name}" for name in sorted(expected_set - got_set)]
        self.extras += [f"{text!r}: {name}" for name in sorted(got_set - expected_set)]


@dataclass
class Report:
    """The result of a run over the cases."""

    cases: int
    medications: Score
    classes: Score


def load_cases(path: Path = CASES_FILE) -> List[dict]:
    """The cases: text, medications, classes and optionally expecting_list."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])


def evaluate(cases: Sequence[dict]) -> Report:
    """Runs the matcher over every case and scores it."""
    medications, classes = Score(), Score()
    for case in cases:
        findings = find_medications(case["text"], expecting_list=bool(case.get("expecting_list", False)))
        medications.add(case["text"], case.get("medications") or (), findings.medications)
        classes.add(case["text"], case.get("classes") or (), findings.interaction_classes)
    return Report(cases=len(cases), medications=medications, classes=classes)


def _print_score(name: str, score: Score) -> None:
    print(f"{name}: recall {score.found}/{score.expected} = {score.recall:.3f}, false positives {score.false_positives}")
    for line in score.misses:
        print(f"  missed   {line}")
    for line in score.extras:
        print(f"  extra    {line}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Prints recall and false positives; exits 1 with --strict when either is off."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES_FILE)
    parser.add_argument("--strict", action="store_true", help="exit 1 unless recall is 1 and no false positives")
    args = parser.parse_args(argv)
    report = evaluate(load_cases(args.cases))
    print(f"{report.cases} cases")
    _print_score("medications", report.medications)
    _print_score("classes", report.classes)
    perfect = all(s.recall == 1.0 and s.false_positives == 0 for s in (report.medications, report.classes))
    return 1 if args.strict and not perfect else 0


if __name__ == "__main__":
    sys.exit(main())
