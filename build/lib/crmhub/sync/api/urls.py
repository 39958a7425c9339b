from django.urls import path

from crmhub.sync.api import views

urlpatterns = [
    path("sync-runs/", views.SyncRunListView.as_view(), name="api-sync-runs"),
    path("sync-runs/<int:pk>/", views.SyncRunDetailView.as_view(), name="api-sync-run"),
    path("webhook-events/", views.WebhookEventListView.as_view(), name="api-webhook-events"),
    path("trigger-executions/", views.TriggerExecutionListView.as_view(), name="api-trigger-executions"),
]
