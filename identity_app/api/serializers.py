"""Output and input serializers of the identity API. No workflow here: views hand input to services."""

from django.contrib.auth import get_user_model
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crmhub.core.filtersets import MAX_ID
from identity_app import selectors
from identity_app.models import IdentityLink, MirrorRecord, ReviewItem, ValidationRun
from mappings_app.models import Flow

MAX_BULK_ITEMS = 500
BULK_ACTIONS = [
    ("link_top", "Link each item to its top candidate (items without one, and tied items, are skipped)"),
    ("dismiss", "Dismiss"),
    ("create_new", "Ask for a new CRM record (only where the flow allows creates)"),
    ("assign", "Assign to `assignee` (null unassigns)"),
]


def _username(source: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True, allow_null=True, default=None)


class ContributionSerializer(serializers.Serializer):
    """One comparison's part of a candidate's score."""

    attribute = serializers.CharField()
    method = serializers.CharField(help_text="exact, jaro_winkler, date, numeric, or key")
    inbound = serializers.JSONField(allow_null=True, help_text="The inbound record's normalised value.")
    candidate = serializers.JSONField(allow_null=True, help_text="The candidate's normalised value.")
    level = serializers.CharField(
        help_text='Comparison level, e.g. "exact", "similarity >= 0.92", "different".'
    )
    weight = serializers.FloatField(
        allow_null=True, help_text="Match weight of the level in bits (log2 m/u)."
    )


class CandidateSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    crm_id = serializers.CharField()
    score = serializers.FloatField(help_text="Sum of the contributions' weights (bits).")
    probability = serializers.FloatField(help_text="Match probability under the flow's prior.")
    display = serializers.DictField(child=serializers.CharField(), help_text="Raw values for reviewers.")
    attributes = serializers.DictField(help_text="Normalised attributes.")
    contributions = ContributionSerializer(many=True)
    vetoed_by = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField(required=False, allow_blank=True)
    tied = serializers.BooleanField(
        required=False, help_text="Within the tie margin of the best candidate: a person must choose."
    )


class TopCandidateSerializer(serializers.Serializer):
    crm_id = serializers.CharField()
    score = serializers.FloatField()
    probability = serializers.FloatField()


class InboundSummarySerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    company = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)


class ReviewItemSerializer(serializers.ModelSerializer):
    flow_name = serializers.CharField(source="flow.name", read_only=True)
    assignee = serializers.IntegerField(source="assignee_id", read_only=True, allow_null=True)
    assignee_username = _username("assignee.username")
    resolved_by = _username("resolved_by.username")
    inbound = serializers.SerializerMethodField(help_text="Name, email, company and phone as received.")
    top_candidate = serializers.SerializerMethodField()
    candidate_count = serializers.SerializerMethodField()

    class Meta:
        model = ReviewItem
        fields = [
            "id",
            "flow",
            "flow_name",
            "source_system",
            "external_id",
            "reason",
            "status",
            "inbound",
            "top_score",
            "top_candidate",
            "candidate_count",
            "occurrences",
            "assignee",
            "assignee_username",
            "created_at",
            "updated_at",
            "resolved_crm_id",
            "resolved_by",
            "resolved_at",
        ]
        read_only_fields = fields

    @extend_schema_field(InboundSummarySerializer)
    def get_inbound(self, item: ReviewItem) -> dict:
        return selectors.review_item_inbound_summary(item)

    @extend_schema_field(TopCandidateSerializer(allow_null=True))
    def get_top_candidate(self, item: ReviewItem) -> dict | None:
        if not item.candidates:
            return None
        top = item.candidates[0]
        return {"crm_id": top.get("crm_id"), "score": top.get("score"), "probability": top.get("probability")}

    def get_candidate_count(self, item: ReviewItem) -> int:
        return len(item.candidates or [])


class ReviewItemDetailSerializer(ReviewItemSerializer):
    payload = serializers.JSONField(read_only=True, help_text="The inbound record as received.")
    candidates = CandidateSerializer(many=True, read_only=True)
    explanation = serializers.ListField(child=serializers.CharField(), read_only=True)
    allow_creates = serializers.BooleanField(source="flow.allow_creates", read_only=True)

    class Meta(ReviewItemSerializer.Meta):
        fields = [
            *ReviewItemSerializer.Meta.fields,
            "payload",
            "candidates",
            "explanation",
            "resolution_note",
            "allow_creates",
        ]
        read_only_fields = fields


