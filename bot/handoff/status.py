"""Where a handoff stands: the one list of statuses the records, the console and the slot use."""
from __future__ import annotations

import enum


class HandoffStatus(str, enum.Enum):
    """A handoff's status, stored as its value in `handoffs.status` and the `handoff_status` slot.

    A `str` enum: a member equals its value, so rows and slots read back as plain
    strings compare equal to it.
    """

    OPEN = "open"  # waiting for a therapist
    CLAIMED = "claimed"  # a therapist has the chat; the assistant stays quiet
    CLOSED = "closed"  # that care has ended


# A therapist is acting on these: they stay through an erasure and show in the console.
ACTIVE = (HandoffStatus.OPEN.value, HandoffStatus.CLAIMED.value)
