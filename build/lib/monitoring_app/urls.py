from django.urls import path

from monitoring_app import views

app_name = "monitoring"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("flows/<int:pk>/", views.flow_detail, name="flow"),
    path("flows/<int:pk>/baseline/", views.baseline_set, name="baseline-set"),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert-acknowledge"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/<int:pk>/", views.rule_edit, name="rule-edit"),
    path("rules/override/", views.rule_override, name="rule-override"),
    path("runbooks/", views.runbook_list, name="runbooks"),
    path("runbooks/<str:kind>/", views.runbook, name="runbook"),
    path("report/", views.weekly_report, name="report"),
]
