"""The dev part of the blind-written conversation corpus, over REST against the real stack.

The blind part is scored only by `make eval`. This test keeps the dev part from sliding
back: the floors are the figures measured when the last piece of work ended, rounded down.
"""
import pytest

from benchmarks.corpus import load_corpus, report, rest_sender, score
from benchmarks.corpus_eval import CORPUS_DIR
from bot.settings import PROJECT_ROOT

pytestmark = pytest.mark.e2e

# Measured 2026-12-04 at the end of issues 12/13/17: 85.2% of turns, 55.6% of conversations.
TURN_FLOOR = 0.82
CONVERSATION_FLOOR = 0.50


def test_dev_corpus_holds_up(stack):
    corpus = score(load_corpus(CORPUS_DIR / "dev.yml"), rest_sender(stack.base_url))
    print("\n".join(report("conversation corpus, dev", corpus, show_failures=True)))
    assert corpus.turns > 300 and corpus.conversations > 75
    assert corpus.turn_rate >= TURN_FLOOR
    assert corpus.conversation_rate >= CONVERSATION_FLOOR


def test_the_free_conversation_of_issue_13_holds_up(stack):
    conversation = load_corpus(PROJECT_ROOT / "tests" / "e2e" / "conversations" / "issue13_free_conversation.yml")
    corpus = score(conversation, rest_sender(stack.base_url))
    assert corpus.conversations_passed == 1, "\n".join(report("issue 13", corpus, show_failures=True))
