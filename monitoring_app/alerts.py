"""The alert catalogue: every alert kind with its metric, shipped default threshold and runbook."""

from dataclasses import dataclass

from monitoring_app.models import AlertKind, Comparison, Metric


@dataclass(frozen=True)
class Runbook:
    meaning: str
    causes: tuple[str, ...]
    checks: tuple[str, ...]


@dataclass(frozen=True)
class AlertSpec:
    kind: str
    metric: str  # "" for alerts judged from state (a broken mapping, a paused connection)
    comparison: str
    threshold: float
    min_sample_size: int
    unit: str  # how to show the value: "rate", "seconds", "ratio", "count", "index"
    runbook: Runbook


HOUR = 3600.0

ALERT_SPECS: dict[str, AlertSpec] = {
    spec.kind: spec
    for spec in (
        AlertSpec(
            AlertKind.SYNC_STALE,
            Metric.SYNC_FRESHNESS,
            Comparison.ABOVE,
            2 * HOUR,
            0,
            "seconds",
            Runbook(
                "No sync cycle of this CRM object has completed for longer than the threshold: the mirror "
                "(identifiers, last human edits) is getting old, so matches and hybrid checks use stale data.",
                (
                    "The RQ worker or the cron scheduler is down.",
                    "Runs stop at the API budget and resume too slowly.",
                    "Runs fail: credentials revoked, the CRM is unreachable.",
                ),
                (
                    "Sync runs for the object: status and error of the latest runs.",
                    "Django-RQ: are the sync queue's workers alive, is the queue growing?",
                    "The connection's status and its API budget metric.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.VOLUME_ANOMALY,
            Metric.VOLUME_DEVIATION,
            Comparison.ABOVE,
            3.0,
            0,
            "ratio",
            Runbook(
                "The latest sync run read far more records than the trailing average of the runs before it.",
                (
                    "A mass update or import in the CRM (a rep's bulk edit, a data-load job).",
                    "A watermark reset: the reader started over.",
                    "Another integration rewriting many records.",
                ),
                (
                    "Sync runs: watermark before and after of the latest run.",
                    "The CRM's audit log for bulk jobs in the period.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.AI_VALUES_STALE,
            Metric.AI_VALUE_AGE,
            Comparison.ABOVE,
            48 * HOUR,
            0,
            "seconds",
            Runbook(
                "No AI-written value of this field is newer than the threshold (by its companion timestamp): "
                "reps are looking at old scores.",
                (
                    "The scoring tool stopped posting outputs.",
                    "Outputs arrive but are held for review, skipped or dead-lettered.",
                    "The flow was switched back to shadow mode.",
                ),
                (
                    "Write-back records of the flow: are new records arriving, what happens to them?",
                    "Dead letters and the review queue of the flow.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.WRITE_SUCCESS_LOW,
            Metric.WRITE_SUCCESS_RATE,
            Comparison.BELOW,
            0.95,
            20,
            "rate",
            Runbook(
                "Of the values the hub tried to write in the last 24 hours, fewer than the threshold landed.",
                (
                    "The CRM rejects values (validation rules, picklist values, field permissions).",
                    "Records were deleted or merged in the CRM.",
                    "Retries exhausted: the CRM was unavailable or rate limited for long.",
                ),
                (
                    "Dead letters of the flow, grouped by reason.",
                    "The weekly report's top failure reasons.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.ERROR_RATE_HIGH,
            Metric.ERROR_RATE,
            Comparison.ABOVE,
            0.05,
            20,
            "rate",
            Runbook(
                "More than the threshold of attempted writes were rejected or dead-lettered in 24 hours.",
                (
                    "A mapping coerces values into a form the CRM refuses.",
                    "A CRM-side validation rule was added.",
                    "An outage on the CRM side.",
                ),
                ("Dead letters: reason and response of a few failed values.", "Recent catalog changes."),
            ),
        ),
        AlertSpec(
            AlertKind.CONFLICT_RATE_HIGH,
            Metric.CONFLICT_RATE,
            Comparison.ABOVE,
            0.10,
            20,
            "rate",
            Runbook(
                "Many hybrid values were held because a rep edited the field after the AI observed it.",
                (
                    "Reps are actively maintaining a field the AI also writes.",
                    "The AI's observed_at is old (it scores stale snapshots).",
                ),
                (
                    "Open conflicts of the flow.",
                    "Whether the field should be rep-owned, or the conflict policy changed.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.SILENT_NO_OPS,
            Metric.VERIFICATION_FAILURES,
            Comparison.ABOVE,
            0,
            0,
            "count",
            Runbook(
                "The CRM answered a write with success, but reading the record back showed another value: "
                "the write did not land (a silent no-op).",
                (
                    "A CRM workflow or another integration overwrites the field right after our write.",
                    "A field-level permission silently drops the value.",
                    "A formula or rollup field that cannot hold written values.",
                ),
                (
                    "Dead letters with failure kind verification mismatch: expected vs CRM value.",
                    "The CRM's field history for one affected record.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.UNMATCHED_HIGH,
            Metric.UNMATCHED_RATE,
            Comparison.ABOVE,
            0.20,
            20,
            "rate",
            Runbook(
                "More than the threshold of inbound records could not be matched to a CRM record safely "
                "and wait in the review queue.",
                (
                    "The source sends records the CRM does not have yet (new leads).",
                    "Identifiers changed format (emails, external ids).",
                    "The identifier mirror is stale (see sync freshness).",
                ),
                ("The review queue of the flow, by reason.", "Sync freshness of the object."),
            ),
        ),
        AlertSpec(
            AlertKind.REVIEW_BACKLOG_OLD,
            Metric.REVIEW_BACKLOG_AGE,
            Comparison.ABOVE,
            48 * HOUR,
            0,
            "seconds",
            Runbook(
                "The oldest open review item has waited longer than the threshold: its outputs are held.",
                ("Nobody works the queue.", "The backlog grows faster than reviewers resolve it."),
                ("The review queue, oldest first; assign items.",),
            ),
        ),
        AlertSpec(
            AlertKind.NULL_RATE_HIGH,
            Metric.NULL_RATE,
            Comparison.ABOVE,
            0.5,
            20,
            "rate",
            Runbook(
                "Most values the source sent for this mapped field in 24 hours were empty.",
                (
                    "The source renamed or dropped the key.",
                    "An upstream model failed and emits nulls.",
                ),
                ("A few recent records of the flow: their values.", "The mapping's source key."),
            ),
        ),
        AlertSpec(
            AlertKind.SCORE_DRIFT,
            Metric.PSI,
            Comparison.ABOVE,
            0.2,
            50,
            "index",
            Runbook(
                "The distribution of this numeric AI field over the last 24 hours moved away from the "
                "baseline sales-ops chose (population stability index above the threshold; KS is shown "
                "as a second view).",
                (
                    "The model was retrained or its inputs changed.",
                    "The population changed (a new campaign, a new market).",
                    "A transform or coercion changed the scale.",
                ),
                (
                    "The flow page: distribution now against the baseline.",
                    "Recent catalog changes of the field's mapping.",
                    "Whether the baseline is still the right reference.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.API_BUDGET_HIGH,
            Metric.API_BUDGET_USED,
            Comparison.ABOVE,
            0.8,
            0,
            "rate",
            Runbook(
                "The hub has used most of this connection's API budget (daily budget, or the burst window "
                "when there is none).",
                (
                    "A backfill or a completeness check running.",
                    "Write-back retries in a loop.",
                    "The budget is set lower than the CRM's real allocation.",
                ),
                ("Sync runs in progress.", "The connection's rate-limit settings in the admin."),
            ),
        ),
        AlertSpec(
            AlertKind.SCHEMA_DRIFT,
            "",
            Comparison.ABOVE,
            0,
            0,
            "count",
            Runbook(
                "A mapped CRM field disappeared or changed type; writes to it are halted.",
                ("Someone changed the field in the CRM's setup.", "A package upgrade in the CRM."),
                (
                    "Mappings marked broken in the catalog.",
                    "Draft a change request that fixes or removes the mapping.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.AUTH_FAILURE,
            "",
            Comparison.ABOVE,
            0,
            0,
            "count",
            Runbook(
                "The CRM refused the connection's credentials; the connection is paused and nothing is "
                "read or written.",
                ("The token expired or was revoked.", "The integration user was deactivated."),
                (
                    "Rotate the credentials in the admin.",
                    "Resume the connection on the write-back connections page.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.EXPORT_MISMATCH,
            "",
            Comparison.ABOVE,
            0,
            0,
            "count",
            Runbook(
                "The last reconciliation found differences between the CRM and a destination: counts, "
                "picklist distributions, null rates, join coverage or sampled values.",
                (
                    "An export run failed and its rows wait as failed rows.",
                    "Someone edited or deleted rows in the warehouse by hand.",
                    "A mapping changed and the destination was not refreshed.",
                ),
                (
                    "The destination page: the reconciliation's findings.",
                    "Failed rows of the destination; replay them.",
                    "A full refresh of the object if the destination drifted.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.EXPORT_SCHEMA_CHANGE,
            "",
            Comparison.ABOVE,
            0,
            0,
            "count",
            Runbook(
                "An export changed a destination table: a value of a new type arrived for a column (the "
                "loader added a variant column beside it) or a new column appeared.",
                ("A CRM field changed type.", "An outbound mapping changed its type or was added."),
                (
                    "The export run's schema changes.",
                    "The CRM's schema drift on the catalog page; fix the outbound mapping's type.",
                ),
            ),
        ),
        AlertSpec(
            AlertKind.SUPPRESSION_LAG,
            "",
            Comparison.ABOVE,
            0,
            0,
            "seconds",
            Runbook(
                "Consent withdrawals reach a destination late: the p95 lag of the last hour's withdrawals "
                "(opt-out recorded in the CRM to delivered to the destination) is above the destination's "
                "suppression target. The value is the seconds over that target; people who opted out "
                "stayed in audiences meanwhile.",
                (
                    "Webhooks from the CRM are not arriving; only polling caught the change.",
                    "The sync or export queue is backed up (workers down, a long backfill ahead of it).",
                    "Export runs of the destination fail (the CDP refuses the batch, the warehouse is down).",
                ),
                (
                    "Monitoring overview: the suppression lag chart, hourly p95 per destination.",
                    "Webhook endpoints and their last events; the sync runs of the object.",
                    "Export runs of the destination and their failed rows; replay them.",
                    "The destination's suppression target: is it realistic for polling alone?",
                ),
            ),
        ),
    )
}


def spec_for(kind: str) -> AlertSpec:
    return ALERT_SPECS[kind]


def format_value(kind: str, value: float | None) -> str:
    """A value as a person reads it: 93.5 %, 3.2 h, 0.27."""
    if value is None:
        return "—"
    unit = ALERT_SPECS[kind].unit if kind in ALERT_SPECS else "index"
    return format_unit(unit, value)


def format_unit(unit: str, value: float | None) -> str:
    if value is None:
        return "—"
    if unit == "rate":
        return f"{value * 100:.1f} %"
    if unit == "seconds":
        if value >= 2 * 86400:
            return f"{value / 86400:.1f} d"
        if value >= 2 * 3600:
            return f"{value / 3600:.1f} h"
        return f"{value / 60:.0f} min"
    if unit == "ratio":
        return f"{value * 100:+.0f} %"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:.3f}"
