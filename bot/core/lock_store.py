"""Rasa's ticket lock with the race that hangs a conversation fixed.

Rasa 3.6 (`rasa/core/lock_store.py`) serialises the messages of one conversation with
numbered tickets, each valid for `lock_lifetime` seconds from when it was issued; a waiter
polls every `wait_time_in_seconds` until the first unexpired ticket is its own. A holder
that dies (an instance SIGKILLed) leaves its ticket until it expires. A waiter whose
ticket was issued less than one poll interval after the dead one can see both expire
between two of its polls: `update_lock` removes both, the empty lock stays stored,
`now_serving` is 0, and `_acquire_lock` compares 0 with its own number until the client
gives up. Numbering also restarts at 0 on an empty lock, so a later message can be issued
the hung waiter's number, and both are then "served" at once.

These stores keep Rasa's data (the same `TicketLock` JSON under the same `lock:` key
prefix) and its `lock_lifetime`, but:
- a ticket is identified by number *and* expiry, so a reissued number is never
  mistaken for an older ticket;
- a waiter whose ticket expired while it waited joins the queue again with a new ticket
  (it is served at once when nothing unexpired is ahead of it);
- a ticket's lifetime restarts when it is served, and a live holder renews it every
  quarter lifetime while it works (a waiter renews its own on every poll): only a
  ticket whose process stopped renewing expires, so the lifetime can be a few seconds
  and the next message after a crash waits about that long, not a minute;
- each read-modify-write of a lock is one atomic step (WATCH/MULTI in Redis), so two
  instances cannot overwrite each other's tickets.
A holder is overtaken only when it has not renewed for `lock_lifetime` (its process died,
or its event loop was blocked for three quarters of the lifetime) or when the instances'
clocks differ.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections import deque
from contextlib import asynccontextmanager, suppress
from typing import Any, AsyncGenerator, Callable, List, Optional, Text, Tuple, TypeVar

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import (
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockError,
    LockStore,
    RedisLockStore,
)
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)
T = TypeVar("T")
# A holder renews, and a waiter polls, this often (as a fraction of the lifetime): a
# ticket survives an event loop blocked for up to three quarters of its lifetime.
RENEW_FRACTION = 0.25


def _same(a: Ticket, b: Ticket) -> bool:
    return a.number == b.number and a.expires == b.expires


def _take_turn(lock: TicketLock, mine: Optional[Ticket], lifetime: float) -> Tuple[Ticket, bool]:
    """One poll, applied atomically to `lock`: (my ticket now, whether it is served)."""
    lock.remove_expired_tickets()
    if mine is None or not any(_same(ticket, mine) for ticket in lock.tickets):
        if mine is not None:
            # Rasa's waiter would loop here forever: its number can never come up again.
            logger.warning(f"Ticket of conversation '{lock.conversation_id}' expired while "
                           f"it waited (a holder died?); queueing again.")
        mine = Ticket(lock.last_issued + 1, time.time() + lifetime)
        lock.tickets.append(mine)
    served = _same(lock.tickets[0], mine)
    # Served or still waiting, this ticket's process is alive: its lifetime starts again.
    return _renew(lock, mine, lifetime), served


def _renew(lock: TicketLock, mine: Ticket, lifetime: float) -> Optional[Ticket]:
    """`mine` with a new expiry, in place; None when it has expired and is gone."""
    for position, ticket in enumerate(lock.tickets):
        if _same(ticket, mine):
            renewed = Ticket(mine.number, time.time() + lifetime)
            lock.tickets[position] = renewed
            return renewed
    return None


def _release(lock: TicketLock, mine: Ticket) -> bool:
    """Removes `mine` (found by number and expiry); False if it had already expired."""
    found = next((ticket for ticket in lock.tickets if _same(ticket, mine)), None)
    if found is not None:
        lock.tickets.remove(found)
    lock.remove_expired_tickets()
    return found is not None


class TicketQueueMixin(LockStore):
    """The waiting logic, shared by the Redis and in-memory stores below."""

    def _atomic(self, conversation_id: Text, step: Callable[[TicketLock], T]) -> T:
        """Runs `step` on the stored lock (a new one if none) and stores the result.

        In one process nothing interleaves: there is no `await` between read and write.
        An empty lock is deleted rather than stored, as Rasa's `cleanup` does.
        """
        lock = self.get_lock(conversation_id) or TicketLock(conversation_id)
        result = step(lock)
        if lock.tickets:
            self.save_lock(lock)
        else:
            self.delete_lock(conversation_id)
        return result

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Rasa's API, atomic: the number of a new ticket at the back of the queue."""
        take = functools.partial(_take_turn, mine=None, lifetime=lock_lifetime)
        return self._atomic(conversation_id, take)[0].number

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: Text,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: Optional[float] = None,
    ) -> AsyncGenerator[TicketLock, None]:
        """Holds the conversation's lock for the `async with` body (same API as Rasa's;
        the poll interval defaults to a quarter of the lifetime, at most 1 s as Rasa's)."""
        if wait_time_in_seconds is None:
            wait_time_in_seconds = min(1.0, lock_lifetime * RENEW_FRACTION)
        mine: Optional[Ticket] = None
        served = False
        renewer: Optional[asyncio.Task] = None
        held: List[Ticket] = []
        try:
            try:
                mine, served = self._atomic(
                    conversation_id, functools.partial(_take_turn, mine=None, lifetime=lock_lifetime))
            except Exception as error:
                raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
            while not served:
                logger.debug(f"Conversation '{conversation_id}' is busy; waiting "
                             f"{wait_time_in_seconds} s for ticket {mine.number}.")
                await asyncio.sleep(wait_time_in_seconds)
                mine, served = self._atomic(
                    conversation_id, functools.partial(_take_turn, mine=mine, lifetime=lock_lifetime))
            held.append(mine)
            renewer = asyncio.ensure_future(self._keep_renewed(conversation_id, held, lock_lifetime))
            # Rasa yields the lock; what it holds now is this one ticket, being served.
            yield TicketLock(conversation_id, deque([mine]))
        finally:
            if renewer is not None:
                renewer.cancel()
                with suppress(asyncio.CancelledError):
                    await renewer
                mine = held[-1]
            if mine is not None:
                released = self._atomic(conversation_id, functools.partial(_release, mine=mine))
                if served and not released:
                    logger.warning(f"Conversation '{conversation_id}' lost its lock: not renewed "
                                   f"within the lifetime ({lock_lifetime} s); another message may "
                                   f"have run at the same time. Event loop blocked? Raise "
                                   f"TICKET_LOCK_LIFETIME?")

    async def _keep_renewed(self, conversation_id: Text, held: List[Ticket], lifetime: float) -> None:
        """Renews the held ticket (the last of `held`) until cancelled at release."""
        while True:
            await asyncio.sleep(lifetime * RENEW_FRACTION)
            try:
                renewed = self._atomic(conversation_id, functools.partial(_renew, mine=held[-1], lifetime=lifetime))
            except Exception as error:  # noqa: BLE001 - Redis away: try again next time
                logger.warning(f"Could not renew the lock of '{conversation_id}': {type(error).__name__}")
                continue
            if renewed is None:
                logger.error(f"The lock of '{conversation_id}' expired while held (not renewed in time)")
                return
            held.append(renewed)
            del held[:-1]


