from rest_framework import serializers

from monitoring_app.models import Alert, AlertRule, Metric, MetricPoint, Scope


class MetricPointSerializer(serializers.ModelSerializer):
    class Meta:
        model = MetricPoint
        fields = [
            "id",
            "metric",
            "scope",
            "scope_key",
            "connection",
            "flow",
            "object_name",
            "field_name",
            "bucket_start",
            "value",
            "sample_size",
            "computed_at",
        ]


class CurrentMeasurementSerializer(serializers.Serializer):
    metric = serializers.ChoiceField(choices=Metric.choices)
    scope = serializers.ChoiceField(choices=Scope.choices)
    scope_key = serializers.CharField()
    connection_id = serializers.IntegerField()
    flow_id = serializers.IntegerField(allow_null=True)
    object_name = serializers.CharField()
    field_name = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    sample_size = serializers.IntegerField()


class AlertSerializer(serializers.ModelSerializer):
    runbook_url = serializers.SerializerMethodField()

    class Meta:
        model = Alert
        fields = [
            "id",
            "kind",
            "status",
            "scope_key",
            "connection",
            "flow",
            "object_name",
            "field_name",
            "message",
            "value",
            "threshold",
            "opened_at",
            "last_seen_at",
            "acknowledged_at",
            "acknowledged_by",
            "resolved_at",
            "runbook_url",
        ]

    def get_runbook_url(self, alert) -> str:
        return f"/monitoring/runbooks/{alert.kind}/"


class AlertRuleSerializer(serializers.ModelSerializer):
    # Read-only model fields lose allow_blank; say it, so the schema's enum includes the blank a rule
    # without a metric answers.
    metric = serializers.ChoiceField(choices=Metric.choices, allow_blank=True, read_only=True)

    class Meta:
        model = AlertRule
        fields = [
            "id",
            "kind",
            "flow",
            "metric",
            "comparison",
            "threshold",
            "min_sample_size",
            "enabled",
            "updated_at",
        ]
        read_only_fields = ["id", "kind", "flow", "metric", "comparison", "updated_at"]