class IdentityLinkSerializer(serializers.ModelSerializer):
    created_by = _username("created_by.username")

    class Meta:
        model = IdentityLink
        fields = [
            "id",
            "connection",
            "object_name",
            "source_system",
            "external_id",
            "crm_id",
            "method",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ValidationRunSerializer(serializers.ModelSerializer):
    flow_name = serializers.CharField(source="flow.name", read_only=True)
    created_by = _username("created_by.username")
    by_method = serializers.DictField(child=serializers.IntegerField(), read_only=True)
    by_reason = serializers.DictField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = ValidationRun
        fields = [
            "id",
            "flow",
            "flow_name",
            "created_by",
            "created_at",
            "source_label",
            "sample_size",
            "total",
            "matched",
            "ambiguous",
            "no_match",
            "other",
            "probabilistic_would_link",
            "by_method",
            "by_reason",
        ]
        read_only_fields = fields


class ValidationRunDetailSerializer(ValidationRunSerializer):
    examples = serializers.JSONField(read_only=True, help_text="Outcome -> up to five example resolutions.")

    class Meta(ValidationRunSerializer.Meta):
        fields = [*ValidationRunSerializer.Meta.fields, "examples"]
        read_only_fields = fields


class MirrorRecordSerializer(serializers.ModelSerializer):
    emails = serializers.ListField(child=serializers.CharField(), read_only=True)
    display = serializers.DictField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = MirrorRecord
        fields = [
            "id",
            "connection",
            "object_name",
            "crm_id",
            "display",
            "emails",
            "phone",
            "first_name",
            "last_name",
            "company_name",
            "company_id",
            "city",
            "postcode",
            "country",
            "is_deleted",
            "merged_into",
            "crm_modified_at",
            "refreshed_at",
        ]
        read_only_fields = fields


# Input serializers: shape checks only; the services decide what is allowed.


class Text(serializers.CharField):
    """A string field that takes a string only, as the schema says: DRF's CharField turns a JSON number into
    text (a crm_id of 1e999 became "inf"). A form's values are strings already."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class RowId(serializers.PrimaryKeyRelatedField):
    """A row by its id, a whole number: DRF's field looked a flow up by 1.5 and found flow 1."""

    def to_internal_value(self, data):
        if isinstance(data, float):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class ClosedInput(serializers.Serializer):
    """A request body whose every key is a field: a misspelt one ("notes") is refused, not dropped unread,
    and the schema says so (`additionalProperties: false`)."""

    IGNORED = {"csrfmiddlewaretoken"}  # a signed-in browser's form post through the browsable API

    def validate(self, attrs):
        keys = self.initial_data.keys() if hasattr(self.initial_data, "keys") else ()
        if unknown := sorted(set(keys) - set(self.fields) - self.IGNORED):
            raise serializers.ValidationError(
                f"Unknown field(s): {', '.join(map(repr, unknown))}. This takes {', '.join(self.fields)}."
            )
        return attrs


class ClosedInputSchema(OpenApiSerializerExtension):
    target_class = ClosedInput
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        return {**schema, "additionalProperties": False}


class LinkInputSerializer(ClosedInput):
    crm_id = Text(max_length=64, help_text="A live CRM record in the flow's mirror.")
    note = Text(required=False, allow_blank=True, default="", max_length=2000)


class NoteInputSerializer(ClosedInput):
    note = Text(required=False, allow_blank=True, default="", max_length=2000)


class AssignInputSerializer(ClosedInput):
    assignee = RowId(
        queryset=get_user_model().objects.filter(is_active=True),
        allow_null=True,
        help_text="User id of someone who may resolve review items; null unassigns.",
    )


class BulkInputSerializer(ClosedInput):
    action = serializers.ChoiceField(choices=BULK_ACTIONS)
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=MAX_BULK_ITEMS
    )
    note = Text(required=False, allow_blank=True, default="", max_length=2000)
    assignee = RowId(
        queryset=get_user_model().objects.filter(is_active=True),
        allow_null=True,
        required=False,
        default=None,
        help_text="For assign: the user id (null unassigns).",
    )


class BulkResultSerializer(serializers.Serializer):
    action = serializers.CharField()
    count = serializers.IntegerField(help_text="Items changed.")
    ids = serializers.ListField(child=serializers.IntegerField(), help_text="The items changed.")
    skipped = serializers.ListField(
        child=serializers.IntegerField(), help_text="Items left alone (link_top: no candidate, or tied)."
    )
    skipped_ties = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="link_top: items whose best candidates are tied, left for a person to decide.",
    )


class IdentityLinkCreateInputSerializer(ClosedInput):
    flow = RowId(
        queryset=Flow.objects.select_related("connection", "crm_object"),
        help_text="The flow whose connection and object the link belongs to.",
    )
    external_id = Text(max_length=200)
    crm_id = Text(max_length=64)
    source_system = Text(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Defaults to the flow's source.",
    )
