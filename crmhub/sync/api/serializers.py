from rest_framework import serializers

from crmhub.sync.models import SyncKind, SyncRun, TriggerExecution, WebhookEvent


class SyncRunSerializer(serializers.ModelSerializer):
    connection = serializers.CharField(source="connection.name")

    class Meta:
        model = SyncRun
        fields = [
            "id",
            "connection",
            "object_name",
            "kind",
            "trigger",
            "status",
            "since",
            "created_at",
            "started_at",
            "finished_at",
            "duration_ms",
            "read_path",
            "records_read",
            "records_created",
            "records_updated",
            "records_unchanged",
            "records_deleted",
            "records_merged",
            "records_repaired",
            "watermark_before",
            "watermark_after",
            "error",
            "log",
        ]


class SyncRunRequestSerializer(serializers.Serializer):
    connection = serializers.CharField()
    object_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=SyncKind.choices, default=SyncKind.INCREMENTAL)
    since = serializers.DateTimeField(required=False, allow_null=True)


class WebhookEventSerializer(serializers.ModelSerializer):
    connection = serializers.CharField(source="connection.name")
    status_reason = serializers.SerializerMethodField(help_text="Why the event is ignored or failed.")
    processed_at = serializers.DateTimeField(source="finished_at", read_only=True, allow_null=True)

    class Meta:
        model = WebhookEvent
        fields = [
            "id",
            "connection",
            "provider",
            "event_id",
            "event_type",
            "action",
            "object_name",
            "record_ids",
            "merged_into",
            "changed_fields",
            "occurred_at",
            "status",
            "status_reason",
            "attempts",
            "next_attempt_at",
            "error",
            "log",
            "received_at",
            "processed_at",
        ]

    def get_status_reason(self, event: WebhookEvent) -> str:
        return event.error or event.status_reason


class TriggerExecutionSerializer(serializers.ModelSerializer):
    rule = serializers.CharField(source="rule.name")

    class Meta:
        model = TriggerExecution
        fields = [
            "id",
            "rule",
            "crm_id",
            "context",
            "status",
            "attempts",
            "next_attempt_at",
            "result",
            "error",
            "log",
            "created_at",
            "finished_at",
        ]
