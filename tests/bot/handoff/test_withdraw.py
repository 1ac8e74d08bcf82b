"""Taking back a request for a therapist: the reader, what stays, and the records."""
from __future__ import annotations

import pytest

from bot.db.models import Therapist
from bot.db.session import session_scope
from bot.handoff.service import close_open_handoff, open_handoff
from bot.handoff.store import HandoffRequest, active_handoff, claim_handoff
from bot.handoff.withdraw import CLAIMED, CLOSED, KEPT, asks_to_withdraw, withdrawal


@pytest.mark.parametrize("text", [
    "wacht, doe toch maar nie, ik bel morgen zelf wel naar de praktijk",
    "laat maar zitten, het hoeft niet meer",
    "ze hoeven me niet te bellen hoor",
    "ik bel zelf wel",
    "kun je het intrekken?",
])
def test_taking_back_is_read_in_many_words(text):
    assert asks_to_withdraw(text)


@pytest.mark.parametrize("text", ["bedankt!", "wanneer belt de therapeut?", "ik ben niet thuis morgen",
                                  "ik bel morgen zelf de huisarts wel"])
def test_other_messages_take_nothing_back(text):
    assert not asks_to_withdraw(text)


def test_a_request_after_a_red_flag_stays_and_a_claimed_one_is_the_therapists():
    assert withdrawal("open", None) == (CLOSED, True)
    assert withdrawal("open", "soon") == (CLOSED, True)
    assert withdrawal("open", "urgent") == (KEPT, False)
    assert withdrawal("open", "crisis") == (KEPT, False)
    assert withdrawal("claimed", None) == (CLAIMED, False)


def request(conversation_id="c1"):
    return HandoffRequest(conversation_id=conversation_id, channel="rest", level="none", red_flags=[],
                          transcript=[], contact_method="phone", contact_value="0612345678")


def test_an_open_request_is_closed_and_a_claimed_one_is_not(db_url):
    open_handoff(request("c1"), db_url)
    assert close_open_handoff("c1", db_url)
    with session_scope(db_url) as session:
        assert active_handoff(session, conversation_id="c1") is None
    assert not close_open_handoff("c1", db_url)  # nothing open any more
    outcome = open_handoff(request("c2"), db_url)
    with session_scope(db_url) as session:
        anne = Therapist(username="anne", display_name="A", password_hash="x")
        session.add(anne)
        session.flush()
        assert claim_handoff(session, handoff_id=outcome.handoff_id, therapist_id=anne.id)
    assert not close_open_handoff("c2", db_url)  # a therapist has it: theirs to close
