"""First come, first served: one message at a time works on the CPU.

One Rasa process is one event loop on one core. A message awaits several times on its
way (database, NLU, the action server), and at every await the loop turns to whichever
other message is ready. With many conversations typing at once, each message is
sliced among all of them, and one that needs three action calls waits behind the others
three times. One at a time, in arrival order, keeps the core just as busy and makes the
wait fair (`make bench` prints the waits).

Where the gate sits matters:
- inside the conversation's lock (around `MessageProcessor.handle_message`, installed by
  `bot/rasa_patches/processor.py`): a message waiting for its lock (another instance holds
  it, or a dead one did) does not hold the gate, so it never stalls the other
  conversations of this process. The inbound screen and the welcome run inside the same
  pass, so a message queues once;
- a message whose action-server call is slow steps out until it returns (`stepped_out`,
  used by `bot.core.resilience`) and comes back ahead of new messages, in the order
  they come back: a hanging action server delays only its own conversations, and a red
  flag from someone else is still answered at once.
Nothing that holds the gate waits for a lock, so gate and locks cannot deadlock.

The limit is per process; several workers or instances each have their own.
"""
from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from contextvars import ContextVar
from typing import AsyncIterator, Deque, Optional

_holding: ContextVar[bool] = ContextVar("rugwijzer_holding_gate", default=False)


class FifoGate:
    """An async context manager that admits `limit` holders at once, the rest in order.

    asyncio.Semaphore in Python 3.10 lets a newcomer overtake a waiter that has just
    been woken; here a freed place is handed to the longest waiter directly.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a gate needs room for at least one message")
        self.limit = limit
        self._inside = 0
        # Two queues, each first come first served: messages coming back from the action
        # server go before new ones (finish what was started), but not before each other.
        self._returning: Deque[asyncio.Future] = deque()
        self._waiting: Deque[asyncio.Future] = deque()

    @property
    def inside(self) -> int:
        return self._inside

    @property
    def waiting(self) -> int:
        return sum(1 for queue in (self._returning, self._waiting) for future in queue if not future.done())

    async def __aenter__(self) -> "FifoGate":
        await self.enter()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.leave()

    async def enter(self, returning: bool = False) -> None:
        """Waits for a place; `returning` (back from the action server) goes before new ones."""
        if self._inside < self.limit and not self.waiting:
            self._inside += 1
            return
        turn: asyncio.Future = asyncio.get_running_loop().create_future()
        (self._returning if returning else self._waiting).append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self.leave()  # the place was handed over just as we gave up: pass it on
            else:
                turn.cancel()
            raise

    def leave(self) -> None:
        for queue in (self._returning, self._waiting):
            while queue:
                turn = queue.popleft()
                if not turn.done():
                    turn.set_result(None)  # the place goes straight to the next in line
                    return
        self._inside -= 1


_gate: Optional[FifoGate] = None


@contextlib.asynccontextmanager
async def gated() -> AsyncIterator[None]:
    """Holds the process's gate for work that never waits for a conversation lock."""
    gate = _gate
    if gate is None or _holding.get():
        yield
        return
    await gate.enter()
    token = _holding.set(True)
    try:
        yield
    finally:
        if _holding.get():  # not if cancelled while stepping back in
            gate.leave()
        _holding.reset(token)


@contextlib.asynccontextmanager
async def stepped_out() -> AsyncIterator[None]:
    """Gives the gate up while waiting for something outside this process."""
    gate = _gate
    if gate is None or not _holding.get():
        yield
        return
    gate.leave()
    _holding.set(False)
    try:
        yield
    finally:
        await gate.enter(returning=True)
        _holding.set(True)


def open_gate(limit: int) -> FifoGate:
    """Gives the process a gate with room for `limit` messages (kept if it already has one)."""
    global _gate
    if _gate is None or _gate.limit != limit:
        _gate = FifoGate(limit)
    return _gate


def close_gate() -> None:
    """No gate: `gated` and `stepped_out` do nothing (as before the server starts)."""
    global _gate
    _gate = None
