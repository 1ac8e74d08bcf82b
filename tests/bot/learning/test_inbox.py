"""Filing, scanning, deciding, undoing, erasing and purging, on real temporary databases."""
import datetime as dt

import pytest

from bot.db.session import session_scope
from bot.learning import inbox
from bot.learning.capture import previous_exchange
from bot.learning.store import Decision, MisunderstoodMessage, Reason
from bot.privacy.erase import forget_conversation
from bot.privacy.retention import purge_inbox

from .conftest import as_dicts, bot, user


def _rows(url):
    with session_scope(url) as session:
        return session.query(MisunderstoodMessage).order_by(MisunderstoodMessage.id).all()


def test_scan_files_misses_once_without_the_sender(app_db, tracker_db):
    tracker_url, save = tracker_db
    save("patient-secret-id", [user("wat kost een fiets", "nlu_fallback", 0.2), bot("Sorry.", "utter_fallback_give_up"),
                               user("helpt magnesium", "magnesium_helps_back_pain", 0.95), bot("Soms.")])
    assert inbox.scan_tracker(tracker_url=tracker_url, url=app_db, threshold=0.5) == 1
    # A later turn in the same conversation: only the new message is read as new.
    save("patient-secret-id", [user("mag ik zwemmen", "movement_exercise", 0.3), bot("Bewegen helpt.")])
    assert inbox.scan_tracker(tracker_url=tracker_url, url=app_db, threshold=0.5) == 1
    assert inbox.scan_tracker(tracker_url=tracker_url, url=app_db, threshold=0.5) == 0
    rows = _rows(app_db)
    assert [(r.user_text, r.reason) for r in rows] == [("wat kost een fiets", "fallback"),
                                                       ("mag ik zwemmen", "low_confidence")]
    assert all("patient-secret-id" not in (r.conversation_key + r.user_text + r.bot_text) for r in rows)


def test_not_meant_upgrades_a_scanned_row_instead_of_doubling_it(app_db, tracker_db):
    tracker_url, save = tracker_db
    events = [user("mag ik zwemmen", "movement_exercise", 0.3, timestamp=50.0), bot("Bewegen helpt.")]
    save("c1", events)
    inbox.scan_tracker(tracker_url=tracker_url, url=app_db, threshold=0.5)
    exchange = previous_exchange(as_dicts(events + [user("dat bedoelde ik niet", "not_what_i_meant")]))
    inbox.file_not_meant(conversation_id="c1", exchange=exchange, url=app_db)
    assert [(r.user_text, r.reason) for r in _rows(app_db)] == [("mag ik zwemmen", Reason.NOT_MEANT.value)]


def _filed(app_db, conversation="c1", text="mag ik zwemmen", at=1.0):
    exchange = previous_exchange(as_dicts([user(text, "movement_exercise", timestamp=at), bot("Bewegen helpt."),
                                           user("dat bedoelde ik niet", "not_what_i_meant")]))
    inbox.file_not_meant(conversation_id=conversation, exchange=exchange, url=app_db)
    return _rows(app_db)[-1].id


def test_decide_undo_and_the_views(app_db):
    first, second = _filed(app_db, at=1.0), _filed(app_db, text="wie ben jij", at=2.0)
    assert [r.id for r in inbox.pending(url=app_db)] == [second, first]
    assert inbox.decide(item_id=first, decision=Decision.ASSIGNED, topic="movement_exercise", actor="anna", url=app_db)
    assert inbox.decide(item_id=second, decision=Decision.IGNORE, topic="greet", actor="bob", url=app_db)
    decided = {r.id: r for r in inbox.decided(url=app_db)}
    assert (decided[first].topic, decided[first].decided_by) == ("movement_exercise", "anna")
    assert decided[second].topic is None and decided[second].decided_at is not None
    assert inbox.pending(url=app_db) == []
    assert inbox.undo(item_id=first, actor="anna", url=app_db)
    assert [r.id for r in inbox.pending(url=app_db)] == [first]
    with pytest.raises(ValueError):
        inbox.decide(item_id=first, decision=Decision.ASSIGNED, topic="", actor="anna", url=app_db)
    assert not inbox.decide(item_id=999, decision=Decision.IGNORE, actor="anna", url=app_db)


def test_an_exported_decision_is_final(app_db):
    item = _filed(app_db)
    inbox.decide(item_id=item, decision=Decision.ASSIGNED, topic="movement_exercise", actor="anna", url=app_db)
    with session_scope(app_db) as session:
        session.get(MisunderstoodMessage, item).exported_at = dt.datetime(2026, 12, 1)
    assert not inbox.undo(item_id=item, actor="anna", url=app_db)
    assert not inbox.decide(item_id=item, decision=Decision.IGNORE, actor="anna", url=app_db)


def test_erasure_and_retention_empty_the_inbox(app_db):
    _filed(app_db, conversation="c1")
    _filed(app_db, conversation="c2", at=5.0)
    report = forget_conversation("c1", url=app_db)
    assert report.inbox == 1
    assert len(_rows(app_db)) == 1
    now = dt.datetime.now(dt.timezone.utc)
    assert purge_inbox(now, app_db, days=30) == 0
    assert purge_inbox(now + dt.timedelta(days=31), app_db, days=30) == 1
    assert _rows(app_db) == []
