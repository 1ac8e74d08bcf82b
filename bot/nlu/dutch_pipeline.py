"""Builds the Dutch spaCy pipeline that `config.yml` loads from `build/spacy_nl`.

spaCy's `nl_core_news_sm` is published only as a release download, which no package
registry carries. When it is installed we copy it; otherwise we build a pipeline from
`spacy.blank("nl")` (Dutch tokenizer, stop words and lexical attributes). Either way
the result is saved to one path, so `config.yml` stays the same, and `meta.json`
records which one it is so that every process can say so loudly.

    python -m bot.nlu.dutch_pipeline build   # idempotent
    python -m bot.nlu.dutch_pipeline which   # prints the pipeline in use
"""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

from bot.settings import load_settings

logger = logging.getLogger(__name__)

FULL_MODEL = "nl_core_news_sm"
BLANK_NAME = "rugwijzer_blank_nl"


def _installed_full_model() -> Optional[str]:
    try:
        import importlib.util

        return FULL_MODEL if importlib.util.find_spec(FULL_MODEL) else None
    except (ImportError, ValueError):
        return None


def describe(path: Path) -> str:
    """One line saying which Dutch pipeline at `path` (settings.spacy_pipeline_dir) the NLU uses."""
    meta_file = path / "meta.json"
    if not meta_file.exists():
        return f"no Dutch spaCy pipeline at {path}: run `make setup`"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    if meta.get("name") == BLANK_NAME:
        return (
            f"Dutch NLU pipeline: the project's own blank Dutch pipeline ({path}); "
            f"{FULL_MODEL} is NOT installed, so there are no POS tags or vectors"
        )
    return f"Dutch NLU pipeline: {meta.get('lang')}_{meta.get('name')} {meta.get('version')} ({path})"


def build(path: Path) -> str:
    """Writes the pipeline to `path` unless the right one is already there."""
    import spacy

    wanted = _installed_full_model() or BLANK_NAME
    meta_file = path / "meta.json"
    if meta_file.exists():
        current = json.loads(meta_file.read_text(encoding="utf-8")).get("name")
        if current == wanted or (wanted == FULL_MODEL and current == "core_news_sm"):
            return describe(path)
    if wanted == FULL_MODEL:
        nlp = spacy.load(FULL_MODEL, exclude=["parser", "ner"])
    else:
        nlp = spacy.blank("nl")
        nlp.meta["name"] = BLANK_NAME
        nlp.meta["version"] = "1.0.0"
        nlp.meta["description"] = "spacy.blank('nl') built by Rugwijzer's setup step"
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return describe(path)


def main(argv=None) -> None:
    command = (argv or sys.argv[1:] or ["which"])[0]
    path = load_settings().spacy_pipeline_dir
    line = build(path) if command == "build" else describe(path)
    banner = "!" * 8 if "blank" in line or "no Dutch" in line else ">>"
    print(f"{banner} {line}")


if __name__ == "__main__":
    main()
