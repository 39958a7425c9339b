from rest_framework.routers import SimpleRouter

from identity_app.api import views

router = SimpleRouter()
router.register("review-items", views.ReviewItemViewSet, basename="review-item")
router.register("identity-links", views.IdentityLinkViewSet, basename="identity-link")
router.register("validation-runs", views.ValidationRunViewSet, basename="validation-run")
router.register("mirror-records", views.MirrorRecordViewSet, basename="mirror-record")

urlpatterns = router.urls
