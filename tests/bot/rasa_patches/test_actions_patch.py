"""`RemoteAction`: a hanging or failing action server gets the apology; one validator."""
import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import SlotSet

from bot.core.resilience import APOLOGY_RESPONSE
from bot.rasa_patches import RasaChanged, actions


class Output:
    def name(self):
        return "rest"


class NLG:
    async def generate(self, template, tracker, channel):
        return {"text": f"sorry ({template})"}


@pytest.fixture
def action_server(monkeypatch):
    """The patch over a stand-in for Rasa's call to the action server."""
    actions.uninstall()
    behaviour = {"kind": "ok"}

    async def rasa_run(self, output_channel, nlg, tracker, domain):
        if behaviour["kind"] == "hang":
            await asyncio.sleep(30)
        if behaviour["kind"] == "fail":
            raise ConnectionError("action server down")
        if behaviour["kind"] == "reject":
            raise ActionExecutionRejection(self.name())
        return [SlotSet("x", 1)]

    monkeypatch.setattr(RemoteAction, "run", rasa_run)
    actions.install(0.3)
    yield behaviour
    actions.uninstall()


def run(action):
    return asyncio.run(RemoteAction.run(action, Output(), NLG(), None, None))


def test_a_working_action_returns_its_events(action_server):
    assert run(RemoteAction("action_x", None)) == [SlotSet("x", 1)]


@pytest.mark.parametrize("kind", ["hang", "fail"])
def test_a_hanging_or_failing_action_server_gets_the_apology(action_server, kind):
    action_server["kind"] = kind
    events = run(RemoteAction("action_x", None))
    assert events[0].text == f"sorry ({APOLOGY_RESPONSE})"
    assert events[0].metadata == {"utter_action": APOLOGY_RESPONSE}


def test_a_form_rejecting_input_is_not_a_fault(action_server):
    action_server["kind"] = "reject"
    with pytest.raises(ActionExecutionRejection):
        run(RemoteAction("validate_plan_form", None))


def test_installing_again_keeps_one_wrapper_and_takes_the_new_timeout(action_server):
    wrapper = RemoteAction.run
    actions.install(7.0)
    assert RemoteAction.run is wrapper and actions._timeout_seconds == 7.0


def test_the_one_validator_accepts_and_rejects_like_rasa(action_server):
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list"})


def test_a_changed_run_is_refused_and_nothing_installed(monkeypatch):
    actions.uninstall()

    async def changed(self, output_channel, nlg, tracker, domain, metadata):
        return []

    monkeypatch.setattr(RemoteAction, "run", changed)
    with pytest.raises(RasaChanged, match="RemoteAction.run"):
        actions.install(1.0)
    assert RemoteAction.run is changed
