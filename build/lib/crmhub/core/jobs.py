"""Work recorded in a row: one shape for every run the apps keep (sync runs, trigger executions, alert
notices, webhook event processing), as NetBox backs its job runner with a Job row.

- `JobRecord`, an abstract model: attempts, next attempt time, start and end times, the last error and a
  short log. Each model keeps its own status field and choices and says, in `job_states`, which of its
  statuses means running, succeeded, failed... so that pages and filters keep their words.
- One log format: a list of `{"at": ISO time, "event": short word, "detail": text}`, newest last, at most
  `LOG_LIMIT` lines (`log_entry`, `log_appended`).
- One backoff (`crmhub/core/backoff.py`): the server's Retry-After when it gave one, else
  base x 2^(attempt - 1), optionally capped and jittered. The connectors' in-call retries use it too.
- `JobRunner` owns the transitions (start, succeed, fail, retry later or dead-letter, replay): it sets the
  fields, writes the log line and logs it through Python logging. The caller saves the row, in its own
  transaction (most claim it with select_for_update first).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from django.db import models

from crmhub.core import clock
from crmhub.core.backoff import retry_delay

logger = logging.getLogger(__name__)

LOG_LIMIT = 200
DETAIL_LIMIT = 500
ERROR_LIMIT = 5000


# -- the log format -------------------------------------------------------------------------------------


def log_entry(*, at: datetime, event: str, detail: str = "") -> dict:
    """One log line: when, what happened (a short word such as "started" or "retry_wait"), and details."""
    return {"at": at.isoformat(), "event": event, "detail": detail[:DETAIL_LIMIT]}


def log_appended(
    log: list | None, *, at: datetime, event: str, detail: str = "", limit: int = LOG_LIMIT
) -> list:
    """A new list: the log with one more line, the newest `limit` lines kept."""
    return [*(log or []), log_entry(at=at, event=event, detail=detail)][-limit:]


# -- the row --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobStates:
    """Which of a model's statuses plays each part of the job life cycle (several parts may share one)."""

    queued: str
    running: str
    retry_wait: str
    succeeded: str
    failed: str
    dead_lettered: str
    errored: str = ""  # an unexpected exception (a bug); the failed status when the model has none apart


class JobRecord(models.Model):
    """The fields every recorded run shares. Subclasses add `status` and set `job_states`."""

    job_states: ClassVar[JobStates]

    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, help_text="When the next attempt is due.")
    started_at = models.DateTimeField(null=True, blank=True, help_text="Start of the latest attempt.")
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    log = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    def add_log(self, at: datetime, event: str, detail: str = "") -> None:
        self.log = log_appended(self.log, at=at, event=event, detail=detail)

    def is_due(self, now: datetime) -> bool:
        return self.next_attempt_at is None or self.next_attempt_at <= now


# -- the transitions ------------------------------------------------------------------------------------


class JobRunner:
    """The transitions of one JobRecord row. Each sets the status and times, adds one log line and logs it
    (`<label>: <event> <detail>`); none saves."""

    def __init__(self, record: JobRecord, *, label: str = "", log: logging.Logger | None = None):
        self.record = record
        self.states = type(record).job_states
        self.label = label or f"{type(record).__name__} #{record.pk}"
        self.logger = log or logger

    def _now(self) -> datetime:
        return clock.now()

    def _note(self, now: datetime, event: str, detail: str, level: int = logging.INFO) -> None:
        self.record.add_log(now, event, detail)
        self.logger.log(level, "%s: %s %s", self.label, event, detail[:DETAIL_LIMIT])

    def start(self, *, detail: str = "", count_attempt: bool = True) -> datetime:
        """An attempt begins: counted, timed, logged."""
        now = self._now()
        record = self.record
        if count_attempt:
            record.attempts += 1
        record.status = self.states.running
        record.started_at = now
        record.next_attempt_at = None
        self._note(now, "started", detail or f"attempt {record.attempts}")
        return now

    def succeed(self, *, detail: str = "") -> datetime:
        return self._finish(self.states.succeeded, "succeeded", detail=detail)

    def fail(self, error: str, *, errored: bool = False) -> datetime:
        """An expected failure (the CRM refused, a setting is wrong) ends the run as failed; an unexpected
        exception (`errored`) ends it as errored where the model tells the two apart."""
        status = (self.states.errored or self.states.failed) if errored else self.states.failed
        event = "errored" if errored else "failed"
        return self._finish(status, event, error=error, level=logging.ERROR if errored else logging.WARNING)

    def dead_letter(self, reason: str) -> datetime:
        """No more attempts: kept with its reason until someone replays it."""
        return self._finish(self.states.dead_lettered, "dead_lettered", error=reason, level=logging.WARNING)

    def finish(self, status: str, *, event: str, error: str = "", detail: str = "") -> datetime:
        """Any other end the model knows (a sync cycle stopped at the API budget, to resume later)."""
        return self._finish(status, event, error=error, detail=detail)

    def _finish(
        self, status: str, event: str, *, error: str = "", detail: str = "", level: int = logging.INFO
    ) -> datetime:
        now = self._now()
        record = self.record
        record.status = status
        record.finished_at = now
        record.next_attempt_at = None
        record.error = error[:ERROR_LIMIT]
        self._note(now, event, detail or error, level)
        return now

    def retry_later(
        self,
        message: str,
        *,
        max_attempts: int,
        base_seconds: float,
        retry_after: float | None = None,
        cap_seconds: float | None = None,
    ) -> float | None:
        """A transient failure: wait (the server's Retry-After, else the doubling backoff) and try again,
        or dead-letter once `max_attempts` attempts failed. Returns the wait, None when dead-lettered."""
        record = self.record
        if record.attempts >= max_attempts:
            self.dead_letter(f"Gave up after {record.attempts} attempts: {message}")
            return None
        delay = retry_delay(
            attempt=max(1, record.attempts), base=base_seconds, retry_after=retry_after, cap=cap_seconds
        )
        now = self._now()
        record.status = self.states.retry_wait
        record.error = message[:ERROR_LIMIT]
        record.next_attempt_at = now + timedelta(seconds=delay)
        self._note(now, "retry_wait", f"{message[:300]}; next attempt in {delay:.0f}s", logging.WARNING)
        return delay

    def replay(self, *, actor) -> datetime:
        """A dead-lettered (or failed) row goes round again from its first attempt."""
        now = self._now()
        record = self.record
        record.status = self.states.queued
        record.attempts = 0
        record.finished_at = None
        record.next_attempt_at = None
        self._note(now, "replayed", f"by {actor.get_username()}")
        return now
