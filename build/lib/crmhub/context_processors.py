from django.apps import apps
from django.conf import settings


def navigation(request):
    """Top navigation entries the current user may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("home", "Overview", None)]
    candidates = [
        ("mappings:field-list", "Catalog", "mappings_app.view_crmfield"),
        ("mappings:mapping-list", "Mappings", "mappings_app.view_fieldmapping"),
        ("mappings:change-list", "Change requests", "mappings_app.view_changerequest"),
        ("mappings:version-list", "Versions", "mappings_app.view_catalogversion"),
        ("identity:queue", "Review queue", "identity_app.view_reviewitem"),
        ("sync:run-list", "Sync", "sync.view_syncrun"),
        ("writeback:records", "Write-back", "writeback.view_inboundrecord"),
        ("exports:destination-list", "Exports", "exports.view_destination"),
        ("monitoring:overview", "Monitoring", "monitoring_app.view_metricpoint"),
    ]
    if settings.DEBUG and apps.is_installed("crm_sandbox.demo"):
        candidates.append(("demo:faults", "Break something", "crmhub.change_crmconnection"))
    items += [entry for entry in candidates if user.has_perm(entry[2])]
    return {"nav_items": items}
