from django.apps import apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from crmhub import views
from crmhub.forms import HubLoginForm

admin.site.login_form = HubLoginForm
admin.site.site_header = "CRM Hub administration"
admin.site.site_title = "CRM Hub"

urlpatterns = [
    path("", include("monitoring_app.home_urls")),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", views.api_tokens, name="api-tokens"),
    path("accounts/tokens/<str:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("catalog/", include("mappings_app.urls")),
    path("review/", include("identity_app.urls")),
    path("sync/", include("crmhub.sync.urls")),
    path("webhooks/", include("crmhub.sync.webhook_urls")),
    path("writeback/", include("crmhub.writeback.urls")),
    path("exports/", include("crmhub.exports.urls")),
    path("monitoring/", include("monitoring_app.urls")),
    path("admin/", admin.site.urls),
    path("django-rq/", include("django_rq.urls")),
    path("api/v1/", include("crmhub.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
# Demo mode only: the CRM sandbox's "break something" panel (its app is installed only with DEBUG or in tests).
if apps.is_installed("crm_sandbox.demo"):
    urlpatterns.append(path("demo/", include("crm_sandbox.demo.urls")))
