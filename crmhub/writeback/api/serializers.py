from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crmhub.core.filtersets import MAX_ID
from crmhub.writeback.models import InboundRecord, InboundStatus, WriteOutcome


@extend_schema_field(OpenApiTypes.OBJECT)
class RecordField(serializers.Field):
    """One posted record as parsed, whatever it holds: the service checks it and rejects it on its own."""

    def to_internal_value(self, data):
        return data

    def to_representation(self, value):
        return value


class OutputsInSerializer(serializers.Serializer):
    """The envelope only; each record is validated by the service so one bad record never sinks the batch."""

    records = serializers.ListField(child=RecordField(), allow_empty=False, max_length=1000)


class IngestResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Position of the record in the batch.")
    id = serializers.IntegerField(help_text="The stored record (the first one, for a duplicate).")
    idempotency_key = serializers.CharField(allow_blank=True)
    result = serializers.ChoiceField(
        choices=["accepted", "duplicate", "rejected", "conflict"],
        help_text="conflict: the key was used before with other content (the 409 of one record).",
    )
    status = serializers.ChoiceField(choices=InboundStatus.choices)
    errors = serializers.ListField(child=serializers.CharField())
    conflicts_with = serializers.IntegerField(
        allow_null=True, help_text="For a conflict, the record that holds the key."
    )


class OutputsOutSerializer(serializers.Serializer):
    accepted = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    rejected = serializers.IntegerField()
    conflicts = serializers.IntegerField()
    results = IngestResultSerializer(many=True)


class ReplayOutSerializer(serializers.Serializer):
    replayed = serializers.ListField(child=serializers.IntegerField())
    refused = serializers.DictField(child=serializers.CharField())


class ReplayInSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, max_length=10_000
    )
    all = serializers.BooleanField(required=False, default=False)
    flow = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)

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
