"""Output and input serializers of the catalog API. No workflow here: views hand input to services."""

from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crmhub.models import CrmConnection
from mappings_app.catalog import risk_flags
from mappings_app.models import (
    CatalogVersion,
    ChangeComment,
    ChangeItem,
    ChangeKind,
    ChangeRequest,
    ChangeStatus,
    ConflictPolicy,
    CrmField,
    CrmObject,
    FieldMapping,
    FieldOwnership,
    Owner,
)

PENDING_STATUSES = {ChangeStatus.DRAFT, ChangeStatus.SUBMITTED, ChangeStatus.APPROVED}
OwnerField = serializers.ChoiceField(choices=Owner.choices)
ConflictPolicyField = serializers.ChoiceField(choices=[("", "None"), *ConflictPolicy.choices])


def _ownership_of(crm_field: CrmField) -> FieldOwnership | None:
    try:
        return crm_field.ownership
    except ObjectDoesNotExist:
        return None


class ConnectionSerializer(serializers.ModelSerializer):
    """A CRM connection. Credentials are never part of any response."""

    usable_requests_per_window = serializers.IntegerField(read_only=True)

    class Meta:
        model = CrmConnection
        fields = [
            "id",
            "provider",
            "name",
            "base_url",
            "api_version",
            "status",
            "status_reason",
            "rate_limit_requests",
            "rate_limit_window_seconds",
            "rate_limit_reserve_percent",
            "usable_requests_per_window",
            "daily_request_budget",
            "catalog_version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CrmObjectSerializer(serializers.ModelSerializer):
    connection_name = serializers.CharField(source="connection.name", read_only=True)

    class Meta:
        model = CrmObject
        fields = ["id", "connection", "connection_name", "name", "label", "provider_metadata"]
        read_only_fields = fields


class CrmFieldSerializer(serializers.ModelSerializer):
    """A CRM field with its ownership inline: no ownership rule means rep-owned."""

    connection = serializers.IntegerField(source="crm_object.connection_id", read_only=True)
    object = serializers.CharField(source="crm_object.name", read_only=True)
    owner = serializers.SerializerMethodField()
    conflict_policy = serializers.SerializerMethodField()

    class Meta:
        model = CrmField
        fields = [
            "id",
            "connection",
            "object",
            "crm_object",
            "name",
            "label",
            "field_type",
            "picklist_options",
            "external_options",
            "writable",
            "nillable",
            "max_length",
            "is_deleted",
            "owner",
            "conflict_policy",
        ]
        read_only_fields = fields

    @extend_schema_field(OwnerField)
    def get_owner(self, crm_field: CrmField) -> str:
        ownership = _ownership_of(crm_field)
        return ownership.owner if ownership else Owner.REP_OWNED.value

    @extend_schema_field(ConflictPolicyField)
    def get_conflict_policy(self, crm_field: CrmField) -> str:
        ownership = _ownership_of(crm_field)
        return ownership.conflict_policy if ownership else ""


class FieldOwnershipSerializer(serializers.ModelSerializer):
    connection = serializers.IntegerField(source="crm_field.crm_object.connection_id", read_only=True)
    object = serializers.CharField(source="crm_field.crm_object.name", read_only=True)
    field = serializers.CharField(source="crm_field.name", read_only=True)
    # Blank for every owner but hybrid: the documented enum must hold the blank choice too.
    conflict_policy = serializers.ChoiceField(choices=[("", "None"), *ConflictPolicy.choices], read_only=True)

    class Meta:
        model = FieldOwnership
        fields = ["id", "connection", "object", "field", "crm_field", "owner", "conflict_policy"]
        read_only_fields = fields


class FieldMappingSerializer(serializers.ModelSerializer):
    connection = serializers.IntegerField(source="crm_field.crm_object.connection_id", read_only=True)
    object = serializers.CharField(source="crm_field.crm_object.name", read_only=True)
    field = serializers.CharField(source="crm_field.name", read_only=True)
    field_type = serializers.CharField(source="crm_field.field_type", read_only=True)
    timestamp_field = serializers.CharField(
        source="timestamp_field.name", read_only=True, allow_null=True, default=None
    )
    owner = serializers.SerializerMethodField()

    class Meta:
        model = FieldMapping
        fields = [
            "id",
            "connection",
            "source_system",
            "source_key",
            "source_type",
            "object",
            "field",
            "crm_field",
            "field_type",
            "transform",
            "transform_params",
            "null_policy",
            "timestamp_field",
            "enabled",
            "broken_reason",
            "owner",
        ]
        read_only_fields = fields

    @extend_schema_field(OwnerField)
    def get_owner(self, mapping: FieldMapping) -> str:
        ownership = _ownership_of(mapping.crm_field)
        return ownership.owner if ownership else Owner.REP_OWNED.value


class ChangeItemSerializer(serializers.ModelSerializer):
    risk_flags = serializers.SerializerMethodField()

    class Meta:
        model = ChangeItem
        fields = ["id", "kind", "key", "before", "after", "risk_flags"]
        read_only_fields = fields

    def get_risk_flags(self, item: ChangeItem) -> list[str]:
        return risk_flags(item)


class ChangeCommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = ChangeComment
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = fields


def _username(source: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True, allow_null=True, default=None)


class ChangeRequestSerializer(serializers.ModelSerializer):
    connection_name = serializers.CharField(source="connection.name", read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)
    decided_by = _username("decided_by.username")
    applied_by = _username("applied_by.username")
    item_count = serializers.IntegerField(read_only=True)
    is_stale = serializers.SerializerMethodField(
        help_text="Pending, but drafted against an older catalog version: rebase before applying."
    )

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "connection",
            "connection_name",
            "title",
            "description",
            "status",
            "origin",
            "restores_version",
            "base_version",
            "is_stale",
            "item_count",
            "author",
            "created_at",
            "submitted_at",
            "decided_by",
            "decided_at",
            "decision_note",
            "applied_by",
            "applied_at",
            "applied_version",
        ]
        read_only_fields = fields

    def get_is_stale(self, change: ChangeRequest) -> bool:
        # Applied and rejected requests are history; only a pending one can go stale.
        return change.status in PENDING_STATUSES and change.is_stale


