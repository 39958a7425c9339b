from django.urls import path

from crmhub.sync import views

app_name = "sync"

urlpatterns = [
    path("", views.run_list, name="run-list"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("events/", views.event_list, name="event-list"),
    path("triggers/", views.execution_list, name="execution-list"),
]
