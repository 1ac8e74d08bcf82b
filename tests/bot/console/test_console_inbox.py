"""The "Niet begrepen" inbox over HTTP: misses read from a real tracker store, judged,
undone, audited, and shown without the sender."""
import asyncio
import re

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.console.accounts import create_therapist
from bot.db.models import AuditEntry
from bot.db.session import session_scope
from bot.learning.store import MisunderstoodMessage

from tests.bot.console.helpers import csrf_from, login

SENDER = "telegram-0612345678"


def _user(text, intent, confidence):
    parse = {"intent": {"name": intent, "confidence": confidence}, "entities": [], "text": text}
    return UserUttered(text, intent=parse["intent"], parse_data=parse)


def _conversation(tracker_url):
    from bot.db.tracker_store import UrlSQLTrackerStore

    store = UrlSQLTrackerStore(domain=Domain.empty(), url=tracker_url)
    tracker = DialogueStateTracker(SENDER, [])
    for event in (_user("kan ik met mijn pinpas betalen", "nlu_fallback", 0.2),
                  BotUttered("Sorry, dat begreep ik niet.", metadata={"utter_action": "utter_fallback_give_up"}),
                  _user("wat doet magnesium", "magnesium_role", 0.97), BotUttered("Magnesium helpt je spieren.")):
        tracker.update(event)
    asyncio.run(store.save(tracker))


def _session(server):
    create_therapist(username="anna", display_name="Anna de Vries", password="een lang wachtwoord 1",
                     db_url=server.db_url)
    client = server.client()
    login(client, server.base_url, "anna", "een lang wachtwoord 1", server.db_url)
    return client


def test_inbox_shows_the_miss_without_sender_and_records_the_decision(console_server):
    _conversation(console_server.tracker_url)
    client = _session(console_server)
    page = client.get(console_server.url("/console/niet-begrepen"))
    assert page.status_code == 200
    assert "kan ik met mijn pinpas betalen" in page.text and "Sorry, dat begreep ik niet." in page.text
    assert "wat doet magnesium" not in page.text  # understood: not in the inbox
    assert SENDER not in page.text and "0612345678" not in page.text and "Telegram" not in page.text
    assert 'href="/console/niet-begrepen"' in page.text  # in the navigation
    item = int(re.search(r'action="/console/niet-begrepen/(\d+)"', page.text).group(1))

    # No topic chosen: nothing stored, a kind hint.
    reply = client.post(console_server.url(f"/console/niet-begrepen/{item}"),
                        data={"csrf_token": csrf_from(page.text), "decision": "assigned", "topic": ""})
    assert "Kies eerst een onderwerp" in reply.text
    reply = client.post(console_server.url(f"/console/niet-begrepen/{item}"),
                        data={"csrf_token": csrf_from(page.text), "decision": "assigned", "topic": "practice_costs"})
    assert "Opgeslagen" in reply.text and "kan ik met mijn pinpas betalen" not in reply.text

    decided = client.get(console_server.url("/console/niet-begrepen/toegewezen"))
    assert "kan ik met mijn pinpas betalen" in decided.text and "Kosten en vergoeding" in decided.text
    undone = client.post(console_server.url(f"/console/niet-begrepen/{item}/terug"),
                         data={"csrf_token": csrf_from(decided.text)})
    assert "weer bij" in undone.text
    with session_scope(console_server.db_url) as session:
        row = session.get(MisunderstoodMessage, item)
        assert row.decision is None and row.decided_by == "anna"
        actions = [a for (a,) in session.query(AuditEntry.action).order_by(AuditEntry.id)]
    assert "inbox_assigned" in actions and "inbox_undo" in actions and "view_inbox" in actions


def test_inbox_needs_a_login_and_csrf(console_server):
    assert console_server.client().get(console_server.url("/console/niet-begrepen"),
                                       allow_redirects=False).status_code == 303
    client = _session(console_server)
    reply = client.post(console_server.url("/console/niet-begrepen/1"), data={"decision": "ignore"})
    assert reply.status_code == 403
