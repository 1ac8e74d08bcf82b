"""What the content editor and the answers need to know, passed in rather than read deep inside."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from bot.settings import PROJECT_ROOT, Settings

COUNTRIES = {"NL": "Nederland", "BE": "België"}


@dataclass(frozen=True)
class ContentConfig:
    """Where the defaults live and the values every answer may use."""

    db_url: str
    practice_file: Path = PROJECT_ROOT / "practice.yml"
    domain_dir: Path = PROJECT_ROOT / "domain"
    default_country: str = "NL"  # settings.practice_country: the country until the console sets one
    links: Mapping[str, str] = field(default_factory=dict)  # settings.practice_links()
    retention_days: int = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> "ContentConfig":
        return cls(settings.app_db, settings.practice_file, PROJECT_ROOT / "domain",
                   normal_country(settings.practice_country), settings.practice_links(), settings.retention_days)


def normal_country(country: Optional[str]) -> str:
    """NL or BE; anything else counts as NL, whose numbers the defaults give."""
    return "BE" if (country or "").strip().upper() == "BE" else "NL"
