"""The write-back models: what integrations post, the fate of every value, shadow review and go-live."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from crmhub.core.jobs import JobRecord, JobStates
from crmhub.models import CrmConnection


class FlowWritebackSettings(models.Model):
    """How one flow writes back: validation gate, verification sampling, retries, retention."""

    flow = models.OneToOneField(
        "mappings_app.Flow", on_delete=models.CASCADE, related_name="writeback_settings"
    )
    accuracy_threshold = models.FloatField(
        default=0.95,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="The Wilson lower bound of shadow accuracy must exceed this to go live.",
    )
    min_sample_size = models.PositiveIntegerField(default=100, validators=[MinValueValidator(1)])
    verification_sample_rate = models.FloatField(
        default=0.1,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Share of non-hybrid writes read back after writing (hybrid fields: always).",
    )
    payload_retention_days = models.PositiveIntegerField(default=30, validators=[MinValueValidator(1)])
    max_attempts = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(1)])
    retry_base_seconds = models.FloatField(default=30.0, validators=[MinValueValidator(0.0)])
    lease_seconds = models.FloatField(
        default=300.0,
        validators=[MinValueValidator(0.1)],
        help_text="An in-flight write older than this is taken over by the recovery sweep.",
    )
    schema_check_seconds = models.PositiveIntegerField(
        default=300, help_text="How often the target fields are checked against the CRM's schema."
    )
    schema_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    verification_clean_window = models.PositiveIntegerField(
        default=500,
        validators=[MinValueValidator(1)],
        help_text="After a failed check, every value of that field is read back until this many in a row match.",
    )

    history = HistoricalRecords(excluded_fields=["schema_checked_at"])

    class Meta:
        verbose_name_plural = "flow write-back settings"

    def __str__(self) -> str:
        return f"Write-back settings of {self.flow}"


class InboundStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    HELD_FOR_REVIEW = "held_for_review", "Held for identity review"
    PLANNED = "planned", "Planned (writing)"
    SHADOW = "shadow", "Planned in shadow mode"
    COMPLETED = "completed", "Completed"
    REJECTED = "rejected", "Rejected at ingest"
    DISMISSED = "dismissed", "Dismissed in review"


class InboundRecord(models.Model):
    """One integration output as received, with its idempotency key."""

    # Both lookups are served by the composite indexes below, which start with these columns.
    integration_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inbound_records", db_index=False
    )
    flow = models.ForeignKey(
        "mappings_app.Flow",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inbound_records",
        db_index=False,
    )
    source_system = models.CharField(max_length=100, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    external_id = models.CharField(max_length=200, blank=True)
    identifiers = models.JSONField(default=dict, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    values = models.JSONField(default=dict, blank=True, help_text="Values keyed by source key.")
    observed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the source read the data it scored."
    )
    idempotency_key = models.CharField(max_length=200, blank=True)
    payload_sha256 = models.CharField(
        max_length=64,
        blank=True,
        help_text="Digest of what the record said, to tell a retry from a reused key.",
    )
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status = models.CharField(max_length=20, choices=InboundStatus.choices, default=InboundStatus.RECEIVED)
    rejection_reasons = models.JSONField(default=list, blank=True)
    raw = models.JSONField(
        default=dict, blank=True, help_text="The record as posted, kept for rejected records."
    )
    crm_id = models.CharField(max_length=100, blank=True)
    identity = models.JSONField(default=dict, blank=True, help_text="Summary of the identity decision.")
    review_item = models.ForeignKey(
        "identity_app.ReviewItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # partial index below: only held records point to a review item
    )
    catalog_version = models.PositiveIntegerField(null=True, blank=True)
    payload_purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["integration_user", "idempotency_key"],
                condition=~models.Q(status="rejected"),
                name="uniq_inbound_idempotency_key",
            )
        ]
        # A record is inserted once and updated twice (planned, completed), each time through every index
        # whose condition it meets: the two partial indexes stay out of the way of nearly every record.
        # An integration's lookup by key uses the unique index (accepted records) or the partial one.
        indexes = [
            models.Index(fields=["status", "flow"], name="inbound_status_flow"),
            models.Index(fields=["flow", "external_id"], name="inbound_flow_external_id"),
            models.Index(
                fields=["integration_user", "idempotency_key"],
                condition=models.Q(status="rejected"),
                name="inbound_rejected_key",
            ),
            models.Index(
                fields=["review_item"],
                condition=models.Q(review_item__isnull=False),
                name="inbound_review_item",
            ),
        ]

    def __str__(self) -> str:
        return f"Inbound #{self.pk} {self.source_system}/{self.external_id}"


class OutcomeStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    IN_FLIGHT = "in_flight", "In flight"
    RETRY_WAIT = "retry_wait", "Failed, retrying"
    WRITTEN_VERIFIED = "written_verified", "Written and verified"
    # Accepted by the CRM, not read back yet: the next sync read or a batched check verifies it (or sends it
    # round again). No value stays here: see writeback/verification.py.
    WRITTEN = "written", "Written, awaiting verification"
    SKIPPED = "skipped", "Skipped"
    CONFLICT = "conflict", "Conflict"
    REJECTED = "rejected", "Rejected"
    DEAD_LETTERED = "dead_lettered", "Dead-lettered"
    SHADOW = "shadow", "Shadow (would be written)"
    SUPERSEDED = "superseded", "Superseded by a newer value"


OPEN_OUTCOME_STATUSES = (OutcomeStatus.PENDING, OutcomeStatus.IN_FLIGHT, OutcomeStatus.RETRY_WAIT)
# Statuses somebody looks for without a flow: the pipeline (open ones) and people (dead letters, conflicts).
NEEDS_ATTENTION_STATUSES = (
    *(str(status) for status in OPEN_OUTCOME_STATUSES),
    str(OutcomeStatus.DEAD_LETTERED),
    str(OutcomeStatus.CONFLICT),
)


class FailureKind(models.TextChoices):
    TRANSIENT_EXHAUSTED = "transient_exhausted", "Retries exhausted"
    CRM_REJECTED = "crm_rejected", "Refused by the CRM"
    RECORD_GONE = "record_gone", "CRM record deleted, merged or missing"
    VERIFICATION_MISMATCH = "verification_mismatch", "Not confirmed: the CRM shows another value"
    SCHEMA_DRIFT = "schema_drift", "Target field disappeared or changed type"


class ConflictResolution(models.TextChoices):
    OPEN = "open", "Open"
    OVERWRITTEN = "overwritten", "Overwritten by a reviewer"
    KEPT = "kept", "Rep's value kept"


class WriteOutcome(models.Model):
    """The fate of one inbound value for one target field."""

    # Every outcome row is inserted once and updated once or more on the hot path, and each update writes
    # an entry into every index: only the indexes that reads need are kept (see Meta.indexes). The inbound
    # and flow lookups use the unique constraint and the (flow, status) index; mapping, CRM field and
    # resolver are never filtered on (deleting one of those rare rows scans the table instead).
    inbound = models.ForeignKey(
        InboundRecord, on_delete=models.CASCADE, related_name="outcomes", db_index=False
    )
    flow = models.ForeignKey(
        "mappings_app.Flow", on_delete=models.PROTECT, related_name="write_outcomes", db_index=False
    )
    source_key = models.CharField(max_length=200)
    mapping = models.ForeignKey(
        "mappings_app.FieldMapping",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    crm_field = models.ForeignKey(
        "mappings_app.CrmField",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    target_name = models.CharField(max_length=200, blank=True)
    raw_value = models.JSONField(null=True, blank=True)
    planned_value = models.JSONField(null=True, blank=True)
    catalog_version = models.PositiveIntegerField(null=True, blank=True)
    owner = models.CharField(max_length=10, blank=True)
    conflict_policy = models.CharField(max_length=10, blank=True)
    ownership_decision = models.CharField(max_length=500, blank=True)
    last_human_edit_at = models.DateTimeField(null=True, blank=True)
    companion_field = models.CharField(max_length=200, blank=True)
    companion_value = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=20, choices=OutcomeStatus.choices, default=OutcomeStatus.PENDING)
    reason = models.CharField(max_length=1000, blank=True)
    failure_kind = models.CharField(max_length=30, choices=FailureKind.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    rate_limited_count = models.PositiveIntegerField(default=0)
    due_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    request_summary = models.JSONField(default=dict, blank=True)
    response_summary = models.JSONField(default=dict, blank=True)
    verification = models.JSONField(default=dict, blank=True)
    log = models.JSONField(default=list, blank=True)
    conflict_resolution = models.CharField(max_length=12, choices=ConflictResolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    replay_count = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["inbound_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inbound", "source_key", "target_name"], name="uniq_outcome_per_value_target"
            )
        ]
        indexes = [
            # Flow pages and filters, dead letters / conflicts / shadow outcomes of a flow.
            models.Index(fields=["flow", "status"], name="outcome_flow_status"),
            # The recovery sweep, due retries and the dead-letter and conflict lists. Partial: a value that
            # ends written or skipped (nearly all of them) never enters it.
            models.Index(
                fields=["status", "due_at"],
                name="outcome_needs_attention",
                condition=models.Q(status__in=NEEDS_ATTENTION_STATUSES),
            ),
            # Written values awaiting verification, by when the batched check takes them (small: a value
            # leaves it at the next sync read or check).
            models.Index(
                fields=["due_at"], name="outcome_awaiting_check", condition=models.Q(status="written")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_key} -> {self.target_name or '?'}: {self.status}"

    @property
    def is_final(self) -> bool:
        return self.status not in OPEN_OUTCOME_STATUSES


class FieldVerificationState(models.Model):
    """How closely one flow's writes to one field are read back. A failed check raises the field's sample
    rate to every value until `clean_needed` further checks have matched in a row."""

    flow = models.ForeignKey("mappings_app.Flow", on_delete=models.CASCADE, related_name="+")
    field_name = models.CharField(max_length=200)
    sample_rate = models.FloatField(validators=[MinValueValidator(0.0), MaxValueValidator(1.0)])
    clean_needed = models.PositiveIntegerField(default=0)
    checked = models.PositiveBigIntegerField(default=0)
    mismatched = models.PositiveBigIntegerField(default=0)
    last_mismatch_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["flow", "field_name"], name="uniq_verification_state_per_field")
        ]

    def __str__(self) -> str:
        return f"{self.flow_id}.{self.field_name}: sample {self.sample_rate:.0%}"


class WritebackEventKind(models.TextChoices):
    AUTH_FAILURE = "auth_failure", "Auth failure: connection paused"
    CONNECTION_RESUMED = "connection_resumed", "Connection resumed"
    SCHEMA_DRIFT = "schema_drift", "Schema drift: writes halted"
    DEAD_LETTERS = "dead_letters", "Values dead-lettered"
    GO_LIVE = "go_live", "Flow switched to live"


class WritebackEvent(models.Model):
    """Something an operator should hear about; monitoring turns these into alerts."""

    connection = models.ForeignKey(CrmConnection, on_delete=models.CASCADE, related_name="writeback_events")
    flow = models.ForeignKey(
        "mappings_app.Flow", on_delete=models.CASCADE, null=True, blank=True, related_name="writeback_events"
    )
    kind = models.CharField(max_length=30, choices=WritebackEventKind.choices)
    message = models.CharField(max_length=1000)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"


class ShadowSample(models.Model):
    """A random sample of a flow's shadow writes, drawn for reviewers to mark correct or incorrect."""

    flow = models.ForeignKey("mappings_app.Flow", on_delete=models.CASCADE, related_name="shadow_samples")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Shadow sample #{self.pk} of {self.flow}"


