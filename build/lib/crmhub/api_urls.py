from django.urls import include, path

urlpatterns = [
    path("", include("mappings_app.api.urls")),
    path("", include("identity_app.api.urls")),
    path("", include("crmhub.writeback.api.urls")),
    path("", include("crmhub.sync.api.urls")),
    path("", include("monitoring_app.api.urls")),
    path("", include("crmhub.exports.api.urls")),
]
