"""Throttling sign-in failures by client address, beside the per-account lock.

The account lock (service.authenticate: 5 wrong passwords, 15 minutes) stops guessing one
account's password; it does not stop one address trying a common password against many accounts.
This window counts failed sign-ins per address and refuses that address for a while once there
are too many. It lives in the process (app.state.login_throttle): a restart forgets it and each
worker counts alone, which bounds the rate per worker — enough for an intranet deployment, and
nothing to clean up. Only failures count, so people who type their password right are never slowed.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime, timedelta

MAX_ADDRESS_FAILURES = 20
WINDOW_MINUTES = 15


class FailureWindow:
    def __init__(self, limit: int = MAX_ADDRESS_FAILURES, minutes: int = WINDOW_MINUTES) -> None:
        self.limit, self.window = limit, timedelta(minutes=minutes)
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def blocked_for(self, key: str | None, now: datetime) -> timedelta | None:
        """How much longer key is refused, or None when it may try."""
        if not key:
            return None
        with self._lock:
            times = self._recent(key, now)
            if len(times) < self.limit:
                if not times:
                    self._failures.pop(key, None)
                return None
            return times[-self.limit] + self.window - now

    def failed(self, key: str | None, now: datetime) -> None:
        if key:
            with self._lock:
                self._recent(key, now).append(now)
