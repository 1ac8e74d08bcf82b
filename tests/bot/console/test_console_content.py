"""The content editor over real HTTP: only a beheerder, checked edits, preview, versions, revert, audit."""
from __future__ import annotations

import html
import re

import pytest

from bot.console.accounts import create_therapist
from bot.content.models import ContentOverride
from bot.content.versions import history
from bot.db.models import AuditEntry
from bot.db.session import session_scope
from tests.bot.console.helpers import csrf_from, login

PASSWORD = "een-lang-wachtwoord"


def _account(server, username, role):
    create_therapist(username=username, display_name=username.title(), password=PASSWORD, db_url=server.db_url,
                     role=role)
    client = server.client()
    assert login(client, server.base_url, username, PASSWORD, server.db_url).status_code == 303
    return client


@pytest.fixture
def beheerder(console_server):
    return _account(console_server, "bea", "beheerder")


def _form(client, url):
    page = client.get(url)
    assert page.status_code == 200, page.text
    seen = re.search(r'name="seen" value="(\d+)"', page.text).group(1)
    # Which domain variant each text box holds, as the page says (an answer's form only).
    boxes = dict(re.findall(r'name="(from-\d+)" value="([^"]*)"', page.text))
    return page.text, {"csrf_token": csrf_from(page.text), "seen": seen, **boxes}


def _audit(db_url):
    with session_scope(db_url) as session:
        return [(a.actor, a.action, a.target) for a in session.query(AuditEntry).order_by(AuditEntry.id)]


