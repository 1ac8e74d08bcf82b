"""Changing one's mind about being contacted, over real HTTP and a real database: a request
taken back is closed, one made after a red flag stays with the therapists, and a yes to the
offer that carries a phone number needs no further question.

Found in conversations written blind (eval/conversations/tune5.yml, writer AC).
"""
from __future__ import annotations

import pytest

from bot.db.models import Handoff
from bot.db.session import session_scope
from tests.e2e.talk import new_sender, texts

pytestmark = pytest.mark.e2e


def status(stack, sender):
    with session_scope(stack.app_db) as session:
        handoff = session.query(Handoff).filter_by(conversation_id=sender).order_by(Handoff.id.desc()).first()
        return handoff.status if handoff else None


def test_a_request_taken_back_is_closed(stack):
    sender = new_sender("e2e-withdraw")
    done = texts(stack.say(sender, "kan iemand van de praktijk me bellen voor een afspraak? mijn nummer is 0472 98 76 54"))
    assert "0472987654" in done and status(stack, sender) == "open", done
    reply = texts(stack.say(sender, "wacht, doe toch maar niet, ik bel morgen zelf wel naar de praktijk"))
    assert "ingetrokken" in reply, reply
    assert status(stack, sender) == "closed"
    # Asking a question afterwards is just that.
    assert "magnesium" in texts(stack.say(sender, "hoeveel magnesium mag ik per dag?")).lower()


def test_a_request_after_a_red_flag_stays_when_taken_back(stack):
    sender = new_sender("e2e-withdraw")
    first = texts(stack.say(sender, "ik heb sinds gisteren 39,2 koorts en veel pijn in mijn onderrug"))
    assert "Wil je dat ik" in first, first
    done = texts(stack.say(sender, "ja da mag, bel mij maar op 0478 12 34 56"))
    # The yes carried the number: no question about how or where.
    assert "0478123456" in done and "Hoe mag een therapeut" not in done, done
    reply = texts(stack.say(sender, "laat maar zitten, ik bel zelf wel"))
    assert "laat ik je gesprek toch bij de therapeut" in reply, reply
    assert status(stack, sender) == "open"


def test_a_new_phone_number_after_a_request_changes_how(stack):
    sender = new_sender("e2e-withdraw")
    stack.say(sender, "ik wil graag dat iemand van jullie contact met me opneemt")
    done = texts(stack.say(sender, "stuur mij maar een mailtje op an.peeters@example.be"))
    assert "an.peeters@example.be" in done, done
    changed = texts(stack.say(sender, "ah nee wacht, bellen is eigenlijk beter: 0486 55 12 90"))
    assert "0486551290" in changed and "Hoeveel pijn" not in changed, changed
    with session_scope(stack.app_db) as session:
        handoff = session.query(Handoff).filter_by(conversation_id=sender).one()
        assert (handoff.contact_method, handoff.contact_value) == ("phone", "0486551290")
