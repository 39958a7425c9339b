"""The fault storm shared by tests/writeback/test_fault_storm.py (reduced) and benchmarks/writeback_faults.py.

Real parts: rqworker processes on Redis, PostgreSQL, the HubSpot sandbox served over HTTP. Faults: 429 storms,
5xx, timeouts answered after the write was applied (lost responses), bursts of lost write answers, a share of
the writes to one field (ai_score) silently dropped, and kill -9 of workers during the run. Sync cycles and the
recovery sweep run as they do in production (here from the driving process, on a short schedule).

At the end every outcome is compared with the CRM field by field: a verified value must be in the CRM with its
companion timestamp; a dead-lettered value and its timestamp must not be; nothing may be left open or
"written". API calls are tallied at the sandbox: write requests, verification reads (record reads), the sync
cycle's own reads.
"""

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKER_CLASS_PATH = "crmhub.writeback.worker.PipelineWorker"  # RQ's SimpleWorker on the writeback queue
DROPPED_FIELD = "ai_score"
COMPANION_FIELD = "ai_score_updated_at"


@dataclass
class StormConfig:
    records: int = 150
    batch: int = 25
    workers: int = 2
    kills: int = 5
    kill_window_s: float = 12.0
    drop_share: float = 0.2
    rate_limit_storm: float = 0.1
    error_rate: float = 0.08
    timeout_rate: float = 0.05
    lost_answer_bursts: int = 3  # each kill also loses the answers of this many following writes
    sample_rate: float = 0.1
    lease_seconds: float = 3.0
    sync_interval_s: int = 3
    deadline_s: float = 90.0
    seed: int = 14
    faults: bool = True  # False: the same run on a healthy CRM (the verification cost of normal operation)
    name: str = "storm"


@dataclass
class StormReport:
    values: int
    by_outcome: Counter
    disagreements: list[str]
    calls: Counter
    kills: int
    seconds: float
    caught: int  # values a check found missing at least once
    confirmed_by: Counter = field(default_factory=Counter)  # verified values by the read that confirmed them

    @property
    def verification_share(self) -> float:
        return self.calls["verification reads"] / max(1, self.calls["write requests"])

    def table(self) -> str:
        lines = [
            f"values: {self.values}; kill -9: {self.kills}; {self.seconds:.0f} s",
            "",
            "| outcome | values |",
            "| --- | --- |",
        ]
        lines += [f"| {name} | {count} |" for name, count in sorted(self.by_outcome.items())]
        lines += ["", "| verified by | values |", "| --- | --- |"]
        lines += [f"| {how} | {count} |" for how, count in self.confirmed_by.most_common()]
        lines += [
            "",
            f"values a check found not (yet) in the CRM at least once: {self.caught}",
            f"disagreements with the CRM (field by field): {len(self.disagreements)}",
            "",
            "| API requests (at the sandbox) | count |",
            "| --- | --- |",
        ]
        lines += [f"| {name} | {count} |" for name, count in sorted(self.calls.items())]
        lines.append(
            f"\nverification reads / write requests: {self.calls['verification reads']} / "
            f"{self.calls['write requests']} = {self.verification_share:.1%}"
        )
        return "\n".join(lines)


class RequestTally:
    """Counts the sandbox's requests by what they are for, and the writes it silently dropped (installed on
    the Sandbox and Account instances)."""

    def __init__(self, sandbox, account):
        self.calls: Counter = Counter()
        self._handle = sandbox.handle
        sandbox.handle = self.handle
        self._ignored = account.is_write_ignored
        account.is_write_ignored = self.is_write_ignored

    def is_write_ignored(self, object_name: str, field_name: str) -> bool:
        ignored = self._ignored(object_name, field_name)
        self.calls["(writes of a value silently dropped)"] += ignored
        return ignored

    def handle(self, method, path, query, headers, body, host):
        self.calls[self.kind(method, path, body)] += 1
        return self._handle(method, path, query, headers, body, host)

    @staticmethod
    def kind(method: str, path: str, body: bytes) -> str:
        if path.endswith("/batch/update"):
            return "write requests"
        if path.endswith("/batch/read"):
            return "field history reads (sync)" if b"propertiesWithHistory" in body else "verification reads"
        if path.endswith("/search"):
            return "sync change reads"
        return "other (schema, auth, deletes)"


