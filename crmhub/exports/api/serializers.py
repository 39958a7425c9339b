from rest_framework import serializers

from crmhub.exports import warehouse_config
from crmhub.exports.models import Destination, ExportFailedRow, ExportRun, duckdb_dataset_clash
from mappings_app.models import ConsentPurpose, DataClass


class DestinationSerializer(serializers.ModelSerializer):
    credentials = serializers.DictField(
        child=serializers.JSONField(),
        write_only=True,
        required=False,
        help_text="Write-only; encrypted at rest and never returned. The settings of the type, as dlt names them: "
        "DuckDB {path}; PostgreSQL and Redshift {host, port, database, username, password} (or "
        "{connection_string}); Snowflake {host (the account identifier), database, username, password or "
        "private_key, private_key_passphrase, warehouse, role}; BigQuery the service account key JSON plus "
        "an optional location; CDP {write_key} and optionally profile_api_url, space_id, profile_api_token.",
    )
    has_credentials = serializers.SerializerMethodField()
    allowed_data_classes = serializers.ListField(
        child=serializers.ChoiceField(choices=DataClass.choices),
        required=False,
        help_text="Each data class at most once.",
    )
    purposes = serializers.ListField(
        child=serializers.ChoiceField(choices=ConsentPurpose.choices),
        required=False,
        help_text="Each consent purpose at most once.",
    )

    class Meta:
        model = Destination
        fields = [
            "id",
            "name",
            "kind",
            "warehouse_type",
            "dataset_name",
            "endpoint_url",
            "credentials",
            "has_credentials",
            "status",
            "status_reason",
            "allowed_data_classes",
            "purposes",
            "suppression_target_seconds",
            "reconcile_interval_seconds",
            "last_test_at",
            "last_test_ok",
            "last_test_message",
            "last_reconciled_at",
        ]
        read_only_fields = ["last_test_at", "last_test_ok", "last_test_message", "last_reconciled_at"]

    def get_has_credentials(self, destination: Destination) -> bool:
        return bool(destination.credentials)

    def validate_allowed_data_classes(self, value: list[str]) -> list[str]:
        return _without_repeats(value, "data class")

    def validate_purposes(self, value: list[str]) -> list[str]:
        return _without_repeats(value, "purpose")

    def validate(self, attrs):
        kind = attrs.get("kind", getattr(self.instance, "kind", ""))
        if kind == "warehouse" and not attrs.get(
            "warehouse_type", getattr(self.instance, "warehouse_type", "")
        ):
            raise serializers.ValidationError({"warehouse_type": "A warehouse needs its type."})
        if kind == "cdp" and not attrs.get("endpoint_url", getattr(self.instance, "endpoint_url", "")):
            raise serializers.ValidationError({"endpoint_url": "A CDP needs its endpoint URL."})
        clash = duckdb_dataset_clash(
            warehouse_type=attrs.get("warehouse_type", getattr(self.instance, "warehouse_type", "")),
            credentials=attrs.get("credentials", getattr(self.instance, "credentials", None)),
            dataset_name=attrs.get("dataset_name", getattr(self.instance, "dataset_name", "")),
        )
        if clash:
            raise serializers.ValidationError({"dataset_name": clash})
        warehouse_type = attrs.get("warehouse_type", getattr(self.instance, "warehouse_type", ""))
        changed = self.instance is None or {"credentials", "kind", "warehouse_type"} & set(attrs)
        if changed and (kind == "cdp" or warehouse_type):
            problems = warehouse_config.credentials_problems(
                kind=kind,
                warehouse_type=warehouse_type,
                credentials=attrs.get("credentials", getattr(self.instance, "credentials", None)),
            )
            if problems:
                raise serializers.ValidationError({"credentials": problems})
        return attrs


def _without_repeats(values: list[str], what: str) -> list[str]:
    repeated = sorted({value for value in values if values.count(value) > 1})
    if repeated:
        raise serializers.ValidationError(f"Each {what} may be named once; repeated: {', '.join(repeated)}.")
    return values


class ExportRunSerializer(serializers.ModelSerializer):
    destination = serializers.CharField(source="destination.name", read_only=True)
    connection = serializers.CharField(
        source="connection.name",
        read_only=True,
        default=None,
        allow_null=True,
        help_text="The CRM connection read; null for a run that has not delivered a page yet.",
    )

    class Meta:
        model = ExportRun
        fields = [
            "id",
            "destination",
            "connection",
            "object_name",
            "kind",
            "status",
            "sync_run",
            "records_received",
            "records_sent",
            "records_withheld",
            "records_suppressed",
            "records_deleted",
            "records_merged",
            "records_failed",
            "load_id",
            "schema_changes",
            "created_at",
            "started_at",
            "finished_at",
            "error",
            "log",
        ]
        read_only_fields = fields


class FailedRowSerializer(serializers.ModelSerializer):
    connection = serializers.CharField(source="connection.name", read_only=True)

    class Meta:
        model = ExportFailedRow
        fields = [
            "id",
            "run",
            "connection",
            "object_name",
            "crm_id",
            "reason",
            "status",
            "created_at",
            "replayed_at",
        ]
        read_only_fields = fields


class ColumnLineageSerializer(serializers.Serializer):
    connection = serializers.CharField()
    object_name = serializers.CharField()
    column = serializers.CharField(source="warehouse_column")
    crm_field = serializers.CharField(source="column.field_name")
    target_type = serializers.CharField(source="column.target_type")
    transform = serializers.CharField(source="column.transform")
    data_class = serializers.CharField(source="column.data_class")
    sent = serializers.BooleanField()
    why_not = serializers.CharField()
    since_version = serializers.IntegerField(allow_null=True)
    change_request_id = serializers.IntegerField(allow_null=True)
