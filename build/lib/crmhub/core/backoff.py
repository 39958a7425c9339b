"""The one backoff: how long to wait before trying again, and the Retry-After header that overrides it.

Used by the job rows (crmhub/core/jobs.py), the write-back pipeline's retries and the connectors' in-call
retries alike. Pure functions, importable before Django is set up.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time

logger = logging.getLogger(__name__)


def retry_delay(
    *,
    attempt: int,
    base: float,
    retry_after: float | None = None,
    cap: float | None = None,
    jitter: float = 0.0,
) -> float:
    """Seconds to wait before attempt `attempt + 1`, after `attempt` failed ones (1 for the first failure).

    A Retry-After the server gave wins (it knows when it will take the call again). Otherwise the wait
    doubles from `base`: base, 2 x base, 4 x base..., at most `cap`, plus up to `jitter` x the wait drawn at
    random so that workers that failed together do not come back together."""
    if retry_after is not None:
        return max(0.0, float(retry_after))
    delay = base * 2 ** max(0, attempt - 1)
    if cap is not None:
        delay = min(cap, delay)
    if jitter:
        delay += random.uniform(0, delay * jitter)  # noqa: S311 - jitter, not crypto
    return delay


def parse_retry_after(value: str | None) -> float | None:
    """An HTTP Retry-After header (seconds, or an HTTP date) as seconds from now; None when absent or
    unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass  # not seconds: an HTTP date, or nothing usable
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        logger.info("unreadable Retry-After header %r: the backoff applies", value[:60])
        return None
    return max(0.0, when.timestamp() - time.time())
