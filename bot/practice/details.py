"""The practice's own texts (practice.yml), read when the file changes, never trained on.

A practice edits opening hours or prices without a developer: the file lives outside
`data/`, so changing it neither changes the model's fingerprint nor needs a restart.
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
    "costs": "practice_costs",
    "insurance": "practice_insurance",
    "therapists": "practice_therapists",
    "home_visits": "practice_home_visits",
}
UNKNOWN = "Dat weet ik helaas niet precies. Bel de praktijk even: {practice_phone}."

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
    return values


def practice_values(path: Path, known: Mapping[str, str]) -> Dict[str, str]:
    """The practice's texts as placeholder values, re-read only when the file changed.

    Args:
        path: The practice file (settings.practice_file).
        known: Values a text may use itself, such as `practice_phone`.
    """
    try:
        mtime = path.stat().st_mtime
    except OSError:
        logger.warning("practice file %s is missing: practice answers say 'unknown'", path)
        return parse_practice({}, known)
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
        return cached[1] if cached else parse_practice({}, known)
    values = parse_practice(raw, known)
    with _lock:
        _cache[path] = (mtime, values)
    return values
