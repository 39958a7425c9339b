"""Pre-aggregated metric points, distribution baselines, alert rules, alerts and their notifications."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from crmhub.core.jobs import JobRecord, JobStates
from crmhub.encryption import EncryptedJSONField


class Metric(models.TextChoices):
    SYNC_FRESHNESS = "sync_freshness", "Time since the last successful sync (s)"
    SYNC_VOLUME = "sync_volume", "Records read by the latest run"
    VOLUME_DEVIATION = "volume_deviation", "Latest run's volume vs trailing average"
    AI_VALUE_AGE = "ai_value_age", "Age of the newest AI-written value (s)"
    WRITE_SUCCESS_RATE = "write_success_rate", "Write success rate"
    ERROR_RATE = "error_rate", "Error rate (rejected + dead-lettered)"
    SKIP_RATE = "skip_rate", "Skip rate"
    CONFLICT_RATE = "conflict_rate", "Conflict rate"
    VERIFICATION_FAILURES = "verification_failures", "Verification failures (silent no-ops)"
    UNMATCHED_RATE = "unmatched_rate", "Unmatched rate"
    JOIN_COVERAGE = "join_coverage", "Join coverage (resolved to a CRM id)"
    REVIEW_BACKLOG = "review_backlog", "Open review items"
    REVIEW_BACKLOG_AGE = "review_backlog_age", "Age of the oldest open review item (s)"
    NULL_RATE = "null_rate", "Null rate"
    FIELD_UPDATES = "field_updates", "Values written"
    PSI = "psi", "Score drift (PSI vs baseline)"
    KS = "ks", "Score drift (KS statistic vs baseline)"
    API_BUDGET_USED = "api_budget_used", "API budget used"


class Scope(models.TextChoices):
    CONNECTION = "connection", "Connection"
    OBJECT = "object", "CRM object"
    FLOW = "flow", "Flow"
    FIELD = "field", "Field"


class MetricPoint(models.Model):
    """One value of one metric for one scope in one time bucket (the bucket's value is recomputed, and
    overwritten, by each job run inside it)."""

    metric = models.CharField(max_length=30, choices=Metric.choices)
    scope = models.CharField(max_length=10, choices=Scope.choices)
    scope_key = models.CharField(max_length=300, help_text="e.g. flow:3:field:ai_lead_score")
    connection = models.ForeignKey(
        "crmhub.CrmConnection", on_delete=models.CASCADE, related_name="metric_points"
    )
    flow = models.ForeignKey(
        "mappings_app.Flow", on_delete=models.CASCADE, null=True, blank=True, related_name="metric_points"
    )
    object_name = models.CharField(max_length=100, blank=True)
    field_name = models.CharField(max_length=200, blank=True)
    bucket_start = models.DateTimeField()
    value = models.FloatField(null=True, blank=True, help_text="Empty when there was nothing to measure.")
    sample_size = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()
    synthetic = models.BooleanField(
        default=False, help_text="Generated demo history (monitoring_demo), not measured; pages label it."
    )

    class Meta:
        ordering = ["bucket_start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "scope_key", "bucket_start"], name="uniq_metric_point_per_bucket"
            )
        ]
        indexes = [
            models.Index(fields=["flow", "bucket_start"], name="metric_point_flow_idx"),
            models.Index(fields=["connection", "bucket_start"], name="metric_point_conn_idx"),
            models.Index(fields=["metric", "bucket_start"], name="metric_point_metric_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.scope_key} @ {self.bucket_start:%Y-%m-%d %H:%M}: {self.value}"


class DistributionBaseline(models.Model):
    """The distribution a numeric AI field is compared with, chosen by sales-ops from a period."""

    flow = models.ForeignKey("mappings_app.Flow", on_delete=models.CASCADE, related_name="baselines")
    field_name = models.CharField(max_length=200)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    values = models.JSONField(help_text="Sorted sample (at most 2,000 evenly spaced quantiles).")
    sample_size = models.PositiveIntegerField(help_text="Values in the period.")
    active = models.BooleanField(default=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["flow", "field_name"], condition=models.Q(active=True), name="uniq_active_baseline"
            )
        ]

    def __str__(self) -> str:
        return f"Baseline of {self.field_name} ({self.period_start:%Y-%m-%d} to {self.period_end:%Y-%m-%d})"


class AlertKind(models.TextChoices):
    SYNC_STALE = "sync_stale", "Sync is stale"
    VOLUME_ANOMALY = "volume_anomaly", "Sync volume off its average"
    AI_VALUES_STALE = "ai_values_stale", "AI-written values are stale"
    WRITE_SUCCESS_LOW = "write_success_low", "Write success rate is low"
    ERROR_RATE_HIGH = "error_rate_high", "Write error rate is high"
    CONFLICT_RATE_HIGH = "conflict_rate_high", "Conflict rate is high"
    SILENT_NO_OPS = "silent_no_ops", "Writes did not land (verification failures)"
    UNMATCHED_HIGH = "unmatched_high", "Unmatched rate is high"
    REVIEW_BACKLOG_OLD = "review_backlog_old", "Review backlog is ageing"
    NULL_RATE_HIGH = "null_rate_high", "A mapped field is mostly empty"
    SCORE_DRIFT = "score_drift", "Score distribution drifted"
    API_BUDGET_HIGH = "api_budget_high", "API budget nearly spent"
    SCHEMA_DRIFT = "schema_drift", "CRM schema changed under a mapping"
    AUTH_FAILURE = "auth_failure", "CRM authentication failed"
    EXPORT_MISMATCH = "export_mismatch", "A destination disagrees with the CRM (reconciliation)"
    EXPORT_SCHEMA_CHANGE = "export_schema_change", "A destination's table changed shape"
    SUPPRESSION_LAG = "suppression_lag", "Consent withdrawals reach a destination late"


class Comparison(models.TextChoices):
    ABOVE = "above", "above"
    BELOW = "below", "below"


class AlertRule(models.Model):
    """When a metric crosses a threshold, an alert opens. Shipped with defaults; thresholds are edited
    by sales-ops. A rule with a flow applies to that flow only and replaces the default for it."""

    kind = models.CharField(max_length=30, choices=AlertKind.choices)
    flow = models.ForeignKey(
        "mappings_app.Flow", on_delete=models.CASCADE, null=True, blank=True, related_name="alert_rules"
    )
    metric = models.CharField(max_length=30, choices=Metric.choices, blank=True)
    comparison = models.CharField(max_length=10, choices=Comparison.choices, default=Comparison.ABOVE)
    threshold = models.FloatField()
    min_sample_size = models.PositiveIntegerField(
        default=0, help_text="Do not judge a value measured on fewer items than this."
    )
    enabled = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["kind", "flow_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind"], condition=models.Q(flow=None), name="uniq_default_rule"),
            models.UniqueConstraint(fields=["kind", "flow"], name="uniq_rule_per_flow"),
        ]

    def __str__(self) -> str:
        where = f" for {self.flow.name}" if self.flow_id else ""
        return f"{self.get_kind_display()}{where}: {self.comparison} {self.threshold:g}"

    def breached_by(self, value: float | None) -> bool:
        if value is None:
            return False
        return value > self.threshold if self.comparison == Comparison.ABOVE else value < self.threshold


class AlertStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"


class Alert(models.Model):
    """One breach of one rule for one scope, from the moment it is seen to its recovery."""

    rule = models.ForeignKey(AlertRule, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(max_length=30, choices=AlertKind.choices)
    scope_key = models.CharField(max_length=300)
    connection = models.ForeignKey("crmhub.CrmConnection", on_delete=models.CASCADE, related_name="alerts")
    flow = models.ForeignKey(
        "mappings_app.Flow", on_delete=models.CASCADE, null=True, blank=True, related_name="alerts"
    )
    object_name = models.CharField(max_length=100, blank=True)
    field_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=15, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    message = models.CharField(max_length=1000)
    value = models.FloatField(null=True, blank=True, help_text="The latest value that was judged.")
    threshold = models.FloatField(null=True, blank=True)
    opened_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "scope_key"],
                condition=~models.Q(status="resolved"),
                name="uniq_unresolved_alert_per_scope",
            )
        ]
        indexes = [models.Index(fields=["status", "flow"], name="alert_status_flow_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.status}): {self.message}"


class ChannelKind(models.TextChoices):
    EMAIL = "email", "Email"
    WEBHOOK = "webhook", "Signed webhook (Slack-compatible)"


class NotificationChannel(models.Model):
    """Where alert notifications and the weekly report go."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=ChannelKind.choices)
    target = models.CharField(max_length=1000, help_text="Email: comma-separated addresses. Webhook: URL.")
    secret = EncryptedJSONField(
        blank=True, default=dict, help_text="Webhook: {signing_secret}. Encrypted at rest."
    )
    enabled = models.BooleanField(default=True)
    weekly_report = models.BooleanField(
        default=True, help_text="Email channels: also send the weekly report."
    )

    history = HistoricalRecords(excluded_fields=["secret"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Transition(models.TextChoices):
    OPENED = "opened", "Opened"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Recovered"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class AlertNotification(JobRecord):
    """One notice of one state change of one alert on one channel: at most one, ever. Sending it is a job:
    attempts with backoff, then failed; finished_at is when it went out (or was given up)."""

    job_states = JobStates(
        queued=DeliveryStatus.PENDING,
        running=DeliveryStatus.PENDING,
        retry_wait=DeliveryStatus.PENDING,
        succeeded=DeliveryStatus.SENT,
        failed=DeliveryStatus.FAILED,
        dead_lettered=DeliveryStatus.FAILED,
    )

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notifications")
    channel = models.ForeignKey(NotificationChannel, on_delete=models.CASCADE, related_name="notifications")
    transition = models.CharField(max_length=15, choices=Transition.choices)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "channel", "transition"], name="uniq_notification_per_transition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.transition} of alert #{self.alert_id} to {self.channel.name} ({self.status})"
