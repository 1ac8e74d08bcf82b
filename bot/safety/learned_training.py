"""Training of the learned red-flag layer (bot/safety/learned.py), deterministic, into arrays.

    python -m bot.safety.learned_training          # train if missing, print the path
    python -m bot.safety.learned_training --force  # train again

Examples: the catalogue's `examples`, the reviewed cases (tests/bot/safety/cases.yml), the
paraphrases (data/clinical/red_flag_paraphrases.yml), the messages written independently by
helpers who never saw the catalogue (data/clinical/red_flag_written.yml, struck labels left
out) and, as ordinary messages, the NLU training examples that the catalogue finds no flag
in and ordinary chat replies (data/clinical/chat_turns.yml). Never any evaluation set. Features, regularisation and thresholds were chosen by
writer-held-out cross-validation (bot/safety/crossval.py).
"""
from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from typing import Any, Collection, Dict, List, Tuple

import numpy as np
import yaml

from bot.safety.learned import NONE, ROOT, features, model_path

_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")
WRITTEN = ROOT / "data" / "clinical" / "red_flag_written.yml"
# Ordinary chat replies from the conversation tuning sets (scripts/extract_chat_turns.py).
CHAT_TURNS = ROOT / "data" / "clinical" / "chat_turns.yml"
# Regularisation: weak. Writer-held-out cross-validation (crossval.py) ranked C=16 and C=4
# alike, but C=16 gives sharper probabilities: more crisis found directly at the same thresholds.
C = 16.0


def _load(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _nlu_examples() -> List[str]:
    texts: List[str] = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for entry in _load(path).get("nlu") or ():
            for line in str(entry.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    texts.append(_ANNOTATION.sub(lambda m: m.group(1) or m.group(2) or "", line[2:]).strip())
    return [text for text in texts if text]


def written_items(path: Path = WRITTEN) -> List[Dict[str, Any]]:
    """The independently written messages a reviewer kept (items with `struck` left out)."""
    if not path.exists():
        return []
    return [item for item in _load(path).get("items") or () if not item.get("struck")]


def examples(exclude_writers: Collection[str] = ()) -> List[Tuple[str, str]]:
    """(text, label) pairs, label a red-flag code or `none`, sorted for determinism.

    `exclude_writers`: writers of red_flag_written.yml left out (for cross-validation).
    """
    from bot.safety.matcher import detect_with_rules

    pairs = set()
    catalogue = _load(ROOT / "data" / "clinical" / "red_flags.yml")
    for flag in catalogue["flags"]:
        pairs.update((str(text), flag["code"]) for text in flag.get("examples") or ())
    for case in _load(ROOT / "tests" / "bot" / "safety" / "cases.yml")["cases"]:
        codes = case.get("codes") or []
        for code in codes or [NONE]:
            pairs.add((str(case["text"]), code))
    paraphrases = _load(ROOT / "data" / "clinical" / "red_flag_paraphrases.yml")
    for code, texts in (paraphrases.get("codes") or {}).items():
        pairs.update((str(text), code) for text in texts)
    for key in ("none", "negated"):
        pairs.update((str(text), NONE) for text in paraphrases.get(key) or ())
    for item in written_items():
        if item.get("writer") not in exclude_writers:
            pairs.add((str(item["text"]), NONE if item["level"] == NONE else str(item["code"])))
    if CHAT_TURNS.exists():
        pairs.update((str(text), NONE) for text in _load(CHAT_TURNS).get("turns") or ())
    for text in _nlu_examples():
        # An NLU example that does describe a red flag must not teach "ordinary".
        if not detect_with_rules(text).flags:
            pairs.add((text, NONE))
    return sorted(pairs)


def train(pairs: List[Tuple[str, str]], c: float = C):
    """Fit the vectorizer and the classifier; returns the arrays the inference side reads."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [text for text, _ in pairs]
    labels = [label for _, label in pairs]
    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=1, lowercase=False)
    matrix = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(matrix, labels)
    terms = vectorizer.get_feature_names_out()
    # Features no class leans on are dropped: smaller file, same scores.
    keep = np.flatnonzero(np.abs(model.coef_).max(axis=0) > 1e-4)
    return {
        "terms": np.asarray(terms[keep], dtype=str),
        "idf": vectorizer.idf_[keep].astype(np.float64),
        "coef": model.coef_[:, keep].astype(np.float64),
        "intercept": model.intercept_.astype(np.float64),
        "classes": np.asarray(model.classes_, dtype=str),
    }


def train_and_save(path: Path) -> Path:
    """Train on the current data and write the arrays to `path` atomically."""
    arrays = train(examples())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.stem}.{os.getpid()}.partial.npz")
    np.savez_compressed(partial, **arrays)
    os.replace(partial, path)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety.learned_training")
    parser.add_argument("--force", action="store_true", help="train even if the model exists")
    args = parser.parse_args(argv)
    path = model_path()
    if path.exists() and not args.force:
        print(f">> red-flag classifier is up to date: {path}")
        return 0
    train_and_save(path)
    print(f">> red-flag classifier trained: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
