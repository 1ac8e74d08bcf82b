"""Handoff statuses: one enum, read back from rows and slots as plain strings."""
from bot.console.words import STATUS_LABELS
from bot.handoff.status import ACTIVE, HandoffStatus


def test_every_status_has_a_label_for_the_therapist():
    assert set(STATUS_LABELS) == {status.value for status in HandoffStatus}


def test_a_stored_string_equals_its_status():
    assert "claimed" == HandoffStatus.CLAIMED and "claimed" in ACTIVE and "closed" not in ACTIVE
