"""Sync cycles (state per connection and object, one row per run), webhook endpoints and events, and
trigger rules with their executions."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from crmhub.core.jobs import JobRecord, JobStates
from crmhub.encryption import EncryptedJSONField

# -- polling sync cycles ------------------------------------------------------------------------------


class SyncKind(models.TextChoices):
    INCREMENTAL = "incremental", "Incremental"
    BACKFILL = "backfill", "Backfill"
    COMPLETENESS = "completeness", "Completeness check"


class SyncTrigger(models.TextChoices):
    CRON = "cron", "Schedule"
    MANUAL = "manual", "Manual"
    WEBHOOK = "webhook", "Webhook"


class SyncStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    STOPPED = "stopped", "Stopped at the API budget (resumes)"
    FAILED = "failed", "Failed"
    ERRORED = "errored", "Errored"


class ReadPath(models.TextChoices):
    REST = "rest", "REST"
    BULK = "bulk", "Bulk API"


FINISHED_STATUSES = (SyncStatus.COMPLETED, SyncStatus.STOPPED, SyncStatus.FAILED, SyncStatus.ERRORED)


class SyncState(models.Model):
    """Where the incremental reader of one CRM object stands, and how often it runs."""

    connection = models.ForeignKey(
        "crmhub.CrmConnection", on_delete=models.CASCADE, related_name="sync_states"
    )
    object_name = models.CharField(max_length=100)
    enabled = models.BooleanField(default=True)
    interval_seconds = models.PositiveIntegerField(default=900, validators=[MinValueValidator(30)])
    completeness_interval_seconds = models.PositiveIntegerField(
        default=86400,
        validators=[MinValueValidator(300)],
        help_text="How often CRM ids are compared to the mirror.",
    )
    watermark = models.DateTimeField(
        null=True, blank=True, help_text="Newest CRM modification time whose batch has committed."
    )
    checkpoint = models.JSONField(
        default=dict, blank=True, help_text="Position of a cycle that stopped early (kind, since, run)."
    )
    next_run_at = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_completeness_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(
        excluded_fields=["watermark", "checkpoint", "next_run_at", "last_run_at", "last_completeness_at"]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "object_name"], name="uniq_sync_state_per_object")
        ]
        ordering = ["connection__name", "object_name"]

    def __str__(self) -> str:
        return f"{self.connection.name} · {self.object_name}"


class SyncRun(JobRecord):
    """One cycle of one job: counts, watermarks, status, a short log. A cycle stopped at the API budget
    ends as stopped; a new run resumes from the checkpoint."""

    job_states = JobStates(
        queued=SyncStatus.QUEUED,
        running=SyncStatus.RUNNING,
        retry_wait=SyncStatus.STOPPED,
        succeeded=SyncStatus.COMPLETED,
        failed=SyncStatus.FAILED,
        dead_lettered=SyncStatus.FAILED,
        errored=SyncStatus.ERRORED,
    )

    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="sync_runs")
    state = models.ForeignKey(SyncState, on_delete=models.CASCADE, related_name="runs")
    object_name = models.CharField(max_length=100)
    kind = models.CharField(max_length=15, choices=SyncKind.choices, default=SyncKind.INCREMENTAL)
    trigger = models.CharField(max_length=10, choices=SyncTrigger.choices, default=SyncTrigger.CRON)
    status = models.CharField(max_length=10, choices=SyncStatus.choices, default=SyncStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    since = models.DateTimeField(null=True, blank=True, help_text="Backfill: read changes from this time.")
    created_at = models.DateTimeField(auto_now_add=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    read_path = models.CharField(
        max_length=4,
        choices=ReadPath.choices,
        blank=True,
        help_text="How the cycle read the CRM: REST or Bulk API.",
    )
    records_read = models.PositiveIntegerField(default=0)
    records_created = models.PositiveIntegerField(default=0)
    records_updated = models.PositiveIntegerField(default=0)
    records_unchanged = models.PositiveIntegerField(
        default=0, help_text="Overlap re-reads, already mirrored."
    )
    records_deleted = models.PositiveIntegerField(default=0)
    records_merged = models.PositiveIntegerField(default=0)
    records_repaired = models.PositiveIntegerField(default=0, help_text="Completeness check: records fixed.")
    watermark_before = models.DateTimeField(null=True, blank=True)
    watermark_after = models.DateTimeField(null=True, blank=True)
    traceback = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["connection", "object_name", "-created_at"], name="sync_run_object_idx"),
            models.Index(fields=["status", "-created_at"], name="sync_run_status_idx"),
            # The live event tail reads finished runs newest first, from a time on, at every poll.
            models.Index(fields=["-finished_at", "-id"], name="sync_run_finished_idx"),
        ]

    def __str__(self) -> str:
        return f"Sync run #{self.pk} {self.connection_id}/{self.object_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES


# -- webhooks -------------------------------------------------------------------------------------------


def new_endpoint_token() -> str:
    return secrets.token_urlsafe(24)


class WebhookEndpoint(models.Model):
    """Where one connection's CRM posts its events, and the secrets that authenticate them.

    secrets: HubSpot {"client_secret"}; Pipedrive {"username", "password"}; Salesforce {"shared_secret",
    "organization_id"}.
    """

    connection = models.OneToOneField(
        "crmhub.CrmConnection", on_delete=models.CASCADE, related_name="webhook_endpoint"
    )
    token = models.CharField(max_length=64, unique=True, default=new_endpoint_token, editable=False)
    secrets = EncryptedJSONField(blank=True, default=dict, help_text="Encrypted at rest; never shown again.")
    enabled = models.BooleanField(default=True)
    max_age_seconds = models.PositiveIntegerField(
        default=300, help_text="Signed requests older than this fail."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Webhooks of {self.connection.name}"


class WebhookReceipt(models.Model):
    """A signature already accepted: the same signed request sent again inside its window is a replay."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="receipts")
    signature = models.CharField(max_length=128)
    received_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "signature"], name="uniq_webhook_receipt_signature")
        ]

    def __str__(self) -> str:
        return f"receipt {self.signature[:12]}"


