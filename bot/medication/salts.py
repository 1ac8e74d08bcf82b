"""The magnesium salt table and daily limits (data/clinical/supplements.yml), loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Optional, Tuple

import yaml

from bot.medication.text import fold
from bot.settings import PROJECT_ROOT

SUPPLEMENTS_FILE = PROJECT_ROOT / "data" / "clinical" / "supplements.yml"


@dataclass(frozen=True)
class SaltForm:
    """A magnesium salt and the share of its weight that is magnesium."""

    form: str
    share_min: float
    share_max: float
    names: Tuple[str, ...]
    note: str


@dataclass(frozen=True)
class SupplementFacts:
    """The salts and daily limits from data/clinical/supplements.yml."""

    salts: Tuple[SaltForm, ...]
    by_name: Mapping[str, SaltForm]
    upper_level_mg: float
    diarrhoea_from_mg: float
    need_women_mg: float
    need_men_mg: float


@lru_cache(maxsize=4)
def load_supplement_facts(path: Path = SUPPLEMENTS_FILE) -> SupplementFacts:
    """Reads the salt table and the daily limits."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    salts = tuple(
        SaltForm(
            form=entry["form"],
            share_min=float(entry["share"][0]),
            share_max=float(entry["share"][1]),
            names=tuple(fold(name) for name in entry["names"]),
            note=entry.get("note") or "",
        )
        for entry in raw["salts"]
    )
    by_name = {}
    for salt in salts:
        for name in salt.names:
            # "l-threonaat" reaches the matcher as "threonaat".
            by_name[name.split("-")[-1]] = salt
    limits = raw["limits"]
    return SupplementFacts(
        salts=salts,
        by_name=by_name,
        upper_level_mg=float(limits["supplement_upper_level_mg"]),
        diarrhoea_from_mg=float(limits["diarrhoea_from_mg"]),
        need_women_mg=float(limits["daily_need_mg"]["women"]),
        need_men_mg=float(limits["daily_need_mg"]["men"]),
    )


def salt_for_word(word: str) -> Optional[SaltForm]:
    """The salt a lowercase word names: "citraat", "magnesiumcitraat"; else None."""
    by_name = load_supplement_facts().by_name
    if word.startswith("magnesium"):
        word = word[len("magnesium"):]
    return by_name.get(word)


def is_supplement_word(word: str) -> bool:
    """Whether a lowercase word is about magnesium itself (never a medicine)."""
    return word.startswith("magnesium") or word in load_supplement_facts().by_name
