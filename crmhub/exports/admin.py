"""The exports' records in the Django admin, read-only: destinations are created and changed on the hub's own
pages (destination_save: validation, history attribution, credentials that are never shown again), runs and
their rows are written only by the export jobs. Credentials never appear here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from crmhub.exports.models import (
    Destination,
    ExportBatch,
    ExportFailedRow,
    ExportPage,
    ExportRun,
    ReconciliationRun,
    RecordConsentState,
    StageSeen,
    SuppressionDelivery,
)


class ReadOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Destination)
class DestinationAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["name", "kind", "warehouse_type", "status", "suppression_target_seconds", "last_test_ok"]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    exclude = ["credentials"]


@admin.register(ExportRun)
class ExportRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "destination", "kind", "status", "records_received", "records_sent", "created_at"]
    list_filter = ["status", "kind", "destination"]
    list_select_related = ["destination"]
    date_hierarchy = "created_at"


@admin.register(ExportFailedRow)
class ExportFailedRowAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "destination", "object_name", "crm_id", "status", "reason", "created_at"]
    list_filter = ["status", "destination"]
    list_select_related = ["destination"]
    search_fields = ["crm_id"]
    exclude = ["record"]  # the CRM record as read: personal data, shown on the hub's failed-rows page only


@admin.register(ReconciliationRun)
class ReconciliationRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "destination", "ok", "differences", "created_at"]
    list_filter = ["ok", "destination"]
    list_select_related = ["destination"]


@admin.register(SuppressionDelivery)
class SuppressionDeliveryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["destination", "object_name", "crm_id", "withdrawn_at", "delivered_at", "lag_seconds"]
    list_filter = ["destination"]
    list_select_related = ["destination"]
    search_fields = ["crm_id"]


@admin.register(RecordConsentState)
class RecordConsentStateAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["destination", "object_name", "crm_id", "allowed", "changed_at", "delivered_at"]
    list_filter = ["allowed", "destination"]
    list_select_related = ["destination"]
    search_fields = ["crm_id"]


@admin.register(StageSeen)
class StageSeenAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["destination", "object_name", "crm_id", "stage"]
    list_filter = ["destination"]
    search_fields = ["crm_id"]


@admin.register(ExportPage)
class ExportPageAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "connection", "object_name", "sync_run", "created_at"]
    exclude = ["records"]


@admin.register(ExportBatch)
class ExportBatchAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["id", "destination", "page", "created_at"]
    list_select_related = ["destination"]
