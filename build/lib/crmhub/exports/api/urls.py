from rest_framework.routers import SimpleRouter

from crmhub.exports.api import views

router = SimpleRouter()
router.register("destinations", views.DestinationViewSet, basename="destination")
router.register("export-runs", views.ExportRunViewSet, basename="export-run")

urlpatterns = router.urls