class WebhookAction(models.TextChoices):
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Deleted"
    MERGE = "merge", "Merged"
    OTHER = "other", "Other"


class WebhookEventStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    PROCESSED = "processed", "Processed"
    IGNORED = "ignored", "Ignored (our own write)"
    FAILED = "failed", "Failed"


class WebhookEvent(JobRecord):
    """One CRM event as received (raw), de-duplicated by the provider's event id. Processing it (reading
    the records it names back from the CRM) is a job: attempts, retries with backoff, a log."""

    job_states = JobStates(
        queued=WebhookEventStatus.RECEIVED,
        running=WebhookEventStatus.RECEIVED,
        retry_wait=WebhookEventStatus.RECEIVED,
        succeeded=WebhookEventStatus.PROCESSED,
        failed=WebhookEventStatus.FAILED,
        dead_lettered=WebhookEventStatus.FAILED,
    )

    connection = models.ForeignKey(
        "crmhub.CrmConnection", on_delete=models.CASCADE, related_name="webhook_events"
    )
    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=200)
    event_type = models.CharField(max_length=100, blank=True)
    action = models.CharField(max_length=10, choices=WebhookAction.choices)
    object_name = models.CharField(max_length=100)
    record_ids = models.JSONField(default=list)
    merged_into = models.CharField(max_length=64, blank=True)
    changed_fields = models.JSONField(default=dict, blank=True, help_text="field -> {old, new} when known.")
    occurred_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField(help_text="The event exactly as the CRM sent it.")
    status = models.CharField(
        max_length=10, choices=WebhookEventStatus.choices, default=WebhookEventStatus.RECEIVED
    )
    status_reason = models.CharField(
        max_length=500, blank=True, help_text="Why the event was ignored (processing errors are in error)."
    )
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["connection", "event_id"], name="uniq_webhook_event_id")
        ]
        indexes = [models.Index(fields=["status", "received_at"], name="webhook_event_status_idx")]

    def __str__(self) -> str:
        return f"{self.provider} event {self.event_id} ({self.action} {self.object_name})"


# -- trigger flows -------------------------------------------------------------------------------------


class ConditionKind(models.TextChoices):
    CRM_FIELD_CHANGE = "crm_field_change", "A CRM field changed"
    INBOUND_OUTPUT = "inbound_output", "An integration output arrived"


class ConditionOperator(models.TextChoices):
    CHANGED = "changed", "changed (any value)"
    EQUALS = "equals", "equals"
    NOT_EQUALS = "not_equals", "does not equal"
    GREATER_THAN = "greater_than", "greater than"
    LESS_THAN = "less_than", "less than"


class ActionKind(models.TextChoices):
    ASSIGN_OWNER = "assign_owner", "Assign an owner"
    SET_STAGE = "set_stage", "Set a stage"
    OUTBOUND_WEBHOOK = "outbound_webhook", "Call an outbound webhook"
    CREATE_TASK = "create_task", "Create a task"


TASK_PRIORITIES = ("low", "medium", "high")
MAX_TASK_DUE_DAYS = 365


def create_task_params_errors(params) -> dict[str, str]:
    """Problems with create_task's action_params: {subject, body?, due_in_days?, priority?, owner_id?}."""
    if not isinstance(params, dict):
        return {"action_params": "Give the task's parameters as a JSON object."}
    known = {"subject", "body", "due_in_days", "priority", "owner_id"}
    errors = {}
    unknown = sorted(set(params) - known)
    if unknown:
        errors["action_params"] = (
            f"Unknown task parameters: {', '.join(unknown)} (known: {', '.join(sorted(known))})."
        )
    subject = params.get("subject")
    if not isinstance(subject, str) or not subject.strip() or len(subject) > 255:
        errors["subject"] = "A task needs a subject of 1 to 255 characters."
    if not isinstance(params.get("body", ""), str) or len(params.get("body", "")) > 5000:
        errors["body"] = "The task body must be text of at most 5,000 characters."
    due = params.get("due_in_days", 0)
    if isinstance(due, bool) or not isinstance(due, int) or not 0 <= due <= MAX_TASK_DUE_DAYS:
        errors["due_in_days"] = f"due_in_days must be a whole number of days from 0 to {MAX_TASK_DUE_DAYS}."
    if params.get("priority", "medium") not in TASK_PRIORITIES:
        errors["priority"] = f"priority must be one of {', '.join(TASK_PRIORITIES)}."
    owner = params.get("owner_id")
    if owner is not None and (isinstance(owner, bool) or not str(owner).strip() or len(str(owner)) > 64):
        errors["owner_id"] = "owner_id must be the CRM user id of the task's owner."
    return errors


