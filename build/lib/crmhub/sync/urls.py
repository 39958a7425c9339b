from django.urls import path

from crmhub.sync import views

app_name = "sync"

urlpatterns = [
    path("", views.run_list, name="run-list"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("objects/<int:pk>/run-now/", views.run_now, name="run-now"),
    path("events/", views.event_list, name="event-list"),
    path("triggers/", views.execution_list, name="execution-list"),
    path("rules/", views.rule_list, name="rule-list"),
    path("rules/new/", views.rule_create, name="rule-create"),
    path("rules/<int:pk>/edit/", views.rule_edit, name="rule-edit"),
    path("rules/<int:pk>/enabled/", views.rule_set_enabled, name="rule-set-enabled"),
    path("rules/<int:pk>/delete/", views.rule_delete, name="rule-delete"),
    path("rules/<int:pk>/test/", views.rule_test, name="rule-test"),
    path("webhooks/", views.endpoint_list, name="endpoint-list"),
    path("webhooks/<int:connection_pk>/", views.endpoint_edit, name="endpoint-edit"),
]
