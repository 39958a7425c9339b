"""Mounted at /webhooks/ (no login: each provider authenticates its own deliveries)."""

from django.urls import path

from crmhub.sync import views

urlpatterns = [
    path("hubspot/<str:token>/", views.hubspot_webhook, name="webhook-hubspot"),
    path("pipedrive/<str:token>/", views.pipedrive_webhook, name="webhook-pipedrive"),
    path("salesforce/<str:token>/", views.salesforce_cdc_webhook, name="webhook-salesforce"),
    path(
        "salesforce/<str:token>/outbound/",
        views.salesforce_outbound_webhook,
        name="webhook-salesforce-outbound",
    ),
]
