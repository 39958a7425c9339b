"""Destinations (a warehouse through dlt, or a CDP speaking the Segment spec), the export runs that feed them,
the rows a destination refused (kept, replayable), the buffer the sync read fills, and reconciliation."""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from crmhub.encryption import EncryptedJSONField
from crmhub.exports import page_codec

LOG_LIMIT = 200


class DestinationKind(models.TextChoices):
    WAREHOUSE = "warehouse", "Data warehouse"
    CDP = "cdp", "Customer data platform (Segment spec)"


class WarehouseType(models.TextChoices):
    """dlt destination types; DuckDB and PostgreSQL are tested here, the others only by configuration."""

    DUCKDB = "duckdb", "DuckDB file"
    POSTGRES = "postgres", "PostgreSQL"
    SNOWFLAKE = "snowflake", "Snowflake"
    BIGQUERY = "bigquery", "BigQuery"
    REDSHIFT = "redshift", "Redshift"


def duckdb_dataset_clash(*, warehouse_type: str, credentials: dict | None, dataset_name: str) -> str | None:
    """DuckDB names a file's catalog after the file, and cannot hold a schema of that same name: dlt then
    refuses every table. Returns the message for the form or the API, or None."""
    if warehouse_type != WarehouseType.DUCKDB:
        return None
    path = str((credentials or {}).get("path") or "")
    stem = PurePath(path).name.split(".", 1)[0] if path else ""
    dataset = dataset_name or "crm"
    if stem and stem.casefold() == dataset.casefold():
        return (
            f"The DuckDB file {PurePath(path).name!r} and the dataset {dataset!r} share a name, which DuckDB "
            "cannot load into: rename the file or choose another dataset name."
        )
    return None


class DestinationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    BROKEN = "broken", "Broken"


