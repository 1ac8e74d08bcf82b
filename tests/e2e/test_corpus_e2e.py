"""The dev part of the blind-written conversation corpus, over REST against the real stack.

The blind part is scored only by `make eval`. This test keeps the dev part from sliding
back: the floors are the figures measured when the last piece of work ended, rounded down.
"""
import pytest

from benchmarks.corpus import load_corpus, report, rest_sender, score
from benchmarks.corpus_eval import CORPUS_DIR

pytestmark = pytest.mark.e2e

TURN_FLOOR = 0.67
CONVERSATION_FLOOR = 0.16


def test_dev_corpus_holds_up(stack):
    corpus = score(load_corpus(CORPUS_DIR / "dev.yml"), rest_sender(stack.base_url))
    print("\n".join(report("conversation corpus, dev", corpus, show_failures=True)))
    assert corpus.turns > 300 and corpus.conversations > 75
    assert corpus.turn_rate >= TURN_FLOOR
    assert corpus.conversation_rate >= CONVERSATION_FLOOR
