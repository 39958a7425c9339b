from rest_framework import serializers

from crmhub.models import InboundRecord, WriteOutcome


class OutputsInSerializer(serializers.Serializer):
    """The envelope only; each record is validated by the service so one bad record never sinks the batch."""

    records = serializers.ListField(child=serializers.JSONField(), allow_empty=False, max_length=1000)


class ReplayInSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=10_000
    )
    all = serializers.BooleanField(required=False, default=False)
    flow = serializers.IntegerField(required=False, min_value=1)

    def validate(self, data):
        if not data.get("ids") and not data.get("all"):
            raise serializers.ValidationError("Send 'ids' or 'all': true.")
        return data


class WriteOutcomeSerializer(serializers.ModelSerializer):
    # Plain text in the schema: "status" enums of several models would collide in the OpenAPI names.
    status = serializers.CharField(read_only=True)
    failure_kind = serializers.CharField(read_only=True)
    conflict_resolution = serializers.CharField(read_only=True)

    class Meta:
        model = WriteOutcome
        fields = [
            "id",
            "inbound",
            "flow",
            "source_key",
            "target_name",
            "planned_value",
            "catalog_version",
            "owner",
            "conflict_policy",
            "ownership_decision",
            "last_human_edit_at",
            "companion_field",
            "companion_value",
            "status",
            "reason",
            "failure_kind",
            "attempts",
            "rate_limited_count",
            "request_summary",
            "response_summary",
            "verification",
            "conflict_resolution",
            "replay_count",
            "created_at",
            "finished_at",
        ]


class InboundRecordSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)

    class Meta:
        model = InboundRecord
        fields = [
            "id",
            "flow",
            "source_system",
            "object_type",
            "external_id",
            "idempotency_key",
            "observed_at",
            "received_at",
            "status",
            "rejection_reasons",
            "crm_id",
            "identity",
            "catalog_version",
            "payload_purged_at",
        ]


class InboundRecordDetailSerializer(InboundRecordSerializer):
    outcomes = WriteOutcomeSerializer(many=True, read_only=True)

    class Meta(InboundRecordSerializer.Meta):
        fields = [*InboundRecordSerializer.Meta.fields, "identifiers", "attributes", "values", "outcomes"]