def storm_run(config: StormConfig, *, env: dict, log_path: str = os.devnull) -> StormReport:
    """Drive one storm to its end (Django set up, the database shared with the workers through `env`)."""
    from crm_sandbox import Sandbox
    from crm_sandbox.server import serve_in_thread
    from crmhub.connectors import get_connector
    from crmhub.sync.models import SyncState
    from tests import factories
    from tests.writeback.conftest import SOURCE, setup_flow

    sandbox = Sandbox(seed=config.seed)
    server = serve_in_thread(sandbox, port=0, admin_key="storm")
    account = sandbox.add_account("hubspot", name=config.name, contacts=config.records, companies=5)
    account.limits.enabled = False
    connection = factories.make_connection(
        name=f"{config.name}-hubspot",
        base_url=account.base_url,
        api_version=account.api_version,
        credentials={**account.credentials, "oauth_url": account.base_url},
        rate_limit_requests=100_000,
        rate_limit_reserve_percent=0,
    )
    users = _users(factories)
    flow, _ = setup_flow(
        connection,
        account,
        get_connector,
        users,
        lease_seconds=config.lease_seconds,
        verification_sample_rate=config.sample_rate,
        retry_base_seconds=0.5,
    )
    SyncState.objects.create(
        connection=connection, object_name="contacts", interval_seconds=config.sync_interval_s
    )
    tally = RequestTally(sandbox, account)
    if config.faults:
        _storm(account, config)
    try:
        started = time.monotonic()
        kills = _drive(config, env, log_path, flow, users, account, SOURCE)
        seconds = time.monotonic() - started
    finally:
        server.shutdown()
    account.faults.clear()
    return _report(flow, account, tally.calls, kills, seconds)


def _users(factories) -> dict:
    """The role users, made once per database (a second run reuses them)."""
    from django.contrib.auth import get_user_model

    names = {
        "admin": "alice",
        "approver": "bob",
        "reviewer": "rita",
        "viewer": "victor",
        "integration": "scorer-bot",
    }
    found = {user.username: user for user in get_user_model().objects.filter(username__in=names.values())}
    if len(found) < len(names):
        return factories.role_users()
    return {role: found[name] for role, name in names.items()}


def _storm(account, config: StormConfig) -> None:
    account.faults.set(
        rate_limit_storm=config.rate_limit_storm,
        error_rate=config.error_rate,
        timeout_rate=config.timeout_rate,
        timeout_after_processing=True,
        timeout_sleep_s=0.05,
        ignore_writes_to={("contacts", DROPPED_FIELD)},
        ignore_writes_share=config.drop_share,
    )


def _drive(config, env, log_path, flow, users, account, source) -> int:
    from django.db import connection as db_connection

    from crmhub.writeback import services

    rng = random.Random(config.seed)
    ids = account.record_ids("contacts")
    records = [
        {
            "flow": flow.pk,
            "source_system": source,
            "object_type": "contacts",
            "external_id": f"ext-{crm_id}",
            "identifiers": {"crm_id": crm_id},
            "values": {"score": n + 0.25},  # two decimals: never equal to a seeded score
            "observed_at": account.sandbox.clock.now().isoformat(),
            "idempotency_key": f"{config.name}-{n}",
        }
        for n, crm_id in enumerate(ids)
    ]
    db_connection.close()  # the workers get their own connections; ours reopens on demand
    workers = [_start_worker(env, log_path) for _ in range(config.workers)]
    kill_at = sorted(rng.uniform(0.5, config.kill_window_s) for _ in range(config.kills))
    started = time.monotonic()
    for start in range(0, len(records), config.batch):
        services.outputs_ingest(user=users["integration"], records=records[start : start + config.batch])
    kills, next_sync, next_sweep = 0, 0.0, 0.0
    try:
        while time.monotonic() - started < config.deadline_s:
            elapsed = time.monotonic() - started
            if kill_at and elapsed >= kill_at[0]:
                kill_at.pop(0)
                victim = workers.pop(rng.randrange(len(workers)))
                victim.send_signal(signal.SIGKILL)
                victim.wait()
                kills += 1
                workers.append(_start_worker(env, log_path))
                if config.faults:
                    account.faults.lose_next_write_responses += config.lost_answer_bursts
            if elapsed >= next_sweep:
                services.stalled_work_recover()
                next_sweep = elapsed + 1.0
            if elapsed >= next_sync:
                _sync_cycle(flow)
                next_sync = elapsed + config.sync_interval_s
            if not kill_at and _unsettled(flow) == 0:
                break
            time.sleep(0.25)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
    return kills


