"""The website widget in a real browser (Debian's Chromium) against the real stack.

Needs credentials.yml to open `bot.channels.socketio.SecureSocketIOInput:`.
"""
from __future__ import annotations

import time

import pytest

from bot.settings import PROJECT_ROOT
from tests.e2e.console_browser import browser  # noqa: F401 - the shared fixture: fails when Chromium is missing

pytestmark = pytest.mark.e2e

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
TIMEOUT_MS = 30_000
BOT = ".rw-msg-bot .rw-bubble"


def open_demo(browser, stack, **context_options):
    context = browser.new_context(locale="nl-NL", **context_options)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{stack.base_url}/web/demo.html")
    page.locator(".rw-panel").wait_for(state="visible")
    return context, page


def ask(page, text: str, expect: str = "") -> str:
    """Types `text` and returns the assistant's answer once it contains `expect`."""
    before = page.locator(BOT).count()
    page.get_by_label("Je bericht").fill(text)
    page.get_by_label("Je bericht").press("Enter")
    return wait_for_answer(page, before, expect)


def wait_for_answer(page, before: int, expect: str = "") -> str:
    """Text of the bot bubbles after the first `before`, once one of them contains `expect`."""
    # The first reply of a conversation comes after the welcome, and answers come in several
    # bubbles: wait for the expected words rather than for a number of bubbles.
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        answer = "\n".join(page.locator(BOT).all_inner_texts()[before:])
        if answer and expect in answer:
            return answer
        assert time.monotonic() < deadline, f"no answer with {expect!r}; got {answer!r}"
        page.wait_for_timeout(200)


def session_id(page, stack) -> str:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key)).session_id",
                         f"rugwijzer.session:{stack.base_url}")


def test_chat_in_the_browser_survives_a_reload(browser, stack):
    context, page = open_demo(browser, stack)
    try:
        assert page.locator(".rw-emergency").inner_text() == "Spoed? Bel 112"
        assert "dagen" in page.locator(".rw-notice").inner_text()

        assert "250" in ask(page, "hoeveel magnesium mag ik per dag?", "250")

        ask(page, "hoi", "Kies een onderwerp")
        reply = page.locator(".rw-reply", has_text="Wat doet magnesium?")
        before = page.locator(BOT).count()
        reply.click()
        assert page.locator(".rw-msg-user").last.inner_text().endswith("Wat doet magnesium?")
        assert "spieren" in wait_for_answer(page, before, "spieren")

        assert "112" in ask(page, "ik kan ineens niet meer plassen", "112")

        shown = page.locator(".rw-msg").count()
        first_session = session_id(page, stack)
        page.reload()
        page.locator(".rw-history .rw-msg").nth(shown - 1).wait_for()
        assert session_id(page, stack) == first_session
        restored = page.locator(".rw-history").inner_text()
        for text in ("hoeveel magnesium mag ik per dag?", "250", "Wat doet magnesium?", "112"):
            assert text in restored
    finally:
        context.close()


def test_text_is_never_markup_and_start_over_gives_a_new_session(browser, stack):
    context, page = open_demo(browser, stack)
    try:
        ask(page, "<img src=x onerror=alert(1)> hallo")
        assert page.locator(".rw-log img").count() == 0
        assert "<img src=x" in page.locator(".rw-msg-user").first.inner_text()
        first_session = session_id(page, stack)
        page.get_by_role("button", name="Opnieuw beginnen").click()
        page.wait_for_function("([key, old]) => { const s = JSON.parse(localStorage.getItem(key));"
                               " return s && s.session_id !== old; }",
                               arg=[f"rugwijzer.session:{stack.base_url}", first_session])
        assert page.locator(".rw-msg").count() == 0
        page.keyboard.press("Escape")
        assert page.locator(".rw-panel").is_hidden()
        assert page.locator(".rw-launcher").evaluate("el => el === el.getRootNode().activeElement")
    finally:
        context.close()


def test_phone_screen(browser, stack):
    context, page = open_demo(browser, stack, viewport={"width": 360, "height": 740},
                              is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        ask(page, "hoi")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "widget-phone.png"))
        box = page.locator(".rw-panel").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        for control in (".rw-input", ".rw-send", ".rw-close", ".rw-erase"):
            control_box = page.locator(control).bounding_box()
            assert control_box["x"] >= 0 and control_box["x"] + control_box["width"] <= 360, control
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
