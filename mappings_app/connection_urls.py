from django.urls import path

from mappings_app import connection_views as views

app_name = "connections"

urlpatterns = [
    path("", views.connection_list, name="list"),
    path("new/", views.wizard_provider, name="new"),
    path("oauth/callback/", views.oauth_callback, name="oauth-callback"),
    path("<int:pk>/sign-in/", views.wizard_auth, name="auth"),
    path("<int:pk>/test/", views.wizard_test, name="test"),
    path("<int:pk>/discover/", views.wizard_discover, name="discover"),
    path("<int:pk>/activate/", views.wizard_activate, name="activate"),
]
