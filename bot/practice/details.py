"""The practice's own texts (practice.yml), read when the file changes, never trained on.

A practice edits opening hours or prices without a developer: the file lives outside
`data/`, so changing it neither changes the model's fingerprint nor needs a restart.
The console's content editor (bot/content) lays its overrides over the file's texts.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

import yaml

logger = logging.getLogger(__name__)

# practice.yml key -> the placeholder the domain's responses use.
FIELDS: Mapping[str, str] = {
    "opening_hours": "practice_hours",
    "address": "practice_address",
    "directions": "practice_directions",
    "appointment": "practice_appointment",
    "booking_link": "practice_booking_link",
    "costs": "practice_costs",
    "insurance": "practice_insurance",
    "therapists": "practice_therapists",
    "home_visits": "practice_home_visits",
    "reply_time": "practice_reply_time",
}
UNKNOWN = "Dat weet ik helaas niet precies. Bel de praktijk even: {practice_phone}."
# Added to the appointment answer only when the practice has an online booking page.
BOOKING_LINE = "Je kunt ook zelf online een afspraak plannen: {link}"

_lock = threading.Lock()
_cache: Dict[Path, Tuple[float, Dict[str, str]]] = {}


def _fill(text: str, known: Mapping[str, str]) -> str:
    """Fills only the placeholders we know, so a stray brace in a text stays as written."""
    for name, value in known.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def parse_practice(raw: Optional[Mapping[str, object]], known: Mapping[str, str]) -> Dict[str, str]:
    """Placeholder values from the file's contents; an empty field becomes an honest 'unknown'."""
    raw = raw or {}
    values: Dict[str, str] = {}
    for key, placeholder in FIELDS.items():
        text = str(raw.get(key) or "").strip()
        values[placeholder] = _fill(text or UNKNOWN, known)
    link = str(raw.get("booking_link") or "").strip()
    if link:
        values["practice_appointment"] = values["practice_appointment"].rstrip() + "\n" + BOOKING_LINE.format(link=link)
    return values


def practice_texts(path: Path) -> Dict[str, str]:
    """The file's own texts by practice.yml key (the defaults the console shows), re-read when changed."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        logger.warning("practice file %s is missing: practice answers say 'unknown'", path)
        return {}
    with _lock:
        cached = _cache.get(path)
        if cached and cached[0] == mtime:
            return cached[1]
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if raw is not None and not isinstance(raw, dict):
            raise ValueError("the file must hold key: text pairs")
    except (OSError, ValueError, yaml.YAMLError) as error:
        # A typo in the file must not take the answers down; the old texts stay.
        logger.error("practice file %s could not be read (%s); keeping the previous texts", path, error)
        return cached[1] if cached else {}
    texts = {str(key): str(value if value is not None else "") for key, value in (raw or {}).items()}
    with _lock:
        _cache[path] = (mtime, texts)
    return texts


def practice_values(path: Path, known: Mapping[str, str],
                    overrides: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """The practice's texts as placeholder values: the file's, with `overrides` laid over them.

    Args:
        path: The practice file (settings.practice_file).
        known: Values a text may use itself, such as `practice_phone`.
        overrides: Texts by practice.yml key that replace the file's (the console's edits).
    """
    return parse_practice({**practice_texts(path), **(overrides or {})}, known)