class ShadowVerdict(models.TextChoices):
    UNREVIEWED = "", "Not reviewed"
    CORRECT = "correct", "Correct"
    INCORRECT = "incorrect", "Incorrect"


class ShadowReview(models.Model):
    sample = models.ForeignKey(ShadowSample, on_delete=models.CASCADE, related_name="reviews")
    outcome = models.ForeignKey(WriteOutcome, on_delete=models.PROTECT, related_name="shadow_reviews")
    verdict = models.CharField(max_length=10, choices=ShadowVerdict.choices, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sample", "id"]
        permissions = [("review_shadowwrite", "Can mark shadow writes correct or incorrect")]
        constraints = [models.UniqueConstraint(fields=["sample", "outcome"], name="uniq_review_per_sample")]

    def __str__(self) -> str:
        return f"Review of outcome #{self.outcome_id}: {self.verdict or 'open'}"


class GoLiveDecision(models.Model):
    """One request to switch a flow from shadow to live, with the evidence it was decided on."""

    flow = models.ForeignKey("mappings_app.Flow", on_delete=models.CASCADE, related_name="go_live_decisions")
    sample = models.ForeignKey(ShadowSample, on_delete=models.PROTECT, related_name="decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    reviewed = models.PositiveIntegerField()
    correct = models.PositiveIntegerField()
    accuracy = models.FloatField()
    wilson_lower = models.FloatField()
    threshold = models.FloatField()
    min_sample_size = models.PositiveIntegerField()
    approved = models.BooleanField()
    note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        verdict = "approved" if self.approved else "refused"
        return f"Go-live of {self.flow} {verdict} (lower bound {self.wilson_lower:.3f})"


class FlowGrant(models.Model):
    """An integration account may post outputs into this flow. Integrations post into granted flows only."""

    integration_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flow_grants"
    )
    flow = models.ForeignKey("mappings_app.Flow", on_delete=models.CASCADE, related_name="grants")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["integration_user_id", "flow_id"]
        constraints = [
            models.UniqueConstraint(fields=["integration_user", "flow"], name="uniq_flow_grant"),
        ]

    def __str__(self) -> str:
        return f"{self.integration_user} may post into {self.flow}"


class RunTrigger(models.TextChoices):
    MANUAL = "manual", "Run now"
    PROCESS = "process", "New or released records"
    WRITE = "write", "Writes and retries"
    CHECK = "check", "Verification check"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    WITH_FAILURES = "with_failures", "Finished with failures"
    NOT_RUN = "not_run", "Not run"
    ERRORED = "errored", "Stopped by an error"


OPEN_RUN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class WritebackRun(JobRecord):
    """One pass of the write-back pipeline over one flow: a Run now, or one job (new records planned and
    written, a retry, a verification check), with what became of the values it handled."""

    job_states = JobStates(
        queued=RunStatus.QUEUED,
        running=RunStatus.RUNNING,
        retry_wait=RunStatus.QUEUED,
        succeeded=RunStatus.SUCCEEDED,
        failed=RunStatus.NOT_RUN,
        dead_lettered=RunStatus.WITH_FAILURES,
        errored=RunStatus.ERRORED,
    )

    flow = models.ForeignKey("mappings_app.Flow", on_delete=models.CASCADE, related_name="writeback_runs")
    trigger = models.CharField(max_length=10, choices=RunTrigger.choices)
    status = models.CharField(max_length=15, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    records = models.PositiveIntegerField(default=0, help_text="Inbound records the run handled.")
    sent = models.PositiveIntegerField(default=0, help_text="Values sent to the CRM.")
    written = models.PositiveIntegerField(default=0, help_text="Values the CRM accepted.")
    verified = models.PositiveIntegerField(default=0, help_text="Values confirmed by reading the CRM.")
    rejected = models.PositiveIntegerField(default=0, help_text="Values refused before sending.")
    dead_lettered = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    conflicts = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(default=0, help_text="Values left waiting for a retry.")
    shadow = models.PositiveIntegerField(default=0, help_text="Values planned in shadow mode, not sent.")
    superseded = models.PositiveIntegerField(default=0)
    traceback = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["flow", "-created_at"], name="writeback_run_flow_idx"),
            models.Index(fields=["status", "-created_at"], name="writeback_run_status_idx"),
            # The live event tail reads finished runs newest first, from a time on, at every poll.
            models.Index(fields=["-finished_at", "-id"], name="writeback_run_finished_idx"),
        ]

    def __str__(self) -> str:
        return f"Write-back run #{self.pk} of flow {self.flow_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RUN_STATUSES

    @property
    def failed_count(self) -> int:
        return self.rejected + self.dead_lettered

    @property
    def duration_text(self) -> str:
        """How long the run took, in words ("0.4 s", "3 min 5 s"); empty while it runs."""
        if self.started_at is None or self.finished_at is None:
            return ""
        seconds = max(0.0, (self.finished_at - self.started_at).total_seconds())
        if seconds < 60:
            return f"{seconds:.1f} s"
        minutes, rest = divmod(round(seconds), 60)
        return f"{minutes} min {rest} s"


class WritebackRunFailure(models.Model):
    """A value a run could not write, as it stood when the run ended (a later replay leaves this row as
    it was): the failed rows of the run's CSV."""

    run = models.ForeignKey(WritebackRun, on_delete=models.CASCADE, related_name="failures")
    outcome = models.ForeignKey(
        WriteOutcome, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    crm_id = models.CharField(max_length=100, blank=True)
    external_id = models.CharField(max_length=200, blank=True)
    field = models.CharField(max_length=200)
    value = models.TextField(blank=True, help_text="The planned value (or the raw one), as JSON.")
    status = models.CharField(max_length=20, choices=OutcomeStatus.choices)
    failure_kind = models.CharField(max_length=30, choices=FailureKind.choices, blank=True)
    reason = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["run", "id"]
        # The live event tail's record filter looks a CRM record's failed values up by its id.
        indexes = [models.Index(fields=["crm_id"], name="writeback_run_failure_crm_idx")]

    def __str__(self) -> str:
        return f"Run #{self.run_id}: {self.field} of {self.crm_id or self.external_id}"
