from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from identity_app.models import (
    IdentityLink,
    IdentityRuleSet,
    MirrorRecord,
    ReviewItem,
    ValidationRun,
    WeightEstimate,
)
from identity_app.services import identity_rules_problems


class ReadOnlyMixin:
    """Rows written by the sync, the resolver or a service; the admin shows them and never edits them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MirrorRecord)
class MirrorRecordAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "crm_id",
        "object_name",
        "connection",
        "last_name",
        "first_name",
        "email_domain",
        "is_deleted",
    ]
    list_filter = ["connection", "object_name", "is_deleted"]
    search_fields = ["crm_id", "last_name", "email_domain", "phone"]
    list_select_related = ["connection"]
    show_full_result_count = False


class IdentityRuleSetForm(forms.ModelForm):
    class Meta:
        model = IdentityRuleSet
        fields = [
            "flow",
            "entity_kind",
            "key_precedence",
            "external_id_field",
            "stop_on_key_conflict",
            "contradiction_checks",
            "contradiction_similarity",
            "personal_keys",
            "comparisons",
            "blocking_rules",
            "vetoes",
            "mirror_fields",
            "attribute_types",
            "default_region",
            "prior_match_probability",
            "probabilistic_enabled",
            "auto_link_threshold",
            "candidate_floor",
            "ambiguity_margin",
            "max_block_size",
            "narrow_block_size",
        ]

    def _post_clean(self):
        # The instance holds the submitted values only after ModelForm's own _post_clean.
        super()._post_clean()
        for problem in identity_rules_problems(self.instance):
            self.add_error(None, problem)


@admin.register(IdentityRuleSet)
class IdentityRuleSetAdmin(SimpleHistoryAdmin):
    form = IdentityRuleSetForm
    list_display = [
        "flow",
        "entity_kind",
        "probabilistic_enabled",
        "auto_link_threshold",
        "weights_estimated_at",
        "updated_at",
    ]
    list_select_related = ["flow"]
    readonly_fields = ["weights_estimated_at", "weights_estimated_pairs", "latest_weight_fit"]

    @admin.display(description="Latest weight fit")
    def latest_weight_fit(self, obj) -> str:
        """Shown on the rules page: a refused fit says why the flow kept its weights."""
        estimate = WeightEstimate.objects.filter(flow_id=obj.flow_id).order_by("-created_at", "-id").first()
        return (
            f"#{estimate.pk} ({estimate.created_at:%Y-%m-%d %H:%M}): {estimate.summary}"
            if estimate
            else "none yet"
        )

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


@admin.register(IdentityLink)
class IdentityLinkAdmin(SimpleHistoryAdmin):
    list_display = [
        "source_system",
        "external_id",
        "crm_id",
        "object_name",
        "connection",
        "method",
        "created_by",
    ]
    list_filter = ["connection", "object_name", "method", "source_system"]
    search_fields = ["external_id", "crm_id"]
    list_select_related = ["connection", "created_by"]
    readonly_fields = ["created_by", "created_at", "updated_at"]


@admin.register(ReviewItem)
class ReviewItemAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = [
        "id",
        "flow",
        "source_system",
        "external_id",
        "reason",
        "status",
        "assignee",
        "created_at",
    ]
    list_filter = ["status", "reason", "flow"]
    search_fields = ["external_id"]
    list_select_related = ["flow", "flow__crm_object", "assignee"]
    show_full_result_count = False


@admin.register(ValidationRun)
class ValidationRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "flow", "created_at", "total", "matched", "ambiguous", "no_match", "other"]
    list_filter = ["flow"]
    list_select_related = ["flow", "flow__crm_object"]


@admin.register(WeightEstimate)
class WeightEstimateAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "flow", "created_at", "accepted", "summary", "records", "pairs", "created_by"]
    list_filter = ["flow", "accepted"]
    list_select_related = ["flow", "created_by"]
