from django.urls import path

from identity_app import views

app_name = "identity"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk/", views.queue_bulk, name="bulk"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/<str:action>/", views.item_action, name="item-action"),
    path("validation-runs/", views.validation_run_list, name="validation-runs"),
    path("validation-runs/new/", views.validation_run_create, name="validation-run-create"),
    path("validation-runs/<int:pk>/", views.validation_run_detail, name="validation-run"),
    path("links/", views.identity_link_list, name="links"),
]
