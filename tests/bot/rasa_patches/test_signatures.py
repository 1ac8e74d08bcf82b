"""The start-up check refuses a Rasa whose patched functions have changed."""
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import SQLTrackerStore

from bot.rasa_patches import RasaChanged, check_all
from bot.rasa_patches.signatures import expect_attribute, expect_signature


class Owner:
    def handle(self, message):
        return message


def test_the_expected_signature_passes_and_another_is_refused_by_name():
    expect_signature(Owner, "handle", ("self", "message"))
    with pytest.raises(RasaChanged) as refused:
        expect_signature(Owner, "handle", ("self", "message", "channel"))
    assert "Owner.handle" in str(refused.value) and "(self, message)" in str(refused.value)
    with pytest.raises(RasaChanged, match="no longer exists"):
        expect_signature(Owner, "gone", ("self",))


def test_a_refusal_stops_the_process():
    assert issubclass(RasaChanged, SystemExit)


def test_a_missing_private_attribute_is_refused():
    with pytest.raises(RasaChanged, match="_tracker_store"):
        expect_attribute(Owner(), "_tracker_store", "a test")


def test_the_installed_rasa_has_what_every_patch_expects():
    check_all()


@pytest.mark.parametrize("owner, name", [
    (MessageProcessor, "handle_message"),
    (MessageProcessor, "execute_action"),
    (RemoteAction, "run"),
    (RemoteAction, "_validate_action_result"),
    (Agent, "handle_message"),
    (SQLTrackerStore, "_additional_events"),
    (SQLTrackerStore, "_event_query"),
])
def test_a_changed_rasa_function_stops_the_start(monkeypatch, owner, name):
    async def changed(self, message, extra_argument):
        return None

    monkeypatch.setattr(owner, name, changed)
    with pytest.raises(RasaChanged, match=name):
        check_all()
