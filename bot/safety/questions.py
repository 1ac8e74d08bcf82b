"""Clarifying questions for uncertain safety signals: data/clinical/clarifying_questions.yml.

The matcher names a code (`Detection.question`); this module says what to ask, and what
an answer means: escalate to which level with which red-flag code, or a calm reply that
says what to watch for. The file is read on first use, not at import.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Mapping, Optional

import yaml

from bot.safety.levels import TRIAGE_ORDER

QUESTIONS_PATH = Path(__file__).resolve().parents[2] / "data" / "clinical" / "clarifying_questions.yml"
YES, NO, UNSURE = "yes", "no", "unsure"


@dataclass(frozen=True)
class ClarifyingQuestion:
    """One question: its text, which answer escalates, and to what."""

    code: str
    question: str
    escalate_on: str  # YES or NO
    unsure_escalates: bool
    level: str
    flag: str
    calm_reply: Mapping[str, str]
    source: str
    closing: Mapping[str, str] = field(default_factory=dict)  # "open", "in_form"
    door_open: Mapping[str, str] = field(default_factory=dict)  # per country

    def escalates(self, answer: Optional[str]) -> Optional[bool]:
        """True: escalate; False: the calm reply; None: not an answer to this question."""
        if answer == UNSURE:
            return self.unsure_escalates
        if answer in (YES, NO):
            return answer == self.escalate_on
        return None

    def calm_text(self, country: str, in_form: bool = False) -> str:
        """The calm reply, closed by an open question, or (inside a form) by a line that
        leads back to the form's own question."""
        calm = self.calm_reply.get(country.upper()) or self.calm_reply["NL"]
        closing = self.closing.get("in_form" if in_form else "open")
        return f"{calm}\n{closing}" if closing else calm

    def door_text(self, country: str) -> str:
        """One line for a reply about something else: where help is, always. Without a
        line of its own, the calm reply's warning (its last sentences) stands in."""
        door = self.door_open.get(country.upper()) or self.door_open.get("NL")
        if door:
            return door
        calm = self.calm_reply.get(country.upper()) or self.calm_reply["NL"]
        return calm.split("Dank je. ", 1)[-1]


def _question(code: str, entry: Mapping[str, object], closing: Mapping[str, str]) -> ClarifyingQuestion:
    escalate_on = str(entry["escalate_on"])
    level = str(entry["level"])
    if escalate_on not in (YES, NO):
        raise ValueError(f"{code}: escalate_on must be 'yes' or 'no', not {escalate_on!r}")
    if level not in TRIAGE_ORDER:
        raise ValueError(f"{code}: unknown level {level!r}")
    calm = {str(country).upper(): str(text).strip() for country, text in dict(entry["calm_reply"]).items()}
    if "NL" not in calm:
        raise ValueError(f"{code}: calm_reply needs an NL text")
    return ClarifyingQuestion(
        code=code,
        question=str(entry["question"]).strip(),
        escalate_on=escalate_on,
        unsure_escalates=str(entry.get("unsure", "escalate")) == "escalate",
        level=level,
        flag=str(entry["flag"]),
        calm_reply=calm,
        source=str(entry.get("source", "")),
        closing=closing,
        door_open={str(country).upper(): str(text).strip()
                   for country, text in dict(entry.get("door_open") or {}).items()},
    )


@functools.lru_cache(maxsize=4)
def load_questions(path: Optional[str] = None) -> Dict[str, ClarifyingQuestion]:
    """All clarifying questions by code, read once."""
    with open(path or QUESTIONS_PATH, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    closing = {str(key): str(line).strip() for key, line in (raw.get("closing") or {}).items()}
    return {str(code): _question(str(code), entry, closing) for code, entry in raw["questions"].items()}


def question_for(code: Optional[str]) -> Optional[ClarifyingQuestion]:
    """The question for `code`, or None for no code or one without a question."""
    return load_questions().get(code) if code else None
