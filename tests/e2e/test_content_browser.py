"""The content editor in a real browser (Debian's Chromium) against the real stack, checked by axe-core.

A beheerder finds "Teksten" in the menu, changes the opening hours with a preview first,
a patient in the website widget reads the new hours, a refused safety edit shows its
message, and the beheerder puts the default back. Every page passes axe-core.
"""
from __future__ import annotations

import secrets

import pytest

from bot.console.accounts import create_therapist
from tests.e2e.console_browser import axe_violations, browser, log_in  # noqa: F401 (fixture)
from tests.e2e.test_widget import ARTIFACTS, ask, open_demo

pytestmark = pytest.mark.e2e
TIMEOUT_MS = 30_000
NEW_HOURS = "- maandag: 9.00 tot 12.00 uur\n- de rest van de week zijn we dicht (browsertest)"


def test_a_beheerder_edits_the_hours_in_the_browser_and_the_widget_says_them(browser, stack):
    username, password = f"bt{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    create_therapist(username=username, display_name="Bea Beheer", password=password, db_url=stack.app_db,
                     role="beheerder")
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    patient_context, widget = open_demo(browser, stack)
    try:
        log_in(page, stack.base_url, username, password, stack.app_db)
        page.get_by_role("navigation", name="Console").get_by_role("link", name="Teksten").click()
        page.wait_for_url(f"{stack.base_url}/console/inhoud")
        assert axe_violations(page) == []

        page.get_by_role("link", name="Openingstijden", exact=True).click()
        assert axe_violations(page) == []
        page.get_by_label("Openingstijden", exact=True).fill(NEW_HOURS)
        page.get_by_role("button", name="Bekijk voorbeeld").click()
        preview = page.locator(".preview").first.inner_text()
        assert "Dit zijn de openingstijden van" in preview and "browsertest" in preview
        assert page.get_by_label("Openingstijden", exact=True).input_value() == NEW_HOURS  # the preview keeps the text
        assert axe_violations(page) == []
        page.get_by_role("button", name="Opslaan").click()
        assert "Opgeslagen" in page.locator(".notice").inner_text()
        assert axe_violations(page) == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "console-content-hours.png"), full_page=True)

        # The patient in the website widget reads the new hours: no restart, no retraining.
        assert "browsertest" in ask(widget, "wat zijn jullie openingstijden?", "browsertest")

        # A safety answer: the editor says what must stay; dropping it is refused with a clear message.
        page.goto(f"{stack.base_url}/console/inhoud/antwoord/utter_triage_crisis")
        assert "blijven noemen" in page.locator(".notice").inner_text()
        assert axe_violations(page) == []
        page.get_by_label("Tekst", exact=True).fill("Wat naar dat je je zo voelt. Praat met iemand die je vertrouwt.")
        page.get_by_role("button", name="Opslaan").click()
        assert "moet het nummer 113" in page.locator(".error").inner_text()
        assert axe_violations(page) == []

        page.goto(f"{stack.base_url}/console/inhoud/praktijk/opening_hours")
        page.get_by_role("button", name="Terug naar de standaardtekst").click()
        assert "standaardtekst staat weer" in page.locator(".notice").inner_text()
        assert axe_violations(page) == []
        page.goto(f"{stack.base_url}/console/inhoud/praktijk/country")
        assert axe_violations(page) == []
        assert "8.30 tot 13.00" in ask(widget, "wat zijn jullie openingstijden?", "8.30 tot 13.00")
    finally:
        context.close()
        patient_context.close()


def test_a_beheerder_adds_and_removes_a_text_with_the_keyboard_and_the_page_stays_accessible(browser, stack):
    username, password = f"bt{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    create_therapist(username=username, display_name="Bea Beheer", password=password, db_url=stack.app_db,
                     role="beheerder")
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    extra = "Tot de volgende keer (browsertest). Bij een noodgeval bel je 112."
    try:
        log_in(page, stack.base_url, username, password, stack.app_db)
        page.goto(f"{stack.base_url}/console/inhoud/antwoord/utter_goodbye")
        assert page.get_by_label("Haal tekst 1 weg").count() == 0  # the only text cannot go
        assert axe_violations(page) == []

        # Type a new text, Tab to "Bekijk voorbeeld", Enter: the preview shows both texts, nothing is saved yet.
        page.get_by_label("Nieuwe tekst (mag leeg blijven)").focus()
        page.keyboard.type(extra)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Bekijk voorbeeld"
        page.keyboard.press("Enter")
        page.get_by_label("Tekst 2 (door de praktijk toegevoegd)").wait_for()
        assert page.get_by_label("Tekst 2 (door de praktijk toegevoegd)").input_value() == extra
        assert "browsertest" in page.locator(".preview").nth(1).inner_text()
        assert page.get_by_label("Nieuwe tekst (mag leeg blijven)").input_value() == ""
        assert axe_violations(page) == []
        page.get_by_role("button", name="Opslaan").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**?m=saved")
        assert "Opgeslagen" in page.locator(".notice[role=status]").inner_text()
        assert page.get_by_label("Haal tekst 1 weg").count() == 1 and page.get_by_label("Haal tekst 2 weg").count() == 1
        assert axe_violations(page) == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "console-content-variants.png"), full_page=True)

        # Tick "Haal tekst 1 weg" with the space bar and save: only the new text is left, and it cannot go.
        page.get_by_label("Haal tekst 1 weg").focus()
        page.keyboard.press("Space")
        assert page.get_by_label("Haal tekst 1 weg").is_checked()
        page.get_by_role("button", name="Opslaan").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**?m=saved")
        assert page.get_by_label("Tekst 1 (door de praktijk toegevoegd)").input_value() == extra
        assert page.get_by_label("Haal tekst 1 weg").count() == 0
        newest = page.locator("details").filter(has_text="Bekijk oud en nieuw").first
        newest.locator("summary").focus()
        page.keyboard.press("Enter")  # opens the newest version's old and new texts
        assert "Weggehaald: tekst 1 van de standaard" in newest.inner_text()
        assert axe_violations(page) == []

        page.get_by_role("button", name="Terug naar de standaardtekst").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**?m=default")
        assert "standaardtekst staat weer" in page.locator(".notice[role=status]").inner_text()
        assert axe_violations(page) == []
    finally:
        context.close()