def test_a_therapist_cannot_see_or_use_the_editor(console_server, beheerder):
    therapist = _account(console_server, "theo", "therapist")
    assert "/console/inhoud" not in therapist.get(console_server.url("/console/")).text
    assert "/console/inhoud" in beheerder.get(console_server.url("/console/")).text
    for path in ("/console/inhoud", "/console/inhoud/praktijk/opening_hours", "/console/inhoud/antwoord/utter_goodbye"):
        assert therapist.get(console_server.url(path)).status_code == 403
    token = csrf_from(therapist.get(console_server.url("/console/")).text)
    reply = therapist.post(console_server.url("/console/inhoud/praktijk/opening_hours"), allow_redirects=False,
                           data={"csrf_token": token, "value": "dicht", "action": "save"})
    assert reply.status_code == 403 and "Geen toegang" in reply.text
    anonymous = console_server.client().get(console_server.url("/console/inhoud"), allow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["Location"] == "/console/login"
    with session_scope(console_server.db_url) as session:
        assert session.query(ContentOverride).count() == 0


def test_the_beheerder_previews_saves_and_reverts_opening_hours(console_server, beheerder):
    url = console_server.url("/console/inhoud/praktijk/opening_hours")
    page, form = _form(beheerder, url)
    assert "maandag tot en met donderdag" in html.unescape(page)  # the default from practice.yml
    shown = beheerder.post(url, data={**form, "value": "- alleen op woensdag: 9 tot 12 uur", "action": "preview"})
    assert shown.status_code == 200
    assert "Dit zijn de openingstijden van" in shown.text and "alleen op woensdag" in shown.text
    assert history(kind="practice", key="opening_hours", db_url=console_server.db_url) == []  # a preview saves nothing

    saved = beheerder.post(url, data={**form, "value": "- alleen op woensdag: 9 tot 12 uur", "action": "save"},
                           allow_redirects=False)
    assert saved.status_code == 303 and saved.headers["Location"].endswith("?m=saved")
    page = beheerder.get(console_server.url(saved.headers["Location"])).text
    assert "Opgeslagen" in page and "Zet deze versie terug" not in page  # one version, it is the current one
    [first] = history(kind="practice", key="opening_hours", db_url=console_server.db_url)
    assert (first.changed_by, first.old_value, first.new_value) == ("bea", None, "- alleen op woensdag: 9 tot 12 uur")

    _, form = _form(beheerder, url)
    beheerder.post(url, data={**form, "value": "- elke dag: 8 tot 20 uur", "action": "save"})
    page, _ = _form(beheerder, url)
    assert "elke dag: 8 tot 20 uur" in page and "Zet deze versie terug" in page
    back = beheerder.post(console_server.url(f"/console/inhoud/praktijk/opening_hours/terug/{first.id}"),
                          data={"csrf_token": csrf_from(page)}, allow_redirects=False)
    assert back.status_code == 303 and back.headers["Location"].endswith("?m=reverted")
    latest = history(kind="practice", key="opening_hours", db_url=console_server.db_url)[0]
    assert (latest.new_value, latest.restored_from) == ("- alleen op woensdag: 9 tot 12 uur", first.id)

    page, _ = _form(beheerder, url)
    beheerder.post(console_server.url("/console/inhoud/praktijk/opening_hours/standaard"),
                   data={"csrf_token": csrf_from(page)})
    with session_scope(console_server.db_url) as session:
        assert session.query(ContentOverride).count() == 0
    actions = [action for actor, action, _ in _audit(console_server.db_url) if actor == "bea"]
    assert actions.count("content_changed") == 2 and "content_reverted" in actions and "content_default" in actions


def test_dropping_an_emergency_number_is_refused_and_the_typed_text_is_kept(console_server, beheerder):
    url = console_server.url("/console/inhoud/antwoord/utter_triage_crisis")
    page, form = _form(beheerder, url)
    assert "113" in page and "blijven noemen" in page
    typed = "Wat naar dat je je zo voelt. Bel 113 of gratis 0800-0113."
    refused = beheerder.post(url, data={**form, "text-1": typed, "action": "save"})
    assert refused.status_code == 422
    assert "moet het nummer 112 blijven noemen" in refused.text
    assert html.escape(typed, quote=False) in refused.text  # nothing lost
    assert history(kind="response", key="utter_triage_crisis", db_url=console_server.db_url) == []
    assert ("bea", "content_refused", "response:utter_triage_crisis") in _audit(console_server.db_url)


def test_an_unknown_placeholder_is_refused_and_a_good_edit_keeps_the_buttons_listed(console_server, beheerder):
    url = console_server.url("/console/inhoud/antwoord/utter_practice_therapists")
    page, form = _form(beheerder, url)
    assert "Praat met een therapeut" in page  # the button, listed, not editable
    refused = beheerder.post(url, data={**form, "text-1": "Bij ons werken: {therapeuten}", "action": "save"})
    assert refused.status_code == 422 and "{therapeuten} bestaat niet" in html.unescape(refused.text)
    saved = beheerder.post(url, data={**form, "text-1": "Bij {practice_name} werken:\n{practice_therapists}",
                                      "action": "save"}, allow_redirects=False)
    assert saved.status_code == 303
    page = beheerder.get(url).text
    assert "Anna de Vries" in page  # the preview fills in the therapists from practice.yml


def test_an_edit_on_an_outdated_page_does_not_overwrite_a_newer_one(console_server, beheerder):
    url = console_server.url("/console/inhoud/praktijk/costs")
    _, old_form = _form(beheerder, url)
    _, form = _form(beheerder, url)
    assert beheerder.post(url, data={**form, "value": "Een consult kost € 80.", "action": "save"},
                          allow_redirects=False).status_code == 303
    clash = beheerder.post(url, data={**old_form, "value": "Een consult kost € 75.", "action": "save"})
    assert clash.status_code == 409 and "Iemand anders heeft dit net gewijzigd" in clash.text
    assert "€ 75" in clash.text  # the typed text is still in the box
    assert history(kind="practice", key="costs", db_url=console_server.db_url)[0].new_value == "Een consult kost € 80."


def test_country_and_booking_link_are_checked(console_server, beheerder):
    url = console_server.url("/console/inhoud/praktijk/country")
    page, form = _form(beheerder, url)
    assert "Bel 113" in page  # the preview shows the Dutch crisis answer
    assert beheerder.post(url, data={**form, "value": "DE", "action": "save"}).status_code == 422
    shown = beheerder.post(url, data={**form, "value": "BE", "action": "preview"})
    assert "1813" in shown.text and "Bel 113" not in shown.text
    link = console_server.url("/console/inhoud/praktijk/booking_link")
    _, form = _form(beheerder, link)
    refused = beheerder.post(link, data={**form, "value": "javascript:alert(1)", "action": "save"})
    assert refused.status_code == 422 and "geen webadres" in refused.text


def test_a_post_without_the_csrf_token_changes_nothing(console_server, beheerder):
    reply = beheerder.post(console_server.url("/console/inhoud/praktijk/costs"), allow_redirects=False,
                           data={"value": "gratis", "action": "save", "seen": "0"})
    assert reply.status_code == 403
    assert history(kind="practice", key="costs", db_url=console_server.db_url) == []


def test_the_overview_lists_details_and_answers_but_not_carrier_responses(console_server, beheerder):
    page = beheerder.get(console_server.url("/console/inhoud")).text
    assert "Openingstijden" in page and "utter_triage_crisis" in page and "utter_goodbye" in page
    assert "utter_safety_question" not in page and "utter_therapist_message" not in page
    assert beheerder.get(console_server.url("/console/inhoud/antwoord/utter_safety_question")).status_code == 404


def test_a_preview_keeps_the_version_the_editor_started_from(console_server, beheerder):
    from bot.content.versions import save

    url = console_server.url("/console/inhoud/praktijk/therapists")
    _, form = _form(beheerder, url)
    save(kind="practice", key="therapists", value="- Piet, therapeut", actor="piet", db_url=console_server.db_url)
    shown = beheerder.post(url, data={**form, "value": "- Bea, therapeut", "action": "preview"})
    assert shown.status_code == 200
    clash = beheerder.post(url, data={**form, "csrf_token": csrf_from(shown.text), "value": "- Bea, therapeut",
                                      "seen": re.search(r'name="seen" value="(\d+)"', shown.text).group(1),
                                      "action": "save"})
    assert clash.status_code == 409
    assert history(kind="practice", key="therapists", db_url=console_server.db_url)[0].new_value == "- Piet, therapeut"


def _boxes(page):
    """The text boxes of an answer's form as the browser would send them."""
    return {name: html.unescape(text) for name, text in re.findall(r'<textarea id="[^"]*" name="(text-\d+)"[^>]*>(.*?)'
                                                                    r"</textarea>", page, re.S)}


def test_a_beheerder_adds_a_text_removes_one_and_reverts_but_never_removes_the_last(console_server, beheerder):
    db_url, extra = console_server.db_url, "Tot de volgende keer! Bij een noodgeval bel je 112."
    url = console_server.url("/console/inhoud/antwoord/utter_goodbye")
    page, form = _form(beheerder, url)
    assert form["from-1"] == "0" and 'name="new_text"' in page and "Haal tekst" not in page  # one text: it stays
    shown = beheerder.post(url, data={**form, **_boxes(page), "new_text": extra, "action": "preview"})
    assert shown.status_code == 200 and "Tekst 2 (door de praktijk toegevoegd)" in shown.text
    assert shown.text.count(html.escape(extra, quote=False)) >= 2  # in its box and in the preview
    assert history(kind="response", key="utter_goodbye", db_url=db_url) == []

    saved = beheerder.post(url, data={**form, **_boxes(page), "new_text": extra, "action": "save"},
                           allow_redirects=False)
    assert saved.status_code == 303, saved.text
    added = history(kind="response", key="utter_goodbye", db_url=db_url)[0]
    assert added.new_value == {"of": 1, "variants": [{"from": 0}, {"text": extra, "from": None}]}
    assert ("bea", "content_changed", f"response:utter_goodbye:v{added.id}:teksten 1->2") in _audit(db_url)

    page, form = _form(beheerder, url)
    assert "Haal tekst 1 weg" in page and "Haal tekst 2 weg" in page
    assert beheerder.post(url, data={**form, **_boxes(page), "remove": "1", "action": "save"},
                          allow_redirects=False).status_code == 303
    removed = history(kind="response", key="utter_goodbye", db_url=db_url)[0]
    assert removed.new_value == {"of": 1, "variants": [{"text": extra, "from": None}]}
    assert ("bea", "content_changed", f"response:utter_goodbye:v{removed.id}:teksten 2->1") in _audit(db_url)
    assert "Weggehaald: tekst 1 van de standaard" in beheerder.get(url).text  # the history says what went

    page, form = _form(beheerder, url)
    assert "Haal tekst" not in page
    last = beheerder.post(url, data={**form, **_boxes(page), "remove": "1", "action": "save"})
    assert last.status_code == 422 and "De laatste tekst kan niet weg" in last.text
    assert history(kind="response", key="utter_goodbye", db_url=db_url)[0].id == removed.id

    back = beheerder.post(console_server.url(f"/console/inhoud/antwoord/utter_goodbye/terug/{added.id}"),
                          data={"csrf_token": csrf_from(page)}, allow_redirects=False)
    assert back.status_code == 303
    with session_scope(db_url) as session:
        [override] = session.query(ContentOverride).filter_by(key="utter_goodbye").all()
        assert override.value == '{"of": 1, "variants": [{"from": 0}, {"text": "%s", "from": null}]}' % extra


def test_the_website_chat_text_cannot_be_removed_and_a_form_from_an_old_page_is_refused(console_server, beheerder):
    url = console_server.url("/console/inhoud/antwoord/utter_handoff_waiting")
    page, form = _form(beheerder, url)
    assert "Haal tekst" not in page and "Dit is de enige tekst die alleen in de website-chat" in page
    refused = beheerder.post(url, data={**form, **_boxes(page), "remove": "2", "action": "save"})
    assert refused.status_code == 422 and "alleen in de website-chat" in refused.text
    stale = beheerder.post(url, data={**form, **_boxes(page), "from-2": "7", "action": "save"})
    assert stale.status_code == 422 and "Laad de pagina opnieuw" in stale.text
    assert history(kind="response", key="utter_handoff_waiting", db_url=console_server.db_url) == []


def test_a_therapist_cannot_add_a_text(console_server, beheerder):
    therapist = _account(console_server, "theo", "therapist")
    token = csrf_from(therapist.get(console_server.url("/console/")).text)
    reply = therapist.post(console_server.url("/console/inhoud/antwoord/utter_goodbye"), allow_redirects=False,
                           data={"csrf_token": token, "seen": "0", "from-1": "0", "new_text": "Doei! Bel 112.",
                                 "action": "save"})
    assert reply.status_code == 403
    assert history(kind="response", key="utter_goodbye", db_url=console_server.db_url) == []


def test_an_added_text_is_shown_escaped(console_server, beheerder):
    url = console_server.url("/console/inhoud/antwoord/utter_goodbye")
    page, form = _form(beheerder, url)
    shown = beheerder.post(url, data={**form, **_boxes(page), "new_text": '<script>alert("x")</script> Bel 112.',
                                      "action": "preview"})
    assert shown.status_code == 200 and "<script>alert" not in shown.text
    assert shown.text.count("&lt;script&gt;alert") >= 2  # the box and the preview
