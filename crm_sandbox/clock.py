"""Sandbox clocks: wall time by default, a manual clock for deterministic tests."""

import threading
import time
from datetime import UTC, datetime


class Clock:
    """Wall-clock time in UTC. `now_ms()` never goes backwards within one clock."""

    def __init__(self):
        self._lock = threading.Lock()
        self._last_ms = 0

    def _raw_ms(self) -> int:
        return int(time.time() * 1000)

    def now_ms(self) -> int:
        with self._lock:
            self._last_ms = max(self._last_ms, self._raw_ms())
            return self._last_ms

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.now_ms() / 1000, tz=UTC)


class ManualClock(Clock):
    """A clock that only moves when told to (`advance`), for tests that need fixed timestamps."""

    def __init__(self, start: datetime | None = None):
        super().__init__()
        start = start or datetime(2026, 1, 1, tzinfo=UTC)
        self._now_ms = int(start.timestamp() * 1000)

    def _raw_ms(self) -> int:
        return self._now_ms

    def advance(self, seconds: float = 0, *, ms: int = 0) -> None:
        with self._lock:
            self._now_ms += int(seconds * 1000) + ms

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now_ms = int(moment.timestamp() * 1000)
