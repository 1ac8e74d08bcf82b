"""Assigned messages into `data/nlu/learned.yml`, as Rasa NLU training examples.

An example is left out when it would teach the wrong thing or keep what it should not:
a red flag or safety question (the deterministic detector answers those, and a red flag
must never become "just" a topic), an e-mail address, phone number or web address, a
topic the domain does not know, or a text some intent already has (Rasa would report
the conflict, and the same words under two topics teach nothing). Earlier exports stay:
the file only grows, and a decision is final once exported.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set

import yaml

from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.learning.store import Decision, MisunderstoodMessage
from bot.settings import PROJECT_ROOT

LEARNED_FILE = "learned.yml"
DATA_NLU = PROJECT_ROOT / "data" / "nlu"
# Held-out examples measure generalisation: one in the training data would measure memory.
HOLDOUT = PROJECT_ROOT / "tests" / "nlu" / "holdout"
HEADER = ("# Examples the practice taught the assistant in the console's \"Niet begrepen\" inbox.\n"
          "# Written by `python -m bot.cli export-learned`; reviewed like any other training data.\n")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
# Eight or more digits, spaces, dots, dashes or brackets in a row, optionally after a +: a phone number.
_PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
# Characters Rasa reads as entity markup inside an example.
_MARKUP = re.compile(r"[\[\]{}()]")


def has_contact_details(text: str) -> bool:
    return bool(_EMAIL.search(text) or _URL.search(text) or
                any(sum(c.isdigit() for c in m.group()) >= 8 for m in _PHONE.finditer(text)))


def training_text_key(text: str) -> str:
    """How two examples are compared (as tests/test_training_data.py does): case, spacing and punctuation do not count.

    Accents do count, unlike `bot.dutch_text.normalise`: the NLU sees them, so "één" and "een" are two examples.
    """
    return re.sub(r"[\s\W_]+", " ", unicodedata.normalize("NFKC", text).lower()).strip()


def example_text(text: str) -> str:
    """The message as one line of training data: no line breaks, no entity markup."""
    return " ".join(_MARKUP.sub(" ", text).split())


def flagged_by_safety(text: str) -> bool:
    from bot.safety import detect_red_flags

    detection = detect_red_flags(text)
    return bool(detection.flags or detection.question)


def read_examples(nlu_dir: Path) -> Dict[str, Dict[str, List[str]]]:
    """{file name: {intent: [examples]}} for every NLU file."""
    found: Dict[str, Dict[str, List[str]]] = {}
    for path in sorted(nlu_dir.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        per_intent: Dict[str, List[str]] = {}
        for block in document.get("nlu") or []:
            if isinstance(block, dict) and block.get("intent"):
                lines = str(block.get("examples") or "").splitlines()
                per_intent.setdefault(block["intent"], []).extend(
                    line.strip()[2:].strip() for line in lines if line.strip().startswith("- "))
        found[path.name] = per_intent
    return found


def render(examples: Dict[str, List[str]]) -> str:
    """Rasa NLU yaml for {intent: examples}, intents sorted, examples in the order taught."""
    lines = [HEADER.rstrip("\n"), 'version: "3.1"', "", "nlu:"]
    for intent in sorted(examples):
        if not examples[intent]:
            continue
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {example}" for example in examples[intent]]
    return "\n".join(lines) + "\n"


@dataclass
class ExportReport:
    added: List[str] = field(default_factory=list)
    skipped: Dict[str, int] = field(default_factory=dict)  # reason: count
    path: Optional[Path] = None

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def plan_export(rows: Iterable[MisunderstoodMessage], existing: Dict[str, Dict[str, List[str]]],
                known_intents: Set[str], report: ExportReport,
                is_flagged: Callable[[str], bool] = flagged_by_safety) -> Dict[str, List[str]]:
    """learned.yml's new content: its earlier examples plus the rows that pass every screen."""
    learned = {intent: list(examples) for intent, examples in existing.get(LEARNED_FILE, {}).items()}
    seen = {training_text_key(example) for per_intent in existing.values() for examples in per_intent.values()
            for example in examples}
    for row in rows:
        example = example_text(row.user_text)
        if row.topic not in known_intents:
            report.skip("onbekend onderwerp")
        elif not example or training_text_key(example) in seen:
            report.skip("dubbel")
        elif has_contact_details(example):
            report.skip("contactgegevens")
        elif is_flagged(example):
            report.skip("alarmsignaal")
        else:
            learned.setdefault(row.topic, []).append(example)
            seen.add(training_text_key(example))
            report.added.append(f"{row.topic}: {example}")
    return learned


def export_learned(*, url: str, nlu_dir: Path = DATA_NLU,
                   known_intents: Optional[Set[str]] = None, compare_with: Sequence[Path] = (DATA_NLU, HOLDOUT)
                   ) -> ExportReport:
    """Writes every assigned, not yet exported message into `nlu_dir`/learned.yml and marks it exported.

    Examples already in `compare_with` (the project's NLU data, the held-out set) are doubles. Messages left
    out are marked too: their decision is final, and the next export would only leave
    them out again.
    """
    from bot.learning.topics import domain_intents

    known = known_intents if known_intents is not None else set(domain_intents())
    report = ExportReport(path=nlu_dir / LEARNED_FILE)
    with session_scope(url) as session:
        rows = (session.query(MisunderstoodMessage)
                .filter(MisunderstoodMessage.decision == Decision.ASSIGNED.value,
                        MisunderstoodMessage.exported_at.is_(None))
                .order_by(MisunderstoodMessage.decided_at).all())
        if not rows:
            return report
        existing = read_examples(nlu_dir)
        for other in compare_with:
            if other.resolve() != nlu_dir.resolve() and other.is_dir():
                existing.update({f"{other}/{name}": found for name, found in read_examples(other).items()})
        learned = plan_export(rows, existing, known, report)
        if report.added:
            partial = report.path.with_suffix(".yml.partial")
            partial.write_text(render(learned), encoding="utf-8")
            partial.replace(report.path)  # never a half-written file in data/
        now = utcnow()
        for row in rows:
            row.exported_at = now
    return report
