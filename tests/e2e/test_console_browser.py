"""The therapist console in a real browser (Debian's Chromium) against the real stack.

A patient asks for a therapist in the website widget; the therapist sees the handoff
appear without reloading, answers, the patient reads the answer in the widget, and the
therapist closes the handoff after confirming and finds it under "Afgerond". axe-core
(from the npm registry, see scripts/system_deps.sh) checks every console page.
"""
from __future__ import annotations

import secrets
import time
import uuid

import pytest

from bot.console.accounts import create_therapist
from bot.db.models import Handoff
from bot.db.session import session_scope
from tests.e2e.console_browser import axe_violations, browser, log_in  # noqa: F401 (fixture)
from tests.e2e.test_widget import ARTIFACTS, BOT, ask, open_demo, session_id

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def therapist(stack):
    username, password = f"br{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    # A beheerder, so that the accounts page is checked too.
    create_therapist(username=username, display_name="Anne Browser", password=password, db_url=stack.app_db,
                     role="beheerder")
    return username, password


def _accessible(page) -> None:
    assert axe_violations(page) == []


def _handoff_of(stack, conversation_id: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with session_scope(stack.app_db) as session:
            handoff = session.query(Handoff).filter_by(conversation_id=conversation_id).first()
            if handoff is not None:
                return handoff.id
        time.sleep(0.3)
    raise AssertionError(f"no handoff for {conversation_id}")


def test_a_handoff_from_the_widget_is_answered_and_closed_live(browser, stack, therapist):
    console_context = browser.new_context(locale="nl-NL", bypass_csp=True)
    console = console_context.new_page()
    console.set_default_timeout(TIMEOUT_MS)
    patient_context, widget = open_demo(browser, stack)
    try:
        log_in(console, stack.base_url, *therapist, db_url=stack.app_db,
               check=lambda code_page: _accessible(code_page))
        assert axe_violations(console) == []
        console.evaluate("window.__notReloaded = true")
        console.keyboard.press("Tab")
        assert console.evaluate("document.activeElement.textContent") == "Naar de inhoud"
        console.keyboard.press("Enter")
        assert console.evaluate("document.activeElement.id") == "main"

        ask(widget, "kan ik met een therapeut praten", "Hoe mag")
        assert "doorgegeven" in ask(widget, "via deze chat", "doorgegeven")
        handoff_id = _handoff_of(stack, session_id(widget, stack))

        # The new handoff appears in the list and the count in the title, without a reload.
        console.locator(f'a[href="/console/handoffs/{handoff_id}"]').wait_for()
        assert console.evaluate("window.__notReloaded") is True
        console.wait_for_function("document.title.startsWith('(')")
        row = console.locator("tr", has=console.locator(f'a[href="/console/handoffs/{handoff_id}"]'))
        assert "Website-chat" in row.inner_text() and "wacht" in row.inner_text()

        console.click(f'a[href="/console/handoffs/{handoff_id}"]')
        assert "Patiënt" in console.locator(".transcript").inner_text()
        assert axe_violations(console) == []
        console.get_by_role("button", name="Neem dit gesprek op je").click()
        assert "op je genomen" in console.locator(".notice").inner_text()
        assert axe_violations(console) == []

        # The widget says a person holds the chat and shows no typing dots while the patient waits.
        widget.locator(".rw-therapist").wait_for(state="visible")
        question = f"Hoe lang duurt het nog? {uuid.uuid4().hex[:6]}"
        widget.get_by_label("Je bericht").fill(question)
        widget.get_by_label("Je bericht").press("Enter")
        assert widget.locator(".rw-typing").is_hidden()

        # The patient's new message reaches the open detail page without a reload.
        console.evaluate("window.__notReloaded = true")
        console.locator(".transcript li.user", has_text=question).wait_for()
        assert console.evaluate("window.__notReloaded") is True
        ARTIFACTS.mkdir(exist_ok=True)
        console.screenshot(path=str(ARTIFACTS / "console-detail.png"), full_page=True)

        answer = f"Ik kijk er nu naar. ({uuid.uuid4().hex[:6]})"
        console.get_by_label("Je antwoord aan de patiënt").fill(answer)
        console.get_by_role("button", name="Verstuur").click()
        assert "verstuurd" in console.locator(".notice").inner_text()
        widget.locator(BOT, has_text=answer).wait_for()
        assert "Anne Browser" in widget.locator(BOT, has_text=answer).inner_text()
        assert "Anne Browser (therapeut)" in console.locator(".transcript li.therapist").last.inner_text()

        console.get_by_role("link", name="Rond af …").click()
        assert "afronden?" in console.locator("h1").inner_text()
        assert axe_violations(console) == []
        console.get_by_role("button", name="Ja, rond af").click()
        assert "afgerond" in console.locator(".notice").inner_text()
        widget.locator(BOT, has_text="afgerond").wait_for()
        assert widget.locator(".rw-therapist").is_hidden()

        console.goto(f"{stack.base_url}/console/?tab=closed")
        console.screenshot(path=str(ARTIFACTS / "console-closed.png"), full_page=True)
        assert console.locator(f'a[href="/console/handoffs/{handoff_id}"]').count() == 1
        assert axe_violations(console) == []
        console.goto(f"{stack.base_url}/console/?tab=mine")
        assert axe_violations(console) == []
        console.goto(f"{stack.base_url}/console/handoffs/{handoff_id}/delete")
        assert axe_violations(console) == []
        for path in ("/console/overzicht", "/console/accounts"):
            console.goto(f"{stack.base_url}{path}")
            assert axe_violations(console) == [], path
    finally:
        console_context.close()
        patient_context.close()


def test_the_login_page_is_accessible_and_usable_by_keyboard(browser, stack):
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(f"{stack.base_url}/console/login")
        assert axe_violations(page) == []
        # The name field has the focus; the skip link comes right before it.
        assert page.evaluate("document.activeElement.name") == "username"
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    finally:
        context.close()
