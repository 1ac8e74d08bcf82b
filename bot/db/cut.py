"""Where a long session is cut: the head before it is replaced, the turns after it loaded.

The cut is always just before an `action_listen` that is followed by a user message (a
whole turn), and only where the compacted tracker will see the same recent history as
the full one. Rasa's `applied_events` undoes reverted turns and, when a loop runs again
on its happy path, every turn back to its previous run: if such an undo reached across
the cut, the full tracker would lose events on both sides of it and the compacted one
only after it, and the policies would see different states. So each candidate cut is
checked: the events after it that still count (`applied_events`) must be exactly those
of the full session, at least `MIN_STATES` states' worth, and the prefix must survive.
Stand-ins without data (`compaction.placeholder`) are enough to check that.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected, ActiveLoop, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db.compaction import HeadState, head_state, placeholders

# User turns loaded in full (between RECENT_TURNS and RECENT_TURNS + head_cache.REFOLD_TURNS).
# The policies need 2 or 3 (Memoization: 4 states, the longest rule: a few), the fallback
# stage 2. Every loaded event costs in Rasa's policies and on the way to the action server,
# so fewer turns answer a long session faster (benchmarks/long_conversation.py compares it
# with a fresh one). The price: the handoff transcript the action builds and the widget's
# history after a reload hold these turns only; the therapist console reads the full tracker.
RECENT_TURNS = 6
# Sessions up to this many events (~30 turns) load in full: little to save, and a session
# that has just grown past it loads its head once.
COMPACT_ABOVE = 250
# States the policies may look at: Memoization's max_history 4, the longest rule 5 steps;
# twice that, as the first state after the cut differs (nothing came before it).
MIN_STATES = 10
# Turns the cut may move back from RECENT_TURNS to find a clean place (a form on its happy
# path across it, too few states): past that, the session loads in full.
MAX_CUT_MOVES = 40


def _opens_turn(rows: Sequence[Any], index: int) -> bool:
    row = rows[index]
    return (row.type_name == ActionExecuted.type_name and row.action_name == ACTION_LISTEN_NAME
            and index + 1 < len(rows) and rows[index + 1].type_name == UserUttered.type_name)


def count_turns(rows: Sequence[Any]) -> int:
    """User turns in `rows`: `action_listen` rows followed by a user message."""
    return sum(1 for index in range(len(rows)) if _opens_turn(rows, index))


def _turn_before(rows: Sequence[Any], index: int) -> Optional[int]:
    """The latest turn opening before `index` (never the very first row)."""
    return next((i for i in range(index - 1, 0, -1) if _opens_turn(rows, i)), None)


def choose_cut(rows: Sequence[Any], recent_turns: int = RECENT_TURNS) -> Optional[int]:
    """Index of the `action_listen` that opens the last `recent_turns` user turns, if any."""
    if len(rows) <= COMPACT_ABOVE:
        return None
    cut: Optional[int] = len(rows)
    for _ in range(recent_turns):
        cut = _turn_before(rows, cut)
        if cut is None:
            return None
    return cut


def _applied(events: Iterable[Event]) -> List[Event]:
    scratch = DialogueStateTracker("cut", slots=None)
    scratch.events = deque(events)
    return scratch.applied_events()


def _loops_at_turns(rows: Sequence[Any], applied: List[Event], row_of: Dict[int, int]
                    ) -> Dict[int, Tuple[Optional[str], bool]]:
    """(active loop, rejected) just before each turn opening that still counts."""
    scratch, loops = DialogueStateTracker("cut", slots=None), {}
    for event in applied:
        index = row_of[id(event)]
        if _opens_turn(rows, index):
            loop = scratch.active_loop
            loops[index] = (loop.name if loop else None, bool(loop and loop.rejected))
        event.apply_to(scratch)
    return loops


def _clean(events: List[Optional[Event]], cut: int, full: List[Event], row_of: Dict[int, int],
           loop: Optional[str], rejected: bool) -> bool:
    """Whether the prefix and `events[cut:]` keep exactly the full session's recent history."""
    prefix: List[Event] = [SlotSet("head")]  # stands for the prefix's slot values
    if loop:
        prefix += [ActiveLoop(loop)] + ([ActionExecutionRejected(loop)] if rejected else [])
    applied = _applied(prefix + [event for event in events[cut:] if event is not None])
    kept, expected = applied[len(prefix):], [event for event in full if row_of[id(event)] >= cut]
    return (all(a is b for a, b in zip(applied, prefix)) and len(kept) == len(expected)
            and all(a is b for a, b in zip(kept, expected))
            and sum(isinstance(event, ActionExecuted) for event in kept) >= MIN_STATES)


def plan_cut(rows: Sequence[Any]) -> Optional[Tuple[int, HeadState]]:
    """Where to cut the session's `rows`, and the state of the head; None: load in full."""
    cut = choose_cut(rows)
    if cut is None:
        return None
    events = placeholders(rows)
    if events is None:
        return None
    row_of = {id(event): index for index, event in enumerate(events) if event is not None}
    full = _applied(event for event in events if event is not None)
    loops = _loops_at_turns(rows, full, row_of)
    for _ in range(MAX_CUT_MOVES):
        if cut is None:
            return None
        if cut in loops and _clean(events, cut, full, row_of, *loops[cut]):
            state = head_state(events[:cut])
            # The prefix comes from Rasa's event-by-event state: it must agree with the above.
            if (state.loop, state.loop_rejected) == loops[cut]:
                return cut, state
        cut = _turn_before(rows, cut)
    return None
