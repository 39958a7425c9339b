from django.urls import path

from crmhub.exports import views

app_name = "exports"

urlpatterns = [
    path("", views.destination_list, name="destination-list"),
    path("new/", views.destination_edit, name="destination-create"),
    path("<int:pk>/", views.destination_detail, name="destination-detail"),
    path("<int:pk>/edit/", views.destination_edit, name="destination-edit"),
    path("<int:pk>/test/", views.destination_test, name="destination-test"),
    path("<int:pk>/run/", views.destination_run, name="destination-run"),
    path("<int:pk>/backfill/", views.destination_backfill, name="destination-backfill"),
    path("<int:pk>/reconcile/", views.destination_reconcile, name="destination-reconcile"),
    path("<int:pk>/failed-rows.csv", views.failed_rows_csv, name="failed-rows-csv"),
    path("<int:pk>/failed-rows/replay/", views.failed_rows_replay, name="failed-rows-replay"),
    path("<int:pk>/lineage/", views.record_lineage, name="record-lineage"),
    path("runs/", views.run_list, name="run-list"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
]
