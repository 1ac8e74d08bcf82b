"""The browser tests' Chromium (widget, console, content, learning loop), axe-core and logging in."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot.settings import PROJECT_ROOT

AXE = PROJECT_ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Chromium for every browser test (imported by each test module).

    A missing Chromium or axe-core fails the run: `make test` installs both
    (scripts/system_deps.sh), so a skip here would hide a broken install step.
    """
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is not installed: scripts/system_deps.sh should have installed it")
    if not AXE.exists():
        pytest.fail("axe-core is not installed: scripts/system_deps.sh should have installed it")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def axe_violations(page) -> List[Dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.1 A and AA rules and best practices).

    The page's context must be made with bypass_csp=True: axe is injected as a script.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [{"id": v["id"], "nodes": [n["html"][:120] for n in v["nodes"]]} for v in found]


def log_in(page, base_url: str, username: str, password: str, db_url: str, check=None) -> None:
    """Password, then a code as the authenticator app would show it (set up the first time).

    `check(page)` runs on the code page, e.g. an accessibility check.
    """
    from tests.bot.console.helpers import next_code

    page.goto(f"{base_url}/console/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base_url}/console/code")
    if check:
        check(page)
    shown = page.locator("strong code")
    secret = shown.inner_text().replace(" ", "") if shown.count() else None
    page.get_by_label("Code van 6 cijfers").fill(next_code(db_url, username, secret))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base_url}/console/")
