"""Login throttling: too many wrong passwords for a name from one address means a pause."""
from __future__ import annotations

import time
from collections import deque
from typing import Callable, Deque, Dict, Tuple

MAX_FAILURES = 5  # per username and address
MAX_FAILURES_PER_ADDRESS = 20  # against one address trying many usernames
WINDOW_SECONDS = 15 * 60
_MAX_KEYS = 10_000  # bounds memory when someone sprays random usernames


class LoginThrottle:
    """Counts failed logins in a sliding window, per (username, address) and per address."""

    def __init__(self, max_failures: int = MAX_FAILURES, per_address: int = MAX_FAILURES_PER_ADDRESS,
                 window_seconds: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures = max_failures
        self.per_address = per_address
        self.window = window_seconds
        self._clock = clock
        self._failures: Dict[Tuple[str, str], Deque[float]] = {}

    def _recent(self, key: Tuple[str, str]) -> Deque[float]:
        times = self._failures.get(key, deque())
        cutoff = self._clock() - self.window
        while times and times[0] < cutoff:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def blocked(self, username: str, address: str) -> bool:
        """True while this name from this address (or this address overall) must wait."""
        return (len(self._recent((username, address))) >= self.max_failures
                or len(self._recent(("", address))) >= self.per_address)

    def failed(self, username: str, address: str) -> None:
        if len(self._failures) >= _MAX_KEYS:
            for key in list(self._failures):
                self._recent(key)
        now = self._clock()
        for key in ((username, address), ("", address)):
            self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, username: str, address: str) -> None:
        """A correct password clears that name's count (not the address's total)."""
        self._failures.pop((username, address), None)
