"""Write-back runs: what each pass of the pipeline over a flow did, recorded as a `WritebackRun` row.

A job (or a Run now) opens a recording (`recording(...)`); the pipeline reports to it where values change
fate: when records are planned (`planned`), when a write claim is saved (`claim_saved`) and when written
values are checked (`checked`). Outside a recording (the sync cycle confirming values on its own read,
a test calling the pipeline directly) the reports cost nothing and record nothing. When the recording
ends, each flow that saw work gets its run row with the counts and the failed values (rejected or
dead-lettered), saved as they stood then, for the run's CSV.

The write-back worker runs one job at a time in its process (crmhub/writeback/worker.py), so one active
recording per process is enough, as for the pipeline's stage timer.
"""

import json
import logging
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction

from crmhub.core import clock
from crmhub.core.jobs import ERROR_LIMIT, JobRunner, log_entry
from crmhub.writeback.models import (
    OutcomeStatus,
    RunStatus,
    WritebackRun,
    WritebackRunFailure,
    WriteOutcome,
)

logger = logging.getLogger(__name__)

FAILED_STATUSES = (OutcomeStatus.REJECTED, OutcomeStatus.DEAD_LETTERED)
# Outcome status -> the run's counter. Written and verified values count as written too.
COUNTERS = {
    OutcomeStatus.WRITTEN: ("written",),
    OutcomeStatus.WRITTEN_VERIFIED: ("written", "verified"),
    OutcomeStatus.REJECTED: ("rejected",),
    OutcomeStatus.DEAD_LETTERED: ("dead_lettered",),
    OutcomeStatus.SKIPPED: ("skipped",),
    OutcomeStatus.CONFLICT: ("conflicts",),
    OutcomeStatus.RETRY_WAIT: ("waiting",),
    OutcomeStatus.PENDING: ("waiting",),
    OutcomeStatus.SHADOW: ("shadow",),
    OutcomeStatus.SUPERSEDED: ("superseded",),
}
COUNT_FIELDS = (
    "sent",
    "written",
    "verified",
    "rejected",
    "dead_lettered",
    "skipped",
    "conflicts",
    "waiting",
    "shadow",
    "superseded",
)


@dataclass
class Tally:
    """What one flow's values became within one recording."""

    records: set[int] = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)
    failures: list[WritebackRunFailure] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.records and not any(self.counts.values())

    def add(self, outcomes, *, counted=None) -> None:
        for outcome in outcomes:
            self.records.add(outcome.inbound_id)
            names = COUNTERS.get(outcome.status, ())
            for name in names:
                if counted is None or name in counted:
                    self.counts[name] += 1
            if outcome.status in FAILED_STATUSES:
                self.failures.append(_failure_row(outcome))


def _failure_row(outcome: WriteOutcome) -> WritebackRunFailure:
    value = outcome.planned_value if outcome.planned_value is not None else outcome.raw_value
    # The pipeline's outcomes carry their record already; a row without it is completed when saved.
    inbound = outcome.inbound if WriteOutcome.inbound.is_cached(outcome) else None
    return WritebackRunFailure(
        outcome_id=outcome.pk,
        crm_id=(inbound.crm_id if inbound else "")[:100],
        external_id=(inbound.external_id if inbound else "")[:200],
        field=(outcome.target_name or outcome.source_key)[:200],
        value=json.dumps(value, ensure_ascii=False, default=str),
        status=outcome.status,
        failure_kind=outcome.failure_kind,
        reason=outcome.reason[:1000],
    )


class Recording:
    def __init__(self, *, trigger: str, run: WritebackRun | None = None, actor=None):
        self.trigger = trigger
        self.run = run
        self.actor = actor
        self.started_at = clock.now()
        self.tallies: dict[int, Tally] = {}

    def tally(self, flow_id: int) -> Tally:
        if flow_id not in self.tallies:
            self.tallies[flow_id] = Tally()
        return self.tallies[flow_id]

    def note(self, message: str) -> None:
        """A line for the log of the run this recording fills (a Run now)."""
        if self.run is not None:
            self.run.add_log(clock.now(), "note", message)


_active: Recording | None = None


