"""Replays a conversation file over REST and prints every message and reply in full.

    python -m benchmarks.replay tests/e2e/conversations/issue13_free_conversation.yml [--base-url URL]

Without --base-url it starts its own servers on a fresh database, like `make eval`.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import List, Optional

from benchmarks.corpus import load_corpus, rest_sender, run_conversation


def _print(conversations, send) -> int:
    failed = 0
    for conversation in conversations:
        result = run_conversation(conversation, send)
        print(f"== {result.conversation_id}: {'PASS' if result.passed else 'FAIL'}")
        for number, turn in enumerate(result.turns, 1):
            print(f"{number:>2}. patient: {turn.said}")
            print(f"    reply:   {turn.reply}")
            for failure in turn.failures:
                print(f"    FAILED:  {failure}")
        failed += not result.passed
    return failed


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.replay")
    parser.add_argument("path")
    parser.add_argument("--base-url")
    args = parser.parse_args(argv)
    conversations = load_corpus(Path(args.path))
    if args.base_url:
        return 1 if _print(conversations, rest_sender(args.base_url)) else 0

    from benchmarks.corpus_eval import fresh_stack

    with fresh_stack("replay-") as base_url:
        return 1 if _print(conversations, rest_sender(base_url)) else 0


if __name__ == "__main__":
    raise SystemExit(main())
