"""Reconciliation: does a warehouse destination agree with the CRM?

Per object the destination receives:
- counts: live records in the CRM (the identifier mirror, which the completeness check keeps complete) that
  the destination should hold, against its rows not marked deleted; ids missing and extra;
- a sample read from the CRM (a bounded number of records, one or two API calls) compared value by value
  with the destination's rows of the same ids, and on that sample: each column's null rate and each picklist
  column's distribution (lifecycle stage, deal stage), CRM against destination;
- join coverage: the share of links (a contact's account) whose target is in the destination, against the
  share whose target is live in the CRM.

A CDP cannot be read back (the Segment spec is write-only), so CDP destinations are not reconciled here.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from django.db.models import Q

from crmhub.core import clock
from crmhub.core.connectors import connector_for
from crmhub.exports import selectors, warehouse
from crmhub.exports.models import (
    Destination,
    DestinationKind,
    DestinationStatus,
    ExportRun,
    ReconciliationRun,
    RecordConsentState,
)
from crmhub.exports.rows import build_row, column_name
from crmhub.models import CrmConnection
from identity_app.models import MirrorRecord
from mappings_app.models import FieldType

SAMPLE_SIZE = 200
DISTRIBUTION_TOLERANCE = 0.0  # same ids on both sides: any difference is a finding
PICKLISTS = (FieldType.PICKLIST, FieldType.MULTIPICKLIST)


def reconcile(
    *, destination: Destination, run: ExportRun | None = None, sample_size: int = SAMPLE_SIZE, rng=None
) -> ReconciliationRun:
    findings: list[dict] = []
    rng = rng or random.Random()  # noqa: S311 - sampling, not security
    if destination.kind == DestinationKind.WAREHOUSE:
        for connection_id, object_name in selectors.objects_fed(destination=destination):
            connection = CrmConnection.objects.get(pk=connection_id)
            findings += _reconcile_object(destination, connection, object_name, sample_size, rng)
    differences = sum(1 for f in findings if not f["ok"])
    result = ReconciliationRun.objects.create(
        destination=destination,
        export_run=run,
        ok=differences == 0,
        differences=differences,
        findings=findings,
    )
    Destination.objects.filter(pk=destination.pk).update(last_reconciled_at=clock.now())
    return result


def _finding(check: str, object_name: str, detail: str, crm, dest, ok: bool) -> dict:
    return {
        "check": check,
        "object": object_name,
        "detail": detail,
        "crm": crm,
        "destination": dest,
        "ok": ok,
    }


def _reconcile_object(destination, connection, object_name: str, sample_size: int, rng) -> list[dict]:
    plan = selectors.object_plan(destination=destination, connection=connection, object_name=object_name)
    rows = warehouse.table_rows(
        destination=destination,
        table=plan.table,
        where=f"WHERE _crm_connection = '{_quoted(connection.name)}'",
    )
    in_destination = {row["crm_id"]: row for row in rows if not row.get("_deleted")}
    live = set(
        MirrorRecord.objects.filter(
            connection=connection, object_name=object_name, is_deleted=False, merged_into=""
        ).values_list("crm_id", flat=True)
    )
    never_sent = set(
        RecordConsentState.objects.filter(
            destination=destination, connection=connection, object_name=object_name, allowed=False
        )
        .filter(Q(delivered_at__isnull=True))
        .values_list("crm_id", flat=True)
    )
    expected = live - never_sent
    missing, extra = sorted(expected - set(in_destination)), sorted(set(in_destination) - live)
    findings = [
        _finding(
            "count",
            object_name,
            _ids_detail(missing, extra),
            len(expected),
            len(in_destination),
            not missing and not extra,
        )
    ]
    sample_ids = rng.sample(
        sorted(expected & set(in_destination)), min(sample_size, len(expected & set(in_destination)))
    )
    if sample_ids and plan.columns:
        findings += _sample_findings(connection, plan, sample_ids, in_destination)
    findings += _join_findings(destination, connection, plan, live)
    return findings


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def _ids_detail(missing: list[str], extra: list[str]) -> str:
    parts = []
    if missing:
        parts.append(f"{len(missing)} missing from the destination ({', '.join(missing[:5])})")
    if extra:
        parts.append(f"{len(extra)} in the destination but not live in the CRM ({', '.join(extra[:5])})")
    return "; ".join(parts) or "Same records."


def _sample_findings(connection, plan, sample_ids: list[str], in_destination: dict) -> list[dict]:
    fields = sorted({c.field_name for c in plan.columns})
    with connector_for(connection) as connector:
        crm_values = connector.read_records(plan.object_name, sample_ids, fields)
    columns = {c.target: c for c in plan.columns}
    warehouse_names = {c.target: column_name(c.target) for c in plan.columns}
    expected = {
        crm_id: build_row(record_values=values, plan=plan).values for crm_id, values in crm_values.items()
    }
    mismatches = []
    for crm_id, values in expected.items():
        row = in_destination[crm_id]
        for target, value in values.items():
            if not _same(value, row.get(warehouse_names[target])):
                mismatches.append(
                    f"{crm_id}.{target}: CRM {value!r}, destination {row.get(warehouse_names[target])!r}"
                )
    findings = [
        _finding(
            "sampled values",
            plan.object_name,
            "; ".join(mismatches[:10]) or f"{len(expected)} records compared, all equal.",
            len(expected),
            len(expected) - len({m.split(".")[0] for m in mismatches}),
            not mismatches,
        )
    ]
    for target, column in columns.items():
        crm_nulls = sum(1 for values in expected.values() if values.get(target) is None)
        dest_nulls = sum(
            1 for crm_id in expected if in_destination[crm_id].get(warehouse_names[target]) is None
        )
        crm_rate, dest_rate = _rate(crm_nulls, len(expected)), _rate(dest_nulls, len(expected))
        findings.append(
            _finding(
                "null rate",
                plan.object_name,
                target,
                crm_rate,
                dest_rate,
                abs(crm_rate - dest_rate) <= DISTRIBUTION_TOLERANCE,
            )
        )
        if column.field_type in PICKLISTS:
            crm_counts = Counter(str(values.get(target)) for values in expected.values())
            dest_counts = Counter(
                str(in_destination[crm_id].get(warehouse_names[target])) for crm_id in expected
            )
            findings.append(
                _finding(
                    "picklist distribution",
                    plan.object_name,
                    target,
                    dict(sorted(crm_counts.items())),
                    dict(sorted(dest_counts.items())),
                    crm_counts == dest_counts,
                )
            )
    return findings


def _join_findings(destination, connection, plan, live: set[str]) -> list[dict]:
    findings = []
    for column in plan.columns:
        if not column.related_object:
            continue
        links = warehouse.table_rows(
            destination=destination,
            table=warehouse.RELATIONSHIPS,
            where=(
                f"WHERE _crm_connection = '{_quoted(connection.name)}' AND from_object = '{_quoted(plan.object_name)}'"
                f" AND field = '{_quoted(column.field_name)}'"
            ),
        )
        links = [link for link in links if link["from_id"] in live]
        if not links:
            continue
        target_rows = warehouse.table_rows(
            destination=destination,
            table=column.related_object.lower(),
            columns=["crm_id"],
            where=f"WHERE _crm_connection = '{_quoted(connection.name)}'",
        )
        in_destination = {row["crm_id"] for row in target_rows}
        live_targets = set(
            MirrorRecord.objects.filter(
                connection=connection, object_name=column.related_object, is_deleted=False, merged_into=""
            ).values_list("crm_id", flat=True)
        )
        crm_rate = _rate(sum(1 for link in links if link["to_id"] in live_targets), len(links))
        dest_rate = _rate(sum(1 for link in links if link["to_id"] in in_destination), len(links))
        findings.append(
            _finding(
                "join coverage",
                plan.object_name,
                f"{column.field_name} -> {column.related_object}",
                crm_rate,
                dest_rate,
                dest_rate >= crm_rate,
            )
        )
    return findings


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _same(crm, dest) -> bool:
    if crm is None or dest is None:
        return crm is None and dest is None
    if isinstance(crm, float) or isinstance(dest, float):
        try:
            return abs(float(crm) - float(dest)) < 1e-9
        except (TypeError, ValueError):
            return False
    if hasattr(dest, "isoformat") and hasattr(crm, "isoformat"):
        return crm == dest or crm.isoformat() == dest.isoformat()
    return str(crm) == str(dest)


# -- schedule and alerts ----------------------------------------------------------------------------------


def reconciliations_due_run() -> list[ReconciliationRun]:
    now = clock.now()
    done = []
    for destination in Destination.objects.filter(
        status=DestinationStatus.ACTIVE, kind=DestinationKind.WAREHOUSE
    ):
        due = destination.last_reconciled_at is None or now - destination.last_reconciled_at >= timedelta(
            seconds=destination.reconcile_interval_seconds
        )
        if due:
            result = reconcile(destination=destination)
            export_alerts_evaluate(destination=destination, reconciliation=result)
            done.append(result)
    return done


def export_alerts_evaluate(
    *, destination: Destination, run: ExportRun | None = None, reconciliation: ReconciliationRun | None = None
) -> None:
    """Open or resolve the destination's alerts: schema changes and suppression lag of a run, differences of
    a reconciliation. Alerts belong to a connection: the run's, or every connection the destination reads."""
    from monitoring_app.models import AlertKind
    from monitoring_app.services import Judgement, alerts_evaluate

    judgements = []
    connection_ids = (
        {run.connection_id}
        if run and run.connection_id
        else {c for c, _ in selectors.objects_fed(destination=destination)}
    )
    for connection_id in connection_ids:
        scope = f"destination:{destination.pk}:connection:{connection_id}"
        if run is not None:
            changes = [c for c in run.schema_changes or [] if "type change" in c["change"]]
            judgements.append(
                Judgement(
                    AlertKind.EXPORT_SCHEMA_CHANGE,
                    scope,
                    connection_id,
                    float(len(changes)),
                    1,
                    detail=f"{destination.name}: "
                    + "; ".join(f"{c['table']}.{c['column']} ({c['change']})" for c in changes),
                )
            )
            lag = suppression_lag_max(destination=destination, since=run.started_at)
            if lag is not None:
                judgements.append(
                    Judgement(
                        AlertKind.SUPPRESSION_LAG,
                        scope,
                        connection_id,
                        lag,
                        1,
                        detail=f"{destination.name}: a consent withdrawal took {lag:.0f}s to arrive "
                        f"(target {destination.suppression_target_seconds}s)"
                        if lag > destination.suppression_target_seconds
                        else "",
                    )
                )
        if reconciliation is not None:
            judgements.append(
                Judgement(
                    AlertKind.EXPORT_MISMATCH,
                    scope,
                    connection_id,
                    float(reconciliation.differences),
                    1,
                    detail=f"{destination.name}: {reconciliation.differences} differences with the CRM"
                    if reconciliation.differences
                    else "",
                )
            )
    if judgements:
        alerts_evaluate(judgements=judgements, now=clock.now())


def suppression_lag_max(*, destination: Destination, since=None) -> float | None:
    """The longest lag (CRM change to delivery) of the withdrawals delivered since `since`."""
    states = RecordConsentState.objects.filter(
        destination=destination, allowed=False, delivered_at__isnull=False
    )
    if since is not None:
        states = states.filter(delivered_at__gte=since)
    lags = [state.lag_seconds for state in states.only("changed_at", "delivered_at")]
    return max(lags) if lags else None
