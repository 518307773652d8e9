"""The delivery simulator's clock: real time plus an offset tests can advance,
and a scheduler that runs what falls due (acks, callbacks, statistics)."""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import threading
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class SandboxClock:
    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.RLock()
        self._queue: list[tuple[float, int, Callable[[], None]]] = []
        self._sequence = itertools.count()

    def time(self) -> float:
        """Seconds since the epoch, as the simulated providers see it."""
        return time.time() + self._offset

    def now(self) -> dt.datetime:
        """Aware datetime in Europe/Paris, the providers' time zone."""
        return dt.datetime.fromtimestamp(self.time(), tz=PARIS)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds
        self.run_due()

    def call_at(self, when: float, action: Callable[[], None]) -> None:
        """Run ``action`` once the clock reaches ``when`` (see :meth:`run_due`)."""
        with self._lock:
            heapq.heappush(self._queue, (when, next(self._sequence), action))

    def call_later(self, delay: float, action: Callable[[], None]) -> None:
        self.call_at(self.time() + delay, action)

    def run_due(self) -> int:
        """Run every scheduled action that is due; returns how many ran. Actions
        run outside the lock so that they may schedule more."""
        ran = 0
        while True:
            with self._lock:
                if not self._queue or self._queue[0][0] > self.time():
                    return ran
                _, _, action = heapq.heappop(self._queue)
            action()
            ran += 1

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0
            self._queue.clear()