class Destination(models.Model):
    """A warehouse or a CDP that receives CRM records, managed like a CRM connection."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=DestinationKind.choices)
    warehouse_type = models.CharField(
        max_length=10,
        choices=WarehouseType.choices,
        blank=True,
        help_text="Warehouses only: the dlt destination.",
    )
    dataset_name = models.CharField(
        max_length=100, blank=True, help_text="Warehouses only: the schema (dataset) the tables land in."
    )
    endpoint_url = models.URLField(
        blank=True, help_text="CDPs only: the HTTP Tracking API root, e.g. https://api.segment.io"
    )
    credentials = EncryptedJSONField(
        blank=True,
        default=dict,
        help_text="The destination type's own credential fields; encrypted at rest, never shown again.",
    )
    status = models.CharField(
        max_length=10, choices=DestinationStatus.choices, default=DestinationStatus.ACTIVE
    )
    status_reason = models.CharField(max_length=500, blank=True)
    allowed_data_classes = models.JSONField(
        default=list, blank=True, help_text="Data classes this destination may receive."
    )
    purposes = models.JSONField(
        default=list, blank=True, help_text="Consent purposes a record needs before it is sent here."
    )
    suppression_target_seconds = models.PositiveIntegerField(
        default=300, help_text="A consent withdrawal must reach this destination within this many seconds."
    )
    reconcile_interval_seconds = models.PositiveIntegerField(
        default=86400,
        validators=[MinValueValidator(300)],
        help_text="How often the CRM and this destination are compared.",
    )
    last_reconciled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_test_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_test_ok = models.BooleanField(null=True, editable=False)
    last_test_message = models.CharField(max_length=1000, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=[
            "credentials",
            "last_reconciled_at",
            "last_test_at",
            "last_test_ok",
            "last_test_message",
        ]
    )

    class Meta:
        ordering = ["name"]
        permissions = [("run_export", "Can run exports, backfills and full refreshes")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def is_warehouse(self) -> bool:
        return self.kind == DestinationKind.WAREHOUSE

    def clean(self) -> None:
        errors = {}
        for name, what in (("allowed_data_classes", "data class"), ("purposes", "purpose")):
            values = list(getattr(self, name) or [])
            repeated = sorted({str(value) for value in values if values.count(value) > 1})
            if repeated:
                errors[name] = f"Each {what} may be named once; repeated: {', '.join(repeated)}."
        if errors:
            raise ValidationError(errors)


class ExportKind(models.TextChoices):
    INCREMENTAL = "incremental", "Incremental (rides the sync read)"
    BACKFILL = "backfill", "Backfill from the mirror"
    FULL_REFRESH = "full_refresh", "Full refresh"
    SUPPRESSION = "suppression", "Consent suppression"
    REPLAY = "replay", "Replay of failed rows"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"
    ERRORED = "errored", "Errored"


class ExportRun(models.Model):
    """One delivery to one destination: what was received, sent, held back and refused."""

    destination = models.ForeignKey(Destination, on_delete=models.CASCADE, related_name="runs")
    connection = models.ForeignKey(
        "crmhub.CrmConnection", on_delete=models.CASCADE, null=True, blank=True, related_name="export_runs"
    )
    object_name = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=15, choices=ExportKind.choices, default=ExportKind.INCREMENTAL)
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    sync_run = models.ForeignKey(
        "sync.SyncRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="export_runs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    catalog_version = models.PositiveIntegerField(null=True, blank=True)
    records_received = models.PositiveIntegerField(default=0)
    records_sent = models.PositiveIntegerField(default=0)
    records_withheld = models.PositiveIntegerField(
        default=0, help_text="Held back: consent missing or refused."
    )
    records_suppressed = models.PositiveIntegerField(
        default=0, help_text="Consent withdrawals sent as suppressions."
    )
    records_deleted = models.PositiveIntegerField(default=0)
    records_merged = models.PositiveIntegerField(default=0)
    records_failed = models.PositiveIntegerField(default=0)
    load_id = models.CharField(max_length=100, blank=True, help_text="The warehouse loader's load id.")
    schema_changes = models.JSONField(
        default=list, blank=True, help_text="Columns added or retyped by this load."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    traceback = models.TextField(blank=True)
    log = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["destination", "-created_at"], name="export_run_dest_idx")]

    def __str__(self) -> str:
        return f"Export #{self.pk} to {self.destination.name} ({self.status})"

    def add_log(self, when, message: str) -> None:
        self.log = [*self.log, {"at": when.isoformat(), "message": message[:500]}][-LOG_LIMIT:]


class FailedRowStatus(models.TextChoices):
    OPEN = "open", "Open"
    REPLAYED = "replayed", "Replayed"
    DISMISSED = "dismissed", "Dismissed"


class ExportFailedRow(models.Model):
    """A record a destination did not take, with the reason; replayable."""

    run = models.ForeignKey(ExportRun, on_delete=models.CASCADE, related_name="failed_rows")
    destination = models.ForeignKey(Destination, on_delete=models.CASCADE, related_name="failed_rows")
    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="+")
    object_name = models.CharField(max_length=100)
    crm_id = models.CharField(max_length=100)
    reason = models.CharField(max_length=1000)
    record = models.JSONField(default=dict, help_text="The CRM record as read (id, modified_at, values).")
    status = models.CharField(max_length=10, choices=FailedRowStatus.choices, default=FailedRowStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    replayed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["destination", "status"], name="export_failed_dest_idx")]

    def __str__(self) -> str:
        return f"{self.object_name} {self.crm_id}: {self.reason[:60]}"


class PageRecordsField(models.TextField):
    """A page's records, stored in the compact encoding of `page_codec` (text, not jsonb: PostgreSQL neither
    parses nor re-encodes it on the sync's hot path) and read back as the list of {id, modified_at, values}.
    A value already encoded (text) is stored as it is."""

    def from_db_value(self, value, expression, connection):
        return page_codec.records_decode(value)

    def to_python(self, value):
        return page_codec.records_decode(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return page_codec.records_encode(value)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class ExportPage(models.Model):
    """A page the sync read committed, kept once for every destination it feeds (each holds an `ExportBatch`
    pointing here): the export rides the same read. Values are the fields some destination needs; each
    destination receives only its own columns."""

    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="+")
    object_name = models.CharField(max_length=100)
    sync_run = models.ForeignKey(
        "sync.SyncRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    records = PageRecordsField(default=list, help_text="[{id, modified_at, values}] as read (compact text).")
    gone = models.JSONField(default=list, help_text="[{id, deleted_at, merged_into}]: deletes and merges.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Page #{self.pk} of {self.object_name}"


class ExportBatch(models.Model):
    """One destination's claim on a buffered page: drained in order, deleted once delivered (the page goes
    with the last of its batches)."""

    destination = models.ForeignKey(Destination, on_delete=models.CASCADE, related_name="batches")
    page = models.ForeignKey(ExportPage, on_delete=models.CASCADE, related_name="batches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["destination", "id"], name="export_batch_dest_idx")]

    def __str__(self) -> str:
        return f"Batch #{self.pk} (page {self.page_id}) for {self.destination_id}"


class RecordConsentState(models.Model):
    """The last consent decision per record and destination: a change from sent to withheld is a withdrawal,
    and its lag (CRM change to delivery) is measured here."""

    destination = models.ForeignKey(Destination, on_delete=models.CASCADE, related_name="consent_states")
    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="+")
    object_name = models.CharField(max_length=100)
    crm_id = models.CharField(max_length=100)
    allowed = models.BooleanField()
    decision = models.JSONField(default=dict, help_text="Per purpose: opt_in, opt_out or missing.")
    changed_at = models.DateTimeField(help_text="CRM modification time of the record that changed it.")
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["destination", "connection", "object_name", "crm_id"], name="uniq_consent_state"
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_name} {self.crm_id} -> {self.destination_id}: {'sent' if self.allowed else 'withheld'}"

    @property
    def lag_seconds(self) -> float | None:
        if self.delivered_at is None:
            return None
        return (self.delivered_at - self.changed_at).total_seconds()


class ReconciliationRun(models.Model):
    """CRM (the mirror) against one destination: counts, picklists, null rates, joins, sampled values."""

    destination = models.ForeignKey(Destination, on_delete=models.CASCADE, related_name="reconciliations")
    export_run = models.ForeignKey(
        ExportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="reconciliations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField(default=True)
    differences = models.PositiveIntegerField(default=0)
    findings = models.JSONField(default=list, help_text="[{check, object, detail, crm, destination, ok}]")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Reconciliation #{self.pk} of {self.destination.name}: {self.differences} differences"


class StageSeen(models.Model):
    """The last stage a CDP destination was sent for a deal: a different one next time is a stage change."""

    destination = models.ForeignKey(Destination, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="+")
    object_name = models.CharField(max_length=100)
    crm_id = models.CharField(max_length=100)
    stage = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["destination", "connection", "object_name", "crm_id"], name="uniq_stage_seen"
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_name} {self.crm_id}: {self.stage}"


class SuppressionDelivery(models.Model):
    """One consent withdrawal delivered to one destination: the opt-out as the CRM recorded it, when the
    destination got it, and the lag between (monitoring shows the hourly p95 per destination)."""

    destination = models.ForeignKey(Destination, on_delete=models.CASCADE, related_name="suppressions")
    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="+")
    object_name = models.CharField(max_length=100)
    crm_id = models.CharField(max_length=100)
    withdrawn_at = models.DateTimeField(
        help_text="CRM modification time of the record that withdrew consent."
    )
    delivered_at = models.DateTimeField()
    lag_seconds = models.FloatField()

    class Meta:
        ordering = ["-delivered_at", "-id"]
        indexes = [models.Index(fields=["destination", "delivered_at"], name="suppression_dest_idx")]

    def __str__(self) -> str:
        return f"{self.object_name} {self.crm_id} -> {self.destination_id}: {self.lag_seconds:.0f} s"


class DeliveredProfile(models.Model):
    """What a CDP destination was last told of one record: the traits as the CDP merges them (each identify or
    group adds to what it holds), the kinds of message and when, and the run: a CDP cannot be read back, so
    the record's lineage shows this."""

    destination = models.ForeignKey(Destination, on_delete=models.CASCADE, related_name="+")
    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="+")
    object_name = models.CharField(max_length=100)
    crm_id = models.CharField(max_length=100)
    subject = models.CharField(max_length=200, help_text="The userId or groupId the CDP knows it by.")
    traits = models.JSONField(
        default=dict, help_text="The traits sent so far, merged as the CDP merges them."
    )
    last_messages = models.JSONField(default=list, help_text="The message types of the last delivery.")
    run = models.ForeignKey(ExportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    delivered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["destination", "connection", "object_name", "crm_id"], name="uniq_delivered_profile"
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_name} {self.crm_id} -> {self.destination_id}"
