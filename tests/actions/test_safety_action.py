"""action_safety_door_open with a real rasa-sdk Tracker."""
from rasa_sdk import Tracker
from rasa_sdk.events import ActionReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionSafetyDoorOpen


def test_the_door_line_is_said_and_the_action_steps_back_for_the_answer():
    tracker = Tracker(
        sender_id="t1", slots={"safety_door_text": "Bel dag en nacht 113."},
        latest_message={"text": "doei", "intent": {"name": "goodbye", "confidence": 0.9}},
        events=[{"event": "user", "text": "doei"}], paused=False, followup_action=None,
        active_loop={}, latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    events = ActionSafetyDoorOpen().run(dispatcher, tracker, {})
    assert [m["text"] for m in dispatcher.messages] == ["Bel dag en nacht 113."]
    assert events == [ActionReverted()]