class ChangeRequestDetailSerializer(ChangeRequestSerializer):
    items = ChangeItemSerializer(many=True, read_only=True)
    comments = ChangeCommentSerializer(many=True, read_only=True)

    class Meta(ChangeRequestSerializer.Meta):
        fields = [*ChangeRequestSerializer.Meta.fields, "items", "comments"]
        read_only_fields = fields


class CatalogVersionSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", read_only=True)

    class Meta:
        model = CatalogVersion
        fields = ["id", "connection", "number", "change_request", "created_by", "created_at"]
        read_only_fields = fields


class CatalogVersionDetailSerializer(CatalogVersionSerializer):
    snapshot = serializers.JSONField(
        read_only=True, help_text='The frozen catalog: {"mappings": {key: spec}, "ownership": {key: spec}}.'
    )

    class Meta(CatalogVersionSerializer.Meta):
        fields = [*CatalogVersionSerializer.Meta.fields, "snapshot"]
        read_only_fields = fields


# Input serializers: shape checks only; the services decide what is allowed.


class OperationInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ChangeKind.choices)
    spec = serializers.DictField(
        help_text="mapping_*: source_system, source_key, object, field (+ source_type, transform, "
        "transform_params, null_policy, timestamp_field, enabled); ownership_*: object, field, "
        "owner, conflict_policy."
    )


class ChangeRequestCreateInputSerializer(serializers.Serializer):
    connection = serializers.PrimaryKeyRelatedField(queryset=CrmConnection.objects.all())
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    operations = OperationInputSerializer(many=True, required=False, default=list)


class DecisionInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField()


class CatalogImportInputSerializer(serializers.Serializer):
    yaml = serializers.CharField(trim_whitespace=False, help_text="The catalog as exported.")
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class CatalogOwnershipEntrySerializer(serializers.Serializer):
    """One `ownership` entry of the catalog YAML document."""

    object = serializers.CharField()
    field = serializers.CharField()
    owner = serializers.ChoiceField(choices=Owner.choices)
    conflict_policy = serializers.ChoiceField(choices=[("", "None"), *ConflictPolicy.choices])


class CatalogMappingEntrySerializer(serializers.Serializer):
    """One `mappings` entry of the catalog YAML document."""

    source_system = serializers.CharField()
    source_key = serializers.CharField()
    object = serializers.CharField()
    field = serializers.CharField()
    source_type = serializers.ChoiceField(choices=FieldMapping._meta.get_field("source_type").choices)
    transform = serializers.ChoiceField(choices=FieldMapping._meta.get_field("transform").choices)
    transform_params = serializers.DictField()
    null_policy = serializers.ChoiceField(choices=FieldMapping._meta.get_field("null_policy").choices)
    timestamp_field = serializers.CharField(allow_null=True)
    enabled = serializers.BooleanField()


class CatalogDocumentSerializer(serializers.Serializer):
    """The catalog export (YAML): what `catalog/import` reads back."""

    format = serializers.IntegerField()
    connection = serializers.CharField()
    provider = serializers.ChoiceField(choices=CrmConnection._meta.get_field("provider").choices)
    catalog_version = serializers.IntegerField()
    ownership = CatalogOwnershipEntrySerializer(many=True)
    mappings = CatalogMappingEntrySerializer(many=True)
