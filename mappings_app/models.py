from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from crmhub.connectors.field_types import FieldType
from crmhub.models import CrmConnection


class SourceType(models.TextChoices):
    STRING = "string", "String"
    NUMBER = "number", "Number"
    INTEGER = "integer", "Integer"
    BOOLEAN = "boolean", "Boolean"
    DATE = "date", "Date"
    DATETIME = "datetime", "Date and time"
    LIST = "list", "List of strings"


class Owner(models.TextChoices):
    AI_OWNED = "ai_owned", "AI-owned"
    HYBRID = "hybrid", "Hybrid"
    REP_OWNED = "rep_owned", "Rep-owned"


class ConflictPolicy(models.TextChoices):
    SKIP = "skip", "Skip the write"
    FLAG = "flag", "Flag to the review queue"
    OVERWRITE = "overwrite", "Overwrite"


class Transform(models.TextChoices):
    NONE = "none", "No change"
    TRIM = "trim", "Trim whitespace"
    LOWERCASE = "lowercase", "Lowercase"
    VALUE_MAP = "value_map", "Value map"
    ROUND = "round", "Round"
    TO_UTC = "to_utc", "Normalise timezone to UTC"
    PARSE_DATE = "parse_date", "Parse date"


class NullPolicy(models.TextChoices):
    SKIP = "skip", "Skip nulls"
    WRITE = "write", "Write nulls"
    IF_EMPTY = "if_empty", "Set only if empty"