class TriggerRule(models.Model):
    """When <condition> on <object> of <connection>, do <action>. Configured by sales-ops."""

    name = models.CharField(max_length=200)
    connection = models.ForeignKey(
        "crmhub.CrmConnection", on_delete=models.CASCADE, related_name="trigger_rules"
    )
    object_name = models.CharField(max_length=100)
    enabled = models.BooleanField(default=True)
    condition_kind = models.CharField(max_length=20, choices=ConditionKind.choices)
    field_name = models.CharField(
        max_length=200, help_text="CRM field (field change) or output source key (inbound output)."
    )
    operator = models.CharField(
        max_length=15, choices=ConditionOperator.choices, default=ConditionOperator.CHANGED
    )
    value = models.CharField(max_length=500, blank=True)
    source_system = models.CharField(
        max_length=100, blank=True, help_text="Inbound outputs: only this source."
    )
    action_kind = models.CharField(max_length=20, choices=ActionKind.choices)
    action_params = models.JSONField(
        default=dict,
        blank=True,
        help_text=(
            "assign_owner: {owner_id, field?}; set_stage: {stage, field?}; outbound_webhook: {url}; "
            "create_task: {subject, body?, due_in_days?, priority? (low|medium|high), owner_id?}."
        ),
    )
    secret = EncryptedJSONField(blank=True, default=dict, help_text="Outbound webhook: {signing_secret}.")
    max_attempts = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(1)])
    retry_base_seconds = models.FloatField(default=30.0, validators=[MinValueValidator(0.0)])
    inbound_cursor = models.PositiveBigIntegerField(
        default=0, editable=False, help_text="Newest inbound record evaluated by this rule."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["secret", "inbound_cursor", "updated_at"])

    class Meta:
        ordering = ["connection__name", "name"]

    def __str__(self) -> str:
        return self.name


class ExecutionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RETRY_WAIT = "retry_wait", "Failed, retrying"
    SUCCEEDED = "succeeded", "Succeeded"
    DEAD_LETTERED = "dead_lettered", "Dead-lettered"


OPEN_EXECUTION_STATUSES = (ExecutionStatus.PENDING, ExecutionStatus.RETRY_WAIT)


class TriggerExecution(JobRecord):
    """One firing of a rule for one record, with every attempt's result."""

    job_states = JobStates(
        queued=ExecutionStatus.PENDING,
        running=ExecutionStatus.PENDING,
        retry_wait=ExecutionStatus.RETRY_WAIT,
        succeeded=ExecutionStatus.SUCCEEDED,
        failed=ExecutionStatus.DEAD_LETTERED,
        dead_lettered=ExecutionStatus.DEAD_LETTERED,
    )

    rule = models.ForeignKey(TriggerRule, on_delete=models.CASCADE, related_name="executions")
    dedup_key = models.CharField(max_length=300, help_text="What fired the rule: one execution per cause.")
    webhook_event = models.ForeignKey(
        WebhookEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="trigger_executions"
    )
    inbound_record = models.ForeignKey(
        "writeback.InboundRecord", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    crm_id = models.CharField(max_length=64, blank=True)
    context = models.JSONField(default=dict, blank=True, help_text="What matched: field, old, new value.")
    status = models.CharField(max_length=15, choices=ExecutionStatus.choices, default=ExecutionStatus.PENDING)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "dedup_key"], name="uniq_trigger_execution_per_cause")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="trigger_exec_due_idx")]

    def __str__(self) -> str:
        return f"{self.rule} on {self.crm_id or self.dedup_key} ({self.status})"


class FieldSnapshot(models.Model):
    """The last value the hub saw of each field an enabled field-change rule watches, for one CRM record:
    what a polling cycle compares with to tell a change (and its old value) from a first sighting.

    values: {field: {"value": last value seen, "at": ISO time of the change (record modification time
    when polled, event time when a webhook told)}}.
    """

    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="+")
    object_name = models.CharField(max_length=100)
    crm_id = models.CharField(max_length=64)
    values = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "object_name", "crm_id"], name="uniq_field_snapshot_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"watched fields of {self.object_name} {self.crm_id}"


class WebhookRejection(models.Model):
    """A delivery to a known endpoint that failed authentication (bad or stale signature, replay, wrong
    credentials): what the endpoints page counts as signature failures. Purged with the receipts."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="rejections")
    received_at = models.DateTimeField(db_index=True)
    reason = models.CharField(max_length=300)
    status_code = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"rejected {self.received_at:%Y-%m-%d %H:%M}: {self.reason}"
