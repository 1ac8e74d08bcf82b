"""Faults: the action server down or hanging must never mean silence, and safety still works."""
import secrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.e2e.conftest import free_port, running_stack

pytestmark = pytest.mark.e2e


class HangingActionServer(BaseHTTPRequestHandler):
    """An action server that accepts the call and never answers in time."""

    def do_POST(self):  # noqa: N802 - http.server naming
        time.sleep(30)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module", params=["hanging", "stopped"])
def degraded(request, tmp_path_factory):
    """A Rasa server whose action server hangs (accepts, never answers) or is not running."""
    hanging = ThreadingHTTPServer(("127.0.0.1", free_port()), HangingActionServer)
    threading.Thread(target=hanging.serve_forever, daemon=True).start()
    action_port = hanging.server_address[1] if request.param == "hanging" else free_port()
    env = {
        "VAR_DIR": str(tmp_path_factory.mktemp("degraded")),
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(action_port),
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(16),
        "ACTION_TIMEOUT_SECONDS": "3",
    }
    try:
        with running_stack(env, tmp_path_factory.mktemp("degraded-logs"), with_actions=False) as running:
            yield running
    finally:
        hanging.shutdown()


def test_a_failing_action_server_gets_an_apology_within_five_seconds(degraded):
    sender = f"fault-{uuid.uuid4().hex[:8]}"
    degraded.say(sender, "hallo")
    started = time.monotonic()
    messages = degraded.say(sender, "mag ik magnesium nemen bij mijn medicijnen")
    elapsed = time.monotonic() - started
    assert elapsed < 5.0
    assert any("Probeer het" in (m.get("text") or "") for m in messages)


def test_the_escalation_arrives_without_the_action_server(degraded):
    sender = f"fault-{uuid.uuid4().hex[:8]}"
    degraded.say(sender, "hallo")
    messages = degraded.say(sender, "ik voel ineens niks meer tussen mijn benen")
    assert messages[0]["text"].startswith("Bel nu 112")
    assert degraded.tracker(sender)["slots"]["triage_level"] == "emergency"


def test_a_hanging_action_does_not_hold_up_another_conversations_red_flag(degraded):
    # One message at a time works on the CPU (bot/core/admission.py); a message stuck on
    # the action server must step aside, or every other conversation waits 3 s with it.
    waiting, urgent = f"fault-{uuid.uuid4().hex[:8]}", f"fault-{uuid.uuid4().hex[:8]}"
    degraded.say(waiting, "hallo")
    degraded.say(urgent, "hallo")
    stuck = threading.Thread(target=degraded.say, args=(waiting, "mag ik magnesium nemen bij mijn medicijnen"))
    stuck.start()
    time.sleep(0.6)  # the first message is now waiting for the action server
    started = time.monotonic()
    messages = degraded.say(urgent, "ik voel ineens niks meer tussen mijn benen")
    elapsed = time.monotonic() - started
    stuck.join()
    assert messages[0]["text"].startswith("Bel nu 112")
    assert elapsed < 1.5, f"the red flag waited {elapsed:.1f} s behind the hanging action"