class CrmObject(models.Model):
    """A CRM object type (Contact, contacts, person, ...) on one connection."""

    connection = models.ForeignKey(CrmConnection, on_delete=models.CASCADE, related_name="crm_objects")
    name = models.CharField(max_length=100)
    label = models.CharField(max_length=200, blank=True)
    provider_metadata = models.JSONField(default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["connection__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["connection", "name"], name="uniq_object_per_connection")
        ]

    def __str__(self) -> str:
        return self.name


class CrmField(models.Model):
    """One field of a CRM object, as the CRM describes it."""

    crm_object = models.ForeignKey(CrmObject, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(max_length=200)
    label = models.CharField(max_length=300, blank=True)
    field_type = models.CharField(max_length=20, choices=FieldType.choices)
    picklist_options = models.JSONField(default=list, blank=True, help_text="Allowed values of a picklist.")
    external_options = models.BooleanField(
        default=False,
        help_text="Options live elsewhere (owners, stages): values are not checked against a list.",
    )
    writable = models.BooleanField(default=True)
    nillable = models.BooleanField(default=True)
    max_length = models.PositiveIntegerField(null=True, blank=True)
    provider_metadata = models.JSONField(default=dict, blank=True)
    is_deleted = models.BooleanField(default=False, help_text="The CRM no longer has this field.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["crm_object__name", "name"]
        constraints = [models.UniqueConstraint(fields=["crm_object", "name"], name="uniq_field_per_object")]
        indexes = [models.Index(fields=["field_type"])]

    def __str__(self) -> str:
        return f"{self.crm_object.name}.{self.name}"


class FieldOwnership(models.Model):
    """Who owns a CRM field. A field without a row is rep-owned: the hub never writes it."""

    crm_field = models.OneToOneField(CrmField, on_delete=models.CASCADE, related_name="ownership")
    owner = models.CharField(max_length=10, choices=Owner.choices)
    conflict_policy = models.CharField(max_length=10, choices=ConflictPolicy.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(owner="hybrid") & ~models.Q(conflict_policy=""))
                | (~models.Q(owner="hybrid") & models.Q(conflict_policy="")),
                name="conflict_policy_only_for_hybrid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.crm_field}: {self.get_owner_display()}"


class FieldMapping(models.Model):
    """Where one source value lands: source key -> CRM field, with its transform and null policy."""

    source_system = models.CharField(max_length=100)
    source_key = models.CharField(max_length=200)
    source_type = models.CharField(max_length=10, choices=SourceType.choices, default=SourceType.STRING)
    crm_field = models.ForeignKey(CrmField, on_delete=models.PROTECT, related_name="mappings")
    transform = models.CharField(max_length=12, choices=Transform.choices, default=Transform.NONE)
    transform_params = models.JSONField(default=dict, blank=True)
    null_policy = models.CharField(max_length=10, choices=NullPolicy.choices, default=NullPolicy.SKIP)
    timestamp_field = models.ForeignKey(
        CrmField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="timestamp_for_mappings",
        help_text="Companion field where the write time of the AI value is recorded.",
    )
    enabled = models.BooleanField(default=True)
    broken_reason = models.CharField(
        max_length=500,
        blank=True,
        help_text="Set when the target changed in the CRM; writes halt until fixed.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["source_system", "source_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_system", "source_key", "crm_field"], name="uniq_mapping_source_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_system}.{self.source_key} -> {self.crm_field}"

    def clean(self):
        from mappings_app.rules import mapping_problems

        problems = mapping_problems(
            source_type=self.source_type,
            transform=self.transform,
            transform_params=self.transform_params,
            target=self.crm_field,
            timestamp_field=self.timestamp_field,
        )
        if problems:
            from django.core.exceptions import ValidationError

            raise ValidationError(problems)


class ChangeStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    APPLIED = "applied", "Applied"


class ChangeOrigin(models.TextChoices):
    MANUAL = "manual", "Edited in the hub"
    YAML = "yaml", "YAML import"
    RESTORE = "restore", "Restore of an earlier version"


class ChangeRequest(models.Model):
    """The only way the active catalog changes: draft -> submitted -> approved/rejected -> applied."""

    connection = models.ForeignKey(CrmConnection, on_delete=models.CASCADE, related_name="change_requests")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.DRAFT)
    origin = models.CharField(max_length=10, choices=ChangeOrigin.choices, default=ChangeOrigin.MANUAL)
    restores_version = models.PositiveIntegerField(null=True, blank=True)
    base_version = models.PositiveIntegerField(help_text="Catalog version this request was drafted against.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_version = models.PositiveIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("approve_changerequest", "Can approve, reject and apply mapping change requests")]
        indexes = [models.Index(fields=["status", "connection"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def is_stale(self) -> bool:
        return self.base_version != self.connection.catalog_version


class ChangeKind(models.TextChoices):
    MAPPING_SET = "mapping_set", "Set mapping"
    MAPPING_DELETE = "mapping_delete", "Delete mapping"
    OWNERSHIP_SET = "ownership_set", "Set ownership"
    OWNERSHIP_DELETE = "ownership_delete", "Remove ownership rule"
    OUTBOUND_SET = "outbound_set", "Set outbound mapping"
    OUTBOUND_DELETE = "outbound_delete", "Delete outbound mapping"
    DATA_CLASS_SET = "data_class_set", "Set data class"
    DATA_CLASS_DELETE = "data_class_delete", "Reset data class to its default"
    CONSENT_SET = "consent_set", "Set consent field"
    CONSENT_DELETE = "consent_delete", "Remove consent field"


class ChangeItem(models.Model):
    """One proposed change: the entry as it was at the base version, and as it should become."""

    change_request = models.ForeignKey(ChangeRequest, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    key = models.CharField(max_length=500, help_text="Identity of the catalog entry this item changes.")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["change_request", "key"], name="uniq_item_key_per_request")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key}"


class ChangeComment(models.Model):
    change_request = models.ForeignKey(ChangeRequest, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on #{self.change_request_id}"


class CatalogVersion(models.Model):
    """A frozen copy of a connection's catalog after each applied change; readable forever."""

    connection = models.ForeignKey(CrmConnection, on_delete=models.CASCADE, related_name="catalog_versions")
    number = models.PositiveIntegerField()
    change_request = models.OneToOneField(
        ChangeRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="catalog_version"
    )
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["connection", "-number"]
        constraints = [models.UniqueConstraint(fields=["connection", "number"], name="uniq_catalog_version")]

    def __str__(self) -> str:
        return f"{self.connection.name} v{self.number}"


class FlowMode(models.TextChoices):
    SHADOW = "shadow", "Shadow (plan, write nothing)"
    LIVE = "live", "Live"


class Flow(models.Model):
    """A named stream from one source system into one CRM object on one connection."""

    connection = models.ForeignKey(CrmConnection, on_delete=models.CASCADE, related_name="flows")
    name = models.CharField(max_length=100)
    source_system = models.CharField(max_length=100, help_text="Matches the mappings' source system.")
    crm_object = models.ForeignKey(CrmObject, on_delete=models.PROTECT, related_name="flows")
    mode = models.CharField(max_length=10, choices=FlowMode.choices, default=FlowMode.SHADOW)
    allow_creates = models.BooleanField(
        default=False, help_text="Reviewers may create a new CRM record for an unmatched inbound record."
    )
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["connection__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["connection", "name"], name="uniq_flow_per_connection")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.source_system} → {self.crm_object.name})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.crm_object_id and self.connection_id and self.crm_object.connection_id != self.connection_id:
            raise ValidationError({"crm_object": "The object belongs to another connection."})


# -- outbound: data classes, consent fields, outbound mappings (issue #18) -------------------------------


class DataClass(models.TextChoices):
    """What kind of data a CRM field holds; a destination names the classes it may receive."""

    IDENTIFIER = "identifier", "Identifier"
    CONTACT_PERSONAL = "contact_personal", "Contact personal data"
    SENSITIVE = "sensitive", "Sensitive"
    OPERATIONAL = "operational", "Operational"


class ConsentPurpose(models.TextChoices):
    EMAIL_MARKETING = "email_marketing", "Email marketing"
    FAX_MARKETING = "fax_marketing", "Fax marketing"
    PHONE_CALLS = "phone_calls", "Phone calls"
    ADVERTISING = "advertising", "Advertising audiences"
    ANALYTICS = "analytics", "Analytics"


class ConsentMeaning(models.TextChoices):
    OPT_OUT_WHEN_TRUE = "opt_out_when_true", "True means the person opted out"
    OPT_IN_WHEN_TRUE = "opt_in_when_true", "True means the person opted in"
    STATUS_VALUES = "status_values", "A status: listed values mean opted in or opted out"


class FieldDataClass(models.Model):
    """The data class a CRM field was given in the catalog (without a row: the default by type and name)."""

    crm_field = models.OneToOneField(CrmField, on_delete=models.CASCADE, related_name="data_class_rule")
    data_class = models.CharField(max_length=20, choices=DataClass.choices)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.crm_field}: {self.get_data_class_display()}"


class ConsentField(models.Model):
    """A CRM field that carries consent for one purpose, and how to read it."""

    crm_field = models.ForeignKey(CrmField, on_delete=models.CASCADE, related_name="consent_rules")
    purpose = models.CharField(max_length=20, choices=ConsentPurpose.choices)
    meaning = models.CharField(max_length=20, choices=ConsentMeaning.choices)
    opt_in_values = models.JSONField(
        default=list, blank=True, help_text="For a status: values that mean yes."
    )
    opt_out_values = models.JSONField(
        default=list, blank=True, help_text="For a status: values that mean no."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["crm_field__crm_object__name", "crm_field__name", "purpose"]
        constraints = [
            models.UniqueConstraint(fields=["crm_field", "purpose"], name="uniq_consent_field_purpose")
        ]

    def __str__(self) -> str:
        return f"{self.crm_field} ({self.get_purpose_display()})"


class OutboundTransform(models.TextChoices):
    NONE = "none", "No change"
    TRIM = "trim", "Trim whitespace"
    LOWERCASE = "lowercase", "Lowercase"
    SHA256_EMAIL = "sha256_email", "SHA-256 of the normalised email"
    VALUE_MAP = "value_map", "Value map"
    TO_UTC = "to_utc", "Normalise timezone to UTC"


class OutboundType(models.TextChoices):
    TEXT = "text", "Text"
    DOUBLE = "double", "Number"
    BIGINT = "bigint", "Integer"
    BOOL = "bool", "Boolean"
    DATE = "date", "Date"
    TIMESTAMP = "timestamp", "Date and time"
    JSON = "json", "JSON"


class OutboundNullPolicy(models.TextChoices):
    SEND_NULL = "send_null", "Send nulls (clear the value)"
    OMIT = "omit", "Leave out nulls"


class OutboundMapping(models.Model):
    """Where one CRM field goes in one destination: a warehouse column or a CDP trait/event property."""

    destination = models.ForeignKey(
        "exports.Destination", on_delete=models.CASCADE, related_name="outbound_mappings"
    )
    crm_field = models.ForeignKey(CrmField, on_delete=models.PROTECT, related_name="outbound_mappings")
    target = models.CharField(max_length=200, help_text="Column, trait or event property name.")
    target_type = models.CharField(max_length=10, choices=OutboundType.choices, default=OutboundType.TEXT)
    transform = models.CharField(
        max_length=15, choices=OutboundTransform.choices, default=OutboundTransform.NONE
    )
    transform_params = models.JSONField(default=dict, blank=True)
    null_policy = models.CharField(
        max_length=10, choices=OutboundNullPolicy.choices, default=OutboundNullPolicy.SEND_NULL
    )
    enabled = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["destination__name", "crm_field__crm_object__name", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["destination", "crm_field", "target"], name="uniq_outbound_mapping"
            )
        ]

    def __str__(self) -> str:
        return f"{self.crm_field} -> {self.destination.name}.{self.target}"
