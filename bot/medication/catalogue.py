"""The interaction catalogue (data/clinical/medications.yml), loaded once and indexed."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple

import yaml

from bot.medication.text import fold, phrase_tokens
from bot.settings import PROJECT_ROOT

MEDICATIONS_FILE = PROJECT_ROOT / "data" / "clinical" / "medications.yml"

KIND_GENERIC = "generic"
KIND_BRAND = "brand"
KIND_CONDITION = "condition"
KIND_GROUP = "group"


@dataclass(frozen=True)
class InteractionClass:
    """A group of medicines, or a condition, that needs care with magnesium."""

    code: str
    label: str
    advice: str
    why: str
    source: str
    is_condition: bool = False
    hours: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Term:
    """One way of naming something in the catalogue, as normalized words."""

    words: Tuple[str, ...]
    canonical: str
    class_codes: Tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class Catalogue:
    """Everything the matcher looks up, built once from the YAML file."""

    classes: Mapping[str, InteractionClass]
    terms: Tuple[Term, ...]
    by_first_word: Mapping[str, Tuple[Term, ...]]
    fuzzy_choices: Mapping[str, Tuple[str, ...]]
    known_words: FrozenSet[str]

    def single_word(self, word: str) -> Optional[Term]:
        """The one-word term spelled exactly `word`, if any."""
        for term in self.by_first_word.get(word, ()):
            if len(term.words) == 1:
                return term
        return None


def _required(entry: Mapping[str, Any], key: str, where: str) -> Any:
    value = entry.get(key)
    if value in (None, ""):
        raise ValueError(f"{MEDICATIONS_FILE.name}: {where} lacks '{key}'")
    return value


def _medicine_terms(medicine: Mapping[str, Any], class_codes: Tuple[str, ...]) -> Iterable[Term]:
    generic = fold(_required(medicine, "generic", "a medicine")).strip()
    for name in [generic, *(medicine.get("forms") or ())]:
        yield Term(phrase_tokens(name), generic, class_codes, KIND_GENERIC)
    for brand in medicine.get("brands") or ():
        yield Term(phrase_tokens(brand), generic, class_codes, KIND_BRAND)


def _interaction_class(entry: Mapping[str, Any], code: str, is_condition: bool) -> InteractionClass:
    return InteractionClass(
        code=code,
        label=_required(entry, "label", code),
        advice=_required(entry, "advice", code),
        why=_required(entry, "why", code),
        source=_required(entry, "source", code),
        hours=dict(entry.get("hours") or {}),
        is_condition=is_condition,
    )


def _parse(raw: Mapping[str, Any]) -> Tuple[Dict[str, InteractionClass], List[Term]]:
    classes: Dict[str, InteractionClass] = {}
    terms: List[Term] = []
    for entry in raw.get("classes") or ():
        code = _required(entry, "code", "a class")
        classes[code] = _interaction_class(entry, code, is_condition=False)
        for medicine in _required(entry, "medicines", code):
            terms.extend(_medicine_terms(medicine, (code,)))
    for entry in raw.get("conditions") or ():
        code = _required(entry, "code", "a condition")
        classes[code] = _interaction_class(entry, code, is_condition=True)
        name = fold(_required(entry, "name", code))
        for phrase in _required(entry, "phrases", code):
            terms.append(Term(phrase_tokens(phrase), name, (code,), KIND_CONDITION))
    for entry in raw.get("groups") or ():
        codes = tuple(_required(entry, "classes", "a group"))
        unknown = [code for code in codes if code not in classes]
        if unknown:
            raise ValueError(f"{MEDICATIONS_FILE.name}: group names unknown classes {unknown}")
        for word in _required(entry, "words", "a group"):
            terms.append(Term(phrase_tokens(word), fold(word), codes, KIND_GROUP))
    for medicine in raw.get("no_known_interaction") or ():
        terms.extend(_medicine_terms(medicine, ()))
    return classes, terms


def _index(terms: List[Term]) -> Tuple[Dict[str, Tuple[Term, ...]], Dict[str, Tuple[str, ...]]]:
    seen: Dict[Tuple[str, ...], Term] = {}
    for term in terms:
        if not term.words:
            raise ValueError(f"{MEDICATIONS_FILE.name}: empty name for {term.canonical}")
        other = seen.get(term.words)
        if other is not None and (other.canonical, other.class_codes) != (term.canonical, term.class_codes):
            raise ValueError(f"{MEDICATIONS_FILE.name}: '{' '.join(term.words)}' names two things")
        seen[term.words] = term
    by_first: Dict[str, List[Term]] = {}
    for term in seen.values():
        by_first.setdefault(term.words[0], []).append(term)
    # Longest phrase first, so "myasthenia gravis" wins over "myasthenia".
    ordered = {word: tuple(sorted(group, key=lambda t: -len(t.words))) for word, group in by_first.items()}
    # Fuzzy matching only corrects a single long medicine name: condition and group words
    # are everyday compounds ("schildklier" is one letter-run from "schildklierpil").
    choices: Dict[str, List[str]] = {}
    for term in seen.values():
        if len(term.words) == 1 and len(term.words[0]) >= 5 and term.kind in (KIND_GENERIC, KIND_BRAND):
            choices.setdefault(term.words[0][0], []).append(term.words[0])
    return ordered, {letter: tuple(sorted(words)) for letter, words in choices.items()}


@lru_cache(maxsize=4)
def load_catalogue(path: Path = MEDICATIONS_FILE) -> Catalogue:
    """Reads and indexes the interaction catalogue.

    Args:
        path: The YAML file; the project's own catalogue by default.

    Raises:
        ValueError: When the file misses a field or names one word twice.
    """
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    classes, terms = _parse(raw)
    by_first, choices = _index(terms)
    unique_terms = tuple(term for group in by_first.values() for term in group)
    return Catalogue(
        classes=classes,
        terms=unique_terms,
        by_first_word=by_first,
        fuzzy_choices=choices,
        known_words=frozenset(word for term in unique_terms for word in term.words),
    )


def interaction_class(code: str) -> Optional[InteractionClass]:
    """The class or condition with this code, or None."""
    return load_catalogue().classes.get(code)

