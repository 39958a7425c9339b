"""Reading a chain of pages ahead of the caller, so the CRM's rate limit is spent while the caller works.

A paged read is a chain: each request follows from the answer to the one before (a cursor, a restart
time), never from what the caller does with a page. `read_ahead` runs that chain in one worker thread, at
most `depth` pages ahead, while the caller mirrors the pages it already has: the time a sync spends writing
a batch to the database is no longer time the CRM's per-second search or token window goes unused.

The worker only sends requests. It never refreshes a token (that writes the connection row, and database
work stays on the caller's thread): a request the worker cannot send for want of a fresh token is handed
back and sent again by the caller, which may refresh, and the worker carries on after it. Any other error
reaches the caller at the page where it happened, after the pages read before it. When the caller stops
early, the worker stops after its current request.

A page read ahead is a bet that the caller will want it. Under a tight API budget (one the caller cannot wait
out: a daily budget, a window longer than its wait) the bet is not made with the budget's last calls: the
worker's requests must leave room for `depth + 2` more (`calls_to_leave`: one call of the caller's per page it
may hold, and the caller's next own), and a request refused for that is handed back to the caller, who sends
it itself after it has committed the pages before it. So a sync that stops at the budget has spent the calls
on pages it committed, and the next cycle starts where this one stopped, not from pages it dropped.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from crmhub.connectors.errors import CrmAuthError, CrmBudgetReserved

_worker = threading.local()
_DONE = object()


def in_worker() -> bool:
    """True on a read-ahead worker thread (a connector then leaves token refreshes to the caller)."""
    return getattr(_worker, "active", False)


def calls_to_leave() -> int:
    """How many calls a request on this thread must leave in a budget the caller cannot wait out: 0 on the
    caller's thread, `depth + 2` on a read-ahead worker (see `RateBudget.acquire(keep=...)`)."""
    return getattr(_worker, "keep", 0) if in_worker() else 0


def read_ahead(
    *,
    first: Any,
    fetch: Callable[[Any], Any],
    advance: Callable[[Any, Any], Any],
    depth: int,
) -> Iterator[Any]:
    """The answers of the chain `first`, `advance(first, answer)`, ... (`advance` returns None at the end).

    `fetch(request)` sends one request; `depth` < 1 reads on the caller's thread, one page at a time."""
    if depth < 1:
        request = first
        while request is not None:
            answer = fetch(request)
            yield answer
            request = advance(request, answer)
        return
    chain = _Chain(fetch=fetch, advance=advance, depth=depth)
    try:
        yield from chain.answers(first)
    finally:
        chain.stop()


class _Chain:
    def __init__(self, *, fetch, advance, depth: int):
        self.fetch = fetch
        self.advance = advance
        self.depth = depth
        self.pages: queue.Queue = queue.Queue(maxsize=depth)
        self.stopped = threading.Event()

    def answers(self, request: Any) -> Iterator[Any]:
        while request is not None:
            self._start(request)
            request = None
            while True:
                kind, item, pending = self.pages.get()
                if kind is _DONE:
                    break
                if kind == "error":
                    raise item
                if kind == "redo":  # a token to refresh or the budget's last calls: the caller sends it
                    answer = self.fetch(pending)
                    yield answer
                    request = self.advance(pending, answer)
                    break
                yield item

    def _start(self, request: Any) -> None:
        threading.Thread(target=self._run, args=(request,), name="crm-read-ahead", daemon=True).start()

    def _run(self, request: Any) -> None:
        _worker.active = True
        _worker.keep = self.depth + 2
        try:
            self._put(self._read_chain(request))
        finally:
            _worker.active = False

    def _read_chain(self, request: Any) -> tuple:
        """Put pages until the chain ends; returns the last item to hand over (done, error, or redo)."""
        while request is not None and not self.stopped.is_set():
            try:
                answer = self.fetch(request)
            except (CrmAuthError, CrmBudgetReserved):
                return ("redo", None, request)
            except Exception as exc:  # handed to the caller, raised where the page would have been
                return ("error", exc, None)
            self._put(("page", answer, None))
            try:
                request = self.advance(request, answer)
            except Exception as exc:
                return ("error", exc, None)
        return (_DONE, None, None)

    def _put(self, item: tuple) -> None:
        while not self.stopped.is_set():
            try:
                self.pages.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def stop(self) -> None:
        self.stopped.set()
