from datetime import timedelta

from bot.db.models import Handoff, Therapist
from bot.db.session import session_scope
from bot.handoff.store import (HandoffRequest, active_handoff, claim_handoff, close_handoff, record_handoff,
                               release_handoff, waiting_handoffs)


def _request(**changes):
    values = dict(conversation_id="c-1", channel="rest", level="soon", red_flags=["night_pain"],
                  transcript=[{"who": "user", "text": "hoi", "at": None}], contact_method="phone",
                  contact_value="0612345678")
    values.update(changes)
    return HandoffRequest(**values)


def test_a_handoff_is_recorded_open_with_everything_asked(db_url):
    with session_scope(db_url) as session:
        handoff, created = record_handoff(session, request=_request())
        handoff_id = handoff.id
    assert created
    with session_scope(db_url) as session:
        stored = session.get(Handoff, handoff_id)
        assert (stored.status, stored.level, stored.red_flags, stored.channel) == ("open", "soon", ["night_pain"], "rest")
        assert (stored.contact_method, stored.contact_value) == ("phone", "0612345678")
        assert stored.transcript[0]["text"] == "hoi" and stored.created_at is not None


def test_asking_again_refreshes_the_open_handoff_and_never_lowers_the_level(db_url):
    with session_scope(db_url) as session:
        first, _ = record_handoff(session, request=_request(level="urgent"))
    with session_scope(db_url) as session:
        again, created = record_handoff(session, request=_request(level="none", red_flags=["fever"],
                                                                  contact_method="none", contact_value=None))
        assert not created and again.id == first.id
        assert again.level == "urgent" and again.red_flags == ["fever", "night_pain"]
        assert again.contact_method == "phone"  # "liever niet" the second time keeps the earlier number
    with session_scope(db_url) as session:
        raised, _ = record_handoff(session, request=_request(level="emergency"))
        assert raised.level == "emergency"
        assert session.query(Handoff).count() == 1


def test_waiting_list_is_sorted_by_urgency_then_age(db_url):
    with session_scope(db_url) as session:
        made = []
        for n, level in enumerate(["none", "soon", "emergency", "crisis", "soon", "urgent", "mystery"]):
            handoff, _ = record_handoff(session, request=_request(conversation_id=f"c{n}", level=level))
            handoff.created_at = handoff.created_at + timedelta(minutes=n)
            made.append(handoff.id)
        record_handoff(session, request=_request(conversation_id="closed", level="emergency"))[0].status = "closed"
    with session_scope(db_url) as session:
        order = [h.level for h in waiting_handoffs(session)]
        first_soon = [h.conversation_id for h in waiting_handoffs(session) if h.level == "soon"]
    assert order == ["emergency", "crisis", "urgent", "soon", "soon", "none", "mystery"]
    assert first_soon == ["c1", "c4"]


def test_claim_is_exclusive_and_close_ends_it(db_url):
    with session_scope(db_url) as session:
        anne, bert = Therapist(username="anne", display_name="A", password_hash="x"), \
            Therapist(username="bert", display_name="B", password_hash="x")
        session.add_all([anne, bert])
        handoff, _ = record_handoff(session, request=_request())
        ids = anne.id, bert.id, handoff.id
    anne_id, bert_id, handoff_id = ids
    with session_scope(db_url) as session:
        assert claim_handoff(session, handoff_id=handoff_id, therapist_id=anne_id)
        assert not claim_handoff(session, handoff_id=handoff_id, therapist_id=bert_id)
        release_handoff(session, handoff_id=handoff_id, therapist_id=bert_id)  # not Bert's to release
    with session_scope(db_url) as session:
        assert session.get(Handoff, handoff_id).claimed_by_id == anne_id
        assert close_handoff(session, handoff_id=handoff_id)
        assert not close_handoff(session, handoff_id=handoff_id)
    with session_scope(db_url) as session:
        closed = session.get(Handoff, handoff_id)
        assert closed.status == "closed" and closed.closed_at is not None
        assert active_handoff(session, conversation_id="c-1") is None
