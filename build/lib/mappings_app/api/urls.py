from rest_framework.routers import SimpleRouter

from mappings_app.api import views

router = SimpleRouter()
router.register("connections", views.ConnectionViewSet, basename="connection")
router.register("objects", views.CrmObjectViewSet, basename="crm-object")
router.register("fields", views.CrmFieldViewSet, basename="crm-field")
router.register("ownership", views.FieldOwnershipViewSet, basename="field-ownership")
router.register("mappings", views.FieldMappingViewSet, basename="field-mapping")
router.register("change-requests", views.ChangeRequestViewSet, basename="change-request")
router.register("catalog-versions", views.CatalogVersionViewSet, basename="catalog-version")

urlpatterns = router.urls
