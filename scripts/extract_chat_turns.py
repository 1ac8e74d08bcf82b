"""Ordinary chat turns for the learned red-flag layer, taken from the conversation tuning sets.

    .venv/bin/python scripts/extract_chat_turns.py > data/clinical/chat_turns.yml

The classifier learned crisis from many written crisis messages and ordinary language mostly
from NLU examples, so short chat replies ("ik denk er nog even over na, doei", "ik zou zeggen
een 7") could score as crisis. The tuning conversation sets (eval/conversations/tune*.yml,
written blind, read and tuned on) hold hundreds of such turns. A turn is kept as ordinary
only if no check of it asks for a helpline or a doctor (112, 113, 1813, huisarts, arts...),
the rule layers find no flag in it, and it is not a bare click. The dev and blind parts and
tune6 (kept to measure this layer on chat it never saw) are never used, nor a text that is
also in the safety set's dev part.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCES = ("tune", "tune2", "tune3", "tune4", "tune5")
_ALARM_WORDS = ("112", "113", "1813", "0800", "huisarts", "arts", "spoed", "ambulance",
                "zelfmoord", "leven", "dood", "1733", "huisdokter")


def _expects_alarm(expect) -> bool:
    words = []
    for key in ("any", "all", "button"):
        words += [str(w).lower() for w in (expect or {}).get(key) or ()]
    return any(alarm in word for word in words for alarm in _ALARM_WORDS)


def main() -> int:
    from bot.safety.matcher import detect_with_rules

    turns = []
    # A text that is also in the safety set's dev part stays out (it is scored there).
    dev = yaml.safe_load((ROOT / "eval" / "safety" / "dev.yml").read_text(encoding="utf-8"))["items"]
    seen = {str(item["text"]).strip().lower() for item in dev}
    for part in SOURCES:
        data = yaml.safe_load((ROOT / "eval" / "conversations" / f"{part}.yml").read_text(encoding="utf-8"))
        for conversation in data["conversations"]:
            alarmed = False
            for turn in conversation.get("turns") or ():
                text = turn.get("user")
                expect = turn.get("expect") or {}
                # After an alarm the conversation is about it ("ja", "nee ik bedoel het niet zo"):
                # those turns are left out too.
                alarmed = alarmed or _expects_alarm(expect)
                if text is None or alarmed:
                    continue
                text = str(text).strip()
                if len(text) < 2 or text.startswith("/") or text.lower() in seen:
                    continue
                if detect_with_rules(text).flags:
                    continue
                seen.add(text.lower())
                turns.append(text)
    print("# Ordinary chat turns (training data of the learned red-flag layer, label none).")
    print("# Made by scripts/extract_chat_turns.py from eval/conversations/" + ", ".join(SOURCES) + ".yml;")
    print("# see that script for which turns are kept. Regenerate, do not edit by hand.")
    yaml.safe_dump({"turns": turns}, sys.stdout, allow_unicode=True, sort_keys=False, width=110)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
