"""The learning loop end to end, in a real browser against real servers.

A patient asks something the assistant does not know in the website widget and presses
"Dat bedoelde ik niet"; a therapist finds it in the console's "Niet begrepen" inbox
(axe-core clean), gives it a topic; it is exported, a model is trained on it, and the
RUNNING server switches to that model while steady REST messages keep coming (none may
fail). Afterwards the widget understands the same question, and a red flag is still
escalated (the switch kept every safety wrapper).

Cost: the stack starts on the model for the current data (as every e2e test). The
retrained model is named after data + learned example (bot.learning.retrain) and kept in
models/, so only the first run trains (the stack's model finetuned, bot/learning/finetune.py:
under a minute on 2 cores); later runs reuse it and still do the export and the switch
for real.
"""
from __future__ import annotations

import os
import secrets
import time

import pytest

from bot.console.accounts import create_therapist
from bot.settings import load_settings
from tests.e2e.conftest import free_port, running_stack
from tests.e2e.console_browser import axe_violations, browser, log_in  # noqa: F401 (fixture)
from tests.e2e.test_widget import BOT, ask, open_demo, session_id, wait_for_answer

pytestmark = pytest.mark.e2e
QUESTION = "mag mijn hond mee naar de behandeling"
TOPIC, TOPIC_LABEL = "practice_appointment", "Afspraak maken"


@pytest.fixture(scope="module")
def learning_stack(tmp_path_factory):
    """A stack of its own: switching its model must not change what other tests talk to."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    smtp_port = free_port()
    controller = Controller(Sink(), hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = {"VAR_DIR": str(tmp_path_factory.mktemp("learning-var")), "RASA_PORT": str(free_port()),
           "ACTION_PORT": str(free_port()), "RASA_AUTH_TOKEN": secrets.token_urlsafe(16),
           "CONSOLE_SECRET": secrets.token_urlsafe(32), "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
           "LOG_LEVEL": "INFO"}
    try:
        with running_stack(env, tmp_path_factory.mktemp("learning-logs")) as running:
            yield running
    finally:
        controller.stop()


def _intent(stack, sender: str) -> str:
    return stack.tracker(sender)["latest_message"]["intent"]["name"]


def _judge_in_console(browser, stack, settings) -> None:
    username, password = f"ll{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    create_therapist(username=username, display_name="Lotte Leren", password=password, db_url=settings.app_db)
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        log_in(page, stack.base_url, username, password, settings.app_db)
        page.get_by_role("link", name="Niet begrepen").click()
        page.wait_for_url(f"{stack.base_url}/console/niet-begrepen")
        item = page.locator("li.inbox-item", has_text=QUESTION)
        assert item.count() == 1
        assert "dat bedoelde ik niet" in item.inner_text().lower()  # why it is here
        assert axe_violations(page) == []
        # By keyboard, as a therapist without a mouse would.
        item.get_by_label("Onderwerp").focus()
        item.get_by_label("Onderwerp").select_option(label=TOPIC_LABEL)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**/console/niet-begrepen?m=assigned")
        assert QUESTION not in page.locator("main").inner_text()
        page.get_by_role("link", name="Beoordeeld").click()
        row = page.locator("tr", has_text=QUESTION)
        assert TOPIC_LABEL in row.inner_text() and "Lotte Leren" not in row.inner_text()  # stored by username
        assert row.get_by_role("button", name="Maak ongedaan").count() == 1
        assert axe_violations(page) == []
    finally:
        context.close()


def test_a_misunderstood_message_is_learned_and_the_running_server_switches(browser, learning_stack, tmp_path):
    from benchmarks.retrain import RED_FLAG, SteadyLoad
    from bot.learning.export import export_learned
    from bot.learning.retrain import switch_server, train_with_learned

    stack = learning_stack
    settings = load_settings({**os.environ, **stack.env})
    context, page = open_demo(browser, stack)
    try:
        ask(page, QUESTION)
        sender = session_id(page, stack)
        assert _intent(stack, sender) != TOPIC  # not known yet: otherwise this test proves nothing

        before = page.locator(BOT).count()
        page.get_by_role("button", name="Dat bedoelde ik niet").click()
        answer = wait_for_answer(page, before, "verkeerd begrepen")
        assert "therapeut" in answer and page.get_by_role("button", name="Praat met een therapeut").count() == 1

        _judge_in_console(browser, stack, settings)

        learned_dir = tmp_path / "learned"
        learned_dir.mkdir()
        report = export_learned(url=settings.app_db, nlu_dir=learned_dir)
        assert report.added == [f"{TOPIC}: {QUESTION}"]
        trained = train_with_learned(settings, learned_dir)
        print(f"\nretrained {trained.path.name}: {trained.how}, {trained.seconds:.0f} s")
        # An example of a known intent: the stack's model is finetuned, not trained again in full.
        assert not trained.trained or trained.how.startswith("finetuned from"), trained.how
        model = trained.path

        with SteadyLoad(stack.base_url, senders=3) as load:
            time.sleep(3)
            assert switch_server(stack.base_url, model.name, stack.token) == model.name
            time.sleep(3)
        figures = load.figures()
        print(f"\nload across the switch: {figures}")  # figures for the report; asserted below only on failures
        assert figures["sent"] > 0 and figures["failed"] == 0, load.failures[:5]
        assert figures["answered"] == figures["sent"]

        status, current = stack.request("GET", "/learning/model", token=True)
        assert status == 200 and current == {"model": model.name, "missing_wrappers": []}

        # The same words, typed again in the same widget: understood now.
        answer = ask(page, QUESTION)
        assert _intent(stack, sender) == TOPIC
        assert "afspraak" in answer.lower()
    finally:
        context.close()

    # Every screen survived the switch: a red flag is escalated, a typed command is not run.
    escalation = "\n".join(m.get("text", "") for m in stack.say(f"ll-red-{secrets.token_hex(4)}", RED_FLAG))
    assert "112" in escalation or "huisarts" in escalation.lower()
    typed = f"ll-typed-{secrets.token_hex(4)}"
    stack.say(typed, "/delete_my_data")
    assert stack.tracker(typed)["latest_message"]["metadata"].get("typed_command") is True


def test_the_switch_refuses_a_model_outside_the_model_directory_and_strangers(learning_stack):
    status, _ = learning_stack.request("POST", "/learning/model", {"model": "../../etc/passwd"}, token=True)
    assert status == 404
    status, _ = learning_stack.request("POST", "/learning/model", {"model": "x.tar.gz"})
    assert status == 401
