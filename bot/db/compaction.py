"""A long conversation session, loaded as its recent part behind a short synthesized prefix.

Rasa rebuilds the tracker from every event of the session for every message, and the
policies then featurize the whole history, so each message of a long session costs more
than the one before. Everything that decides the next answer looks at a few recent
turns (Memoization: 4 states, the longest rule: a handful) plus the *state* the older
events left behind: slot values, the active loop, a paused conversation. So the store
loads the last turns in full and replaces everything before them ("the head") with
events that restore that state: `SlotSet`s, `ActiveLoop`, `ConversationPaused`.

The head's state is computed without reading its events: their type and name columns
are enough to replay it (`head_state`); then only the rows of the slot values that count
are read. Building 2,000 event objects per message was most of a long session's cost.

Every synthesized event carries `COMPACTED_KEY` in its metadata with the id of the first
row after the head (the cut), so that saving skips the prefix and counts the stored rows
from the cut on (see `prefix_info`); copies of the tracker keep event metadata too.
"""
from __future__ import annotations

import functools
import json
import logging
from collections import deque
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Type

from rasa.shared.core.events import (
    ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop, AllSlotsReset,
    ConversationPaused, ConversationResumed, Event, LegacyForm, Restarted, SessionStarted,
    SlotSet, UserUttered, UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

COMPACTED_KEY = "rugwijzer_compacted"

_REVERTS = (ActionReverted, UserUtteranceReverted)


@functools.lru_cache(maxsize=None)
def event_class(type_name: str) -> Optional[Type[Event]]:
    """`Event.resolve_by_type`, once per type name.

    Rasa walks every subclass of `Event` for every stored event it deserializes: most of
    the time of a long session's retrieval. The classes of Rasa's type names do not
    change while the server runs; an unknown name raises and is therefore not cached.
    """
    return Event.resolve_by_type(type_name)


def parse(data: str) -> Optional[Event]:
    """One stored event (None, with a warning, if unreadable: Rasa skips those too)."""
    fields = json.loads(data)
    cls = event_class(fields["event"]) if "event" in fields else None
    event = cls._from_parameters(fields) if cls else None
    if event is None:
        logger.warning("Unable to parse stored event of type %r", fields.get("event"))
    return event


def deserialise(stored: Iterable[str]) -> List[Event]:
    """Like Rasa's `deserialise_events` over the `data` column, with the cached lookup."""
    return [event for event in map(parse, stored) if event is not None]


class _StoredValue:
    """Stands for a slot value still in the database: the id of the row that set it."""

    __slots__ = ("row_id",)

    def __init__(self, row_id: int) -> None:
        self.row_id = row_id


@dataclass
class HeadState:
    """What the head of a session leaves behind, as far as the prefix restores it."""

    slot_rows: Dict[str, int]  # slot name -> id of the stored `SlotSet` whose value counts
    loop: Optional[str]
    loop_rejected: bool
    paused: bool


_TYPES: Dict[str, Type[Event]] = {cls.type_name: cls for cls in (
    AllSlotsReset, Restarted, SessionStarted, ActionReverted, UserUtteranceReverted,
    ConversationPaused, ConversationResumed,
)}


# Templates for the frequent stand-ins: a copy of their attributes is several times
# cheaper than Rasa's constructors, and a session has thousands of them.
_ACTION, _USER, _SLOT = ActionExecuted("action"), UserUttered(), SlotSet("slot")


def _copy(template: Event, **changes: Any) -> Event:
    event = object.__new__(type(template))
    event.__dict__.update(template.__dict__, **changes)
    return event


def placeholder(row: Any) -> Optional[Event]:
    """A cheap stand-in for a stored event, from its type and name columns alone.

    Rasa's store writes the event's `name` into `action_name`: the action, the slot, the
    loop. Actions and user messages only matter by position (they bound reverts and loop
    runs); a slot keeps a reference to its row instead of its value. Other types (bot
    messages, featurization hints, reminders) change none of the state the prefix
    restores and never bound a revert: None, skipped. A new object for every row, so that
    the events `applied_events` keeps can be told apart (`bot.db.cut`).
    """
    kind, name = row.type_name, row.action_name
    if kind == ActionExecuted.type_name:
        return _copy(_ACTION, action_name=name)
    if kind == UserUttered.type_name:
        return _copy(_USER)
    if kind == SlotSet.type_name:
        return _copy(_SLOT, key=name, value=_StoredValue(row.id))
    if kind in (ActiveLoop.type_name, LegacyForm.type_name):
        return ActiveLoop(name)
    if kind == ActionExecutionRejected.type_name:
        return ActionExecutionRejected(name)
    cls = _TYPES.get(kind)
    return cls() if cls else None


def placeholders(rows: Sequence[Any]) -> Optional[List[Optional[Event]]]:
    """`placeholder` of every row; None if a slot row has no name (not Rasa's SQL store)."""
    events = [placeholder(row) for row in rows]
    if any(isinstance(event, SlotSet) and not event.key for event in events):
        return None
    return events


def head_state(head: Sequence[Optional[Event]]) -> HeadState:
    """The state `DialogueStateTracker.from_events` would reach after the head's placeholders.

    Rasa applies events one by one, and a revert resets the tracker and replays the events
    that still count (`applied_events`): so replay up to the last revert, then apply the
    rest in order.
    """
    events = [event for event in head if event is not None]
    last_revert = max((i for i, e in enumerate(events) if isinstance(e, _REVERTS)), default=-1)
    state = DialogueStateTracker("head", slots=None)  # any slot name, no type conversions
    if last_revert >= 0:
        state.events = deque(events[: last_revert + 1])
        state.replay_events()
    for event in events[last_revert + 1:]:
        event.apply_to(state)
    slot_rows = {name: slot.value.row_id for name, slot in state.slots.items()
                 if isinstance(slot.value, _StoredValue)}
    loop = state.active_loop
    return HeadState(slot_rows, loop.name if loop else None, bool(loop and loop.rejected), state.is_paused())


def prefix_events(head: HeadState, values: Dict[str, Any], cut_id: int,
                  session_start: Optional[float], timestamp: Optional[float]) -> List[Event]:
    """Events that restore `head` (slot `values` by name), for the rows before `cut_id`."""
    marker = {COMPACTED_KEY: cut_id}
    # Always there, so that the prefix is never empty (saving finds it by its marker); a
    # session's tracker opens with one anyway, and at the start it changes nothing.
    prefix: List[Event] = [SessionStarted(timestamp=session_start, metadata=dict(marker))]
    prefix += [SlotSet(name, value, timestamp=timestamp, metadata=dict(marker))
               for name, value in values.items()]
    if head.loop:
        prefix.append(ActiveLoop(head.loop, timestamp=timestamp, metadata=dict(marker)))
        if head.loop_rejected:  # until the loop runs again, the rules must not predict it
            prefix.append(ActionExecutionRejected(head.loop, timestamp=timestamp, metadata=dict(marker)))
    if head.paused:
        prefix.append(ConversationPaused(timestamp=timestamp, metadata=dict(marker)))
    return prefix


def prefix_info(events: Sequence[Event]) -> Tuple[int, Optional[int]]:
    """(synthesized events at the start of `events`, id of the cut row; None if none)."""
    count, cut_id = 0, None
    for event in events:
        if COMPACTED_KEY not in (event.metadata or {}):
            break
        count, cut_id = count + 1, event.metadata[COMPACTED_KEY]
    return count, cut_id
