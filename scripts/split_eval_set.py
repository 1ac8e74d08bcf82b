"""Splits a blind-written evaluation set once into a dev part and a blind part.

    python scripts/split_eval_set.py safety OUT_DIR writer_a.yml writer_b.yml ...
    python scripts/split_eval_set.py conversations OUT_DIR writer_d.yml ...
    python scripts/split_eval_set.py oos OUT_DIR writer_g.yml
    python scripts/split_eval_set.py intents OUT_DIR writer_ha.yml ...

Run once, when the helpers' files arrive; the split is seeded and stratified (safety: by
writer, level and kind; out of scope: by writer and label; intents: by writer and intent;
conversations: by writer), and at least half goes to the blind part.
The raw files are not kept in the repo: dev.yml + blind.yml together are the whole set.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

SEED = 20261204


def _split(groups: Dict[Any, List[Dict[str, Any]]]) -> tuple:
    rng = random.Random(SEED)
    dev: List[Dict[str, Any]] = []
    blind: List[Dict[str, Any]] = []
    for key in sorted(groups, key=str):
        items = groups[key]
        rng.shuffle(items)
        half = len(items) // 2  # the odd one out goes to the blind part
        dev.extend(items[:half])
        blind.extend(items[half:])
    return dev, blind


def main(kind: str, out_dir: str, paths: List[str]) -> None:
    groups: Dict[Any, List[Dict[str, Any]]] = {}
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        writer = str(data.get("writer", Path(path).stem))
        if kind == "safety":
            for item in data["items"]:
                item = {**item, "writer": writer}
                groups.setdefault((writer, item["level"], item["kind"]), []).append(item)
        elif kind in ("oos", "intents"):
            label = "label" if kind == "oos" else "intent"
            for item in data["items"]:
                item = {**item, "writer": writer}
                groups.setdefault((writer, item[label]), []).append(item)
        else:
            for conversation in data["conversations"]:
                groups.setdefault(writer, []).append({**conversation, "writer": writer})
    dev, blind = _split(groups)
    key = "conversations" if kind == "conversations" else "items"
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, part in (("dev", dev), ("blind", blind)):
        with open(out / f"{name}.yml", "w", encoding="utf-8") as handle:
            yaml.safe_dump({"part": name, key: part}, handle, allow_unicode=True, sort_keys=False, width=100)
        print(f"{kind} {name}: {len(part)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
