"""Reconciliation: does a warehouse destination agree with the CRM?

Per object the destination receives:
- counts: live records in the CRM (the identifier mirror, which the completeness check keeps complete) that
  the destination should hold, against its rows not marked deleted; ids missing and extra;
- a sample read from the CRM (a bounded number of records, one or two API calls) compared value by value
  with the destination's rows of the same ids, and on that sample: each column's null rate and each picklist
  column's distribution (lifecycle stage, deal stage), CRM against destination;
- join coverage: the share of links (a contact's account) whose target is in the destination, against the
  share whose target is live in the CRM.

A CDP's tracking API is write-only. For a CDP destination, per person object:
- counts: live CRM records the CDP should know (all but those withheld and never sent) against what the hub
  delivered (its per-record consent ledger: sent, or sent and then suppressed);
- where the destination reads profiles back (Segment's Profile API, crmhub.exports.cdp_profiles), a sample of
  the delivered people read from the CDP: present, suppression flag as delivered, mapped traits equal to the
  CRM's values now, and each trait's null rate. Segment offers no profile count, RudderStack no read API:
  without one, the finding says that only the hub's side was compared.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q

from crmhub.connectors.user_directory import users_object
from crmhub.core import clock
from crmhub.core.connectors import connector_for
from crmhub.core.errors import ApplicationError
from crmhub.exports import cdp_delivery, cdp_profiles, segment, selectors, warehouse
from crmhub.exports.models import (
    Destination,
    DestinationKind,
    DestinationStatus,
    ExportRun,
    ExportStatus,
    ReconciliationRun,
    RecordConsentState,
)
from crmhub.exports.rows import PERSON, build_row, column_name
from crmhub.models import CrmConnection
from identity_app.models import MirrorRecord
from mappings_app.models import FieldType
from monitoring_app.models import AlertKind
from monitoring_app.services import Judgement, alerts_evaluate

SAMPLE_SIZE = 200
SUPPRESSION_WINDOW = timedelta(hours=1)
DISTRIBUTION_TOLERANCE = 0.0  # same ids on both sides: any difference is a finding
PICKLISTS = (FieldType.PICKLIST, FieldType.MULTIPICKLIST)


class NothingLoadedYet(ApplicationError):
    """A destination no export run has delivered to: comparing it with the CRM would only say 0 against 0."""


def has_delivered(*, destination: Destination) -> bool:
    return ExportRun.objects.filter(
        destination=destination, status=ExportStatus.COMPLETED, records_received__gt=0
    ).exists()


def reconcile(
    *, destination: Destination, run: ExportRun | None = None, sample_size: int = SAMPLE_SIZE, rng=None
) -> ReconciliationRun:
    if not has_delivered(destination=destination):
        raise NothingLoadedYet(
            f"Nothing has been delivered to {destination.name} yet: the first comparison with the CRM runs "
            "after its first export run."
        )
    findings: list[dict] = []
    rng = rng or random.Random()  # noqa: S311 - sampling, not security
    reconcile_object = (
        _reconcile_object if destination.kind == DestinationKind.WAREHOUSE else _reconcile_cdp_object
    )
    for connection_id, object_name in selectors.objects_fed(destination=destination):
        connection = CrmConnection.objects.get(pk=connection_id)
        findings += reconcile_object(destination, connection, object_name, sample_size, rng)
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
    live = _live_ids(connection, object_name)
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


def _reconcile_cdp_object(destination, connection, object_name: str, sample_size: int, rng) -> list[dict]:
    plan = selectors.object_plan(destination=destination, connection=connection, object_name=object_name)
    if plan.role != PERSON:
        return []  # accounts (group) and deals (track): the Profile API reads people only
    live = set(
        MirrorRecord.objects.filter(
            connection=connection, object_name=object_name, is_deleted=False, merged_into=""
        ).values_list("crm_id", flat=True)
    )
    states = RecordConsentState.objects.filter(
        destination=destination, connection=connection, object_name=object_name
    )
    sent = set(states.filter(allowed=True).values_list("crm_id", flat=True))
    suppressed = set(
        states.filter(allowed=False, delivered_at__isnull=False).values_list("crm_id", flat=True)
    )
    withheld = set(states.filter(allowed=False, delivered_at__isnull=True).values_list("crm_id", flat=True))
    expected, delivered = live - withheld, (sent | suppressed) & live
    missing = sorted(expected - delivered)
    findings = [
        _finding(
            "count",
            object_name,
            _ids_detail(missing, [])
            + f" Compared with what the hub delivered ({len(sent & live)} reachable, "
            f"{len(suppressed & live)} suppressed): the CDP's tracking API cannot be read back.",
            len(expected),
            len(delivered),
            not missing,
        )
    ]
    if not cdp_profiles.profile_api_configured(destination):
        findings.append(
            _finding(
                "profiles read back",
                object_name,
                "No profile read API configured (Segment: the Profile API's URL, space id and access "
                "token; RudderStack has none): the CDP's own profiles were not compared.",
                None,
                None,
                True,
            )
        )
        return findings
    sample = rng.sample(sorted(delivered), min(sample_size, len(delivered)))
    try:
        return findings + _profile_findings(destination, connection, plan, sample, suppressed)
    except cdp_profiles.ProfileReadError as exc:  # a finding, so the other destinations are still reconciled
        return [*findings, _finding("profiles read back", object_name, exc.message, None, None, False)]


def _profile_findings(destination, connection, plan, sample: list[str], suppressed: set[str]) -> list[dict]:
    subjects = {
        crm_id: segment.stable_id(connection_key=connection.name, object_name=plan.object_name, crm_id=crm_id)
        for crm_id in sample
    }
    profiles = cdp_profiles.profiles_read(destination=destination, user_ids=list(subjects.values()))
    traits = {crm_id: profiles.get(subject) for crm_id, subject in subjects.items()}
    absent = sorted(crm_id for crm_id, found in traits.items() if found is None)
    wrong_flag = sorted(
        crm_id
        for crm_id, found in traits.items()
        if found is not None and bool(found.get(cdp_delivery.SUPPRESSION_TRAIT)) != (crm_id in suppressed)
    )
    findings = [
        _finding(
            "profiles present",
            plan.object_name,
            f"{len(absent)} delivered people have no profile in the CDP ({', '.join(absent[:5])})"
            if absent
            else f"{len(sample)} sampled profiles found.",
            len(sample),
            len(sample) - len(absent),
            not absent,
        ),
        _finding(
            "suppression flags",
            plan.object_name,
            f"{len(wrong_flag)} profiles whose {cdp_delivery.SUPPRESSION_TRAIT} differs from what was "
            f"delivered ({', '.join(wrong_flag[:5])})"
            if wrong_flag
            else "Every sampled profile carries the suppression flag as delivered.",
            len(sample),
            len(sample) - len(wrong_flag),
            not wrong_flag,
        ),
    ]
    reachable = [crm_id for crm_id, found in traits.items() if found is not None and crm_id not in suppressed]
    if reachable and plan.columns:
        findings += _trait_findings(connection, plan, reachable, traits)
    return findings


def _trait_findings(connection, plan, crm_ids: list[str], traits: dict) -> list[dict]:
    """The mapped traits of reachable people, from the CRM now, against their CDP profiles."""
    fields = sorted({c.field_name for c in plan.columns})
    with connector_for(connection) as connector:
        crm_values = connector.read_records(plan.object_name, crm_ids, fields)
    expected = {
        crm_id: build_row(record_values=values, plan=plan).values for crm_id, values in crm_values.items()
    }
    mismatches = [
        f"{crm_id}.{target}: CRM {value!r}, CDP {traits[crm_id].get(target)!r}"
        for crm_id, values in expected.items()
        for target, value in values.items()
        if not _same(_plain(value), traits[crm_id].get(target))
    ]
    findings = [
        _finding(
            "sampled values",
            plan.object_name,
            "; ".join(mismatches[:10]) or f"{len(expected)} profiles compared, all equal.",
            len(expected),
            len(expected) - len({m.split(".")[0] for m in mismatches}),
            not mismatches,
        )
    ]
    for column in plan.columns:
        crm_rate = _rate(sum(1 for v in expected.values() if v.get(column.target) is None), len(expected))
        cdp_rate = _rate(sum(1 for c in expected if traits[c].get(column.target) is None), len(expected))
        findings.append(
            _finding(
                "null rate",
                plan.object_name,
                column.target,
                crm_rate,
                cdp_rate,
                abs(crm_rate - cdp_rate) <= DISTRIBUTION_TOLERANCE,
            )
        )
    return findings


def _plain(value):
    """A value as a Segment message carries it (JSON: dates and times as ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


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
        by_target: dict[str, list[dict]] = {}
        for link in links:  # a polymorphic field's links point to several objects
            if link.get("to_object"):
                by_target.setdefault(link["to_object"], []).append(link)
        for target, target_links in sorted(by_target.items()):
            findings.append(_join_finding(destination, connection, plan, column, target, target_links))
    return findings


def _join_finding(destination, connection, plan, column, target: str, links: list[dict]) -> dict:
    target_rows = warehouse.table_rows(
        destination=destination,
        table=target.lower(),
        columns=["crm_id"],
        where=f"WHERE _crm_connection = '{_quoted(connection.name)}'",
    )
    in_destination = {row["crm_id"] for row in target_rows}
    live_targets = _live_ids(connection, target)
    crm_rate = _rate(sum(1 for link in links if link["to_id"] in live_targets), len(links))
    dest_rate = _rate(sum(1 for link in links if link["to_id"] in in_destination), len(links))
    return _finding(
        "join coverage",
        plan.object_name,
        f"{column.field_name} -> {target}",
        crm_rate,
        dest_rate,
        dest_rate >= crm_rate,
    )


def _live_ids(connection, object_name: str) -> set[str]:
    """The ids the CRM holds now: the identifier mirror (kept complete by the sync), or for the CRM's users,
    which no sync mirrors, the users API itself (one or a few calls)."""
    if object_name == users_object(connection.provider):
        with connector_for(connection) as connector:
            return {user.id for user in connector.users_read()}
    return set(
        MirrorRecord.objects.filter(
            connection=connection, object_name=object_name, is_deleted=False, merged_into=""
        ).values_list("crm_id", flat=True)
    )


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
    """Every five minutes (cron): reconcile the destinations whose interval has passed, and judge every
    active destination's suppression lag (so its alert also recovers when no withdrawal comes)."""
    now = clock.now()
    done = []
    for destination in Destination.objects.filter(status=DestinationStatus.ACTIVE):
        due = destination.last_reconciled_at is None or now - destination.last_reconciled_at >= timedelta(
            seconds=destination.reconcile_interval_seconds
        )
        due = due and has_delivered(
            destination=destination
        )  # before the first load there is nothing to compare
        if due:
            result = reconcile(destination=destination)
            export_alerts_evaluate(destination=destination, reconciliation=result)
            done.append(result)
        else:
            export_alerts_evaluate(destination=destination)
    return done


def export_alerts_evaluate(
    *, destination: Destination, run: ExportRun | None = None, reconciliation: ReconciliationRun | None = None
) -> None:
    """Open or resolve the destination's alerts: schema changes of a run, differences of a reconciliation,
    and always the suppression lag of the last hour. Alerts belong to a connection: the run's, or every
    connection the destination reads."""
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
        judgements.append(_suppression_judgement(destination, connection_id, scope))
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


def _suppression_judgement(destination: Destination, connection_id: int, scope: str) -> Judgement:
    """The p95 lag of the withdrawals delivered in the last hour against the destination's target; the
    value is the seconds over the target (0 when on time, or when no withdrawal arrived: the alert recovers)."""
    target = destination.suppression_target_seconds
    lag, count = selectors.suppression_lag_p95(
        destination=destination, since=clock.now() - SUPPRESSION_WINDOW, connection_id=connection_id
    )
    over = max(0.0, (lag or 0.0) - target)
    return Judgement(
        AlertKind.SUPPRESSION_LAG,
        scope,
        connection_id,
        over,
        count or 1,
        detail=f"{destination.name}: the p95 lag of the last hour's {count} consent withdrawals was "
        f"{lag:.0f} s, above the target of {target} s"
        if over
        else "",
    )


def suppression_lag_max(*, destination: Destination, since=None) -> float | None:
    """The longest lag (CRM change to delivery) of the withdrawals delivered since `since`."""
    states = RecordConsentState.objects.filter(
        destination=destination, allowed=False, delivered_at__isnull=False
    )
    if since is not None:
        states = states.filter(delivered_at__gte=since)
    lags = [state.lag_seconds for state in states.only("changed_at", "delivered_at")]
    return max(lags) if lags else None


# -- for the pages ------------------------------------------------------------------------------------

CHECK_LABELS = {
    "count": "Number of records",
    "null rate": "Empty values",
    "picklist distribution": "Values of a picklist",
    "join coverage": "Links to other records",
    "sampled values": "Sampled records, value by value",
    "profiles read back": "Profiles read back from the CDP",
    "profiles present": "Profiles present in the CDP",
    "suppression flags": "Opt-out flags in the CDP",
}
RATE_CHECKS = {"null rate", "join coverage"}


@dataclass(frozen=True)
class FindingRow:
    check: str
    object_name: str
    detail: str
    crm: str
    destination: str
    ok: bool


def findings_for_people(findings: list[dict]) -> list[FindingRow]:
    """A reconciliation's findings as the destination page shows them: the check named in words, rates as
    percentages, a picklist's counts as "value: count", the differences first."""
    rows = [
        FindingRow(
            check=CHECK_LABELS.get(finding.get("check", ""), str(finding.get("check", "")).capitalize()),
            object_name=str(finding.get("object", "")),
            detail=_detail(finding),
            crm=_shown(finding.get("check", ""), finding.get("crm")),
            destination=_shown(finding.get("check", ""), finding.get("destination")),
            ok=bool(finding.get("ok")),
        )
        for finding in findings
    ]
    return sorted(rows, key=lambda row: row.ok)  # stable: the differences first, each group in its order


def _detail(finding: dict) -> str:
    detail = str(finding.get("detail") or "")
    check = finding.get("check", "")
    if check == "null rate":
        return f"Share of records with {detail} empty"
    if check == "picklist distribution":
        return f"Records per value of {detail}"
    if check == "join coverage":
        field, _, target = detail.partition(" -> ")
        return f"Share of records whose {field} points to a record of {target}" if target else detail
    return detail


def _shown(check: str, value) -> str:
    if value is None:
        return "—"
    if check in RATE_CHECKS and isinstance(value, int | float):
        return f"{value * 100:.1f} %".replace(".0 %", " %")
    if isinstance(value, dict):
        return ", ".join(f"{key or '(empty)'}: {count}" for key, count in value.items()) or "none"
    return str(value)
