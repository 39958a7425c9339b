from django.urls import path

from monitoring_app.api import views

urlpatterns = [
    path("monitoring/metrics/", views.MetricPointListView.as_view(), name="api-monitoring-metrics"),
    path("monitoring/metrics/current/", views.CurrentMetricsView.as_view(), name="api-monitoring-current"),
    path("monitoring/alerts/", views.AlertListView.as_view(), name="api-monitoring-alerts"),
    path("monitoring/alerts/<int:pk>/", views.AlertDetailView.as_view(), name="api-monitoring-alert"),
    path(
        "monitoring/alerts/<int:pk>/acknowledge/",
        views.AlertAcknowledgeView.as_view(),
        name="api-monitoring-alert-acknowledge",
    ),
    path("monitoring/alert-rules/", views.AlertRuleListView.as_view(), name="api-monitoring-rules"),
    path("monitoring/alert-rules/<int:pk>/", views.AlertRuleDetailView.as_view(), name="api-monitoring-rule"),
]
