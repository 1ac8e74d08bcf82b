from datetime import datetime

from bot.console.records import HandoffView
from bot.console.session import SessionSigner
from bot.console.views import detail_page, list_page, transcript_items
from bot.console.accounts import TherapistIdentity

SESSION = SessionSigner("geheim").new(TherapistIdentity(1, "anne", "Anne <b>de</b> Vries"))


def _handoff(**changes):
    values = dict(id=7, conversation_id="c-1", channel="rest", level="urgent", red_flags=[],
                  transcript=[], contact_method="phone", contact_value="0612345678", status="open",
                  claimed_by_id=None, claimed_by_name=None, created_at=datetime(2026, 1, 5, 9, 30))
    values.update(changes)
    return HandoffView(**values)


def test_a_users_script_is_shown_as_text():
    html = transcript_items([{"who": "user", "text": "<script>alert(1)</script>", "at": "x"}])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_field_of_a_handoff_is_escaped():
    evil = '"><img src=x onerror=alert(1)>'
    handoff = _handoff(channel=evil, contact_value=evil, red_flags=[evil], claimed_by_name=evil)
    pages = [detail_page(SESSION, handoff, [{"who": "bot", "text": evil, "at": evil}], True, "Europe/Amsterdam"),
             list_page(SESSION, [handoff], "Europe/Amsterdam")]
    for html in pages:
        assert "<img" not in html
        assert "<b>de</b>" not in html and "Anne &lt;b&gt;de&lt;/b&gt; Vries" in html


def test_detail_page_shows_contact_and_local_time():
    html = detail_page(SESSION, _handoff(), [], False, "Europe/Amsterdam")
    assert "Telefoon: 0612345678" in html
    assert "05-01-2026 10:30" in html  # 09:30 UTC is 10:30 in Amsterdam in winter
    assert "Vandaag naar de huisarts" in html


def test_only_the_claimer_gets_the_reply_box():
    mine = detail_page(SESSION, _handoff(status="claimed", claimed_by_id=1), [], True, "Europe/Amsterdam")
    theirs = detail_page(SESSION, _handoff(status="claimed", claimed_by_id=2), [], True, "Europe/Amsterdam")
    assert "/reply" in mine and "/reply" not in theirs
    assert "/claim" not in mine