def _start_worker(env: dict, log_path: str) -> subprocess.Popen:
    log = open(log_path, "a")  # noqa: SIM115 - lives as long as the worker
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "writeback", "--worker-class", WORKER_CLASS_PATH],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _sync_cycle(flow) -> None:
    """The incremental cycle of the flow's object, as cron would start it (its read verifies writes)."""
    from crmhub.sync import services as sync_services

    try:
        run = sync_services.sync_run_request(
            connection=flow.connection, object_name=flow.crm_object.name, trigger="cron", enqueue=False
        )
    except sync_services.SyncBusy:
        return
    sync_services.sync_run_execute(run_id=run.pk)


def _unsettled(flow) -> int:
    from crmhub.writeback.models import OPEN_OUTCOME_STATUSES, InboundRecord, OutcomeStatus, WriteOutcome

    open_values = WriteOutcome.objects.filter(
        flow=flow, status__in=[*OPEN_OUTCOME_STATUSES, OutcomeStatus.WRITTEN]
    ).count()
    return open_values + InboundRecord.objects.filter(flow=flow, status="received").count()


def _report(flow, account, calls: Counter, kills: int, seconds: float) -> StormReport:
    from crmhub.writeback.models import OutcomeStatus, WriteOutcome
    from crmhub.writeback.verification import check_outcome

    outcomes = list(
        WriteOutcome.objects.filter(flow=flow).select_related(
            "inbound", "crm_field", "mapping__timestamp_field"
        )
    )
    by_outcome: Counter = Counter()
    disagreements = []
    caught = 0
    confirmed_by: Counter = Counter()
    for outcome in outcomes:
        label = outcome.status if not outcome.failure_kind else f"{outcome.status} ({outcome.failure_kind})"
        by_outcome[label] += 1
        caught += any(entry.get("event") == "not_confirmed" for entry in outcome.log or [])
        if outcome.status == OutcomeStatus.WRITTEN_VERIFIED:
            confirmed_by[(outcome.verification or {}).get("how", "?")] += 1
        crm = account.get_record("contacts", outcome.inbound.crm_id)
        check = check_outcome(outcome, crm)
        holds_stamp = check.companion_is_ours
        if outcome.status == OutcomeStatus.WRITTEN_VERIFIED and not (check.value_holds and holds_stamp):
            disagreements.append(
                f"#{outcome.pk} verified {outcome.planned_value!r} at {outcome.companion_value!r}, the CRM "
                f"shows {crm.get(DROPPED_FIELD)!r} at {crm.get(COMPANION_FIELD)!r}"
            )
        elif outcome.status == OutcomeStatus.DEAD_LETTERED and (check.value_holds or holds_stamp):
            disagreements.append(f"#{outcome.pk} dead-lettered, the CRM holds part of it")
        elif outcome.status not in (OutcomeStatus.WRITTEN_VERIFIED, OutcomeStatus.DEAD_LETTERED):
            disagreements.append(f"#{outcome.pk} ended {outcome.status}")
    return StormReport(len(outcomes), by_outcome, disagreements, calls, kills, seconds, caught, confirmed_by)
