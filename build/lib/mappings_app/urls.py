from django.urls import path

from mappings_app import views

app_name = "mappings"

urlpatterns = [
    path("", views.field_list, name="field-list"),
    path("fields/<int:pk>/", views.field_detail, name="field-detail"),
    path("fields/<int:pk>/propose/<str:kind>/", views.field_propose, name="field-propose"),
    path("mappings/", views.mapping_list, name="mapping-list"),
    path("mappings/<int:pk>/", views.mapping_detail, name="mapping-detail"),
    path("mappings/<int:pk>/propose-delete/", views.mapping_propose_delete, name="mapping-propose-delete"),
    path("changes/", views.change_list, name="change-list"),
    path("changes/new/", views.change_create, name="change-create"),
    path("changes/<int:pk>/", views.change_detail, name="change-detail"),
    path("changes/<int:pk>/<str:action>/", views.change_action, name="change-action"),
    path("versions/", views.version_list, name="version-list"),
    path("versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("versions/<int:pk>/restore/", views.version_restore, name="version-restore"),
    path("connections/<int:pk>/catalog.yaml", views.catalog_export, name="catalog-export"),
    path("connections/<int:pk>/import/", views.catalog_import, name="catalog-import"),
]
