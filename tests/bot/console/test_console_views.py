from datetime import datetime

from bot.console.records import HandoffView
from bot.console.session import SessionSigner
from bot.console.handoff_views import detail_page, list_page, transcript_items
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
    assert 'Telefoon: <a href="tel:0612345678">0612345678</a>' in html
    assert "05-01-2026 10:30" in html  # 09:30 UTC is 10:30 in Amsterdam in winter
    assert "Vandaag naar de huisarts" in html


def test_only_the_claimer_gets_the_reply_box():
    mine = detail_page(SESSION, _handoff(status="claimed", claimed_by_id=1), [], True, "Europe/Amsterdam")
    theirs = detail_page(SESSION, _handoff(status="claimed", claimed_by_id=2), [], True, "Europe/Amsterdam")
    assert "/reply" in mine and "/reply" not in theirs
    assert "/claim" not in mine


def test_transcript_names_the_patient_the_assistant_and_each_therapist_in_local_time():
    from bot.console.words import therapist_message

    lines = [{"who": "user", "text": "Mijn rug doet pijn", "at": "2026-07-01T12:00:00Z"},
             {"who": "bot", "text": "Ik geef je gesprek door.", "at": "2026-07-01T12:00:01Z"},
             {"who": "bot", "text": therapist_message("Anne", "Praktijk X", "Ik bel je zo."),
              "at": "2026-07-01T12:05:00Z"}]
    html = transcript_items(lines, "Europe/Amsterdam")
    assert "Patiënt" in html and "Rugwijzer (assistent)" in html and "Anne (therapeut)" in html
    assert "01-07-2026 14:00" in html and "01-07-2026 14:05" in html  # summer time: UTC+2
    assert "Bericht van Anne" not in html and "Ik bel je zo." in html
    assert "Gebruiker" not in html and "Assistent of therapeut" not in html


def test_channel_words_are_the_patients_not_rasas():
    html = detail_page(SESSION, _handoff(channel="socketio"), [], True, "Europe/Amsterdam")
    assert "Website-chat" in html and "socketio" not in html.replace("/socket", "")
    html = list_page(SESSION, [_handoff(channel="telegram")], "Europe/Amsterdam")
    assert "Telegram" in html


def test_an_email_contact_is_a_mailto_link():
    html = detail_page(SESSION, _handoff(contact_method="email", contact_value="a@b.nl"), [], True, "Europe/Amsterdam")
    assert '<a href="mailto:a@b.nl">a@b.nl</a>' in html


def test_the_snippet_skips_short_form_answers():
    from bot.console.words import snippet

    lines = [{"who": "user", "text": "Ik heb sinds een week  pijn in mijn onderrug"},
             {"who": "bot", "text": "Hoe mag een therapeut contact met je opnemen?"},
             {"who": "user", "text": "via deze chat"}]
    assert snippet(lines) == "Ik heb sinds een week pijn in mijn onderrug"
    assert snippet([{"who": "user", "text": "ja"}]) == "ja"
    assert snippet([{"who": "user", "text": "woord " * 40}]).endswith("…")
