"""Mounted at /webhooks/ (no login: each provider authenticates its own deliveries)."""

from django.urls import path

from crmhub.sync import views

urlpatterns = [
    path("hubspot/<str:token>/", views.crm_webhook, {"provider": "hubspot"}, name="webhook-hubspot"),
    path("pipedrive/<str:token>/", views.crm_webhook, {"provider": "pipedrive"}, name="webhook-pipedrive"),
    path("salesforce/<str:token>/", views.crm_webhook, {"provider": "salesforce"}, name="webhook-salesforce"),
    path(
        "salesforce/<str:token>/outbound/",
        views.salesforce_outbound_webhook,
        name="webhook-salesforce-outbound",
    ),
]
