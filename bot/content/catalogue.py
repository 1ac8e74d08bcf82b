"""What the beheerder may edit: the practice's details (with Dutch labels) and the domain's responses."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Mapping, Tuple

import yaml

from bot.practice.details import FIELDS


@dataclass(frozen=True)
class PracticeField:
    key: str  # practice.yml key
    label: str
    hint: str
    multiline: bool = True


PRACTICE_FIELDS: Tuple[PracticeField, ...] = (
    PracticeField("opening_hours", "Openingstijden", "Eén regel per dag of groep dagen, bijvoorbeeld met een streepje ervoor."),
    PracticeField("address", "Adres", "Straat, huisnummer, postcode en plaats. Zet erbij of het rolstoeltoegankelijk is."),
    PracticeField("directions", "Zo kom je er", "Openbaar vervoer, parkeren, fiets."),
    PracticeField("appointment", "Een afspraak maken", "Hoe iemand een afspraak maakt. {practice_phone} wordt het telefoonnummer."),
    PracticeField("booking_link", "Link om online een afspraak te maken",
                  "Een webadres dat begint met https://. Leeg: de assistent noemt geen link.", multiline=False),
    PracticeField("costs", "Kosten", "Wat een eerste gesprek en een vervolgconsult kosten, en de afmeldregel."),
    PracticeField("insurance", "Vergoeding", "Wat de verzekering of de mutualiteit vergoedt."),
    PracticeField("therapists", "Therapeuten", "Naam, vak en werkdagen, één therapeut per regel."),
    PracticeField("home_visits", "Consult op afstand", "Of een consult ook via video, telefoon of thuis kan."),
    PracticeField("reply_time", "Hoe snel een therapeut reageert",
                  "Binnen welke tijd een therapeut reageert als iemand in de chat om contact vraagt, ook in het weekend."),
    PracticeField("country", "Land", "Bepaalt welke noodnummers de assistent noemt (112, 113 of 1813, "
                  "huisartsenpost of huisarts van wacht).", multiline=False),
)
PRACTICE_KEYS: FrozenSet[str] = frozenset(item.key for item in PRACTICE_FIELDS)
assert PRACTICE_KEYS == set(FIELDS) | {"country"}, "every practice.yml field needs a label here"

# Which domain file holds which kind of answer, for the list's headings.
GROUP_LABELS = {
    "conversation": "Gesprek", "core": "Gesprek", "fallback": "Niet begrepen", "faq": "Vragen over rugpijn en magnesium",
    "follow_up": "Doorvragen", "handoff": "Doorgeven aan een therapeut", "medication": "Medicijnen",
    "plan": "Startplan", "practice": "De praktijk", "privacy": "Privacy", "privacy_questions": "Privacy",
    "safety": "Veiligheid en noodnummers", "self_care": "Zelfzorg", "supplements": "Supplementen",
}
PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")


@dataclass(frozen=True)
class Response:
    """One domain response as written: its variants (text, buttons, channel, condition)."""

    name: str
    group: str
    variants: Tuple[Mapping[str, Any], ...]

    @property
    def texts(self) -> Tuple[str, ...]:
        return tuple(str(variant.get("text") or "") for variant in self.variants)


def placeholders(text: str) -> List[str]:
    return PLACEHOLDER.findall(text or "")


def _files_state(domain_dir: Path) -> Tuple[Tuple[str, float], ...]:
    return tuple((path.name, path.stat().st_mtime) for path in sorted(domain_dir.glob("*.yml")))


@functools.lru_cache(maxsize=4)
def _load(domain_dir: Path, _state: Tuple[Tuple[str, float], ...]) -> Dict[str, Response]:
    found: Dict[str, Response] = {}
    for path in sorted(domain_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variants in (data.get("responses") or {}).items():
            if isinstance(variants, list) and all(isinstance(v, dict) and "text" in v for v in variants):
                found[name] = Response(name, path.stem, tuple(variants))
    return found


def domain_responses(domain_dir: Path) -> Dict[str, Response]:
    """The domain's responses by name, read again only when a domain file changed."""
    return _load(domain_dir, _files_state(domain_dir))


def editable(response: Response) -> bool:
    """False for a response whose text is only a placeholder: its words are written elsewhere."""
    return not any(PLACEHOLDER.fullmatch(text.strip()) for text in response.texts)


def situation_notes(variant: Mapping[str, Any]) -> List[str]:
    """When a variant is said, in the beheerder's words: ["alleen in de website-chat"]; [] for always."""
    notes = []
    if variant.get("channel"):
        notes.append({"socketio": "alleen in de website-chat", "telegram": "alleen in Telegram"}.get(
            variant["channel"], f"alleen in kanaal {variant['channel']}"))
    if variant.get("condition"):
        notes.append("alleen in een bepaalde situatie in het gesprek")
    return notes


def variant_label(variant: Mapping[str, Any], number: int, added: bool = False) -> str:
    """"Tekst 2 (alleen in de website-chat)": which variant a text box edits."""
    notes = (["door de praktijk toegevoegd"] if added else []) + situation_notes(variant)
    return f"Tekst {number}" + (f" ({', '.join(notes)})" if notes else "")
