"""The red-flag catalogue (data/clinical/red_flags.yml), loaded once and compiled for matching."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple

import yaml

from bot.safety.dutch_words import ALWAYS_MEANT, common_words
from bot.safety.levels import TRIAGE_ORDER
from bot.safety.lexicon import Lexicon
from bot.safety.normalize import fold_word
from bot.safety.patterns import Pattern, parse_pattern

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "data" / "clinical" / "red_flags.yml"
# The order-free layer (bot/safety/concepts.py): meaning of a clause as sets of words.
CONCEPTS_PATH = CATALOGUE_PATH.with_name("red_flag_concepts.yml")


@dataclass(frozen=True)
class Escalation:
    """Raise a flag to `level` when a `near` phrase is in its sentence or a `with_codes` flag is present."""

    level: str
    near: Tuple[Pattern, ...]
    with_codes: Tuple[str, ...]


@dataclass(frozen=True)
class RedFlag:
    """One catalogue entry, with its phrasings compiled."""

    code: str
    level: str
    label_nl: str
    phrasings: Tuple[Pattern, ...]
    exclusions: Tuple[Pattern, ...]
    explanations: Tuple[Pattern, ...]
    escalations: Tuple[Escalation, ...]
    history_counts: bool
    examples: Tuple[str, ...]
    # Phrasings in which a negation word is the complaint ("liggen gaat niet", "niks helpt"):
    # only the learned layer's negation check reads them (bot/safety/uncertain.py).
    negation_is_symptom: Tuple[Pattern, ...] = ()
    # Still a flag when the writer says it is over: cured cancer is the history that matters.
    counts_when_over: bool = False
    # The learned layer may flag or ask this code only when one of these is in the message: a
    # bag of words read "mijn rug doet al 3 dagen pijn" as fever (from "al 3 dagen koorts").
    learned_needs: Tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class ContextRules:
    """ConText-style rules: negation, pseudo-negation, history and who has the symptom."""

    negation_words: FrozenSet[str]
    negation_window: int
    short_reach: Mapping[str, int]
    after_words: FrozenSet[str]
    fillers: FrozenSet[str]
    tail: FrozenSet[str]
    terminators: FrozenSet[str]
    gap_blockers: FrozenSet[str]
    pseudo: Tuple[Pattern, ...]
    history: Tuple[Pattern, ...]
    history_window: int
    experiencer: Tuple[Pattern, ...]
    experiencer_after: Tuple[Pattern, ...]
    experiencer_window: int
    experiencer_stop_words: FrozenSet[str]
    experiencer_kept_levels: FrozenSet[str]
    experiencer_past_words: FrozenSet[str]
    experiencer_back: Tuple[Pattern, ...]
    experiencer_back_signals: FrozenSet[str]
    glue_words: FrozenSet[str]
    hypothetical: Tuple[Pattern, ...] = ()
    denial: Tuple[Pattern, ...] = ()
    denial_here: Tuple[Pattern, ...] = ()
    denial_earlier: Tuple[Pattern, ...] = ()
    denial_new: Tuple[Pattern, ...] = ()
    improving: Tuple[Pattern, ...] = ()
    resolved: Tuple[Pattern, ...] = ()
    resolved_not: Tuple[Pattern, ...] = ()
    unharmed: Tuple[Pattern, ...] = ()
    recovered: Tuple[Pattern, ...] = ()
    for_study: Tuple[Pattern, ...] = ()
    no_crisis_question: Tuple[Pattern, ...] = ()
    acute: Tuple[Pattern, ...] = ()
    reported: Tuple[Pattern, ...] = ()
    retold: Tuple[Pattern, ...] = ()
    told_past: Tuple[Pattern, ...] = ()
    completed: Tuple[Pattern, ...] = ()
    recurring: Tuple[Pattern, ...] = ()
    crisis_topic: Tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class Concept:
    """Words that together carry a flag's meaning in one clause, in any order.

    `slots`: each must be found (a word or short phrasing) in the same clause, on different
    words, all within `window` words. `question`: only uncertain: ask, do not flag.
    `scope`: "clause" (split at joining words such as 'maar', 'want'), "sentence", or "message"
    (two facts told in separate sentences: "ik slik al jaren prednison. Nu ineens hevige pijn.").
    """

    code: str
    level: str
    slots: Tuple[Tuple[Pattern, ...], ...]
    unless: Tuple[Pattern, ...]
    window: int
    scope: str
    question: bool
    source: str
    needs: Tuple[FrozenSet[int], ...] = ()  # atom sets that must all be in a message (fast pre-check)


@dataclass(frozen=True)
class Catalogue:
    """All red flags in catalogue order, the context rules and the shared lexicon."""

    flags: Tuple[RedFlag, ...]
    context: ContextRules
    lexicon: Lexicon
    concepts: Tuple[Concept, ...] = ()

    def flag(self, code: str) -> RedFlag:
        """The entry for `code`; KeyError if the catalogue has no such code."""
        for flag in self.flags:
            if flag.code == code:
                return flag
        raise KeyError(code)


def _words(values: Optional[Sequence[Any]]) -> FrozenSet[str]:
    return frozenset(fold_word(str(value)) for value in values or ())


class _Compiler:
    def __init__(self, classes: Mapping[str, Sequence[str]]) -> None:
        self.lexicon = Lexicon()
        self.classes = classes

    def patterns(self, sources: Optional[Sequence[Any]], fuzzy: bool = True) -> Tuple[Pattern, ...]:
        return tuple(parse_pattern(str(s), self.lexicon, self.classes, fuzzy) for s in sources or ())


def _level(value: Any, where: str) -> str:
    if value not in TRIAGE_ORDER:
        raise ValueError(f"{where}: level must be one of {TRIAGE_ORDER}, not {value!r}")
    return str(value)


def _flag(entry: Dict[str, Any], compile_: _Compiler) -> RedFlag:
    code = str(entry["code"])
    escalations = tuple(
        Escalation(
            _level(rule.get("level"), f"{code} escalation"),
            compile_.patterns(rule.get("near")),
            tuple(str(c) for c in rule.get("with_codes") or ()),
        )
        for rule in entry.get("escalations") or ()
    )
    return RedFlag(
        code=code,
        level=_level(entry.get("level"), code),
        label_nl=str(entry["label_nl"]),
        phrasings=compile_.patterns(entry.get("phrasings")),
        # Anything that can switch a flag off is matched exactly: typos must never silence it.
        exclusions=compile_.patterns(entry.get("exclusions"), fuzzy=False),
        explanations=compile_.patterns(entry.get("explanations"), fuzzy=False),
        escalations=escalations,
        history_counts=bool(entry.get("history_counts", False)),
        examples=tuple(str(e) for e in entry.get("examples") or ()),
        negation_is_symptom=compile_.patterns(entry.get("negation_is_symptom"), fuzzy=False),
        counts_when_over=bool(entry.get("counts_when_over", False)),
        learned_needs=compile_.patterns(entry.get("learned_needs"), fuzzy=False),
    )


def _context(raw: Dict[str, Any], compile_: _Compiler) -> ContextRules:
    negation, history, experiencer = raw["negation"], raw["history"], raw["experiencer"]
    return ContextRules(
        negation_words=_words(negation["words"]),
        negation_window=int(negation["window"]),
        short_reach={fold_word(k): int(v) for k, v in (negation.get("short_reach") or {}).items()},
        after_words=_words(negation["after_words"]),
        fillers=_words(negation["fillers"]),
        tail=_words(negation["tail"]),
        terminators=_words(raw["terminators"]),
        gap_blockers=_words(raw["gap_blockers"]),
        pseudo=compile_.patterns(raw.get("pseudo"), fuzzy=False),
        history=compile_.patterns(history["triggers"], fuzzy=False),
        history_window=int(history["window"]),
        experiencer=compile_.patterns(experiencer["triggers"], fuzzy=False),
        experiencer_after=compile_.patterns(experiencer.get("after_triggers"), fuzzy=False),
        experiencer_window=int(experiencer["window"]),
        experiencer_stop_words=_words(experiencer.get("stop_words")),
        experiencer_kept_levels=frozenset(experiencer.get("kept_levels") or ()),
        experiencer_past_words=_words(experiencer.get("past_words")),
        experiencer_back=compile_.patterns(experiencer.get("back"), fuzzy=False),
        experiencer_back_signals=frozenset(experiencer.get("back_signals") or ()),
        glue_words=_words(raw.get("glue_words")),
        **{key: compile_.patterns(values, fuzzy=False) for key, values in (raw.get("discourse") or {}).items()},
    )


def _check(flags: List[RedFlag]) -> None:
    codes = [flag.code for flag in flags]
    if len(set(codes)) != len(codes):
        raise ValueError("red-flag codes must be unique")
    for flag in flags:
        for rule in flag.escalations:
            unknown = set(rule.with_codes) - set(codes)
            if unknown:
                raise ValueError(f"{flag.code}: escalation refers to unknown codes {sorted(unknown)}")


def _concepts(raw: Dict[str, Any], compile_: _Compiler, flags: List[RedFlag]) -> Tuple[Concept, ...]:
    levels = {flag.code: flag.level for flag in flags}
    classes = dict(compile_.classes)
    classes.update({name: list(members) for name, members in (raw.get("word_classes") or {}).items()})
    compile_.classes = classes
    concepts = []
    for entry in raw.get("concepts") or ():
        code = str(entry["code"])
        if code not in levels:
            raise ValueError(f"concept for unknown code {code!r}")
        slots = tuple(compile_.patterns([slot]) for slot in entry["all"])
        if not slots:
            raise ValueError(f"concept for {code}: `all` is empty")
        scope = str(entry.get("scope", "clause"))
        if scope not in ("clause", "sentence", "message"):
            raise ValueError(f"concept {entry['all']!r}: scope must be clause, sentence or message")
        concepts.append(Concept(
            code=code,
            level=_level(entry.get("level", levels[code]), f"concept {code}"),
            slots=slots,
            unless=compile_.patterns(entry.get("unless"), fuzzy=False),
            window=int(entry.get("window", 8)),
            scope=scope,
            question=bool(entry.get("question", False)),
            source=" + ".join(str(slot) for slot in entry["all"]),
            needs=tuple(atoms for patterns in slots for atoms in patterns[0].required),
        ))
    return tuple(concepts)


@functools.lru_cache(maxsize=4)
def load_catalogue(path: Optional[str] = None, concepts_path: Optional[str] = None) -> Catalogue:
    """The compiled catalogue at `path` (default: data/clinical/red_flags.yml), read once.

    The order-free concepts (default: red_flag_concepts.yml next to the default catalogue) share
    its lexicon, so their words get the same typo tolerance; a custom catalogue gets none unless
    `concepts_path` is given.
    """
    with open(path or CATALOGUE_PATH, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    compile_ = _Compiler({name: list(members) for name, members in raw["word_classes"].items()})
    flags = [_flag(entry, compile_) for entry in raw["flags"]]
    _check(flags)
    context = _context(raw["context"], compile_)
    concepts: Tuple[Concept, ...] = ()
    source = concepts_path or (None if path else CONCEPTS_PATH)
    if source and Path(source).exists():
        with open(source, encoding="utf-8") as handle:
            concepts = _concepts(yaml.safe_load(handle), compile_, flags)
    compile_.lexicon.freeze(_words(raw.get("fuzzy_exceptions")) | context.glue_words | common_words(ALWAYS_MEANT),
                            common_words())
    return Catalogue(tuple(flags), context, compile_.lexicon, concepts)


def codes() -> Tuple[str, ...]:
    """All red-flag codes, in catalogue order."""
    return tuple(flag.code for flag in load_catalogue().flags)


def level_of(code: str) -> str:
    """The base triage level of `code` (before any escalation in a message)."""
    return load_catalogue().flag(code).level


def label_of(code: str) -> str:
    """The Dutch label of `code`, fit for 'Ik heb rugpijn en <label>'."""
    return load_catalogue().flag(code).label_nl
