"""The line of a triage reply that repeats what the person told: data/clinical/triage_echo.yml.

"Vertel wat je mij vertelde: ..." must say only what was said: the age they gave, an
infection when they wrote an infection and no fever, and "mijn man heeft ..." when the
writer is telling about someone else. Each red flag's own words (the span the matcher
found) choose the variant; the file is read on first use, not at import.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml

from bot.dutch_text import fold_accents

ECHO_PATH = Path(__file__).resolve().parents[2] / "data" / "clinical" / "triage_echo.yml"
AGE_MARK = "{age}"
_AGE = (
    re.compile(r"\b(\d{1,3})\s*(?:jaar|jr|j)\b"),
    re.compile(r"\((\d{1,3})\)"),
    re.compile(r"\b(?:ben|is|word|wordt|werd|van)\s+(\d{1,3})\b"),
)
_SELF = re.compile(r"\b(ik|k|'k|kik)\b")
_PRONOUN = re.compile(r"\b(hij|zij|ze)\b")
_SENTENCE_END = re.compile(r"[.!?\n]")
# "geen koorts", "zonder koude rillingen": what follows was not said to be there ("niet"
# is left out: it belongs to symptoms, "kan mijn plas niet meer ophouden").
_NEGATED_BEFORE = re.compile(r"\b(geen|zonder|nooit)\b(\s+\S+){0,2}\s*$")


@dataclass(frozen=True)
class Variant:
    when: Optional["re.Pattern[str]"]
    needs_age: bool
    self_line: str
    other_line: str


@dataclass(frozen=True)
class Echo:
    opening_self: str
    opening_other: str
    joiner: str
    people: Mapping[str, Tuple[str, str]]
    codes: Mapping[str, Tuple[Variant, ...]]
    asked: Mapping[str, str]

    def variants(self, code: str) -> Tuple[Variant, ...]:
        return self.codes.get(code, ())


@dataclass(frozen=True)
class Person:
    """Someone else the message is about: how the writer names them, and their pronouns."""

    name: str  # "mijn man"
    subject: str  # hij / zij / die
    possessive: str  # zijn / haar / zijn of haar


def _variant(entry: Mapping[str, Any]) -> Variant:
    when = entry.get("when")
    needs_age = when == AGE_MARK
    return Variant(
        when=re.compile(str(when)) if when and not needs_age else None,
        needs_age=needs_age,
        self_line=str(entry["self"]).strip(),
        other_line=str(entry["other"]).strip(),
    )


@functools.lru_cache(maxsize=4)
def load_echo(path: Optional[str] = None) -> Echo:
    """The echo lines of every code, read once."""
    with open(path or ECHO_PATH, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    codes: Dict[str, Tuple[Variant, ...]] = {}
    asked: Dict[str, str] = {}
    for code, variants in raw["codes"].items():
        codes[str(code)] = tuple(_variant(item) for item in variants)
    for code, entry in (raw.get("asked") or {}).items():
        asked[str(code)] = str(entry).strip()
    opening = raw["opening"]
    return Echo(
        opening_self=str(opening["self"]), opening_other=str(opening["other"]),
        joiner=str(opening.get("joiner", "en")),
        people={str(word): (str(pair[0]), str(pair[1])) for word, pair in raw["people"].items()},
        codes=codes, asked=asked,
    )


def age_in(text: str) -> Optional[int]:
    """The first age the text gives as a number ("ik ben 72", "mijn vader (72)", "58 jaar")."""
    for pattern in _AGE:
        for match in pattern.finditer(text):
            value = int(match.group(1))
            if 1 <= value <= 120:
                return value
    return None


def _sentence(text: str, start: int, end: int) -> Tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def _people_pattern(echo: Echo) -> "re.Pattern[str]":
    words = "|".join(sorted(map(re.escape, echo.people), key=len, reverse=True))
    return re.compile(rf"\b(mijn|m'n|mn|onze|ons)\s+({words})\b")


def person_of(text: str, start: int, echo: Optional[Echo] = None) -> Optional[Person]:
    """Someone else when the nearest subject before `start` is them, not the writer.

    "mijn man kan niet plassen" and "ik schrijf voor mijn vader. Hij sleept met zijn voet"
    are about someone else; "ik heb koorts en mijn vrouw zegt ..." is not.
    """
    echo = echo or load_echo()
    folded = fold_accents(text)
    people = list(_people_pattern(echo).finditer(folded))
    if not people:
        return None
    sentence_start, _ = _sentence(folded, start, start)
    last: Optional[str] = None
    for begin in (sentence_start, 0):
        window = folded[begin:start]
        marks = [(m.start(), "self") for m in _SELF.finditer(window)]
        marks += [(m.start(), "other") for m in _PRONOUN.finditer(window)]
        marks += [(m.start(), "other") for m in _people_pattern(echo).finditer(window)]
        if marks:
            last = max(marks)[1]
            break
    if last is None:
        # The flag's own words open the sentence ("kan niet plassen"): its subject follows.
        window = folded[start:_sentence(folded, start, start)[1]]
        first = re.search(r"\b(ik|k)\b|\b(hij|zij|ze)\b", window)
        last = "other" if first and first.group(2) else "self"
    if last != "other":
        return None
    match = people[0]
    word = match.group(2)
    subject, possessive = echo.people[word]
    return Person(f"mijn {word}" if match.group(1) in ("mijn", "m'n", "mn") else f"{match.group(1)} {word}",
                  subject, possessive)


def _line(variant: Variant, person: Optional[Person], age: Optional[int], word: str = "") -> str:
    template = variant.other_line if person else variant.self_line
    values = {"age": age if age is not None else "", "word": word,
              "hij": person.subject if person else "", "zijn": person.possessive if person else ""}
    return template.format(**values)


def echo_line(code: str, text: str, start: int = 0, end: int = 0, person: Optional[Person] = None,
              echo: Optional[Echo] = None) -> str:
    """What the person said about red flag `code`, in their own person ("ik" or "hij")."""
    echo = echo or load_echo()
    folded = fold_accents(text)
    own = folded[start:end] if end > start else ""
    sentence = folded[slice(*_sentence(folded, start, end))] if end > start else folded
    age = age_in(own) or age_in(sentence) or age_in(folded)
    for variant in echo.variants(code):
        # The flag's own words first; its sentence may add what they leave out ("koorts"
        # and, further on, "koude rillingen"), unless a negation stands right before it.
        for scope, guarded in ((own, False), (sentence, True)):
            if not scope:
                continue
            if variant.needs_age:
                if age_in(scope) is not None:
                    return _line(variant, person, age)
                continue
            if variant.when is None:
                continue
            match = next((m for m in variant.when.finditer(scope)
                          if not (guarded and _NEGATED_BEFORE.search(scope[:m.start()]))), None)
            if match:
                word = match.groupdict().get("word") or ""
                return _line(variant, person, age, word)
    fallback = [v for v in echo.variants(code) if v.when is None and not v.needs_age]
    if fallback:
        return _line(fallback[-1], person, age)
    from bot.safety.catalogue import label_of

    return label_of(code)


def triage_summary(flags: Sequence[Mapping[str, Any]], text: str, level: Optional[str],
                   asked: Sequence[str] = ()) -> str:
    """The whole echo line for this message's red flags (entities with value, start, end),
    plus the codes of a clarifying question whose answer escalated (`asked`)."""
    echo = load_echo()
    found = [f for f in flags if f.get("value")]
    person = None
    for flag in found:
        person = person_of(text, int(flag.get("start") or 0), echo)
        if person:
            break
    lines: List[str] = []
    for flag in found:
        line = echo_line(str(flag["value"]), text, int(flag.get("start") or 0), int(flag.get("end") or 0),
                         person, echo)
        if line not in lines:
            lines.append(line)
    for code in asked:
        line = echo.asked.get(code) or echo_line(code, "", person=None, echo=echo)
        if line not in lines:
            lines.append(line)
    if person:
        lines.insert(0, echo.opening_other.format(who=person.name))
    elif level == "emergency":
        lines.insert(0, echo.opening_self)
    if len(lines) <= 2:
        return f" {echo.joiner} ".join(lines)
    return ", ".join(lines[:-1]) + f" {echo.joiner} " + lines[-1]
