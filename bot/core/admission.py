"""First come, first served: at most a few messages are worked on at once.

One Rasa process is one event loop on one core. A message awaits several times on its
way (tracker lock, database, NLU, the action server), and at every await the loop
turns to whichever other message is ready. With twenty conversations typing at once,
each message is sliced among all of them, and one that needs three action calls waits
behind the others three times: the slowest answers took two seconds while the average
was a third of that (make bench). Letting only a few messages in at a time and the
rest wait in arrival order keeps the CPU just as busy and makes the wait fair: about
the queue's length times one message's work, for everyone.

The limit is per process; several workers or instances each have their own.
"""
from __future__ import annotations

import asyncio
from collections import deque
from typing import Deque


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
        self._waiting: Deque[asyncio.Future] = deque()

    @property
    def inside(self) -> int:
        return self._inside

    @property
    def waiting(self) -> int:
        return sum(1 for future in self._waiting if not future.done())

    async def __aenter__(self) -> "FifoGate":
        if self._inside < self.limit and not self.waiting:
            self._inside += 1
            return self
        turn: asyncio.Future = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._leave()  # the place was handed over just as we gave up: pass it on
            else:
                turn.cancel()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._leave()

    def _leave(self) -> None:
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)  # the place goes straight to the next in line
                return
        self._inside -= 1