class InMemoryTicketLockStore(TicketQueueMixin, InMemoryLockStore):
    """The queue logic without Redis, for its tests only.

    One process serves with Rasa's own `in_memory` store (`Settings.endpoint_environment`):
    nothing there can die holding a ticket while another process waits for it.
    """

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None) -> None:
        super().__init__()


class RedisTicketLockStore(TicketQueueMixin, RedisLockStore):
    """Rasa's RedisLockStore (same keys, same options) with the queue logic above.

    endpoints.yml: `type: bot.core.lock_store.RedisTicketLockStore`, then Rasa's options
    (`url` is the host, `port`, `db`, `username`, `password`, `key_prefix`, ...).
    """

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        # Rasa builds a custom lock store as `cls(endpoint_config=...)`.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        # endpoints.yml substitutes every ${VAR}: an unset user or password arrives as "".
        for key in ("username", "password"):
            kwargs[key] = kwargs.get(key) or None
        super().__init__(**kwargs)

    def _atomic(self, conversation_id: Text, step: Callable[[TicketLock], T]) -> T:
        """WATCH, read, `step`, MULTI/EXEC; redis-py reruns all of it if another instance
        wrote the key in between, so no instance's ticket is lost to a concurrent write."""
        key = self.key_prefix + conversation_id

        def attempt(pipe: Any) -> T:
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else TicketLock(conversation_id)
            before = lock.dumps()
            result = step(lock)
            pipe.multi()
            if lock.tickets and lock.dumps() != before:
                # The key names a conversation (a Telegram chat id, say): it should not
                # outlive its last ticket when every instance holding it has died.
                last = max(ticket.expires for ticket in lock.tickets)
                pipe.set(key, lock.dumps(), px=max(1, int((last - time.time()) * 1000)) + 1000)
            elif not lock.tickets and raw:
                pipe.delete(key)
            return result

        return self.red.transaction(attempt, key, value_from_callable=True)