@contextmanager
def recording(*, trigger: str, run: WritebackRun | None = None) -> Iterator[Recording]:
    """Record the work done inside as runs: into `run` for its flow (a Run now), else one new run per flow
    that saw work. An exception ends the runs as errored, with the traceback, and goes on up."""
    global _active
    previous, _active = _active, Recording(trigger=trigger, run=run)
    current = _active
    try:
        yield current
    except Exception as exc:
        _save(current, error=f"{type(exc).__name__}: {exc}", trace=traceback.format_exc())
        raise
    else:
        _save(current)
    finally:
        _active = previous


# -- what the pipeline reports ------------------------------------------------------------------------------


def planned(*, flow_id: int, records, outcomes) -> None:
    """Records planned: their values refused before sending, skipped, in conflict or in shadow mode. The
    pending ones are counted by the write claim that takes them."""
    if _active is None:
        return
    tally = _active.tally(flow_id)
    tally.records.update(record.pk for record in records)
    tally.add(o for o in outcomes if o.status != OutcomeStatus.PENDING)


def claim_saved(*, flow_id: int, outcomes, sent: int) -> None:
    """A write claim saved: what was sent, and what each value became."""
    if _active is None:
        return
    tally = _active.tally(flow_id)
    tally.counts["sent"] += sent
    tally.add(outcomes)


def checked(*, flow_id: int, outcomes) -> None:
    """Written values checked against the CRM: verified, dead-lettered, sent round again, superseded."""
    if _active is None:
        return
    tally = _active.tally(flow_id)
    tally.add(outcomes, counted={"verified", "dead_lettered", "waiting", "superseded"})


# -- saving ------------------------------------------------------------------------------------------------


def _status(tally: Tally, error: str) -> str:
    if error:
        return RunStatus.ERRORED
    return RunStatus.WITH_FAILURES if tally.failures else RunStatus.SUCCEEDED


def _save(current: Recording, *, error: str = "", trace: str = "") -> None:
    with transaction.atomic():
        if current.run is not None:
            _finish_run(current.run, current.tallies.pop(current.run.flow_id, Tally()), error, trace)
        for flow_id, tally in current.tallies.items():
            if tally.empty:
                continue
            run = WritebackRun(
                flow_id=flow_id,
                trigger=current.trigger,
                status=RunStatus.RUNNING,
                started_at=current.started_at,
                attempts=1,
                log=[log_entry(at=current.started_at, event="started")],
            )
            run.save()
            _finish_run(run, tally, error, trace)


def _records_of_failures(failures: list[WritebackRunFailure]) -> None:
    missing = [f.outcome_id for f in failures if not f.crm_id and not f.external_id and f.outcome_id]
    if not missing:
        return
    rows = WriteOutcome.objects.filter(pk__in=missing).values_list(
        "pk", "inbound__crm_id", "inbound__external_id"
    )
    records = {pk: (crm_id, external_id) for pk, crm_id, external_id in rows}
    for failure in failures:
        if failure.outcome_id in records:
            failure.crm_id, failure.external_id = records[failure.outcome_id]


def _finish_run(run: WritebackRun, tally: Tally, error: str, trace: str) -> None:
    run.records += len(tally.records)
    for name in COUNT_FIELDS:
        setattr(run, name, getattr(run, name) + tally.counts.get(name, 0))
    runner = JobRunner(run, label=f"write-back run #{run.pk}", log=logger)
    summary = run_summary(run)
    if error:
        runner.fail(error, errored=True)
        run.traceback = trace[:ERROR_LIMIT]
    elif run.status == RunStatus.NOT_RUN:
        pass  # ended already (nothing could be sent), with its reason
    else:
        runner.finish(_status(tally, error), event="finished", detail=summary)
    run.save()
    _records_of_failures(tally.failures)
    for failure in tally.failures:
        failure.run = run
    WritebackRunFailure.objects.bulk_create(tally.failures, batch_size=500)


def run_summary(run: WritebackRun) -> str:
    """The counts in words: "12 values sent: 11 written (4 verified), 1 dead-lettered"."""
    parts = [f"{run.records} record(s)", f"{run.sent} value(s) sent", f"{run.written} written"]
    optional = (
        ("verified", "verified"),
        ("rejected", "rejected before sending"),
        ("dead_lettered", "dead-lettered"),
        ("conflicts", "in conflict"),
        ("skipped", "skipped"),
        ("waiting", "waiting for a retry"),
        ("shadow", "planned in shadow mode"),
        ("superseded", "superseded"),
    )
    parts += [f"{getattr(run, name)} {words}" for name, words in optional if getattr(run, name)]
    return ", ".join(parts)
